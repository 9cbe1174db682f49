import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldFilterText, fieldOfPlane } from './fields';

const DIR = new URL('../../tests/fixtures/view-filters/', import.meta.url);
const [W, H] = [160, 120];
const lumaOf = (file: string) => new Uint8Array(readFileSync(new URL(file, DIR))).slice(0, W * H);

describe('one field, line-doubled, as FFmpeg shows it', () => {
  for (const field of ['top', 'bottom'] as const) {
    it(`${field}: the same luma bytes as ffmpeg -vf ${fieldFilterText(field)}`, () => {
      const ours = fieldOfPlane(lumaOf('source.yuv'), W, H, field);
      expect(Buffer.from(ours).equals(Buffer.from(lumaOf(`field-${field}.yuv`)))).toBe(true);
    });
  }

  it('takes even lines for the top field and odd for the bottom, each twice', () => {
    const plane = Uint8Array.from([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]); // 2 wide, 5 high
    expect(Array.from(fieldOfPlane(plane, 2, 5, 'top'))).toEqual([1, 1, 1, 1, 3, 3, 3, 3, 5, 5]);
    expect(Array.from(fieldOfPlane(plane, 2, 5, 'bottom'))).toEqual([2, 2, 2, 2, 4, 4, 4, 4, 5, 5]);
    expect(() => fieldOfPlane(plane, 3, 5, 'top')).toThrow(RangeError);
  });
});
