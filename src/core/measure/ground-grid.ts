import type { HomographyFit } from './homography';
import { project, type Vec2 } from './matrix';
import { redistort, type Distortion } from './distortion';

/**
 * A grid of `step`-metre squares on the ground, as polylines in frame pixels: drawn over the
 * frame it shows at once whether a calibration is plausible (the lines should follow the
 * kerbs and markings). Each ground line is sampled, so pieces beyond the horizon are dropped
 * and lens distortion (when set) bends it as the camera does.
 */
export interface GroundExtent {
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

/** The reference points' extent on the ground, widened by `margin` metres on every side. */
export function extentOf(world: readonly Vec2[], margin = 2): GroundExtent {
  const xs = world.map((p) => p.x);
  const ys = world.map((p) => p.y);
  return {
    minX: Math.floor(Math.min(...xs) - margin),
    maxX: Math.ceil(Math.max(...xs) + margin),
    minY: Math.floor(Math.min(...ys) - margin),
    maxY: Math.ceil(Math.max(...ys) + margin),
  };
}

const SAMPLES_PER_LINE = 40;
const MAX_LINES = 400;

export function groundGrid(
  fit: HomographyFit,
  extent: GroundExtent,
  step = 1,
  distortion: Distortion | null = null,
): Vec2[][] {
  const lines: [Vec2, Vec2][] = [];
  for (let x = extent.minX; x <= extent.maxX + 1e-9 && lines.length < MAX_LINES; x += step) {
    lines.push([
      { x, y: extent.minY },
      { x, y: extent.maxY },
    ]);
  }
  for (let y = extent.minY; y <= extent.maxY + 1e-9 && lines.length < MAX_LINES; y += step) {
    lines.push([
      { x: extent.minX, y },
      { x: extent.maxX, y },
    ]);
  }
  const h = fit.worldToImage;
  const polylines: Vec2[][] = [];
  for (const [a, b] of lines) {
    let current: Vec2[] = [];
    for (let i = 0; i <= SAMPLES_PER_LINE; i++) {
      const t = i / SAMPLES_PER_LINE;
      const world = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      const w = h[6] * world.x + h[7] * world.y + h[8];
      const image = w > 1e-9 ? project(h, world) : null;
      const shown = image && distortion ? redistort(distortion, image) : image;
      if (shown && Number.isFinite(shown.x) && Number.isFinite(shown.y)) current.push(shown);
      else {
        if (current.length > 1) polylines.push(current);
        current = [];
      }
    }
    if (current.length > 1) polylines.push(current);
  }
  return polylines;
}
