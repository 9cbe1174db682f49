/**
 * The difference of two pictures of one size (issue 18, "Pinned-frame comparison"): each
 * channel's absolute difference |A − B| as an exact integer (alpha set to 255, so the result
 * is an opaque picture), how many pixels differ at all, and the smallest box holding them.
 * Nothing is scaled, thresholded or smoothed: a pixel differs when any of its four channels
 * differs by one or more.
 */

/** A picture as RGBA bytes, row-major, four bytes a pixel (ImageData's layout). */
export interface RgbaPicture {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** A box in frame pixels: its top-left pixel and its size. */
export interface PixelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FrameDifference {
  readonly width: number;
  readonly height: number;
  /** |A − B| per channel for R, G and B; alpha 255. */
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  /** One byte a pixel: 1 where any channel (alpha too) differs, else 0. */
  readonly changed: Uint8Array;
  /** Pixels where any channel differs. */
  readonly changedPixels: number;
  readonly totalPixels: number;
  /** The largest difference of any one channel (0 to 255). */
  readonly largestDifference: number;
  /** The smallest box holding every pixel that differs; null when none does. */
  readonly bounds: PixelBox | null;
}

function checkPicture(p: RgbaPicture, name: string): void {
  if (!Number.isInteger(p.width) || !Number.isInteger(p.height) || p.width < 1 || p.height < 1)
    throw new RangeError(`${name} has no size`);
  if (p.data.length !== p.width * p.height * 4)
    throw new RangeError(`${name} is not ${p.width} × ${p.height} RGBA pixels`);
}

export function frameDifference(a: RgbaPicture, b: RgbaPicture): FrameDifference {
  checkPicture(a, 'the first picture');
  checkPicture(b, 'the second picture');
  if (a.width !== b.width || a.height !== b.height)
    throw new RangeError(
      `the pictures differ in size (${a.width} × ${a.height} and ${b.width} × ${b.height})`,
    );
  const { width, height } = a;
  const data = new Uint8ClampedArray(width * height * 4);
  const mask = new Uint8Array(width * height);
  const A = a.data;
  const B = b.data;
  let changed = 0;
  let largest = 0;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const dr = Math.abs(A[i]! - B[i]!);
      const dg = Math.abs(A[i + 1]! - B[i + 1]!);
      const db = Math.abs(A[i + 2]! - B[i + 2]!);
      const da = Math.abs(A[i + 3]! - B[i + 3]!);
      data[i] = dr;
      data[i + 1] = dg;
      data[i + 2] = db;
      data[i + 3] = 255;
      const most = Math.max(dr, dg, db, da);
      if (most === 0) continue;
      mask[y * width + x] = 1;
      changed++;
      if (most > largest) largest = most;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return {
    width,
    height,
    data,
    changed: mask,
    changedPixels: changed,
    totalPixels: width * height,
    largestDifference: largest,
    bounds:
      changed === 0 ? null : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 },
  };
}

/** 1234567 → "1,234,567" (the same in every locale, as the report's numbers). */
export function groupedCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1,234 pixels differ (0.6 %)"; a share that rounds to 0 or 100 % without being it says so. */
export function changedPixelsWords(d: Pick<FrameDifference, 'changedPixels' | 'totalPixels'>) {
  const { changedPixels: n, totalPixels: total } = d;
  if (n === 0) return 'No pixel differs';
  const percent = (100 * n) / total;
  let share = `${percent.toFixed(1)} %`;
  if (n < total && percent >= 99.95) share = '> 99.9 %';
  else if (percent < 0.05) share = '< 0.1 %';
  const noun = n === 1 ? 'pixel differs' : 'pixels differ';
  return `${groupedCount(n)} ${noun} (${share})`;
}

/**
 * PSNR of two RGBA pictures over R, G and B (alpha left out), in dB: Infinity when equal,
 * null when their sizes differ. How close an enhanced still is to FFmpeg's (issue 18).
 */
export function rgbPsnr(a: RgbaPicture, b: RgbaPicture): number | null {
  if (a.width !== b.width || a.height !== b.height) return null;
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = a.data[i + c]! - b.data[i + c]!;
      sum += d * d;
    }
  }
  const mean = sum / ((a.data.length / 4) * 3);
  return mean === 0 ? Infinity : 10 * Math.log10((255 * 255) / mean);
}
