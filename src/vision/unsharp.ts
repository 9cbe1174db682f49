/**
 * FFmpeg's `unsharp` on the luma plane (issue 18's view filters): `unsharp=size:size:amount`
 * with the chroma amount left at 0, so U and V pass through. Bit for bit what
 * libavfilter/vf_unsharp.c's C path computes for 8-bit planes (tested against native FFmpeg 5.1,
 * tests/fixtures/view-filters), so a sharpened still can be reproduced with the filter text.
 *
 * FFmpeg blurs with a cascade of 2·s two-tap sums across and 2·s down (s = size / 2, rounded
 * down): a binomial kernel whose total weight is 2^(4s), with the edge pixels repeated
 * outward. Here the same integer sums are made a whole row at a time, several steps of the
 * cascade per pass (plain loops over typed arrays, fast in JavaScript), rather than FFmpeg's
 * pixel at a time; integers, so the order of the additions changes nothing. Then, as FFmpeg:
 * blur = (sum + 2^(4s−1)) >> 4s; out = clip(p + (((p − blur) · a) >> 16)), with
 * a = (int)(amount · 65536), amount being a C float (the option's type).
 *
 * FFmpeg refuses even sizes, sizes below 3 or above 23, amounts outside −2…5, and (with the
 * same size across and down) any size above 13: its 32-bit sums would overflow
 * ("matrix size too big").
 */

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

/**
 * The 2s two-tap sums, grouped into as few passes as possible: six at a time (weights
 * 1 6 15 20 15 6 1), then four (1 4 6 4 1) or two (1 2 1). A pass over a row costs about the
 * same whatever it adds, so fewer, fuller passes are faster.
 */
function groupsOf(s: number): number[] {
  const groups: number[] = [];
  for (let left = 2 * s; left > 0; left -= Math.min(left, 6)) groups.push(Math.min(left, 6));
  return groups;
}

/** to[at + x] = the weighted sum of the plane's rows starting at r[0…taps], x < width. */
function sumPlaneRows(
  to: Float64Array,
  at: number,
  plane: Uint8Array,
  r: readonly number[],
  taps: number,
  width: number,
): void {
  const [r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0] = r;
  const p = plane;
  if (taps === 6) {
    for (let x = 0; x < width; x++) {
      to[at + x] =
        p[r0 + x]! +
        p[r6 + x]! +
        6 * (p[r1 + x]! + p[r5 + x]!) +
        15 * (p[r2 + x]! + p[r4 + x]!) +
        20 * p[r3 + x]!;
    }
  } else if (taps === 4) {
    for (let x = 0; x < width; x++) {
      to[at + x] = p[r0 + x]! + p[r4 + x]! + 4 * (p[r1 + x]! + p[r3 + x]!) + 6 * p[r2 + x]!;
    }
  } else {
    for (let x = 0; x < width; x++) to[at + x] = p[r0 + x]! + 2 * p[r1 + x]! + p[r2 + x]!;
  }
}

/** to[at + x] = the weighted sum of rows h[0…taps−1] and the new row, x < width. */
function sumSeenRows(
  to: Float64Array,
  at: number,
  h: readonly Float64Array[],
  row: Float64Array,
  width: number,
): void {
  const h0 = h[0]!;
  const h1 = h[1]!;
  if (h.length === 6) {
    const [, , h2 = row, h3 = row, h4 = row, h5 = row] = h;
    for (let x = 0; x < width; x++) {
      to[at + x] = h0[x]! + row[x]! + 6 * (h1[x]! + h5[x]!) + 15 * (h2[x]! + h4[x]!) + 20 * h3[x]!;
    }
  } else if (h.length === 4) {
    const [, , h2 = row, h3 = row] = h;
    for (let x = 0; x < width; x++) {
      to[at + x] = h0[x]! + row[x]! + 4 * (h1[x]! + h3[x]!) + 6 * h2[x]!;
    }
  } else {
    for (let x = 0; x < width; x++) to[at + x] = h0[x]! + 2 * h1[x]! + row[x]!;
  }
}

/** a[x] = the weighted sum of a[x…x+taps], in place, x < end. */
function sumAlong(a: Float64Array, taps: number, end: number): void {
  if (taps === 6) {
    for (let x = 0; x < end; x++) {
      a[x] =
        a[x]! +
        a[x + 6]! +
        6 * (a[x + 1]! + a[x + 5]!) +
        15 * (a[x + 2]! + a[x + 4]!) +
        20 * a[x + 3]!;
    }
  } else if (taps === 4) {
    for (let x = 0; x < end; x++) {
      a[x] = a[x]! + a[x + 4]! + 4 * (a[x + 1]! + a[x + 3]!) + 6 * a[x + 2]!;
    }
  } else {
    for (let x = 0; x < end; x++) a[x] = a[x]! + 2 * a[x + 1]! + a[x + 2]!;
  }
}

/** The luma plane as FFmpeg's unsharp leaves it (a new array; the plane is never changed). */
export function unsharpLuma(
  plane: Uint8Array,
  width: number,
  height: number,
  size: number,
  amount: number,
): Uint8Array {
  check(size, amount, height);
  const n = width * height;
  if (plane.length < n) throw new RangeError('the plane is smaller than its size');
  const out = new Uint8Array(n);
  const fixed = Math.trunc(Math.fround(amount) * 65536);
  if (fixed === 0 || n === 0) {
    out.set(plane.subarray(0, n));
    return out;
  }
  const s = (size - 1) / 2;
  const unit = 2 ** -(4 * s); // blur = ⌊(sum + 2^(4s−1)) / 2^(4s)⌋, exact in doubles
  const half = 2 ** (4 * s - 1);
  const groups = groupsOf(s);
  const length = width + 2 * s;
  // Rows of sums, all Float64Array (one type keeps the loops fast; exact below 2^53; the
  // totals reach 2^24·255, past an Int32). Each group down the columns after the first keeps
  // the rows it last saw, handing its oldest on rather than copying.
  const seen = groups
    .slice(1)
    .map((taps) => Array.from({ length: taps }, () => new Float64Array(length)));
  const spare = [new Float64Array(length)];
  const across = new Float64Array(length);
  const rowAt = (v: number) => Math.min(Math.max(v - s, 0), height - 1) * width;

  // Rows −s … height+s−1 go in (the top and bottom rows repeated); the sum for output row
  // i − 2s is complete with row i, as in FFmpeg's loop. Down the columns first, then across.
  for (let i = 0; i < height + 2 * s; i++) {
    // The first group reads the plane's rows; its first sums use repeated rows where FFmpeg
    // has zeros, but no output row depends on them.
    const taps = groups[0]!;
    let sum = seen.length === 0 ? across : spare.pop()!;
    const rows = Array.from({ length: taps + 1 }, (_, k) => rowAt(i - taps + k));
    sumPlaneRows(sum, seen.length === 0 ? s : 0, plane, rows, taps, width);
    for (let g = 0; g < seen.length; g++) {
      const h = seen[g]!;
      const last = g === seen.length - 1;
      const oldest = h[0]!;
      sumSeenRows(last ? across : oldest, last ? s : 0, h, sum, width);
      h.shift();
      h.push(sum);
      if (last) spare.push(oldest);
      sum = oldest;
    }
    const y = i - 2 * s;
    if (y < 0) continue;
    // Across the row, the edge sums repeated, summed in place.
    const a = across;
    a.fill(a[s]!, 0, s);
    a.fill(a[s + width - 1]!, s + width);
    let end = length;
    for (const taps of groups) sumAlong(a, taps, (end -= taps));
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = plane[row + x]!;
      const blur = ((a[x]! + half) * unit) | 0; // not negative: truncating is the floor
      const res = p + (((p - blur) * fixed) >> 16); // below 2^31 in size: Int32 arithmetic
      // Clipped to 0…255 without branches (noisy pictures clip unpredictably): below 0 the
      // sign mask clears it, above 255 the second mask sets every bit, then & 255.
      const low = res & ~(res >> 31);
      out[row + x] = (low | ((255 - low) >> 31)) & 255;
    }
  }
  return out;
}
