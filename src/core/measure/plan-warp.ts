import { redistort, type Distortion } from './distortion';
import type { Mat3 } from './matrix';

/**
 * The plan view's ground: the frame warped onto the ground plane, pure maths on RGBA bytes
 * (run in a worker by ui/state/plan-warp.worker.ts). Each map pixel's ground square is taken
 * at its centre, through the world → image homography (and distorted again when the
 * calibration corrects a distortion) into the frame, and the frame is sampled there
 * bilinearly between the four nearest pixel centres (image point (0,0) is the top-left
 * corner of the top-left pixel, so pixel (i, j) is centred on (i + ½, j + ½)): smooth, so
 * the plan shows no blocks, and it never invents detail beyond what the frame holds. Ground
 * the camera does not see (outside the frame, on or beyond the horizon) stays transparent.
 */

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, row by row. */
  readonly data: Uint8ClampedArray;
}

export interface PlanMap {
  readonly width: number;
  readonly height: number;
  /** The world point of the map's top-left corner (m): world y goes up the page. */
  readonly minX: number;
  readonly maxY: number;
  readonly pxPerM: number;
}

/**
 * The warped ground, map-sized RGBA. `frameWidth`/`frameHeight` are the size the
 * calibration's pixels are in; the frame's bytes may be of another size (scaled to match).
 */
export function warpGround(
  frame: RgbaImage,
  frameWidth: number,
  frameHeight: number,
  worldToImage: Mat3,
  distortion: Distortion | null,
  map: PlanMap,
): Uint8ClampedArray<ArrayBuffer> {
  const h = worldToImage;
  const dst = new Uint8ClampedArray(map.width * map.height * 4);
  const src = frame.data;
  const [fw, fh] = [frame.width, frame.height];
  const [sx, sy] = [fw / frameWidth, fh / frameHeight];
  for (let py = 0; py < map.height; py++) {
    const wy = map.maxY - (py + 0.5) / map.pxPerM;
    for (let px = 0; px < map.width; px++) {
      const wx = map.minX + (px + 0.5) / map.pxPerM;
      const w = h[6] * wx + h[7] * wy + h[8];
      if (!(w > 1e-12)) continue; // on or beyond the horizon
      let ix = (h[0] * wx + h[1] * wy + h[2]) / w;
      let iy = (h[3] * wx + h[4] * wy + h[5]) / w;
      if (distortion) {
        const p = redistort(distortion, { x: ix, y: iy });
        [ix, iy] = [p.x, p.y];
      }
      ix *= sx;
      iy *= sy;
      if (!(ix >= 0 && iy >= 0 && ix <= fw && iy <= fh)) continue; // not in the frame
      // Bilinear between pixel centres, clamped at the frame's edges.
      const u = Math.min(Math.max(ix - 0.5, 0), fw - 1);
      const v = Math.min(Math.max(iy - 0.5, 0), fh - 1);
      const [x0, y0] = [Math.floor(u), Math.floor(v)];
      const [x1, y1] = [Math.min(x0 + 1, fw - 1), Math.min(y0 + 1, fh - 1)];
      const [fx, fy] = [u - x0, v - y0];
      const a = (y0 * fw + x0) * 4;
      const b = (y0 * fw + x1) * 4;
      const c = (y1 * fw + x0) * 4;
      const d = (y1 * fw + x1) * 4;
      const o = (py * map.width + px) * 4;
      for (let k = 0; k < 3; k++) {
        const top = src[a + k]! + (src[b + k]! - src[a + k]!) * fx;
        const bottom = src[c + k]! + (src[d + k]! - src[c + k]!) * fx;
        dst[o + k] = top + (bottom - top) * fy;
      }
      dst[o + 3] = 255;
    }
  }
  return dst;
}
