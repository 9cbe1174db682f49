import { describe, expect, it } from 'vitest';
import { eqFilterText, eqLumaTable, NO_EQ, type EqSettings } from './eq-filter';
import { levelsFilterText, levelsTable } from './levels';
import { NEGATE_FILTER_TEXT, negateTable } from './negate';
import { unsharpFilterText, unsharpLuma } from './unsharp';
import { filterOutputs, mapped, planesOf } from './testing/view-filter-fixtures';

/**
 * The view filters chained as the player applies them (levels, eq, unsharp, negate), against
 * native FFmpeg running the same filter text: each plane equal, byte for byte. vf_eq's
 * saturation S acts on U and V as its contrast does on Y, through the same fixed-point path
 * with brightness 0, so eqLumaTable gives chroma's table too.
 */
const chains: {
  black: number;
  white: number;
  eq: EqSettings;
  saturation: number;
  size: number;
  amount: number;
  source: string;
}[] = [
  {
    black: 30,
    white: 200,
    eq: { ...NO_EQ, brightness: 0.05, contrast: 1.2 },
    saturation: 0,
    size: 5,
    amount: 1,
    source: 'source.yuv',
  },
  {
    black: 16,
    white: 235,
    eq: { ...NO_EQ, contrast: 0.8 },
    saturation: 1.5,
    size: 7,
    amount: -0.5,
    source: 'source.yuv',
  },
  {
    black: 10,
    white: 220,
    eq: { ...NO_EQ, brightness: -0.1 },
    saturation: 1.5,
    size: 3,
    amount: 2.5,
    source: 'source-161x121.yuv',
  },
];

describe('levels → eq → unsharp → negate, as FFmpeg chains them', () => {
  for (const c of chains) {
    const filter = [
      levelsFilterText(c.black, c.white),
      `${eqFilterText(c.eq)}:saturation=${c.saturation}`,
      unsharpFilterText(c.size, c.amount),
      NEGATE_FILTER_TEXT,
    ].join(',');
    it(`${filter} on ${c.source}: Y, U and V the same bytes as native FFmpeg`, () => {
      const fixture = filterOutputs.find((o) => o.filter === filter && o.source === c.source);
      expect(fixture).toBeDefined();
      const { file, width, height } = fixture!;
      const input = planesOf(c.source, width, height);
      const ffmpeg = planesOf(file, width, height);

      const levelled = mapped(input.y, levelsTable(c.black, c.white));
      const equalised = mapped(levelled, eqLumaTable(c.eq));
      const sharpened = unsharpLuma(equalised, width, height, c.size, c.amount);
      expect(mapped(sharpened, negateTable('luma'))).toEqual(ffmpeg.y);

      const saturation = eqLumaTable({ ...NO_EQ, contrast: c.saturation });
      const chroma = (plane: Uint8Array) =>
        mapped(mapped(plane, saturation), negateTable('chroma'));
      expect(chroma(input.u)).toEqual(ffmpeg.u);
      expect(chroma(input.v)).toEqual(ffmpeg.v);
    });
  }

  it('greys chroma to 127, not 128, at saturation 0 (vf_eq rounds its brightness down)', () => {
    const grey = eqLumaTable({ ...NO_EQ, contrast: 0 });
    expect(new Set(grey)).toEqual(new Set([127]));
  });
});
