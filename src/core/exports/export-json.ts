import { headHash, type AuditEntry } from '../evidence/audit';
import type {
  AnnotationsExport,
  Decoder,
  ExportedFrame,
  FrameDecoderName,
  ExportedFrameRef,
  ExportedPosition,
  Generator,
} from './export-json-format';
import { ANNOTATIONS_FORMAT, ANNOTATIONS_VERSION } from './export-json-format';
import { frameIndex, type MeasurementId, type Pts } from '../ids';
import type { AnnotationDocument } from '../annotations/history';
import { positionAt } from '../annotations/interpolation';
import type {
  AnnotationSet,
  AttributeSpec,
  AttributeValue,
  AttributeValues,
  Case,
  Evidence,
  Keyframe,
  Label,
  Track,
} from '../annotations/model';
import { formatTimeBase, ptsToSeconds, type TimeBase } from '../time/time-base';
import { readValue } from '../annotations/labels';
import { labelOf } from '../annotations/tracks';
import {
  exportedCalibration,
  exportedMeasurements,
  type PrecomputedMeasurement,
} from './export-measurements';
import { exportedSync, exportedVideos, type SeveralVideosInput } from './export-sync';
import { clockOfSetVideo } from '../annotations/case-video-roles';

export interface AnnotationsExportInput {
  readonly evidence: Evidence;
  readonly caseRecord: Case;
  /** The set exported: the document holds its tracks, events and notes. */
  readonly annotationSet: AnnotationSet;
  readonly document: AnnotationDocument;
  readonly generator: Generator;
  readonly decoder: Decoder;
  /** The case's audit log, every entry. */
  readonly audit: readonly AuditEntry[];
  readonly now: string;
  /** The pts ffprobe reports for a frame (null where none), from the frame table. */
  readonly framePts: (frame: number) => number | null;
  /** Measurements already computed (in a worker); the others are computed here. */
  readonly measurementResults?: ReadonlyMap<MeasurementId, PrecomputedMeasurement>;
  /** MD5 of a decoded frame, null where not known (then a keyframe's stored MD5 is used). */
  readonly frameMd5: (frame: number) => string | null;
  /** The decoder of that MD5 (see ExportedFrame.decoder). */
  readonly frameDecoder?: (frame: number) => FrameDecoderName | null;
  /**
   * A case of several videos: every video and the sync, written as `videos` and `sync`.
   * Absent (or one video): the file holds neither, exactly as before cases held several.
   */
  readonly severalVideos?: SeveralVideosInput | null;
}

const frameRef = (frame: number, pts: number | null, timeBase: TimeBase): ExportedFrameRef => ({
  frame,
  pts,
  seconds: pts === null ? null : ptsToSeconds(pts as Pts, timeBase),
});

/**
 * Attribute values of one scope keyed by the attribute's name (ids mean nothing outside
 * Framewise), read as the screen shows them: a value that no longer fits its attribute (an
 * option removed, a type changed) or was never set gives the default.
 */
function namedAttributes(
  label: Label | undefined,
  scope: AttributeSpec['scope'],
  values: AttributeValues,
): Record<string, AttributeValue> {
  const named: Record<string, AttributeValue> = {};
  for (const spec of label?.attributes ?? []) {
    if (spec.scope === scope) named[spec.name] = readValue(spec, values[spec.id]);
  }
  return named;
}
/**
 * The native JSON export of one annotation set: evidence facts, then every track, event and
 * note with frame, pts and seconds, the frames they refer to, and the case's audit log.
 * Deterministic: the same input gives the same text (lists in a fixed order).
 */
export function buildAnnotationsExport(input: AnnotationsExportInput): AnnotationsExport {
  const { evidence, caseRecord, annotationSet: set, document } = input;
  const labels = document.labels;
  const timeBase = evidence.timeBase;
  const tracks = [...document.tracks.values()].sort((a, b) => a.number - b.number);
  const labelName = (id: string | null) => labels.find((l) => l.id === id)?.name ?? null;
  const audit = [...input.audit].sort((a, b) => a.seq - b.seq);
  return {
    format: ANNOTATIONS_FORMAT,
    version: ANNOTATIONS_VERSION,
    generator: { name: input.generator.name, version: input.generator.version },
    exportedAt: input.now,
    evidence: {
      fileName: evidence.fileName,
      size: evidence.size,
      sha256: evidence.sha256,
      codec: evidence.codec,
      width: evidence.width,
      height: evidence.height,
      rotation: evidence.rotation,
      pixelFormat: evidence.pixelFormat,
      timeBase: formatTimeBase(timeBase),
      startPts: evidence.startPts,
      startSeconds: evidence.startPts === null ? null : ptsToSeconds(evidence.startPts, timeBase),
      frameCount: evidence.frameCount,
      decoder: { name: input.decoder.name, version: input.decoder.version },
      acquisition: { ...evidence.acquisition },
    },
    case: {
      id: caseRecord.id,
      name: caseRecord.name,
      referenceNumber: caseRecord.referenceNumber,
      clock: clockOfSetVideo(caseRecord, evidence.sha256),
    },
    ...severalVideosBlocks(input.severalVideos),
    annotationSet: {
      id: set.id,
      name: set.name,
      annotator: set.annotator,
      status: set.status,
      createdAt: set.createdAt,
      modifiedAt: set.modifiedAt,
    },
    labels,
    tracks: tracks.map((track) => {
      const label = labelOf(labels, track);
      return {
        id: track.id,
        number: track.number,
        label: label?.name ?? '',
        attributes: namedAttributes(label, 'track', track.attributes),
        keyframes: track.keyframes.map((k) => ({
          ...frameRef(k.frame, k.pts, timeBase),
          frameMd5: k.frameMd5,
          source: k.origin,
          ...trackingFields(k, true),
          outside: k.outside,
          occluded: k.occluded,
          shape: k.shape,
          attributes: namedAttributes(label, 'frame', k.attributes),
        })),
        positions: trackPositions(track, timeBase, input.framePts),
        heldAfterLastKeyframe: heldSpan(track, evidence.frameCount - 1),
      };
    }),
    events: [...document.events.values()]
      .sort(
        (a, b) =>
          a.startFrame - b.startFrame || a.endFrame - b.endFrame || a.id.localeCompare(b.id),
      )
      .map((e) => ({
        id: e.id,
        label: labelName(e.labelId),
        description: e.description,
        start: frameRef(e.startFrame, e.startPts, timeBase),
        end: frameRef(e.endFrame, e.endPts, timeBase),
      })),
    notes: [...document.notes.values()]
      .sort(
        (a, b) =>
          a.frame - b.frame || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      )
      .map((n) => ({
        id: n.id,
        ...frameRef(n.frame, n.pts, timeBase),
        kind: n.kind,
        text: n.text,
      })),
    calibration: exportedCalibration(document, evidence),
    measurements: exportedMeasurements(
      document,
      evidence,
      input.framePts,
      input.measurementResults,
    ),
    frames: referencedFrames(tracks, document, input),
    audit: { entries: audit, headHash: headHash(audit), count: audit.length },
  };
}

/** `videos` and `sync`, only for a case of more than one video. */
function severalVideosBlocks(
  input: SeveralVideosInput | null | undefined,
): Pick<AnnotationsExport, 'videos' | 'sync'> {
  if (!input || input.videos.length < 2) return {};
  return { videos: exportedVideos(input), sync: exportedSync(input) };
}

/**
 * The frames the annotations refer to, once each, ascending. pts comes from the frame table,
 * as the positions' does; the MD5 from the decoder when the frame was decoded for the export,
 * else the one stored on a keyframe when it was drawn (tracks in number order).
 */
function referencedFrames(
  tracks: readonly Track[],
  document: AnnotationDocument,
  input: AnnotationsExportInput,
): ExportedFrame[] {
  const storedMd5 = new Map<number, string | null>();
  for (const track of tracks) {
    for (const k of track.keyframes) {
      if (!storedMd5.get(k.frame)) storedMd5.set(k.frame, k.frameMd5);
    }
  }
  return referencedFrameIndexes(document).map((frame) => {
    const md5 = input.frameMd5(frame);
    const decoder = md5 ? input.frameDecoder?.(frame) : null;
    return {
      ...frameRef(frame, input.framePts(frame), input.evidence.timeBase),
      md5: md5 ?? storedMd5.get(frame) ?? null,
      ...(decoder ? { decoder } : {}),
    };
  });
}

/**
 * The frames a set's annotations refer to (keyframes, event starts and ends, notes), once
 * each, ascending: the frames an export gives with their MD5, so the UI decodes those.
 */
export function referencedFrameIndexes(document: AnnotationDocument): number[] {
  const frames = new Set<number>();
  for (const track of document.tracks.values())
    for (const k of track.keyframes) frames.add(k.frame);
  for (const e of document.events.values()) frames.add(e.startFrame).add(e.endFrame);
  for (const n of document.notes.values()) frames.add(n.frame);
  return [...frames].sort((a, b) => a - b);
}

/**
 * The pts a set's own records hold for each frame they name (keyframes, event starts and ends,
 * notes: each taken from the frame table when it was made), null for any other frame. For
 * exporting a set whose video's file is not open, so has no frame table: its keyframes, events,
 * notes and frames keep their pts, and only positions between keyframes have none.
 */
export function storedFramePts(document: AnnotationDocument): (frame: number) => number | null {
  const stored = new Map<number, number>();
  const keep = (frame: number, p: Pts | null) => {
    if (p !== null && !stored.has(frame)) stored.set(frame, p);
  };
  for (const track of document.tracks.values())
    for (const k of track.keyframes) keep(k.frame, k.pts);
  for (const e of document.events.values()) {
    keep(e.startFrame, e.startPts);
    keep(e.endFrame, e.endPts);
  }
  for (const n of document.notes.values()) keep(n.frame, n.pts);
  return (frame) => stored.get(frame) ?? null;
}

/** A download name beside the video's: "clip.mp4" -> "clip.mp4.framewise.json". */
export function exportFileName(videoFileName: string, suffix: string): string {
  return `${safeNamePart(videoFileName) || 'video'}.${suffix}`;
}

/**
 * User text (a video's or a set's name) as a name every file system and zip reader takes (see
 * evidence-package.ts pathProblem): composed Unicode, no control or reserved characters, not a
 * reserved Windows device name, and short enough for the longest suffix. Empty when nothing is
 * left; something is always added after it, so it may end with a dot or space. The manifest
 * keeps the real name.
 */
export function safeNamePart(text: string): string {
  const cleaned = [...text.normalize('NFC')]
    .map((c) => (c < ' ' || (c >= '\u007f' && c <= '\u009f') || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .replace(/^[ .]+/, '');
  const short =
    cleaned.length > MAX_BASE_NAME ? [...cleaned].slice(0, MAX_BASE_NAME).join('') : cleaned;
  return /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(short) ? `_${short}` : short;
}

/** Characters of the video's name kept in export names (suffixes add up to about 40). */
const MAX_BASE_NAME = 200;

/** The frames after the last keyframe on which the track is held in view, if any. */
function heldSpan(track: Track, lastFrame: number): { fromFrame: number; toFrame: number } | null {
  const last = track.keyframes.at(-1);
  if (!last || last.outside || last.frame >= lastFrame) return null;
  return { fromFrame: last.frame + 1, toFrame: lastFrame };
}

/** A tracked keyframe's facts as the export names them; nothing on other keyframes. */
function trackingFields(k: Keyframe, full: boolean) {
  const t = k.tracking;
  if (k.origin !== 'tracked' || !t) return {};
  return {
    confidence: t.confidence,
    ...(full ? { runId: t.runId, algorithm: t.algorithm } : {}),
    ...(t.confirmedBy !== null ? { confirmedBy: t.confirmedBy } : {}),
    ...(full && t.confirmedAt !== null ? { confirmedAt: t.confirmedAt } : {}),
  };
}

/**
 * Every frame the track is in view, from its first keyframe to its last. (Frame by frame to
 * the clip's end would make a 30-minute clip's export hundreds of megabytes.)
 */
function trackPositions(
  track: Track,
  timeBase: TimeBase,
  framePts: (frame: number) => number | null,
): ExportedPosition[] {
  const first = track.keyframes[0]?.frame;
  const last = track.keyframes.at(-1)?.frame;
  if (first === undefined || last === undefined) return [];
  const positions: ExportedPosition[] = [];
  for (let frame = first; frame <= last; frame++) {
    const position = positionAt(track, frameIndex(frame));
    if (!position) continue;
    positions.push({
      ...frameRef(frame, framePts(frame), timeBase),
      source: position.source,
      ...(position.source === 'tracked' ? trackingFields(position.keyframe, false) : {}),
      occluded: position.occluded,
      shape: position.shape,
    });
  }
  return positions;
}
