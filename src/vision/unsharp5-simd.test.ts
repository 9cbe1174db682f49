import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { unsharp5 } from './unsharp';
import { unsharp5Simd } from './unsharp5-simd';

/** A seeded noisy plane (noise sharpens into clipping at both ends: the hard case). */
function noise(length: number, seed: number): Uint8Array {
  const plane = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    plane[i] = (s >>> 16) & 255;
  }
  return plane;
}

const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);
const NEGATE = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);

describe('unsharp 5×5 with WebAssembly SIMD', () => {
  it('gives the JavaScript path’s bytes (hence FFmpeg’s) on every width 1–41, amounts −2…5', () => {
    let seed = 1;
    for (let width = 1; width <= 41; width++) {
      for (const height of [8, 9, 13]) {
        for (const amount of [-2, -0.5, 0.3, 1, 2.5, 5]) {
          const plane = noise(width * height, seed++);
          const fixed = Math.trunc(Math.fround(amount) * 65536);
          const want = new Uint8Array(width * height);
          unsharp5(plane, width, height, fixed, want, IDENTITY);
          const got = new Uint8Array(width * height);
          expect(unsharp5Simd(plane, width, height, fixed, got, 'none')).toBe(true);
          expect(Buffer.from(got).equals(Buffer.from(want))).toBe(true);
        }
      }
    }
  });

  it('on a 1080p plane, inverted or through a table, as the JavaScript path', () => {
    const [width, height] = [1920, 1080];
    const plane = noise(width * height, 42);
    const want = new Uint8Array(width * height);
    unsharp5(plane, width, height, 65536, want, NEGATE);
    const got = new Uint8Array(width * height);
    expect(unsharp5Simd(plane, width, height, 65536, got, 'invert')).toBe(true);
    expect(Buffer.from(got).equals(Buffer.from(want))).toBe(true);
    // Any other table goes through the table.
    const halve = Uint8Array.from({ length: 256 }, (_, i) => i >> 1);
    unsharp5(plane, width, height, 65536, want, halve);
    expect(unsharp5Simd(plane, width, height, 65536, got, halve)).toBe(true);
    expect(Buffer.from(got).equals(Buffer.from(want))).toBe(true);
    // A smaller plane after a larger one (the memory stays grown) is still right.
    const small = noise(24 * 10, 7);
    const smallWant = new Uint8Array(24 * 10);
    unsharp5(small, 24, 10, 65536, smallWant, IDENTITY);
    const smallGot = new Uint8Array(24 * 10);
    unsharp5Simd(small, 24, 10, 65536, smallGot, 'none');
    expect(smallGot).toEqual(smallWant);
  });

  it('is what scripts/build-wasm.mjs assembles from unsharp5.wat now, byte for byte', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
