import type {
  CalibrationId,
  CaseId,
  FrameIndex,
  MeasurementId,
  SetId,
  Sha256,
  TrackId,
} from '../ids';
import type { Point } from '../annotations/model';
import type { GroundAnchors } from './ground-point';
import type { ReferencePoint } from './homography';
import type { MonteCarloSettings } from './uncertainty';

/**
 * The stored records of measurement. They hold only what a person stated (reference points,
 * uncertainties, which objects and frames to measure); every number derived from them (the
 * homography, a speed, its interval) is recomputed from these inputs and the tracks as they
 * stand (compute-measurement.ts), so a measurement follows any later change to the
 * calibration or the keyframes. Exports carry the computed values beside the inputs.
 */

/**
 * The ground plane of one evidence item, as the examiner calibrated it within an annotation
 * set: at most one per evidence SHA-256 in a set (saveCalibration replaces it).
 */
export interface SceneCalibration {
  readonly id: CalibrationId;
  readonly caseId: CaseId;
  readonly setId: SetId;
  /** The video whose frames the image positions are in. */
  readonly evidenceSha256: Sha256;
  /** Image (frame pixels of the upright frame, sub-pixel) and world (metres) positions. */
  readonly points: readonly ReferencePoint[];
  /** One standard deviation of a clicked reference pixel, per axis (px). */
  readonly pointSigmaPx: number;
  /** One standard deviation of a surveyed world position, per axis (m). */
  readonly worldSigmaM: number;
  /** One standard deviation of a person's placing of an object's ground point, per axis (px). */
  readonly positionSigmaPx: number;
  /** Radial distortion k of the division model (distortion.ts); null: not corrected. */
  readonly distortionK: number | null;
  /**
   * Where the examiner put objects' ground points, per label and per track (ground-point.ts);
   * absent in records stored before it existed, read as none (every object bottom-centre).
   */
  readonly groundAnchors?: GroundAnchors;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

export const MEASUREMENT_KINDS = [
  'distance',
  'displacement',
  'path',
  'speed',
  'separation',
] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

/**
 * What to measure, stored with its inputs only:
 * - `distance`: on `frame`, between two ground points: the two `imagePoints` of a ruler, or
 *   the ground points of the two `trackIds`;
 * - `displacement`, `path`, `speed`: one track (`trackIds[0]`) from `fromFrame` to `toFrame`;
 * - `separation`: two tracks on every frame from `fromFrame` to `toFrame` where both have a
 *   measured position; with `toleranceM`, also the spans where they moved together.
 */
export interface Measurement {
  readonly id: MeasurementId;
  readonly caseId: CaseId;
  readonly setId: SetId;
  readonly kind: MeasurementKind;
  readonly trackIds: readonly TrackId[];
  /** The first and last frame of a span (inclusive); null for a distance. */
  readonly fromFrame: FrameIndex | null;
  readonly toFrame: FrameIndex | null;
  /** The frame of a distance; null for the other kinds. */
  readonly frame: FrameIndex | null;
  /** A ruler's two ends on `frame` (frame pixels); empty when the distance is between tracks. */
  readonly imagePoints: readonly Point[];
  /** "Moved together" tolerance for a separation (m); null: not asked. */
  readonly toleranceM: number | null;
  /**
   * The start and end are events that fall between two frames: ±½ frame interval is added to
   * the timing of a speed.
   */
  readonly halfFrameTiming: boolean;
  /** Stored so anyone can draw the same interval again. */
  readonly monteCarlo: MonteCarloSettings;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

/** The calibration of this evidence in a set's records, if any. */
export function calibrationFor(
  calibrations: Iterable<SceneCalibration>,
  evidenceSha256: Sha256,
): SceneCalibration | null {
  for (const c of calibrations) if (c.evidenceSha256 === evidenceSha256) return c;
  return null;
}
