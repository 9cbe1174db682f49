import type { Vec2 } from './matrix';

/**
 * Radial lens distortion by the one-parameter division model (Fitzgibbon 2001):
 *   undistorted = centre + (distorted − centre) / (1 + k·r²),  r = |distorted − centre| / scale
 * with the centre at the middle of the frame and `scale` half its diagonal, so k is the same
 * whatever the resolution (k < 0 corrects barrel distortion, the usual CCTV wide-angle kind).
 * Every pixel is undistorted before the homography when a distortion is set.
 */
export interface Distortion {
  readonly k: number;
  readonly centre: Vec2;
  /** Half the frame's diagonal (px). */
  readonly scale: number;
}

export const distortionFor = (k: number, width: number, height: number): Distortion => ({
  k,
  centre: { x: width / 2, y: height / 2 },
  scale: Math.hypot(width, height) / 2,
});

export function undistort(d: Distortion, p: Vec2): Vec2 {
  const [dx, dy] = [p.x - d.centre.x, p.y - d.centre.y];
  const r2 = (dx * dx + dy * dy) / (d.scale * d.scale);
  const f = 1 / (1 + d.k * r2);
  return { x: d.centre.x + dx * f, y: d.centre.y + dy * f };
}

/** The inverse of undistort (for drawing ground lines on the distorted frame). */
export function redistort(d: Distortion, p: Vec2): Vec2 {
  const [ux, uy] = [p.x - d.centre.x, p.y - d.centre.y];
  const ru = Math.hypot(ux, uy) / d.scale;
  if (ru === 0 || d.k === 0) return p;
  // ru = rd / (1 + k rd²)  ⇒  k ru rd² − rd + ru = 0; the root that tends to ru as k → 0.
  const disc = 1 - 4 * d.k * ru * ru;
  if (disc < 0) return { x: NaN, y: NaN };
  const rd = (2 * ru) / (1 + Math.sqrt(disc));
  const f = rd / ru;
  return { x: d.centre.x + ux * f, y: d.centre.y + uy * f };
}

/** How far points are from a straight line: smallest over largest spread (0 = straight). */
function crookedness(points: readonly Vec2[]): number {
  const n = points.length;
  const mx = points.reduce((t, p) => t + p.x, 0) / n;
  const my = points.reduce((t, p) => t + p.y, 0) / n;
  let [sxx, syy, sxy] = [0, 0, 0];
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  const mean = (sxx + syy) / 2;
  const spread = Math.sqrt(((sxx - syy) / 2) ** 2 + sxy * sxy);
  const [small, large] = [mean - spread, mean + spread];
  return large > 0 ? Math.max(0, small) / large : 0;
}

/**
 * The k that makes lines the examiner marked as straight in the world straightest (golden
 * section search over −0.6..0.6). Each line needs at least 3 points, away from the centre.
 */
export function estimateDistortion(
  lines: readonly (readonly Vec2[])[],
  width: number,
  height: number,
): number {
  if (lines.length === 0 || lines.some((l) => l.length < 3)) {
    throw new Error('Mark at least one straight line with three or more points along it.');
  }
  const cost = (k: number) => {
    const d = distortionFor(k, width, height);
    return lines.reduce((t, line) => t + crookedness(line.map((p) => undistort(d, p))), 0);
  };
  let [a, b] = [-0.6, 0.6];
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let e = a + g * (b - a);
  for (let i = 0; i < 100 && b - a > 1e-7; i++) {
    if (cost(c) < cost(e)) [b, e, c] = [e, c, e - g * (e - a)];
    else [a, c, e] = [c, e, c + g * (b - c)];
  }
  return (a + b) / 2;
}
