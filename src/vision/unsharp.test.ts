import { describe, expect, it } from 'vitest';
import { unsharpFilterText, unsharpLuma, unsharpProblem } from './unsharp';
import { fixturesMatching } from './testing/view-filter-fixtures';

describe('unsharp on luma, as FFmpeg computes it', () => {
  const outputs = fixturesMatching(/^unsharp=/);
  it('has the fixtures', () => expect(outputs.length).toBeGreaterThanOrEqual(7));
  for (const { file, filter, width, height, input, ffmpeg } of outputs) {
    it(`${filter} on ${width}x${height}: Y, U and V the same bytes as native FFmpeg`, () => {
      const [size, , amount] = filter.replace('unsharp=', '').split(':').map(Number);
      expect(unsharpFilterText(size!, amount!)).toBe(filter);
      const before = input.y.slice();
      expect(unsharpLuma(input.y, width, height, size!, amount!)).toEqual(ffmpeg.y);
      expect(input.y).toEqual(before);
      expect(input.u).toEqual(ffmpeg.u);
      expect(input.v).toEqual(ffmpeg.v);
      expect(file).toMatch(/\.yuv$/);
    });
  }

  it('writes into a given array through a table (the view’s next filter) as one pass', () => {
    const invert = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    for (const { filter, width, height, input } of outputs) {
      const [size, , amount] = filter.replace('unsharp=', '').split(':').map(Number);
      const plain = unsharpLuma(input.y, width, height, size!, amount!);
      const into = new Uint8Array(width * height + 3).fill(7);
      const out = unsharpLuma(input.y, width, height, size!, amount!, { into, then: invert });
      expect(out).toBe(into);
      expect(into.subarray(0, plain.length)).toEqual(plain.map((v) => 255 - v));
      expect(Array.from(into.subarray(plain.length))).toEqual([7, 7, 7]); // nothing past it
    }
    const plane = Uint8Array.from({ length: 12 }, (_, i) => i * 20);
    expect(unsharpLuma(plane, 4, 3, 3, 0, { then: invert })).toEqual(plane.map((v) => 255 - v));
    const tall = new Uint8Array(4 * 6);
    expect(() => unsharpLuma(tall, 4, 6, 3, 1, { into: new Uint8Array(23) })).toThrow(
      /output is smaller/,
    );
  });

  it('copies the plane for amount 0, and keeps a flat plane flat', () => {
    const plane = Uint8Array.from({ length: 12 }, (_, i) => i * 20);
    const out = unsharpLuma(plane, 4, 3, 3, 0);
    expect(out).toEqual(plane);
    expect(out).not.toBe(plane);
    expect(unsharpFilterText(5, 0)).toBe('');
    expect(unsharpLuma(new Uint8Array(3 * 24).fill(90), 3, 24, 13, 5)).toEqual(
      new Uint8Array(3 * 24).fill(90),
    );
  });

  it('refuses what FFmpeg refuses, in words', () => {
    expect(unsharpProblem(5, 1)).toBeNull();
    expect(unsharpProblem(13, -2)).toBeNull();
    expect(unsharpProblem(4, 1)).toBe(
      'The size must be an odd whole number from 3 to 13 (it is 4).',
    );
    expect(unsharpProblem(1, 1)).toMatch(/^The size must be an odd whole number/);
    expect(unsharpProblem(15, 1)).toBe(
      'The size must be at most 13: FFmpeg refuses 15 by 15 as too big for its sums.',
    );
    expect(unsharpProblem(5, 5.1)).toBe('The amount must be a number from -2 to 5 (it is 5.1).');
    expect(unsharpProblem(5, Number.NaN)).toMatch(/^The amount must be/);
    expect(() => unsharpLuma(new Uint8Array(4), 2, 2, 25, 1)).toThrow(RangeError);
    // FFmpeg 5.1 writes nothing for a picture under 2·(size − 1) lines (no slices).
    expect(unsharpProblem(13, 1, 24)).toBeNull();
    expect(unsharpProblem(13, 1, 23)).toBe(
      "The picture is 23 lines high; FFmpeg's unsharp of size 13 needs at least 24 and leaves a smaller picture blank.",
    );
    expect(() => unsharpLuma(new Uint8Array(30 * 7), 30, 7, 5, 1)).toThrow(/7 lines high/);
  });
});
