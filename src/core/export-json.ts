import type { Case, Evidence, Keyframe, Track } from './model';
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
  }[];
}

/** The native JSON export: evidence facts, then every track with frame, pts and seconds. */
export function buildAnnotationsExport(input: {
  evidence: Evidence;
  caseRecord: Case;
  tracks: Iterable<Track>;
  generator: Generator;
  now: string;
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
