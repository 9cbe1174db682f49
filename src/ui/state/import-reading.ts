/**
 * Reading a file chosen with "Import annotations" into ImportedAnnotations, whatever its
 * format: Framewise's own JSON (any version), CVAT for video 1.1 XML, or MOT 1.1 (our zip of
 * gt/gt.txt + gt/labels.txt, or a gt.txt alone). Nothing is written here; a file that cannot
 * be read gives its problems in plain words instead.
 */
import type { Evidence } from '../../core/annotations/model';
import { uprightSize } from '../../core/annotations/shapes';
import { importCvatXml } from '../../core/exports/cvat-xml-import';
import { parseAnnotationsExport, type ImportedNative } from '../../core/exports/annotations-import';
import { IMPORT_LIMITS, type ImportedAnnotations } from '../../core/exports/imported-annotations';
import { importMot, MOT_GT_PATH, MOT_LABELS_PATH } from '../../core/exports/mot';
import { isZip, ZipReadError } from '../../core/exports/zip-read';
import { unzipInWorker } from './unzip-in-worker';

export type ReadImport =
  | {
      readonly ok: true;
      readonly imported: ImportedAnnotations;
      readonly native: ImportedNative | null;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** The largest file read (a native export of a long clip is the largest kind). */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

const refuse = (...problems: string[]): ReadImport => ({ ok: false, problems });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Reads and checks a file against the open video; never throws. */
export async function readImport(file: File, evidence: Evidence): Promise<ReadImport> {
  if (file.size > MAX_IMPORT_BYTES) {
    return refuse(
      `The file is too large to import (${file.size} bytes; at most ${MAX_IMPORT_BYTES}).`,
    );
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (isZip(bytes)) return await fromMotZip(bytes, evidence);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    const start = text.trimStart()[0];
    if (start === '{' || start === '[') return await fromNative(text, evidence);
    if (start === '<') return checked(importCvatXml(text), evidence);
    if (start === undefined) return refuse('The file is empty.');
    return checked(
      importMot({ gt: text, labels: null, frameCount: evidence.frameCount }),
      evidence,
    );
  } catch (error) {
    if (error instanceof TypeError && /decode|encoded/i.test(error.message)) {
      return refuse('The file is not text (UTF-8) nor a MOT zip, so it cannot be imported.');
    }
    return refuse(messageOf(error));
  }
}

async function fromNative(text: string, evidence: Evidence): Promise<ReadImport> {
  const parsed = await parseAnnotationsExport(text);
  if (!parsed.ok) return refuse(...parsed.problems);
  const native = parsed.document;
  if (native.evidenceSha256 !== evidence.sha256) {
    return refuse(
      `These annotations were made on another video: the file names SHA-256 ${native.evidenceSha256}, the open video has ${evidence.sha256}. Nothing was imported; open the right video first.`,
    );
  }
  const result = checked(native, evidence);
  return result.ok ? { ...result, native } : result;
}

/**
 * MOT as CVAT and Framewise export it: a zip holding gt/gt.txt and gt/labels.txt. Only those
 * two are inflated, in a worker, each stopped at its stated size or the text limit (a zip's
 * headers can lie about sizes).
 */
async function fromMotZip(bytes: Uint8Array, evidence: Evidence): Promise<ReadImport> {
  let files: Map<string, Uint8Array>;
  try {
    files = await unzipInWorker(bytes, {
      only: [MOT_GT_PATH, MOT_LABELS_PATH],
      maxEntries: 10_000,
      maxEntryBytes: IMPORT_LIMITS.maxTextLength,
      maxTotalBytes: IMPORT_LIMITS.maxTextLength,
    });
  } catch (error) {
    if (!(error instanceof ZipReadError)) throw error;
    return refuse(
      `The zip cannot be imported: ${error.message}. It is damaged or was made to mislead; nothing was imported.`,
    );
  }
  const gt = files.get(MOT_GT_PATH);
  if (!gt) return refuse(`The zip has no ${MOT_GT_PATH}, so it is not a MOT 1.1 export.`);
  const text = (data: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(data);
  const labels = files.get(MOT_LABELS_PATH);
  const imported = importMot({
    gt: text(gt),
    labels: labels ? text(labels) : null,
    frameCount: evidence.frameCount,
  });
  return checked(imported, evidence);
}

/** Refuses annotations made on a frame of another size or past the open video's end. */
function checked(imported: ImportedAnnotations, evidence: Evidence): ReadImport {
  const { width, height } = uprightSize(evidence);
  const { source } = imported;
  if (source.width !== null && source.height !== null) {
    if (source.width !== width || source.height !== height) {
      return refuse(
        `The file's annotations are on ${source.width}×${source.height} frames; the open video's frames are ${width}×${height}. Nothing was imported: the coordinates would not match.`,
      );
    }
  }
  const last = evidence.frameCount - 1;
  const beyond = [
    ...imported.tracks.flatMap((t) => t.keyframes.map((k) => k.frame)),
    ...(imported.events ?? []).map((e) => e.endFrame),
    ...(imported.notes ?? []).map((n) => n.frame),
  ].find((frame) => frame > last);
  if (beyond !== undefined) {
    return refuse(
      `The file refers to frame ${beyond}, but the open video's last frame is ${last}. Nothing was imported.`,
    );
  }
  return { ok: true, imported, native: null };
}
