import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyEqToLuma,
  eqFilterText,
  eqLumaTable,
  eqProblem,
  NO_EQ,
  psnr,
  type EqSettings,
} from './eq-filter';

/** Native FFmpeg 5.1's eq output on one frame (scripts/make-view-filter-fixtures.sh). */
const DIR = new URL('../../tests/fixtures/view-filters/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', DIR), 'utf8')) as {
  width: number;
  height: number;
  outputs: { file: string; filter: string }[];
};
const lumaOf = (file: string) =>
  new Uint8Array(readFileSync(new URL(file, DIR))).slice(0, index.width * index.height);

/** "eq=brightness=0.1:contrast=1.2" → the settings. */
function settingsOf(filter: string): EqSettings {
  const values = Object.fromEntries(
    filter
      .replace(/^eq=/, '')
      .split(':')
      .map((kv) => kv.split('=') as [string, string]),
  );
  return {
    brightness: Number(values['brightness'] ?? 0),
    contrast: Number(values['contrast'] ?? 1),
    gamma: Number(values['gamma'] ?? 1),
    gammaWeight: Number(values['gamma_weight'] ?? 1),
  };
}

describe('eq on luma, as FFmpeg computes it', () => {
  const source = lumaOf('source.yuv');
  for (const { file, filter } of index.outputs) {
    it(`${filter}: the same bytes as native FFmpeg`, () => {
      const settings = settingsOf(filter);
      expect(settingsOf(eqFilterText(settings))).toEqual(settings);
      const ours = applyEqToLuma(source, settings);
      const ffmpeg = lumaOf(file);
      expect(psnr(ours, ffmpeg)).toBeGreaterThanOrEqual(40);
      expect(Buffer.from(ours).equals(Buffer.from(ffmpeg))).toBe(true);
    });
  }

  it('reads the settings as C floats, as vf_eq does (native FFmpeg 5.1 on every value)', () => {
    // eq=brightness=-0.1: (int)(100·b + 100) is 89 for the float −0.100000001…, so 30 → 1.
    const t = eqLumaTable({ ...NO_EQ, brightness: -0.1 });
    expect([t[28], t[29], t[30], t[31], t[255]]).toEqual([0, 0, 1, 2, 226]);
  });

  it('leaves the frame alone with no filter, and refuses impossible settings in words', () => {
    const source2 = lumaOf('source.yuv');
    expect(applyEqToLuma(source2, NO_EQ)).toEqual(source2);
    expect(eqFilterText(NO_EQ)).toBe('');
    expect(eqProblem(NO_EQ)).toBeNull();
    expect(eqProblem({ ...NO_EQ, gamma: 0 })).toBe(
      'gamma must be a number from 0.1 to 10 (it is 0).',
    );
    expect(eqProblem({ ...NO_EQ, brightness: Number.NaN })).toMatch(/^brightness must be/);
    expect(psnr(source2, source2)).toBe(Infinity);
  });
});
