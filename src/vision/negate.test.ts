import { describe, expect, it } from 'vitest';
import { NEGATE_FILTER_TEXT, negateTable } from './negate';
import { fixturesMatching, mapped } from './testing/view-filter-fixtures';

describe('negate, as FFmpeg 5.1 computes it', () => {
  const outputs = fixturesMatching(/^negate$/);
  it('has the fixtures (an even and an odd size)', () => expect(outputs.length).toBe(2));
  for (const { file, input, ffmpeg } of outputs) {
    it(`${file}: Y, U and V the same bytes as native FFmpeg`, () => {
      expect(mapped(input.y, negateTable('luma'))).toEqual(ffmpeg.y);
      expect(mapped(input.u, negateTable('chroma'))).toEqual(ffmpeg.u);
      expect(mapped(input.v, negateTable('chroma'))).toEqual(ffmpeg.v);
    });
  }

  it('is 255 − v on every plane, with no limited-range clipping', () => {
    for (const plane of ['luma', 'chroma'] as const) {
      const t = negateTable(plane);
      expect([t[0], t[16], t[128], t[235], t[255]]).toEqual([255, 239, 127, 20, 0]);
    }
    expect(NEGATE_FILTER_TEXT).toBe('negate');
  });
});
