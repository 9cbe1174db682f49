import { describe, expect, it } from 'vitest';
import {
  rgbPsnr,
  changedPixelsWords,
  frameDifference,
  groupedCount,
  type RgbaPicture,
} from './frame-difference';

/** A picture from [r, g, b] triples (alpha 255), row by row. */
function picture(width: number, height: number, pixels: [number, number, number][]): RgbaPicture {
  const data = new Uint8ClampedArray(width * height * 4);
  pixels.forEach(([r, g, b], i) => data.set([r, g, b, 255], i * 4));
  return { width, height, data };
}

describe('frameDifference', () => {
  it('is |A − B| per channel, exact integers, alpha 255', () => {
    const a = picture(2, 1, [
      [10, 200, 0],
      [255, 0, 7],
    ]);
    const b = picture(2, 1, [
      [13, 190, 0],
      [0, 255, 7],
    ]);
    const d = frameDifference(a, b);
    expect(Array.from(d.data)).toEqual([3, 10, 0, 255, 255, 255, 0, 255]);
    // The same either way round.
    expect(Array.from(frameDifference(b, a).data)).toEqual(Array.from(d.data));
    expect(d.changedPixels).toBe(2);
    expect(d.totalPixels).toBe(2);
    expect(d.largestDifference).toBe(255);
  });

  it('counts a pixel once however many channels differ, and bounds the change', () => {
    // 4 × 3; pixels (1, 0) and (2, 2) differ, (1, 0) in all three channels.
    const grey = Array.from({ length: 12 }, () => [50, 50, 50] as [number, number, number]);
    const other = grey.map((p) => [...p] as [number, number, number]);
    other[1] = [51, 49, 60];
    other[2 * 4 + 2] = [50, 50, 51];
    const d = frameDifference(picture(4, 3, grey), picture(4, 3, other));
    expect(d.changedPixels).toBe(2);
    expect(d.largestDifference).toBe(10);
    expect(d.bounds).toEqual({ x: 1, y: 0, width: 2, height: 3 });
    expect(Array.from(d.changed)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(Array.from(d.data.subarray(4, 8))).toEqual([1, 1, 10, 255]);
    expect(Array.from(d.data.subarray(40, 44))).toEqual([0, 0, 1, 255]);
    expect(Array.from(d.data.subarray(0, 4))).toEqual([0, 0, 0, 255]);
  });

  it('finds no change between a picture and itself', () => {
    const a = picture(3, 2, [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10, 11, 12],
      [13, 14, 15],
      [16, 17, 18],
    ]);
    const d = frameDifference(a, a);
    expect(d.changedPixels).toBe(0);
    expect(d.bounds).toBeNull();
    expect(d.largestDifference).toBe(0);
    expect(Array.from(d.data)).toEqual(
      Array.from({ length: 24 }, (_, i) => (i % 4 === 3 ? 255 : 0)),
    );
  });

  it('counts a pixel that differs only in alpha, though the picture it gives is opaque', () => {
    const a = picture(1, 1, [[9, 9, 9]]);
    const b: RgbaPicture = { width: 1, height: 1, data: Uint8ClampedArray.from([9, 9, 9, 0]) };
    const d = frameDifference(a, b);
    expect(d.changedPixels).toBe(1);
    expect(Array.from(d.changed)).toEqual([1]);
    expect(Array.from(d.data)).toEqual([0, 0, 0, 255]);
  });

  it('refuses pictures of different sizes or with the wrong number of bytes', () => {
    const a = picture(2, 2, []);
    expect(() => frameDifference(a, picture(2, 1, []))).toThrow(/differ in size/);
    expect(() =>
      frameDifference(a, { width: 2, height: 2, data: new Uint8ClampedArray(15) }),
    ).toThrow(RangeError);
    expect(() => frameDifference({ width: 0, height: 0, data: new Uint8Array(0) }, a)).toThrow(
      RangeError,
    );
  });
});

describe('the words for a difference', () => {
  it('groups thousands and gives the share to one decimal', () => {
    expect(groupedCount(1234)).toBe('1,234');
    expect(groupedCount(1234567)).toBe('1,234,567');
    expect(groupedCount(999)).toBe('999');
    expect(changedPixelsWords({ changedPixels: 1234, totalPixels: 230400 })).toBe(
      '1,234 pixels differ (0.5 %)',
    );
    expect(changedPixelsWords({ changedPixels: 1, totalPixels: 4 })).toBe(
      '1 pixel differs (25.0 %)',
    );
  });

  it('never rounds a change away, nor to all of the picture', () => {
    expect(changedPixelsWords({ changedPixels: 0, totalPixels: 100 })).toBe('No pixel differs');
    expect(changedPixelsWords({ changedPixels: 3, totalPixels: 921600 })).toBe(
      '3 pixels differ (< 0.1 %)',
    );
    expect(changedPixelsWords({ changedPixels: 921599, totalPixels: 921600 })).toBe(
      '921,599 pixels differ (> 99.9 %)',
    );
    expect(changedPixelsWords({ changedPixels: 50, totalPixels: 50 })).toBe(
      '50 pixels differ (100.0 %)',
    );
  });
});

describe('rgbPsnr', () => {
  const picture = (values: number[]) => ({ width: 2, height: 1, data: Uint8Array.from(values) });
  it('is Infinity for equal pictures and null for pictures of other sizes', () => {
    const a = picture([10, 20, 30, 255, 40, 50, 60, 255]);
    expect(rgbPsnr(a, a)).toBe(Infinity);
    expect(rgbPsnr(a, { width: 1, height: 2, data: a.data })).toBeNull();
  });

  it('leaves alpha out: one value off by 10 in six is 10·log10(255² / (100 / 6))', () => {
    const a = picture([10, 20, 30, 255, 40, 50, 60, 255]);
    const b = picture([10, 20, 40, 0, 40, 50, 60, 7]);
    expect(rgbPsnr(a, b)).toBeCloseTo(10 * Math.log10((255 * 255) / (100 / 6)), 10);
  });
});
