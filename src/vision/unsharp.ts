/**
 * FFmpeg's `unsharp` on the luma plane (issue 18's view filters): `unsharp=size:size:amount`
 * with the chroma amount left at 0, so U and V pass through. Bit for bit what
 * libavfilter/vf_unsharp.c's C path computes for 8-bit planes (tested against native FFmpeg 5.1,
 * tests/fixtures/view-filters), so a sharpened still can be reproduced with the filter text.
 *
 * FFmpeg blurs with a cascade of 2·s two-tap sums across and 2·s down (s = size / 2, rounded
 * down): a binomial kernel whose total weight is 2^(4s), with the edge pixels repeated
 * outward. Here the same integer sum is made as one weighted sum down the columns and one
 * along the row, with the kernel's weights C(2s, k), a whole row at a time (plain loops over
 * typed arrays, fast in JavaScript); integers, so the order of the additions changes nothing
 * (also checked, outside the tests, on 336 random frames and settings against native FFmpeg
 * 5.1). Then, as FFmpeg: blur = (sum + 2^(4s−1)) >> 4s; out = clip(p + (((p − blur) · a) >> 16)), with
 * a = (int)(amount · 65536), amount being a C float (the option's type).
 *
 * FFmpeg refuses even sizes, sizes below 3 or above 23, amounts outside −2…5, and (with the
 * same size across and down) any size above 13: its 32-bit sums would overflow
 * ("matrix size too big").
 */
import { unsharp5Simd, type AfterSharpening } from './unsharp5-simd';

/**
 * Why these settings are impossible, in words; null when FFmpeg accepts them. With the
 * picture's height, also whether FFmpeg 5.1 can apply them to it: it splits the picture into
 * height / (2·(size − 1)) slices, rounded down, and with none it writes no pixel at all (a
 * blank or undefined frame, seen on native FFmpeg), so such a picture is refused here too
 * (unless the amount is 0: then no filter is run).
 */
export function unsharpProblem(size: number, amount: number, height?: number): string | null {
  if (!Number.isInteger(size) || size < 3 || size > 23 || size % 2 === 0) {
    return `The size must be an odd whole number from 3 to 13 (it is ${size}).`;
  }
  if (size > 13) {
    return `The size must be at most 13: FFmpeg refuses ${size} by ${size} as too big for its sums.`;
  }
  if (!Number.isFinite(amount) || amount < -2 || amount > 5) {
    return `The amount must be a number from -2 to 5 (it is ${amount}).`;
  }
  if (height !== undefined && amount !== 0 && height < 2 * (size - 1)) {
    return (
      `The picture is ${height} lines high; FFmpeg's unsharp of size ${size} needs at least ` +
      `${2 * (size - 1)} and leaves a smaller picture blank.`
    );
  }
  return null;
}

function check(size: number, amount: number, height?: number): void {
  const problem = unsharpProblem(size, amount, height);
  if (problem) throw new RangeError(problem);
}

/** The FFmpeg filter, e.g. "unsharp=5:5:1"; "" when the amount is 0 (no change). */
export function unsharpFilterText(size: number, amount: number): string {
  check(size, amount);
  return amount === 0 ? '' : `unsharp=${size}:${size}:${String(amount)}`;
}

/** Row n of Pascal's triangle: the weights of n cascaded two-tap sums. */
function binomial(n: number): number[] {
  const row = [1];
  for (let i = 1; i <= n; i++) row.push((row[i - 1]! * (n - i + 1)) / i);
  return row;
}

/**
 * The kernel's weights, symmetric, w[0] outermost … w[reach] in the middle, for a loop that
 * reads `reach` taps each side: 1, 2, 3, 4 or 6, so five loops serve every size (size 11's
 * extra taps weigh 0). A pass over a row costs about the same whatever it adds, so one
 * pass each way, however wide, is faster than FFmpeg's cascade done step by step.
 */
function kernelOf(s: number): { reach: number; w: number[] } {
  const reach = s <= 4 ? s : 6;
  const w = [...Array<number>(reach - s).fill(0), ...binomial(2 * s).slice(0, s + 1)];
  return { reach, w };
}

/** to[at + x] = the kernel's weighted sum of the plane's rows r[0…2·reach], x < width. */
function sumDown(
  to: Float64Array,
  at: number,
  p: Uint8Array,
  r: readonly number[],
  w: readonly number[],
  width: number,
): void {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0] = w;
  const [r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0] = r;
  const [r7 = 0, r8 = 0, r9 = 0, r10 = 0, r11 = 0, r12 = 0] = r.slice(7);
  switch (w.length - 1) {
    case 1:
      for (let x = 0; x < width; x++) to[at + x] = p[r0 + x]! + 2 * p[r1 + x]! + p[r2 + x]!;
      break;
    case 2:
      for (let x = 0; x < width; x++) {
        to[at + x] = p[r0 + x]! + p[r4 + x]! + 4 * (p[r1 + x]! + p[r3 + x]!) + 6 * p[r2 + x]!;
      }
      break;
    case 3:
      for (let x = 0; x < width; x++) {
        to[at + x] =
          p[r0 + x]! +
          p[r6 + x]! +
          6 * (p[r1 + x]! + p[r5 + x]!) +
          15 * (p[r2 + x]! + p[r4 + x]!) +
          20 * p[r3 + x]!;
      }
      break;
    case 4:
      for (let x = 0; x < width; x++) {
        to[at + x] =
          w0 * (p[r0 + x]! + p[r8 + x]!) +
          w1 * (p[r1 + x]! + p[r7 + x]!) +
          w2 * (p[r2 + x]! + p[r6 + x]!) +
          w3 * (p[r3 + x]! + p[r5 + x]!) +
          w4 * p[r4 + x]!;
      }
      break;
    default:
      for (let x = 0; x < width; x++) {
        to[at + x] =
          w0 * (p[r0 + x]! + p[r12 + x]!) +
          w1 * (p[r1 + x]! + p[r11 + x]!) +
          w2 * (p[r2 + x]! + p[r10 + x]!) +
          w3 * (p[r3 + x]! + p[r9 + x]!) +
          w4 * (p[r4 + x]! + p[r8 + x]!) +
          w5 * (p[r5 + x]! + p[r7 + x]!) +
          w6 * p[r6 + x]!;
      }
  }
}

/** a[x] = the kernel's weighted sum of a[x … x + 2·reach], in place, x < end. */
function sumAlong(a: Float64Array, w: readonly number[], end: number): void {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0] = w;
  switch (w.length - 1) {
    case 1:
      for (let x = 0; x < end; x++) a[x] = a[x]! + 2 * a[x + 1]! + a[x + 2]!;
      break;
    case 2:
      for (let x = 0; x < end; x++) {
        a[x] = a[x]! + a[x + 4]! + 4 * (a[x + 1]! + a[x + 3]!) + 6 * a[x + 2]!;
      }
      break;
    case 3:
      for (let x = 0; x < end; x++) {
        a[x] =
          a[x]! +
          a[x + 6]! +
          6 * (a[x + 1]! + a[x + 5]!) +
          15 * (a[x + 2]! + a[x + 4]!) +
          20 * a[x + 3]!;
      }
      break;
    case 4:
      for (let x = 0; x < end; x++) {
        a[x] =
          w0 * (a[x]! + a[x + 8]!) +
          w1 * (a[x + 1]! + a[x + 7]!) +
          w2 * (a[x + 2]! + a[x + 6]!) +
          w3 * (a[x + 3]! + a[x + 5]!) +
          w4 * a[x + 4]!;
      }
      break;
    default:
      for (let x = 0; x < end; x++) {
        a[x] =
          w0 * (a[x]! + a[x + 12]!) +
          w1 * (a[x + 1]! + a[x + 11]!) +
          w2 * (a[x + 2]! + a[x + 10]!) +
          w3 * (a[x + 3]! + a[x + 9]!) +
          w4 * (a[x + 4]! + a[x + 8]!) +
          w5 * (a[x + 5]! + a[x + 7]!) +
          w6 * a[x + 6]!;
      }
  }
}

const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);

/** A table as the SIMD path takes it: none, invert (255 − v), or the table itself. */
function afterSharpening(table: Uint8Array): AfterSharpening {
  if (table === IDENTITY || table.every((v, i) => v === i)) return 'none';
  return table.every((v, i) => v === 255 - i) ? 'invert' : table;
}

/** Where unsharpLuma writes, and a table its values go through on the way (the view's next
 * per-value filter, e.g. negate: one pass instead of two). */
export interface UnsharpOutput {
  /** The array written (width · height bytes from 0); a new one if absent. */
  readonly into?: Uint8Array;
  /** 256 entries; each sharpened value v is written as then[v]. */
  readonly then?: Uint8Array;
}

/**
 * The luma plane as FFmpeg's unsharp leaves it (by default a new array; the plane is never
 * changed, and must not be `into`).
 */
export function unsharpLuma(
  plane: Uint8Array,
  width: number,
  height: number,
  size: number,
  amount: number,
  output: UnsharpOutput = {},
): Uint8Array {
  check(size, amount, height);
  const n = width * height;
  if (plane.length < n) throw new RangeError('the plane is smaller than its size');
  const out = output.into ?? new Uint8Array(n);
  if (out.length < n) throw new RangeError('the output is smaller than the plane');
  const then = output.then ?? IDENTITY;
  const fixed = Math.trunc(Math.fround(amount) * 65536);
  if (fixed === 0 || n === 0) {
    for (let i = 0; i < n; i++) out[i] = then[plane[i]!]!;
    return out;
  }
  if (size === 5) {
    if (!unsharp5Simd(plane, width, height, fixed, out, afterSharpening(then))) {
      unsharp5(plane, width, height, fixed, out, then); // no WebAssembly SIMD here
    }
    return out;
  }
  const s = (size - 1) / 2;
  const unit = 2 ** -(4 * s); // blur = ⌊(sum + 2^(4s−1)) / 2^(4s)⌋, exact in doubles
  const half = 2 ** (4 * s - 1);
  const { reach, w } = kernelOf(s);
  // One row of sums, in doubles (exact below 2^53; the totals reach 2^24·255, past an Int32),
  // with room for the edge sums repeated at each end.
  const across = new Float64Array(width + 2 * reach);
  const rows = new Array<number>(2 * reach + 1);
  for (let y = 0; y < height; y++) {
    // Down the columns, the top and bottom rows repeated; then across, the edges repeated.
    for (let k = 0; k <= 2 * reach; k++) {
      rows[k] = Math.min(Math.max(y - reach + k, 0), height - 1) * width;
    }
    sumDown(across, reach, plane, rows, w, width);
    across.fill(across[reach]!, 0, reach);
    across.fill(across[reach + width - 1]!, reach + width);
    sumAlong(across, w, width);
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = plane[row + x]!;
      const blur = ((across[x]! + half) * unit) | 0; // not negative: truncating is the floor
      const res = p + (((p - blur) * fixed) >> 16); // below 2^31 in size: Int32 arithmetic
      // Clipped to 0…255 without branches (noisy pictures clip unpredictably): below 0 the
      // sign mask clears it, above 255 the second mask sets every bit, then & 255.
      const low = res & ~(res >> 31);
      out[row + x] = then[(low | ((255 - low) >> 31)) & 255]!;
    }
  }
  return out;
}

/**
 * Size 5 (the View panel's Sharpen), the same sums in 32-bit integers: the 5×5 binomial
 * weights total 256, so a sum is at most 255·256 and `(p − blur)·amount` stays below 2^31.
 * About twice as fast as the general path on a 1080p plane; equal to it (and to FFmpeg) to
 * the byte, which the fixtures check.
 */
export function unsharp5(
  plane: Uint8Array,
  width: number,
  height: number,
  fixed: number,
  out: Uint8Array,
  then: Uint8Array,
): void {
  const across = new Int32Array(width + 4);
  const last = height - 1;
  for (let y = 0; y < height; y++) {
    // The rows two above to two below, the top and bottom rows repeated past the edges.
    const r0 = Math.max(y - 2, 0) * width;
    const r1 = Math.max(y - 1, 0) * width;
    const r2 = y * width;
    const r3 = Math.min(y + 1, last) * width;
    const r4 = Math.min(y + 2, last) * width;
    for (let x = 0; x < width; x++) {
      across[x + 2] =
        plane[r0 + x]! +
        plane[r4 + x]! +
        4 * (plane[r1 + x]! + plane[r3 + x]!) +
        6 * plane[r2 + x]!;
    }
    // The first and last columns repeated past the edges.
    across[0] = across[1] = across[2]!;
    across[width + 2] = across[width + 3] = across[width + 1]!;
    for (let x = 0; x < width; x++) {
      const sum =
        across[x]! + across[x + 4]! + 4 * (across[x + 1]! + across[x + 3]!) + 6 * across[x + 2]!;
      const blur = (sum + 128) >> 8;
      const p = plane[r2 + x]!;
      const res = p + (((p - blur) * fixed) >> 16);
      const low = res & ~(res >> 31); // clipped without branches, as in the general path
      out[r2 + x] = then[(low | ((255 - low) >> 31)) & 255]!;
    }
  }
}
