/**
 * Frames with a known truth for testing the tracker: a noisy, textured CCTV-like background
 * and a textured object whose box on every frame is known, optionally passing behind an
 * occluder. Seeded, so every run renders the same frames.
 */
import type { Box, LumaFrame } from '../luma';

/** mulberry32: a small seeded generator (deterministic on every machine). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  /** The object's box on frame k. */
  readonly boxAt: (k: number) => Box;
  /** Other objects of the same look (a similar car), each box by frame, drawn under the first. */
  readonly others?: readonly ((k: number) => Box)[];
  /** A grey bar in front of everything, if any. */
  readonly occluder?: Box;
  readonly seed: number;
  /** Per-frame noise amplitude (grey levels). */
  readonly noise?: number;
}

/** A blocky random texture, smoothed once: the background's and the object's look. */
function texture(width: number, height: number, block: number, random: () => number): Float64Array {
  const cols = Math.ceil(width / block) + 1;
  const rows = Math.ceil(height / block) + 1;
  const cells = Array.from({ length: cols * rows }, () => random());
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = x / block;
      const gy = y / block;
      const c = Math.floor(gx);
      const r = Math.floor(gy);
      const fx = gx - c;
      const fy = gy - r;
      const at = (cc: number, rr: number) => cells[rr * cols + cc]!;
      out[y * width + x] =
        (1 - fy) * ((1 - fx) * at(c, r) + fx * at(c + 1, r)) +
        fy * ((1 - fx) * at(c, r + 1) + fx * at(c + 1, r + 1));
    }
  }
  return out;
}

/** Renders every frame of the scene. */
export function render(scene: Scene): LumaFrame[] {
  const random = seeded(scene.seed);
  const { width, height } = scene;
  const background = texture(width, height, 12, random);
  const objectSize = 64;
  const look = texture(objectSize, objectSize, 6, random);
  const noise = scene.noise ?? 6;
  const frames: LumaFrame[] = [];
  for (let k = 0; k < scene.frames; k++) {
    // The first object last, so it passes in front of the others.
    const boxes = [...(scene.others ?? []).map((at) => at(k)), scene.boxAt(k)];
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let value = 70 + 60 * background[y * width + x]!;
        for (const box of boxes) {
          const u = (x + 0.5 - box.x) / box.width;
          const v = (y + 0.5 - box.y) / box.height;
          if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
          const tx = Math.min(objectSize - 1, Math.floor(u * objectSize));
          const ty = Math.min(objectSize - 1, Math.floor(v * objectSize));
          // Dark frame, bright textured inside: an object that stands out as a car would.
          const edge = u < 0.08 || u > 0.92 || v < 0.08 || v > 0.92;
          value = edge ? 30 : 120 + 120 * look[ty * objectSize + tx]!;
        }
        const o = scene.occluder;
        if (o && x >= o.x && x < o.x + o.width && y >= o.y && y < o.y + o.height) value = 100;
        value += (random() - 0.5) * 2 * noise;
        data[y * width + x] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
    frames.push({ width, height, data });
  }
  return frames;
}
