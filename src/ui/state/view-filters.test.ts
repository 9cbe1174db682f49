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

  it('resets a view the next video cannot show, and says why', () => {
    const view = new ViewFilters();
    view.setPicture({ height: 576, chromaY: 1 });
    expect(view.change({ fields: 'bottom', sharpen: 1 })).toBe(true);
    view.setPicture({ height: 576, chromaY: 1 });
    expect(view.problem).toBeNull();
    view.setPicture({ height: 6, chromaY: 1 });
    expect(view.settings).toEqual(NO_VIEW);
    expect(view.problem).toMatch(/^The view was reset for this video: One field/);
    // No video: nothing to check against.
    view.setPicture(null);
    expect(view.change({ fields: 'top' })).toBe(true);
  });
});
