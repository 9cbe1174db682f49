import type { AuditEntry } from '../evidence/audit';
import type { PositionSource } from '../annotations/interpolation';
import type { ExportedSync, ExportedVideo } from './export-sync-format';
import type {
  Acquisition,
  AnnotationSet,
  AttributeValue,
  ClockCalibration,
  Keyframe,
  Label,
  MeasurementKind,
  Note,
  Shape,
} from '../annotations/model';

/**
 * The native JSON export's format: what an exported file holds, as the types readers (the
 * import, the verifier, the backup) rely on. schemas/annotations.schema.json publishes the
 * same shape; export-json.ts builds it.
 */

export const ANNOTATIONS_FORMAT = 'framewise.annotations';
/**
 * 1: rectangles. 2: every shape kind, rotation, propagated keyframes, attributes, events and
 * notes. 3: the decoder, acquisition notes, case reference, annotation set, the frames referred
 * to (with their MD5), and the case's audit log with its head hash. 4: the DVR clock
 * calibration's method, uncertainty and UTC offset. 5: the scene calibration and the
 * measurements (export-measurements.ts). 6: the calibration's ground points set by the
 * examiner (`groundAnchors`). The published schema is
 * schemas/annotations.schema.json; exports/annotations-import.ts reads every version.
 *
 * Additions within version 6, optional, so a file without them reads as before: a frame's
 * `decoder`; and, only for a case of several videos (issue 15), `videos` and `sync`
 * (export-sync-format.ts). A case of one video exports exactly as before they were added.
 */
export const ANNOTATIONS_VERSION = 6;

export interface Generator {
  readonly name: string;
  readonly version: string;
}

/** A frame as it is referenced in the export: index, pts and seconds. */
export interface ExportedFrameRef {
  readonly frame: number;
  /** null where the stream has no timestamps (raw streams: frames are counted). */
  readonly pts: number | null;
  /** pts in seconds (pts × time base), as ffprobe's pts_time; null with pts. */
  readonly seconds: number | null;
}

export interface ExportedKeyframe extends ExportedFrameRef {
  readonly frameMd5: string | null;
  /**
   * drawn: a person drew or edited it on this frame; propagated: copied by "Propagate";
   * computed: a keyframe made for a flag or attribute, holding the computed shape;
   * tracked: proposed by the tracker (issue 16), with its facts below.
   */
  readonly source: Keyframe['origin'];
  /** Tracked only (optional within version 6): the tracker's score, 0 to 1. */
  readonly confidence?: number;
  /** Tracked only: the run it came from and the tracker with its parameters. */
  readonly runId?: string;
  readonly algorithm?: string;
  /** Tracked and confirmed only: who confirmed it, and when (ISO 8601 UTC). */
  readonly confirmedBy?: string;
  readonly confirmedAt?: string;
  readonly outside: boolean;
  readonly occluded: boolean;
  readonly shape: Shape;
  /** Per-frame attribute values by attribute name. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** A track's place on one frame, with how it came about (see interpolation.ts). */
export interface ExportedPosition extends ExportedFrameRef {
  /** drawn by a person on this frame, or computed (propagated, interpolated or held). */
  readonly source: PositionSource;
  /** Tracked only: as on the keyframe (interpolated positions between tracked ones have none). */
  readonly confidence?: number;
  readonly confirmedBy?: string;
  readonly occluded: boolean;
  readonly shape: Shape;
}

/** The program that decoded the frames (whose pts and MD5 the export gives). */
export interface Decoder {
  readonly name: string;
  readonly version: string;
}

/**
 * The decoder a frame's MD5 was taken from: FFmpeg, or the browser's WebCodecs once checked
 * against FFmpeg for that file (the MD5 is the same bytes' either way, when they agree).
 */
export type FrameDecoderName = 'ffmpeg' | 'webcodecs';

/** A frame the annotations refer to, once: its pts per the frame table, and its MD5. */
export interface ExportedFrame extends ExportedFrameRef {
  /** MD5 of the decoded frame (as ffmpeg's framemd5), null where not known. */
  readonly md5: string | null;
  /** Which decoder the MD5 is of; absent where the MD5 is the one stored when it was drawn. */
  readonly decoder?: FrameDecoderName;
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
    /** startPts in seconds; null with it. */
    readonly startSeconds: number | null;
    readonly frameCount: number;
    readonly decoder: Decoder;
    readonly acquisition: Acquisition;
  };
  readonly case: {
    readonly id: string;
    readonly name: string;
    readonly referenceNumber: string;
    readonly clock: ClockCalibration | null;
  };
  /** A case of several videos: every video, in case order (absent for a case of one). */
  readonly videos?: readonly ExportedVideo[];
  /** A case of several videos: how they line up (absent for a case of one). */
  readonly sync?: ExportedSync;
  readonly annotationSet: Pick<
    AnnotationSet,
    'id' | 'name' | 'annotator' | 'status' | 'createdAt' | 'modifiedAt'
  >;
  readonly labels: readonly Label[];
  readonly tracks: readonly {
    readonly id: string;
    readonly number: number;
    readonly label: string;
    /** Per-track attribute values by attribute name. */
    readonly attributes: Readonly<Record<string, AttributeValue>>;
    readonly keyframes: readonly ExportedKeyframe[];
    /** Every frame from the first keyframe to the last on which the track is in view. */
    readonly positions: readonly ExportedPosition[];
    /**
     * After its last keyframe a track in view holds that shape to the end of the clip (as on
     * screen): the span, given once rather than frame by frame. Null when it ends outside.
     */
    readonly heldAfterLastKeyframe: { readonly fromFrame: number; readonly toFrame: number } | null;
  }[];
  readonly events: readonly {
    readonly id: string;
    readonly label: string | null;
    readonly description: string;
    readonly start: ExportedFrameRef;
    readonly end: ExportedFrameRef;
  }[];
  readonly notes: readonly (ExportedFrameRef & {
    readonly id: string;
    readonly kind: Note['kind'];
    readonly text: string;
  })[];
  /** The set's scene calibration of this video; null where it has none. */
  readonly calibration: ExportedCalibration | null;
  /** Every measurement: its inputs, and its value as computed when the file was made. */
  readonly measurements: readonly ExportedMeasurement[];
  /** Every frame a keyframe, an event's start or end, or a note is on; ascending, once each. */
  readonly frames: readonly ExportedFrame[];
  /**
   * The case's whole audit log as stored (all its annotation sets), with its head: a log cut
   * short at its end still verifies, so the head is what shows entries were removed.
   */
  readonly audit: {
    readonly entries: readonly AuditEntry[];
    readonly headHash: string;
    readonly count: number;
  };
}

interface ExportedXY {
  readonly x: number;
  readonly y: number;
}

/**
 * The scene calibration: the points as the examiner gave them (image pixels as clicked, before
 * any distortion correction; world metres), the stated uncertainties, and what was fitted:
 * the homography (row-major, h33 = 1, image → ground metres, of the undistorted pixels) and each
 * point's residual. Where the points cannot be fitted, `homography` is null and `fitProblem`
 * says why.
 */
export interface ExportedCalibration {
  readonly id: string;
  readonly evidenceSha256: string;
  readonly points: readonly {
    readonly image: ExportedXY;
    readonly world: ExportedXY;
    /** Reprojection error in the image (px) and on the ground (m); null without a fit. */
    readonly residualPx: number | null;
    readonly residualM: number | null;
  }[];
  readonly pointSigmaPx: number;
  readonly worldSigmaM: number;
  readonly positionSigmaPx: number;
  /** Division model: undistorted = centre + (p − centre) / (1 + k·(|p − centre| / scale)²). */
  readonly distortion: {
    readonly k: number;
    readonly centre: ExportedXY;
    readonly scale: number;
  } | null;
  /**
   * Where the examiner put objects' ground points in their boxes (u across from the left, v
   * down from the top, 0..1), by label name and by track id (which wins); any other object:
   * bottom centre (0.5, 1). Always written; a file that leaves it out sets none.
   */
  readonly groundAnchors?: {
    readonly byLabel: readonly { readonly label: string; readonly u: number; readonly v: number }[];
    readonly byTrack: readonly {
      readonly trackId: string;
      readonly u: number;
      readonly v: number;
    }[];
  };
  readonly homography: {
    readonly imageToWorld: readonly number[];
    readonly worldToImage: readonly number[];
    readonly rmsPx: number;
    readonly rmsM: number;
  } | null;
  readonly fitProblem: string | null;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

/**
 * A measurement: its inputs (track ids as in `tracks`), the Monte Carlo seed and sample count,
 * and its result when the file was made: `value` and `interval95` in `unit`, the `frames`
 * whose drawn positions it used, and the method in words; where it cannot be computed, those
 * are null (frames empty) and `problem` says why.
 */
export interface ExportedMeasurement {
  readonly id: string;
  readonly kind: MeasurementKind;
  readonly trackIds: readonly string[];
  readonly fromFrame: number | null;
  readonly toFrame: number | null;
  readonly frame: number | null;
  readonly imagePoints: readonly ExportedXY[];
  readonly toleranceM: number | null;
  readonly halfFrameTiming: boolean;
  readonly seed: number;
  readonly samples: number;
  readonly value: number | null;
  readonly interval95: readonly [number, number] | null;
  readonly unit: 'm' | 'km/h';
  readonly frames: readonly number[];
  readonly method: string | null;
  readonly problem: string | null;
  /** Speed per keyframe interval, or the distance on each shared frame. */
  readonly series: readonly {
    readonly fromFrame: number;
    readonly frame: number;
    readonly seconds: number;
    readonly value: number;
    readonly interval95: readonly [number, number];
  }[];
  /** Spans where two objects moved together (a separation with a tolerance). */
  readonly together: readonly {
    readonly fromFrame: number;
    readonly toFrame: number;
    readonly seconds: number;
    readonly travelledM: number;
    readonly travelledInterval95: readonly [number, number];
  }[];
  readonly createdAt: string;
  readonly modifiedAt: string;
}

export type {
  ExportedAnchor,
  ExportedMapping,
  ExportedSync,
  ExportedVideo,
  ExportedVideoFit,
} from './export-sync-format';
