import { describe, expect, it } from 'vitest';
import { ViewFilters } from './view-filters.svelte';
import { NO_VIEW } from '../../vision/view-settings';

describe('the View panel’s settings against the video they are shown on', () => {
  it('refuses one field on a height FFmpeg would change, in words, and changes nothing', () => {
    const view = new ViewFilters();
    view.setPicture({ height: 121, chromaY: 1 });
    expect(view.change({ gamma: 1.5 })).toBe(true);
    expect(view.change({ fields: 'top' })).toBe(false);
    expect(view.problem).toMatch(/^That view cannot be shown: One field can be shown only/);
    expect(view.settings).toEqual({ ...NO_VIEW, gamma: 1.5 });
  });

  it('sets back what of the view the next video cannot show, keeps the rest, says why', () => {
    const view = new ViewFilters();
    expect(view.setPicture({ height: 576, chromaY: 1 })).toBeNull();
    expect(view.change({ fields: 'bottom', sharpen: 1, gamma: 1.4 })).toBe(true);
    expect(view.setPicture({ height: 576, chromaY: 1 })).toBeNull();
    // 486 lines (4:2:0): one field cannot be shown as FFmpeg does; sharpening can.
    expect(view.setPicture({ height: 486, chromaY: 1 })).toMatch(
      /^The view was changed for this video: One field/,
    );
    expect(view.settings).toEqual({ ...NO_VIEW, sharpen: 1, gamma: 1.4 });
    // 6 lines: neither.
    expect(view.change({ fields: 'top' })).toBe(false);
    expect(view.setPicture({ height: 6, chromaY: 1 })).toMatch(/6 lines high/);
    expect(view.settings).toEqual({ ...NO_VIEW, gamma: 1.4 });
    // No video: nothing to check against.
    view.setPicture(null);
    expect(view.change({ fields: 'top' })).toBe(true);
  });
});
