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
import type { AnnotationsExport, Decoder } from '../../core/exports/export-json-format';
import { zipSync } from 'fflate';
import { labelOf, trackTitle } from '../../core/annotations/tracks';
import type { AnnotationSet, Evidence, Track } from '../../core/annotations/model';
import type { AnnotationDocument } from '../../core/annotations/history';
import type { SeveralVideosInput } from '../../core/exports/export-sync';
import { buildMeasuredTrackCsv } from '../../core/exports/measured-track-csv';
import { MeasurementError } from '../../core/measure/compute-measurement';
import { isMeasuredKeyframe } from '../../core/measure/ground-point';
import { frameMd5s, type FrameDigest } from '../../media/frame-md5';
import { measureRequestOf, openCalibration } from './measure-sources';
import { MeasureWorker } from './measure-in-worker';
import type { MeasureRequest } from './measure-protocol';
import type { MeasurementId } from '../../core/ids';
import type { PrecomputedMeasurement } from '../../core/exports/export-measurements';
import type { VideoSource } from '../../media/video-source';
import { deliver, runExport, type ExportedFile } from './format-exports';
import { severalVideosOf } from './several-videos';
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
  const data = await shownSetExport(ws);
  if (!data || !ws.evidence) return null;
  const name = exportFileName(ws.evidence.fileName, 'framewise.json');
  return { name, bytes: annotationsJsonBytes(data), type: 'application/json' };
}

/** The set on screen's native export (also the body of a trainee's submission). */
export async function shownSetExport(ws: Workspace): Promise<AnnotationsExport | null> {
  await ws.writer.settled();
  const { evidence, caseRecord, annotationSet, source } = ws;
  const document = ws.document;
  if (!evidence || !caseRecord || !annotationSet || !source) return null;
  return setAnnotationsExport(
    ws,
    {
      evidence,
      annotationSet,
      document,
      source,
      decoder: decoderOf(source),
      framePts: (frame) => ws.ptsOf(frame),
      measureRequest: document.measurements.size > 0 ? measureRequestOf(ws) : null,
    },
    await severalVideosOf(ws),
    'Exporting: decoding the frames referred to',
  );
}

/** An export as the file's bytes (indented, a newline at the end). */
export const annotationsJsonBytes = (data: AnnotationsExport): Uint8Array =>
  new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`);

/**
 * What one annotation set's native JSON is made from: the set on screen's (annotationsJsonFile),
 * or another set's read from storage (other-set-exports.ts).
 */
export interface SetExportSource {
  readonly evidence: Evidence;
  readonly annotationSet: AnnotationSet;
  readonly document: AnnotationDocument;
  /** Its video's open file, whose frames are decoded for their MD5s; null when not open. */
  readonly source: VideoSource | null;
  readonly decoder: Decoder;
  /** Each frame's pts (from the frame table when the file is open). */
  readonly framePts: (frame: number) => number | null;
  /** Its measurements to compute in the worker; null when it has none. */
  readonly measureRequest: MeasureRequest | null;
}

/**
 * One set's native JSON export: every frame it refers to decoded for its MD5 when its video's
 * file is open (with progress under `label`), its measurements computed in a worker, the
 * case's audit log as stored.
 */
export async function setAnnotationsExport(
  ws: Workspace,
  from: SetExportSource,
  severalVideos: SeveralVideosInput | null,
  label: string,
): Promise<AnnotationsExport> {
  const caseRecord = ws.caseRecord!;
  const { evidence, annotationSet, document, source } = from;
  const audit = await ws.repository.auditOf(caseRecord.id);
  const frames = referencedFrameIndexes(document);
  ws.progress = { label, fraction: 0 };
  try {
    const md5s: Map<number, FrameDigest> = source
      ? await frameMd5s(source, frames, (fraction) => {
          ws.progress = { label, fraction };
        })
      : new Map();
    const measurementResults = await measurementsInWorker(from.measureRequest);
    return buildAnnotationsExport({
      evidence,
      caseRecord,
      annotationSet,
      document,
      generator: { name: ws.appName, version: ws.appVersion },
      decoder: from.decoder,
      audit,
      now: nowIso(),
      framePts: from.framePts,
      frameMd5: (frame) => md5s.get(frame)?.md5 ?? null,
      frameDecoder: (frame) => md5s.get(frame)?.decoder ?? null,
      measurementResults,
      severalVideos,
    });
  } finally {
    ws.progress = null;
  }
}

/** A set's measurements computed off the main thread, for an export to carry. */
async function measurementsInWorker(
  request: MeasureRequest | null,
): Promise<Map<MeasurementId, PrecomputedMeasurement>> {
  const worker = new MeasureWorker();
  const outcomes = request ? await worker.compute(request) : null;
  return new Map(
    (outcomes ?? []).map((o) => [o.id, o.ok ? { result: o.result } : { problem: o.message }]),
  );
}

export const exportAnnotationsJson = (ws: Workspace) =>
  runExport(ws, 'annotations', async () => {
    const file = await annotationsJsonFile(ws);
    if (file) await deliver(ws, file);
  });

/** Why "Measured track (CSV)" cannot be used now; null when it can. */
export function measuredTrackUnavailable(ws: Workspace): string | null {
  return openCalibration(ws)
    ? null
    : 'Calibrate the scene first: a measured track needs the ground-plane calibration of this video.';
}

/** A file-name part from a label name (letters, digits, "-" and "_" only). */
const namePart = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'object';

/**
 * Export > Measured track (CSV): once the scene is calibrated, every object with a drawn or
 * confirmed position can be put on the ground, so every such object gets its CSV (frame, pts,
 * seconds, image and world position, speed), not only those a measurement names; one CSV
 * when there is one object, else a zip of them. Objects with no position on the ground (text
 * callouts only) are named in a notice, not left out silently.
 */
export function measuredTrackFiles(
  ws: Workspace,
): { file: ExportedFile; tracks: number; left: string[] } | null {
  const calibration = openCalibration(ws);
  const evidence = ws.evidence;
  if (!calibration || !evidence) return null;
  const { labels } = ws.document;
  const tracks = [...ws.document.tracks.values()]
    .filter((t) => t.keyframes.some(isMeasuredKeyframe))
    .sort((a, b) => a.number - b.number);
  const csvs: { name: string; text: string }[] = [];
  const left: string[] = [];
  const nameOf = (t: Track) =>
    `measured-track-${t.number}-${namePart(labelOf(labels, t)?.name ?? 'unlabelled')}.csv`;
  for (const track of tracks) {
    try {
      const text = buildMeasuredTrackCsv({
        track,
        calibration,
        evidence,
        framePts: (frame) => ws.ptsOf(frame),
      });
      csvs.push({ name: nameOf(track), text });
    } catch (error) {
      // An object with no ground point (a text callout) has no row; a calibration that
      // cannot be fitted stops the whole export.
      if (!(error instanceof MeasurementError) || /calibration/.test(error.message)) throw error;
      left.push(trackTitle(labels, track));
    }
  }
  if (csvs.length === 0) {
    throw new MeasurementError(
      'No object has a drawn position on the ground: draw or confirm the objects to measure first.',
    );
  }
  const encode = (text: string) => new TextEncoder().encode(text);
  const file: ExportedFile =
    csvs.length === 1
      ? {
          name: exportFileName(evidence.fileName, csvs[0]!.name),
          bytes: encode(csvs[0]!.text),
          type: 'text/csv',
        }
      : {
          name: exportFileName(evidence.fileName, 'measured-tracks.zip'),
          bytes: zipSync(Object.fromEntries(csvs.map((c) => [c.name, encode(c.text)]))),
          type: 'application/zip',
        };
  return { file, tracks: csvs.length, left };
}

export const exportMeasuredTracks = (ws: Workspace) =>
  runExport(ws, 'measured track', async () => {
    const why = measuredTrackUnavailable(ws);
    if (why) {
      ws.alert = why;
      return;
    }
    const made = measuredTrackFiles(ws);
    if (!made) return;
    await deliver(ws, made.file);
    const left =
      made.left.length > 0
        ? ` Not listed (no position on the ground): ${made.left.join(', ')}.`
        : '';
    ws.notice = `Measured ${made.tracks === 1 ? 'track' : 'tracks'} saved as ${made.file.name} (${made.tracks} ${made.tracks === 1 ? 'object' : 'objects'}).${left}`;
  });
