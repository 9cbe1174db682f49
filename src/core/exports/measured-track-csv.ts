import type { Evidence, Track } from '../annotations/model';
import type { Pts } from '../ids';
import { distortionOf, MeasurementError } from '../measure/compute-measurement';
import { undistort } from '../measure/distortion';
import { groundAnchorOf, groundPointOf, isMeasuredKeyframe } from '../measure/ground-point';
import { fitHomography } from '../measure/homography';
import { project } from '../measure/matrix';
import type { SceneCalibration } from '../measure/records';
import { ptsToSeconds } from '../time/time-base';
import { csvField, defuseFormula } from './events-csv';

/**
 * A measured track as CSV (RFC 4180, CRLF, as events-csv.ts): one row per position a person
 * drew or confirmed (never interpolated or held ones), with the frame, its pts and seconds,
 * the ground point in frame pixels as drawn, the same point on the ground in metres (through
 * the calibration's homography, after distortion correction where set), and the speed over the
 * interval from the row before (km/h; empty on the first row), and how the position came
 * about: `source` drawn, propagated or tracked (issue 16: a tracked one is listed only once
 * confirmed, with the tracker's `confidence` and who confirmed it, so it never passes for a
 * drawn one). Central values only: the intervals are in the measurements. Every cell is a
 * number or a word we write, except the confirmer's name, which is defused and quoted.
 */

export const MEASURED_TRACK_CSV_COLUMNS = [
  'frame',
  'pts',
  'seconds',
  'image_x_px',
  'image_y_px',
  'world_x_m',
  'world_y_m',
  'speed_kmh',
  'source',
  'confidence',
  'confirmed_by',
] as const;

export interface MeasuredTrackInput {
  readonly track: Track;
  readonly calibration: SceneCalibration;
  readonly evidence: Evidence;
  /** The frame table's pts of a frame (null where none); else the keyframe's own is used. */
  readonly framePts: (frame: number) => number | null;
  /** The span to list (inclusive); the whole track when not given. */
  readonly fromFrame?: number;
  readonly toFrame?: number;
}

const CRLF = '\r\n';

export function buildMeasuredTrackCsv(input: MeasuredTrackInput): string {
  const { track, calibration, evidence } = input;
  const distortion = distortionOf(calibration, evidence);
  const straighten = (p: { x: number; y: number }) => (distortion ? undistort(distortion, p) : p);
  let imageToWorld;
  try {
    imageToWorld = fitHomography(
      calibration.points.map((p) => ({ image: straighten(p.image), world: p.world })),
    ).imageToWorld;
  } catch (error) {
    throw new MeasurementError(
      `The scene calibration cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const from = input.fromFrame ?? -Infinity;
  const to = input.toFrame ?? Infinity;
  const rows: string[] = [MEASURED_TRACK_CSV_COLUMNS.join(',')];
  let previous: { seconds: number | null; x: number; y: number } | null = null;
  const anchor = groundAnchorOf(calibration, track);
  for (const k of track.keyframes) {
    if (k.frame < from || k.frame > to || !isMeasuredKeyframe(k)) continue;
    const image = groundPointOf(k.shape, anchor);
    const world = image && project(imageToWorld, straighten(image));
    if (!image || !world) continue;
    const pts = input.framePts(k.frame) ?? k.pts;
    const seconds = pts === null ? null : ptsToSeconds(pts as Pts, evidence.timeBase);
    const elapsed =
      previous && previous.seconds !== null && seconds !== null ? seconds - previous.seconds : 0;
    const speed =
      previous && elapsed > 0
        ? ((Math.hypot(world.x - previous.x, world.y - previous.y) / elapsed) * 3.6).toFixed(3)
        : '';
    rows.push(
      [
        String(k.frame),
        pts === null ? '' : String(pts),
        seconds === null ? '' : seconds.toFixed(6),
        image.x.toFixed(3),
        image.y.toFixed(3),
        world.x.toFixed(4),
        world.y.toFixed(4),
        speed,
        k.origin,
        k.tracking ? k.tracking.confidence.toFixed(3) : '',
        csvField(defuseFormula(k.tracking?.confirmedBy ?? '')),
      ].join(','),
    );
    previous = { seconds, x: world.x, y: world.y };
  }
  if (rows.length === 1) {
    throw new MeasurementError(
      'This object has no drawn position to list: draw or confirm it on the frames to measure.',
    );
  }
  return rows.join(CRLF) + CRLF;
}
