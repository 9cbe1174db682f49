/**
 * A decoded frame's luma (the Y plane, upright, one byte a pixel), boxes on it, and the small
 * numeric helpers the tracker and its tests share.
 */

export interface LumaFrame {
  readonly width: number;
  readonly height: number;
  /** Row-major, `width × height` bytes. */
  readonly data: Uint8Array;
}

/** A box in frame pixels (x, y its top-left corner; may be fractional). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The values made zero-mean and unit-norm (in place); false when they are flat. */
export function normalise(values: Float64Array): boolean {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let energy = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! - mean;
    values[i] = v;
    energy += v * v;
  }
  if (energy < 1e-9) return false;
  const norm = Math.sqrt(energy);
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / norm;
  return true;
}

/** Intersection over union of two boxes (0 when they do not meet). */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}
