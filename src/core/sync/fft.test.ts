import { describe, expect, it } from 'vitest';
import { crossCorrelate, fftInPlace, nextPowerOfTwo } from './fft';

const random = (seed: number) => () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296 - 0.5;
};

describe('fftInPlace', () => {
  it('matches the direct discrete Fourier transform, and inverts', () => {
    const next = random(1);
    const n = 16;
    const [re, im] = [new Float64Array(n).map(next), new Float64Array(n).map(next)];
    const [fr, fi] = [re.slice(), im.slice()];
    fftInPlace(fr, fi);
    for (let k = 0; k < n; k++) {
      let [sr, si] = [0, 0];
      for (let t = 0; t < n; t++) {
        const angle = (-2 * Math.PI * k * t) / n;
        sr += re[t]! * Math.cos(angle) - im[t]! * Math.sin(angle);
        si += re[t]! * Math.sin(angle) + im[t]! * Math.cos(angle);
      }
      expect(fr[k]).toBeCloseTo(sr, 12);
      expect(fi[k]).toBeCloseTo(si, 12);
    }
    fftInPlace(fr, fi, true);
    fr.forEach((v, i) => expect(v).toBeCloseTo(re[i]!, 12));
    fi.forEach((v, i) => expect(v).toBeCloseTo(im[i]!, 12));
  });

  it('refuses a length that is not a power of two', () => {
    expect(() => fftInPlace(new Float64Array(12), new Float64Array(12))).toThrow(/power of two/);
    expect(nextPowerOfTwo(1)).toBe(1);
    expect(nextPowerOfTwo(1000)).toBe(1024);
    expect(nextPowerOfTwo(1024)).toBe(1024);
  });
});

describe('crossCorrelate', () => {
  it('gives Σ a[n] b[n − L] at every lag, as the direct sum does', () => {
    const next = random(7);
    const a = Array.from({ length: 37 }, next);
    const b = Array.from({ length: 23 }, next);
    const { values, zeroAt } = crossCorrelate(a, b);
    expect(values.length).toBe(37 + 23 - 1);
    for (let lag = -22; lag < 37; lag++) {
      let direct = 0;
      for (let n = 0; n < a.length; n++) {
        const k = n - lag;
        if (k >= 0 && k < b.length) direct += a[n]! * b[k]!;
      }
      expect(values[zeroAt + lag]).toBeCloseTo(direct, 12);
    }
  });

  it('peaks at the shift between a sequence and its delayed copy', () => {
    const next = random(3);
    const a = Array.from({ length: 500 }, next);
    const b = a.slice(120, 420); // b[k] = a[k + 120]: b's content is 120 steps later in a
    const { values, zeroAt } = crossCorrelate(a, b);
    let best = 0;
    values.forEach((v, i) => {
      if (v > values[best]!) best = i;
    });
    expect(best - zeroAt).toBe(120);
  });
});
