import { frameIndex, type Pts } from './ids';
import { positionAt } from './interpolation';
import type { Case, Evidence, Keyframe, Shape, Track } from './model';
import { formatTimeBase, ptsToSeconds } from './time-base';
import { labelOf } from './tracks';

export const ANNOTATIONS_FORMAT = 'framewise.annotations';
export const ANNOTATIONS_VERSION = 1;

export interface Generator {
  readonly name: string;
  readonly version: string;
}

export interface ExportedKeyframe {
  readonly frame: number;
  /** null where the stream has no timestamps (raw streams: frames are counted). */
  readonly pts: number | null;
  /** pts in seconds (pts × time base), as ffprobe's pts_time; null with pts. */
  readonly seconds: number | null;
  readonly frameMd5: string | null;
  /** "drawn": set by a person on this frame; "computed" positions come with interpolation. */
  readonly source: 'drawn';
  readonly outside: boolean;
  readonly occluded: boolean;
  readonly shape: Keyframe['shape'];
}

/** A track's place on one frame, with how it came about (see interpolation.ts). */
export interface ExportedPosition {
  readonly frame: number;
  readonly pts: number | null;
  readonly seconds: number | null;
  /** drawn by a person on this frame, or computed (interpolated or held) by Framewise. */
  readonly source: 'drawn' | 'interpolated' | 'held';
  readonly occluded: boolean;
  readonly shape: Shape;
}

export interface AnnotationsExport {
  readonly format: typeof ANNOTATIONS_FORMAT;
  readonly version: typeof ANNOTATIONS_VERSION;
  readonly generator: Generator;
  readonly exportedAt: string;
  readonly evidence: {
    readonly fileName: string;
    readonly size: number;
    readonly sha256: string;
    readonly codec: string;
    readonly width: number;
    readonly height: number;
    readonly rotation: number;
    readonly pixelFormat: string;
    readonly timeBase: string;
    readonly startPts: number | null;
    readonly frameCount: number;
  };
  readonly case: { readonly id: string; readonly name: string };
  readonly labels: readonly {
    readonly id: string;
    readonly name: string;
    readonly color: string;
  }[];
  readonly tracks: readonly {
    readonly id: string;
    readonly number: number;
    readonly label: string;
    readonly keyframes: readonly ExportedKeyframe[];
    /** Every frame from the first keyframe to the last on which the track is in view. */
    readonly positions: readonly ExportedPosition[];
  }[];
}

/** The native JSON export: evidence facts, then every track with frame, pts and seconds. */
export function buildAnnotationsExport(input: {
  evidence: Evidence;
  caseRecord: Case;
  tracks: Iterable<Track>;
  generator: Generator;
  now: string;
  /** The pts ffprobe reports for a frame (null where none), from the frame table. */
  framePts: (frame: number) => number | null;
}): AnnotationsExport {
  const { evidence, caseRecord } = input;
  const tracks = [...input.tracks].sort((a, b) => a.number - b.number);
  return {
    format: ANNOTATIONS_FORMAT,
    version: ANNOTATIONS_VERSION,
    generator: input.generator,
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
      timeBase: formatTimeBase(evidence.timeBase),
      startPts: evidence.startPts,
      frameCount: evidence.frameCount,
    },
    case: { id: caseRecord.id, name: caseRecord.name },
    labels: caseRecord.labels.map(({ id, name, color }) => ({ id, name, color })),
    tracks: tracks.map((track) => ({
      id: track.id,
      number: track.number,
      label: labelOf(caseRecord.labels, track)?.name ?? '',
      keyframes: track.keyframes.map((k) => ({
        frame: k.frame,
        pts: k.pts,
        seconds: k.pts === null ? null : ptsToSeconds(k.pts, evidence.timeBase),
        frameMd5: k.frameMd5,
        source: 'drawn' as const,
        outside: k.outside,
        occluded: k.occluded,
        shape: k.shape,
      })),
      positions: trackPositions(track, evidence, input.framePts),
    })),
  };
}

/** A download name beside the video's: "clip.mp4" -> "clip.mp4.framewise.json". */
export function exportFileName(videoFileName: string, suffix: string): string {
  const safe =
    [...videoFileName].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('') ||
    'video';
  return `${safe}.${suffix}`;
}

function trackPositions(
  track: Track,
  evidence: Evidence,
  framePts: (frame: number) => number | null,
): ExportedPosition[] {
  const first = track.keyframes[0]?.frame;
  const last = track.keyframes.at(-1)?.frame;
  if (first === undefined || last === undefined) return [];
  const positions: ExportedPosition[] = [];
  for (let frame = first; frame <= last; frame++) {
    const position = positionAt(track, frameIndex(frame));
    if (!position) continue;
    const p = framePts(frame);
    positions.push({
      frame,
      pts: p,
      seconds: p === null ? null : ptsToSeconds(p as Pts, evidence.timeBase),
      source: position.source,
      occluded: position.occluded,
      shape: position.shape,
    });
  }
  return positions;
}
