/**
 * A small iterative radix-2 FFT and the cross-correlation of two real sequences with it, for
 * the sound offset search (sound-offset.ts): 30 minutes of onset envelope at 200 hops/s is
 * 360 000 values a clip, a 2^20-point transform, about a tenth of a second in Node, where
 * the direct sum over ±60 s of lags would take tens of seconds. Written here rather than taken
 * from npm: one transform is some 60 lines, checked against the direct sum in fft.test.ts,
 * which is less to review and keep than a dependency (core may use only pure libraries).
 */

/** In place: (re, im) becomes its discrete Fourier transform; length a power of two. */
export function fftInPlace(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n !== im.length || (n & (n - 1)) !== 0) {
    throw new RangeError(`FFT length must be a power of two, got ${n}`);
  }
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!;
      const ti = im[i]!;
      re[i] = re[j]!;
      im[i] = im[j]!;
      re[j] = tr;
      im[j] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    // This stage's twiddles exp(∓2πik/size), contiguous (a stride through one table of n is
    // slower: cache misses cost more than the cos/sin).
    const wr = new Float64Array(half);
    const wi = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      wr[k] = Math.cos((2 * Math.PI * k) / size);
      wi[k] = sign * Math.sin((2 * Math.PI * k) / size);
    }
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const a = start + k;
        const b = a + half;
        const xr = re[b]! * wr[k]! - im[b]! * wi[k]!;
        const xi = re[b]! * wi[k]! + im[b]! * wr[k]!;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
  }
}

export const nextPowerOfTwo = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/**
 * c[L] = Σ_n a[n] · b[n − L] for every lag L from −(b.length − 1) to a.length − 1, returned
 * as { values, zeroAt } with c[L] = values[zeroAt + L]. Both real sequences go through one
 * complex transform (a as the real part, b as the imaginary) and are separated by symmetry.
 */
export function crossCorrelate(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { values: Float64Array; zeroAt: number } {
  const n = nextPowerOfTwo(a.length + b.length - 1);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < a.length; i++) re[i] = a[i]!;
  for (let i = 0; i < b.length; i++) im[i] = b[i]!;
  fftInPlace(re, im);
  // A[k] = (Z[k] + conj Z[−k]) / 2, B[k] = (Z[k] − conj Z[−k]) / 2i; P = A · conj B.
  const pr = new Float64Array(n);
  const pi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const m = (n - k) & (n - 1);
    const [zr, zi, cr, ci] = [re[k]!, im[k]!, re[m]!, -im[m]!];
    const ar = (zr + cr) / 2;
    const ai = (zi + ci) / 2;
    // (Z − conj Z[−k]) / 2i = (d_i − i d_r) / 2 with d = Z − conj Z[−k].
    const br = (zi - ci) / 2;
    const bi = -(zr - cr) / 2;
    pr[k] = ar * br + ai * bi;
    pi[k] = ai * br - ar * bi;
  }
  fftInPlace(pr, pi, true);
  const values = new Float64Array(a.length + b.length - 1);
  const zeroAt = b.length - 1;
  for (let lag = -zeroAt; lag < a.length; lag++) values[zeroAt + lag] = pr[(lag + n) & (n - 1)]!;
  return { values, zeroAt };
}
