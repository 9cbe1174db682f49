/**
 * The native JSON export of the set on screen, as a function of the Workspace. What it says
 * is taken from storage once every edit is written (the audit log as stored), and every
 * frame it refers to is decoded for its MD5, with progress on screen.
 */
import { nowIso } from '../../core/time/clock';
import {
  buildAnnotationsExport,
  exportFileName,
  referencedFrameIndexes,
} from '../../core/exports/export-json';
import type { Decoder } from '../../core/exports/export-json-format';
import { frameMd5s } from '../../media/frame-md5';
import type { VideoSource } from '../../media/video-source';
import { deliver, runExport, type ExportedFile } from './format-exports';
import type { Workspace } from './workspace.svelte';

/** The decoder every frame was decoded with, as exports and reports name it. */
export function decoderOf(source: VideoSource): Decoder {
  return {
    name: `FFmpeg ${source.decoderVersion} (ffmpeg.wasm core ${__FFMPEG_CORE_VERSION__}, single-thread, in the browser)`,
    version: source.decoderVersion,
  };
}

/** The set on screen as Framewise's own JSON (format framewise.annotations, version 3). */
export async function annotationsJsonFile(ws: Workspace): Promise<ExportedFile | null> {
  await ws.writer.settled();
  const { evidence, caseRecord, annotationSet, source } = ws;
  const document = ws.document;
  if (!evidence || !caseRecord || !annotationSet || !source) return null;
  const audit = await ws.repository.auditOf(caseRecord.id);
  const frames = referencedFrameIndexes(document);
  ws.progress = { label: 'Exporting: decoding the frames referred to', fraction: 0 };
  try {
    const md5s = await frameMd5s(source, frames, (fraction) => {
      ws.progress = { label: 'Exporting: decoding the frames referred to', fraction };
    });
    const data = buildAnnotationsExport({
      evidence,
      caseRecord,
      annotationSet,
      document,
      generator: { name: ws.appName, version: ws.appVersion },
      decoder: decoderOf(source),
      audit,
      now: nowIso(),
      framePts: (frame) => ws.ptsOf(frame),
      frameMd5: (frame) => md5s.get(frame) ?? null,
    });
    const name = exportFileName(evidence.fileName, 'framewise.json');
    const bytes = new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`);
    return { name, bytes, type: 'application/json' };
  } finally {
    ws.progress = null;
  }
}

export const exportAnnotationsJson = (ws: Workspace) =>
  runExport(ws, 'annotations', async () => {
    const file = await annotationsJsonFile(ws);
    if (file) await deliver(ws, file);
  });
