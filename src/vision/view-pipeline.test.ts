import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyView } from './view-pipeline';
import { NO_VIEW, ffmpegChain, type ViewSettings } from './view-settings';

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

function expectFfmpegs(view: ViewSettings, file: string): void {
  const source = bytes('source.yuv');
  const out = applyView({ ...yuv420, data: source }, view);
  expect(Buffer.from(out).equals(Buffer.from(bytes(file)))).toBe(true);
  expect(bytes('source.yuv')).toEqual(source); // the decoded frame is never written to
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
    const fixture = filters.outputs.find((o) => o.file === 'chain-s0.yuv')!;
    // The same filters (eq's options in another order, which FFmpeg does not mind).
    const eqSorted = (chain: string) =>
      chain.replace(
        /eq=([^,]*)/,
        (_, options: string) => `eq=${options.split(':').sort().join(':')}`,
      );
    expect(eqSorted(ffmpegChain(view))).toBe(eqSorted(fixture.filter));
    expectFfmpegs(view, 'chain-s0.yuv');
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
