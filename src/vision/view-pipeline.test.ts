import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyView } from './view-pipeline';
import { NO_VIEW, ffmpegChain, viewProblemOn, type ViewSettings } from './view-settings';

/**
 * The whole view, in the order ffmpegChain states it, against native FFmpeg 5.1's output of
 * that very chain (tests/fixtures/view-filters, scripts/make-view-filter-fixtures.sh): every
 * plane, byte for byte.
 */
const DIR = new URL('../../tests/fixtures/view-filters/', import.meta.url);
const bytes = (file: string) => new Uint8Array(readFileSync(new URL(file, DIR)));
const filters = JSON.parse(readFileSync(new URL('filters.json', DIR), 'utf8')) as {
  outputs: { file: string; filter: string }[];
};
const yuv420 = { width: 160, height: 120, chroma: { x: 1, y: 1 } };

/** The same filters (eq's options in another order, which FFmpeg does not mind). */
const eqSorted = (chain: string) =>
  chain.replace(/eq=([^,]*)/, (_, options: string) => `eq=${options.split(':').sort().join(':')}`);

function expectFfmpegs(view: ViewSettings, file: string): void {
  const fixture = filters.outputs.find((o) => o.file === file);
  if (fixture) expect(eqSorted(ffmpegChain(view))).toBe(eqSorted(fixture.filter));
  const odd = file.startsWith('odd-');
  const size = odd ? { width: 161, height: 121 } : { width: 160, height: 120 };
  const source = bytes(odd ? 'source-161x121.yuv' : 'source.yuv');
  const out = applyView({ ...yuv420, ...size, data: source }, view);
  expect(Buffer.from(out).equals(Buffer.from(bytes(file)))).toBe(true);
  // The decoded frame is never written to.
  expect(source).toEqual(bytes(odd ? 'source-161x121.yuv' : 'source.yuv'));
}

describe('the view pipeline, as native FFmpeg runs its chain', () => {
  it('levels, eq with greyscale, unsharp and negate together: the same bytes', () => {
    const view: ViewSettings = {
      ...NO_VIEW,
      blackPoint: 30,
      whitePoint: 200,
      brightness: 0.05,
      contrast: 1.2,
      saturation: 0,
      sharpen: 1,
      invert: true,
    };
    expectFfmpegs(view, 'chain-s0.yuv');
  });

  it('every filter at once, one field shown (the bench’s view): the same bytes', () => {
    const every: ViewSettings = {
      ...NO_VIEW,
      blackPoint: 16,
      whitePoint: 220,
      brightness: 0.05,
      contrast: 1.3,
      gamma: 1.6,
      saturation: 1.5,
      sharpen: 1,
      invert: true,
      fields: 'top',
    };
    expectFfmpegs(every, 'chain-field-top.yuv');
  });

  it('one field of a picture FFmpeg would give another height: refused in words', () => {
    // FFmpeg's own output for the odd frame's bottom field is 120 lines, not 121.
    const bottom: ViewSettings = {
      ...NO_VIEW,
      blackPoint: 10,
      whitePoint: 240,
      gamma: 0.8,
      sharpen: 2.5,
      invert: true,
      fields: 'bottom',
    };
    expect(bytes('odd-chain-field-bottom.yuv').length).toBe(161 * 120 + 2 * 81 * 60);
    const odd = { ...yuv420, width: 161, height: 121, data: bytes('source-161x121.yuv') };
    expect(() => applyView(odd, bottom)).toThrow(/multiple of 4 \(this one is 121 lines\)/);
    expect(viewProblemOn(bottom, { height: 121, chromaY: 1 })).toMatch(/another height/);
    expect(viewProblemOn(bottom, { height: 122, chromaY: 1 })).toMatch(/multiple of 4/);
    expect(viewProblemOn(bottom, { height: 122, chromaY: 0 })).toBeNull(); // 4:2:2
    expect(viewProblemOn({ ...bottom, fields: 'both' }, { height: 121, chromaY: 1 })).toBeNull();
    expect(viewProblemOn({ ...bottom, fields: 'both' }, { height: 7, chromaY: 1 })).toMatch(
      /7 lines high/,
    );
  });

  it('one field, line-doubled, on every plane: the same bytes', () => {
    expectFfmpegs({ ...NO_VIEW, fields: 'top' }, 'field-top.yuv');
    expectFfmpegs({ ...NO_VIEW, fields: 'bottom' }, 'field-bottom.yuv');
  });

  it('a view that changes no pixel gives the frame’s own bytes (a copy)', () => {
    const source = bytes('source.yuv');
    const out = applyView({ ...yuv420, data: source }, { ...NO_VIEW, interpolation: 'bicubic' });
    expect(out).toEqual(source);
    expect(out.buffer).not.toBe(source.buffer);
  });

  it('refuses a picture shorter than its size', () => {
    expect(() =>
      applyView({ ...yuv420, data: new Uint8Array(100) }, { ...NO_VIEW, gamma: 2 }),
    ).toThrow(/shorter/);
  });
});
