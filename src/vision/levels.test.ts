import { describe, expect, it } from 'vitest';
import { levelsFilterText, levelsProblem, levelsTable } from './levels';
import { fixturesMatching, mapped } from './testing/view-filter-fixtures';

describe('levels, as FFmpeg lutyuv computes them', () => {
  const outputs = fixturesMatching(/^lutyuv=[^,]*,0,255\)':u=val:v=val$/);
  it('has the fixtures', () => expect(outputs.length).toBeGreaterThanOrEqual(4));
  for (const { filter, input, ffmpeg } of outputs) {
    it(`${filter}: Y, U and V the same bytes as native FFmpeg`, () => {
      const [, black, white] = /val-(\d+)\)\*255\/\((\d+)-/.exec(filter)!.map(Number);
      expect(levelsFilterText(black!, white!)).toBe(filter);
      expect(mapped(input.y, levelsTable(black!, white!))).toEqual(ffmpeg.y);
      expect(input.u).toEqual(ffmpeg.u);
      expect(input.v).toEqual(ffmpeg.v);
    });
  }

  it('truncates toward zero and clips, as vf_lut', () => {
    const t = levelsTable(16, 235);
    expect([t[0], t[16], t[17], t[23], t[235], t[255]]).toEqual([0, 0, 1, 8, 255, 255]);
    expect(levelsTable(0, 255)).toEqual(Uint8Array.from({ length: 256 }, (_, i) => i));
  });

  it('says nothing for 0 and 255, and refuses impossible points in words', () => {
    expect(levelsFilterText(0, 255)).toBe('');
    expect(levelsProblem(16, 235)).toBeNull();
    expect(levelsProblem(200, 100)).toBe(
      'The black point (200) must be below the white point (100).',
    );
    expect(levelsProblem(100, 100)).toBe(
      'The black point (100) must be below the white point (100).',
    );
    expect(levelsProblem(-1, 100)).toBe(
      'The black point must be a whole number from 0 to 255 (it is -1).',
    );
    expect(levelsProblem(0, 12.5)).toBe(
      'The white point must be a whole number from 0 to 255 (it is 12.5).',
    );
    expect(() => levelsTable(200, 100)).toThrow(/below the white point/);
  });
});
