/**
 * Both evidence packages hold every annotation set of the case (issue 15): beside the exports
 * of the set on screen, each other set's native JSON export (of any video of the case, other
 * sets of the lead's video included), built by the same builder from its stored records, at
 * the path core/exports/package-sets.ts gives it, and named in manifest.json.
 *
 * A set whose video's file is open (the lead's, or another view's) is exported as the set on
 * screen is: every frame it refers to decoded for its MD5, each frame's pts from the frame
 * table. One whose file is not open (a reopened case whose other file was not chosen again)
 * has no frame table and no decoder. What then differs, and its JSON's decoder says so:
 * - each keyframe, event end and note keeps the pts stored when it was made (taken from the
 *   frame table then), and so do the frames listed; positions between keyframes have none;
 * - frame MD5s are those stored on keyframes when they were drawn (no `decoder` on a frame,
 *   as the format has it for such MD5s); event and note frames that are no keyframe have none;
 * - measurements are timed by their keyframes' own pts (as compute-measurement.ts does
 *   without a frame table).
 */
import { videosOf } from '../../core/annotations/case-videos';
import { buildDocument } from '../../core/annotations/history';
import type { Evidence } from '../../core/annotations/model';
import type { PackageFile, PackageOtherSet } from '../../core/exports/evidence-package';
import { storedFramePts } from '../../core/exports/export-json';
import type { Decoder } from '../../core/exports/export-json-format';
import type { SeveralVideosInput } from '../../core/exports/export-sync';
import { otherSetPaths } from '../../core/exports/package-sets';
import type { VideoSource } from '../../media/video-source';
import { annotationsJsonBytes, decoderOf, setAnnotationsExport } from './export-actions';
import { measurementsOf, setMeasureRequest } from './measure-sources';
import type { Workspace } from './workspace.svelte';

/** Another set's JSON for a package: the file, its manifest entry, and whether it was decoded. */
export interface OtherSetFile {
  readonly file: PackageFile;
  readonly entry: PackageOtherSet;
  /** Its video's file was open, so its frames were decoded for this export. */
  readonly decoded: boolean;
}

/**
 * The decoder named in the JSON of a set whose video's file was not open: none, and why, with
 * the program this app decodes with (its version as the version).
 */
export function notDecodedDecoder(app: Decoder, fileName: string): Decoder {
  return {
    name: `None: ${fileName} was not open when this was exported, so no frame of it was decoded; each frame's pts and MD5 are those stored when it was annotated, and positions between keyframes have no pts. This app decodes with ${app.name}.`,
    version: app.version,
  };
}

/** Each annotation set of the case but the one on screen, as its native JSON. */
export async function otherSetFiles(
  ws: Workspace,
  several: SeveralVideosInput | null,
): Promise<OtherSetFile[]> {
  const { caseRecord, evidence: lead, source: leadSource } = ws;
  if (!caseRecord || !lead || !leadSource) return [];
  await ws.writer.settled();
  const sets = await ws.repository.setsOf(caseRecord.id);
  const placed = otherSetPaths(videosOf(caseRecord), sets, ws.annotationSet?.id ?? null);
  const files: OtherSetFile[] = [];
  for (const { set, path } of placed) {
    const sha256 = set.evidenceSha256;
    const evidence = await evidenceOf(ws, sha256, several);
    const records = await ws.repository.recordsOf(set.id);
    // The case's labels and sync, as the set on screen's export has them.
    const document = buildDocument({
      ...records,
      labels: ws.document.labels,
      sync: ws.document.sync,
    });
    const source: VideoSource | null =
      sha256 === lead.sha256 ? leadSource : ws.videos.sourceOf(sha256);
    const table = source?.table.frames.map((f) => f.reportedPts) ?? null;
    const measurements = measurementsOf(document);
    const data = await setAnnotationsExport(
      ws,
      {
        evidence,
        annotationSet: set,
        document,
        source,
        decoder: source
          ? decoderOf(source)
          : notDecodedDecoder(decoderOf(leadSource), evidence.fileName),
        framePts: table ? (frame) => table[frame] ?? null : storedFramePts(document),
        measureRequest:
          measurements.length > 0
            ? setMeasureRequest(document, evidence, table, measurements)
            : null,
      },
      several,
      `Evidence package: decoding the frames of “${set.name}” (${evidence.fileName})`,
    );
    files.push({
      file: {
        path,
        bytes: annotationsJsonBytes(data),
        description: `Framewise annotations (JSON) of the set “${set.name}” of ${evidence.fileName}${source ? '' : ' (its file was not open: pts and MD5s as stored when annotated)'}`,
      },
      entry: {
        id: set.id,
        name: set.name,
        annotator: set.annotator,
        status: set.status,
        path,
        videoSha256: sha256,
        videoFileName: evidence.fileName,
      },
      decoded: source !== null,
    });
  }
  return files;
}

/** A video's stored facts; never a package that quietly leaves one of its sets out. */
async function evidenceOf(
  ws: Workspace,
  sha256: Evidence['sha256'],
  several: SeveralVideosInput | null,
): Promise<Evidence> {
  const evidence =
    (sha256 === ws.evidence?.sha256 ? ws.evidence : null) ??
    several?.videos.find((v) => v.ref.sha256 === sha256)?.evidence ??
    ws.videos.entries.find((e) => e.sha256 === sha256)?.evidence ??
    (await ws.repository.evidence(sha256));
  if (!evidence) {
    throw new Error(
      `the facts of the video (SHA-256 ${sha256}) an annotation set of this case annotates are not stored in this browser`,
    );
  }
  return evidence;
}
