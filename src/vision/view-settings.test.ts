import { describe, expect, it } from 'vitest';
import {
  NO_VIEW,
  changesPixels,
  ffmpegChain,
  isViewActive,
  readViewChain,
  readViewSettings,
  viewProblem,
  viewWords,
} from './view-settings';

describe('view settings', () => {
  it('the default view is the frame as decoded: no chain, no words, not active', () => {
    expect(isViewActive(NO_VIEW)).toBe(false);
    expect(changesPixels(NO_VIEW)).toBe(false);
    expect(ffmpegChain(NO_VIEW)).toBe('');
    expect(viewWords(NO_VIEW)).toBe('');
    expect(viewProblem(NO_VIEW)).toBeNull();
  });

  it('says the issue’s example in words and as FFmpeg filters, in the fixed order', () => {
    const view = { ...NO_VIEW, gamma: 1.6, contrast: 1.2 };
    expect(viewWords(view)).toBe('gamma 1.6, contrast 1.2');
    expect(ffmpegChain(view)).toBe('eq=gamma=1.6:contrast=1.2');
    const all = {
      ...view,
      fields: 'top' as const,
      blackPoint: 16,
      whitePoint: 235,
      saturation: 0,
      sharpen: 1,
      invert: true,
    };
    expect(ffmpegChain(all)).toBe(
      "field=type=top,scale=w=iw:h=ih*2:flags=neighbor,lutyuv=y='clip((val-16)*255/(235-16),0,255)':u=val:v=val,eq=gamma=1.6:contrast=1.2:saturation=0,unsharp=5:5:1,negate",
    );
    expect(viewWords(all)).toBe(
      'top field, levels 16–235, gamma 1.6, contrast 1.2, greyscale, sharpen 1, inverted',
    );
  });

  it('saturation alone is an eq of its own; bicubic zoom is active but changes no pixel', () => {
    expect(ffmpegChain({ ...NO_VIEW, saturation: 1.5 })).toBe('eq=saturation=1.5');
    const bicubic = { ...NO_VIEW, interpolation: 'bicubic' as const };
    expect(isViewActive(bicubic)).toBe(true);
    expect(changesPixels(bicubic)).toBe(false);
    expect(ffmpegChain(bicubic)).toBe('');
    expect(viewWords(bicubic)).toBe('bicubic zoom');
  });

  it('refuses impossible settings in plain words', () => {
    expect(viewProblem({ ...NO_VIEW, blackPoint: 200, whitePoint: 100 })).toMatch(
      /black point \(200\) must be below the white point \(100\)/,
    );
    expect(viewProblem({ ...NO_VIEW, gamma: 0 })).toMatch(/gamma must be a number from 0.1 to 10/);
    expect(viewProblem({ ...NO_VIEW, saturation: 4 })).toMatch(/Saturation must be .* 0 to 3/);
    expect(viewProblem({ ...NO_VIEW, brightness: Number.NaN })).toMatch(/brightness/);
    expect(viewProblem({ ...NO_VIEW, sharpen: 9 })).not.toBeNull();
  });

  it('reads a stored preset, refusing a damaged or hostile one', () => {
    expect(readViewSettings({ gamma: 1.6 })).toEqual({ ...NO_VIEW, gamma: 1.6 });
    expect(readViewSettings(null)).toMatch(/not an object/);
    expect(readViewSettings({ gamma: '1.6' })).toMatch(/"gamma" has the wrong type/);
    expect(readViewSettings({ fields: 'left' })).toMatch(/Unknown field choice/);
    expect(readViewSettings({ blackPoint: 250, whitePoint: 10 })).toMatch(/black point/);
  });
});

describe('reading a chain back (Verify runs only chains Framewise makes)', () => {
  it('reads every chain ffmpegChain writes back to its settings', () => {
    const views = [
      NO_VIEW,
      { ...NO_VIEW, gamma: 1.6, contrast: 1.2 },
      {
        ...NO_VIEW,
        fields: 'bottom' as const,
        blackPoint: 10,
        whitePoint: 90,
        brightness: -0.1,
        saturation: 1.5,
        sharpen: 1,
        invert: true,
      },
    ];
    for (const view of views) expect(readViewChain(ffmpegChain(view))).toEqual(view);
  });

  it('refuses any other filter, order or spelling', () => {
    expect(readViewChain("movie='/etc/passwd'")).toMatch(/not a view filter Framewise makes/);
    expect(readViewChain('eq=gamma=1.6,drawtext=text=x')).toMatch(/not a view filter/);
    expect(readViewChain('negate,eq=gamma=1.6')).toMatch(/would write "eq=gamma=1.6,negate"/);
    expect(readViewChain('eq=gamma=1.60')).toMatch(/would write "eq=gamma=1.6"/);
    expect(readViewChain('eq=contrast=1.2:gamma=1.6')).toMatch(
      /would write "eq=gamma=1.6:contrast=1.2"/,
    );
    expect(readViewChain('eq=hue=3')).toMatch(/not an eq filter/);
    expect(readViewChain('eq=gamma=40')).toMatch(/gamma must be/);
  });
});
