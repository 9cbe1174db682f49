/**
 * Pearson's correlation between a[n] and b[n − L] over the n where both exist, at chosen lags
 * L, given Σ a[n] b[n − L] (from an FFT or summed directly): the other sums over each overlap
 * come from prefix sums, so each lag costs O(1) beyond its Σab. Shared by the sound offset's
 * search and its refinement (sound-offset.ts).
 */
export function pearsonAtLags(
  a: Float64Array,
  b: Float64Array,
  lags: readonly number[],
  sumAB: (lag: number) => number,
): { r: number[]; overlap: number[] } {
  const pa = prefixSums(a);
  const pb = prefixSums(b);
  const r: number[] = [];
  const overlap: number[] = [];
  for (const lag of lags) {
    const from = Math.max(0, lag);
    const to = Math.min(a.length, b.length + lag);
    const m = to - from;
    if (m <= 0) {
      r.push(0);
      overlap.push(0);
      continue;
    }
    const sa = pa.sum[to]! - pa.sum[from]!;
    const saa = pa.squares[to]! - pa.squares[from]!;
    const sb = pb.sum[to - lag]! - pb.sum[from - lag]!;
    const sbb = pb.squares[to - lag]! - pb.squares[from - lag]!;
    const cov = m * sumAB(lag) - sa * sb;
    const va = m * saa - sa * sa;
    const vb = m * sbb - sb * sb;
    // A flat stretch (no onsets in the overlap) correlates with nothing: 0, not NaN.
    r.push(va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0);
    overlap.push(m);
  }
  return { r, overlap };
}

function prefixSums(x: Float64Array): { sum: Float64Array; squares: Float64Array } {
  const sum = new Float64Array(x.length + 1);
  const squares = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) {
    sum[i + 1] = sum[i]! + x[i]!;
    squares[i + 1] = squares[i]! + x[i]! ** 2;
  }
  return { sum, squares };
}
