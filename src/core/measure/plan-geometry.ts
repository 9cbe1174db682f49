import type { Label, Track } from '../annotations/model';
import { labelOf, trackTitle } from '../annotations/tracks';
import { distortionOf, type MeasureSources } from './compute-measurement';
import { undistort, type Distortion } from './distortion';
import { groundPointOf, isMeasuredKeyframe, type GroundAnchor } from './ground-point';
import type { GroundExtent } from './ground-grid';
import { fitHomography, type HomographyFit } from './homography';
import { project, type Vec2 } from './matrix';
import type { SceneCalibration } from './records';

/**
 * The plan view's geometry (issue 13: the ground plane seen from above, each object's
 * measured ground path in metres, frame ticks, the reference points and a scale bar).
 *
 * Orientation: world x to the right and world y UP the page, as a map reads (the plan's
 * pixel y is flipped against world y). The image is a title band, the map, and a legend band
 * under it; the map's plan pixel (px, py), counted from the map's top-left corner, covers the
 * ground square whose centre is (minX + (px + ½)/s, maxY − (py + ½)/s), s pixels per metre.
 *
 * Positions are those measurement uses: drawn or propagated keyframes only, each object's
 * ground point undistorted (when a distortion is set) and mapped by the homography fitted
 * to the undistorted reference points, as compute-measurement.ts does.
 */

export interface PlanPoint {
  readonly frame: number;
  /** Metres on the ground. */
  readonly world: Vec2;
}

export interface PlanTrack {
  readonly id: string;
  readonly title: string;
  /** The label's colour (#rrggbb). */
  readonly color: string;
  /** Measured positions in frame order. */
  readonly points: readonly PlanPoint[];
  /** Measured positions left out because they fall on or beyond the horizon. */
  readonly beyondHorizon: number;
}

export interface ScaleBar {
  readonly metres: number;
  readonly px: number;
}

/** Everything about a plan but what is drawn (plan-view.ts adds the drawing). */
export interface PlanLayout {
  /** The whole image (title band, map, legend band), in pixels. */
  readonly width: number;
  readonly height: number;
  readonly pxPerM: number;
  /** The ground the map shows (m): exactly mapWidth × mapHeight pixels at pxPerM. */
  readonly extent: GroundExtent;
  readonly mapTop: number;
  readonly mapWidth: number;
  readonly mapHeight: number;
  /** Undistorted image pixels → metres, and back. */
  readonly fit: HomographyFit;
  readonly distortion: Distortion | null;
  readonly tracks: readonly PlanTrack[];
  readonly referencePoints: readonly Vec2[];
  readonly scaleBar: ScaleBar;
  /** The grid's spacing (m). */
  readonly gridStep: number;
  /** The frame whose picture is warped onto the ground. */
  readonly frame: number;
  readonly title: string;
  readonly subtitle: string;
}

/** What the world ↔ plan pixel transforms need. */
export type PlanFrame = Pick<PlanLayout, 'extent' | 'pxPerM' | 'mapTop'>;

export const MAX_LONG_SIDE_PX = 1600;
export const MIN_LONG_SIDE_PX = 400;
/** Frame ticks closer than this on the plan are thinned out (px). */
export const MIN_TICK_SPACING_PX = 34;

/** The largest 1, 2 or 5 × 10ⁿ metres not over `max` (the scale bar's and grid's steps). */
export function niceLength(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [5, 2, 1]) if (m * power <= max * (1 + 1e-9)) return m * power;
  return power;
}

/** World metres → plan pixels (whole image; y flipped: world y up the page). */
export const worldToPlan = (plan: PlanFrame, p: Vec2): Vec2 => ({
  x: (p.x - plan.extent.minX) * plan.pxPerM,
  y: plan.mapTop + (plan.extent.maxY - p.y) * plan.pxPerM,
});

/** Plan pixels (whole image) → world metres. */
export const planToWorld = (plan: PlanFrame, p: Vec2): Vec2 => ({
  x: plan.extent.minX + p.x / plan.pxPerM,
  y: plan.extent.maxY - (p.y - plan.mapTop) / plan.pxPerM,
});

/** The homography fitted to the calibration's reference points (undistorted when set). */
export function planFit(
  calibration: SceneCalibration,
  evidence: MeasureSources['evidence'],
): { fit: HomographyFit; distortion: Distortion | null } {
  const distortion = distortionOf(calibration, evidence);
  const straight = (p: Vec2) => (distortion ? undistort(distortion, p) : p);
  const fit = fitHomography(
    calibration.points.map((p) => ({ image: straight(p.image), world: p.world })),
  );
  return { fit, distortion };
}

/** Each track's measured ground points in frame order; tracks with none are left out. */
export function planTracks(
  tracks: Iterable<Track>,
  labels: readonly Label[],
  fit: HomographyFit,
  distortion: Distortion | null,
  referenceImage: Vec2,
  /** Each track's ground point anchor (groundAnchorOf); the default when not given. */
  anchorOf?: (track: Track) => GroundAnchor,
): PlanTrack[] {
  const h = fit.imageToWorld;
  const side = (p: Vec2) => Math.sign(h[6] * p.x + h[7] * p.y + h[8]);
  const ours = side(referenceImage);
  const out: PlanTrack[] = [];
  for (const track of [...tracks].sort((a, b) => a.number - b.number)) {
    const points: PlanPoint[] = [];
    let beyondHorizon = 0;
    const anchor = anchorOf?.(track);
    for (const k of [...track.keyframes].sort((a, b) => a.frame - b.frame)) {
      if (!isMeasuredKeyframe(k)) continue;
      const ground = groundPointOf(k.shape, anchor);
      if (!ground) continue;
      const image = distortion ? undistort(distortion, ground) : ground;
      const world = side(image) === ours ? project(h, image) : null;
      if (world && Number.isFinite(world.x) && Number.isFinite(world.y)) {
        points.push({ frame: k.frame, world });
      } else beyondHorizon++;
    }
    if (points.length === 0) continue;
    out.push({
      id: track.id,
      title: trackTitle(labels, track),
      color: labelOf(labels, track)?.color ?? '#ffffff',
      points,
      beyondHorizon,
    });
  }
  return out;
}

/** The ground the plan shows: every point, a margin of a tenth of the span (≥ 1 m), whole metres. */
export function planExtent(points: readonly Vec2[]): GroundExtent {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const margin = Math.max(1, 0.1 * Math.max(maxX - minX, maxY - minY));
  return {
    minX: Math.floor(minX - margin),
    maxX: Math.ceil(maxX + margin),
    minY: Math.floor(minY - margin),
    maxY: Math.ceil(maxY + margin),
  };
}

/**
 * The frame's finest view of the ground near the reference points (image px per metre, the
 * larger of the two ground directions): the plan is not drawn finer than the frame shows it.
 */
export function nativePxPerM(fit: HomographyFit, world: readonly Vec2[]): number {
  let best = 0;
  const step = 0.1;
  for (const p of world) {
    const a = project(fit.worldToImage, p);
    const bx = project(fit.worldToImage, { x: p.x + step, y: p.y });
    const by = project(fit.worldToImage, { x: p.x, y: p.y + step });
    if (!a) continue;
    for (const b of [bx, by]) {
      const d = b ? Math.hypot(b.x - a.x, b.y - a.y) / step : NaN;
      if (Number.isFinite(d)) best = Math.max(best, d);
    }
  }
  return best > 0 ? best : 50;
}

/**
 * Pixels per metre: the frame's own resolution, held between MIN_LONG_SIDE_PX and
 * MAX_LONG_SIDE_PX on the image's long side (`bands`: the title and legend's height).
 */
export function planScale(extent: GroundExtent, native: number, bands: number): number {
  const [w, h] = [extent.maxX - extent.minX, extent.maxY - extent.minY];
  const most = Math.min(MAX_LONG_SIDE_PX / w, (MAX_LONG_SIDE_PX - bands) / h);
  const least = MIN_LONG_SIDE_PX / Math.max(w, h);
  return Math.min(most, Math.max(least, native));
}

/** Which of the points keep their tick: the first, the last, none closer than `spacing`. */
export function thinTicks(points: readonly Vec2[], spacing = MIN_TICK_SPACING_PX): number[] {
  const kept: number[] = [];
  const far = (i: number, j: number) =>
    Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y) >= spacing;
  points.forEach((_, i) => {
    if (kept.length === 0 || far(i, kept.at(-1)!)) kept.push(i);
  });
  const last = points.length - 1;
  if (last > 0 && kept.at(-1) !== last) {
    if (kept.length > 1 && !far(last, kept.at(-1)!)) kept.pop();
    kept.push(last);
  }
  return kept;
}
