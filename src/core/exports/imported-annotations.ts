import type {
  AttributeSpec,
  AttributeValue,
  Keyframe,
  Measurement,
  Note,
  SceneCalibration,
  Shape,
} from '../annotations/model';
import type { GroundAnchor } from '../measure/ground-point';

/**
 * What an import from another tool's format (or Framewise's own export) gives: plain data,
 * labels and attributes by NAME (the file's ids mean nothing here), coordinates in frame
 * pixels, keyframes in ascending frame order. imported-records.ts turns it into the records of
 * an annotation set (ids, numbers, label and attribute ids).
 */
export interface ImportedAnnotations {
  readonly format: 'cvat-video-1.1' | 'mot-1.1' | 'framewise.annotations';
  /** What the file says about the video it was made on; null where the format does not say. */
  readonly source: {
    readonly fileName: string | null;
    readonly width: number | null;
    readonly height: number | null;
    readonly frameCount: number | null;
  };
  readonly labels: readonly ImportedLabel[];
  readonly tracks: readonly ImportedTrack[];
  /** Events, where the format has them (Framewise's own); none when absent. */
  readonly events?: readonly ImportedEvent[];
  /** Notes, where the format has them (Framewise's own); none when absent. */
  readonly notes?: readonly ImportedNote[];
  /** The scene calibration, where the format has one (Framewise's own, version 5 on). */
  readonly calibration?: ImportedCalibration | null;
  /** Measurement inputs, where the format has them (Framewise's own, version 5 on). */
  readonly measurements?: readonly ImportedMeasurement[];
}

/**
 * A scene calibration's inputs (what was fitted from them is computed again), with the ground
 * points the examiner set, by label name and by track sourceId (none where not given).
 */
export type ImportedCalibration = Pick<
  SceneCalibration,
  'points' | 'pointSigmaPx' | 'worldSigmaM' | 'positionSigmaPx' | 'distortionK'
> & {
  readonly groundAnchors?: {
    readonly byLabel: readonly { readonly label: string; readonly anchor: GroundAnchor }[];
    readonly byTrack: readonly { readonly sourceId: number; readonly anchor: GroundAnchor }[];
  };
};

/** A measurement's inputs, its objects named by their tracks' sourceId. */
export type ImportedMeasurement = Pick<
  Measurement,
  'kind' | 'imagePoints' | 'toleranceM' | 'halfFrameTiming' | 'monteCarlo'
> & {
  readonly trackSourceIds: readonly number[];
  readonly fromFrame: number | null;
  readonly toFrame: number | null;
  readonly frame: number | null;
};

export interface ImportedLabel {
  readonly name: string;
  /** #rrggbb, or null where the file gives none. */
  readonly color: string | null;
  readonly attributes: readonly ImportedAttributeSpec[];
}

export type ImportedAttributeSpec = Omit<AttributeSpec, 'id'>;

export interface ImportedTrack {
  /** The track's id in the file (CVAT's track id, MOT's track id), to name it in messages. */
  readonly sourceId: number;
  readonly label: string;
  /** Per-track attribute values by attribute name. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** At least one; ascending by frame, no frame twice. */
  readonly keyframes: readonly ImportedKeyframe[];
}

export interface ImportedKeyframe {
  readonly frame: number;
  /** rectangle, ellipse, polygon, polyline or points: the kinds both formats know. */
  readonly shape: Shape;
  readonly outside: boolean;
  readonly occluded: boolean;
  /** Per-frame attribute values by attribute name, in force from this keyframe on. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** How the keyframe came about, where the file says (Framewise's own); else "drawn". */
  readonly origin?: Keyframe['origin'];
  /** A tracked keyframe's facts (Framewise's own export). */
  readonly tracking?: Keyframe['tracking'];
  /** MD5 of the frame the shape was drawn on, where the file gives it. */
  readonly frameMd5?: string | null;
  /** The frame's pts, where the file gives it. */
  readonly pts?: number | null;
}

/** An event over a span of frames (inclusive); its label by name, or none. */
export interface ImportedEvent {
  readonly label: string | null;
  readonly startFrame: number;
  readonly startPts: number | null;
  readonly endFrame: number;
  readonly endPts: number | null;
  readonly description: string;
}

export interface ImportedNote {
  readonly frame: number;
  readonly pts: number | null;
  readonly kind: Note['kind'];
  readonly text: string;
}

/**
 * A label's or attribute's name as imports match it: as people see it, so "Officer " and
 * "officer" are one label (the label editor refuses two such names in one case).
 */
export const nameKey = (name: string) => name.trim().toLowerCase();

/** Limits on what an import accepts, so a hostile or broken file fails fast and cleanly. */
export const IMPORT_LIMITS = {
  /** Characters of text (about bytes): parsing 1 MB of XML takes about 10 MB of memory. */
  maxTextLength: 200 * 1024 * 1024,
  /** No real frame size comes near; bigger numbers are a broken or hostile file. */
  maxCoordinate: 1_000_000,
  maxFrame: 10_000_000,
  maxLabels: 1000,
  maxAttributesPerLabel: 100,
  maxTracks: 100_000,
  maxPointsPerShape: 10_000,
  maxLines: 10_000_000,
  maxNameLength: 1000,
} as const;

/** Plain decimal notation only: no hex, no Infinity, no blanks ("1e3" is allowed, as Python writes it). */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A coordinate or size read from text; throws an Error naming where (e.g. "track 3, frame 12:
 * xtl is not a number") when it is not a plain number within the limits.
 */
export function readCoordinate(text: string | undefined, where: string, name: string): number {
  if (text === undefined) throw new Error(`${where}: ${name} is missing.`);
  if (!DECIMAL.test(text)) throw new Error(`${where}: ${name} is not a number ("${clip(text)}").`);
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > IMPORT_LIMITS.maxCoordinate) {
    throw new Error(`${where}: ${name} (${clip(text)}) is too large for a frame position.`);
  }
  return value;
}

/** A whole number from `min` to `max`, read from text; throws naming where otherwise. */
export function readInteger(
  text: string | undefined,
  where: string,
  name: string,
  min: number,
  max: number,
): number {
  if (text === undefined) throw new Error(`${where}: ${name} is missing.`);
  const value = /^[+-]?\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value)) {
    throw new Error(`${where}: ${name} is not a whole number ("${clip(text)}").`);
  }
  if (value < min || value > max) {
    throw new Error(`${where}: ${name} ${value} is out of range (${min} to ${max}).`);
  }
  return value;
}

/** A piece of the file quoted in a message: short, so a message never carries megabytes. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
