import { describe, expect, it } from 'vitest';
import { outlineDash, tagTitle } from './shape-nodes';

describe('how a position is drawn', () => {
  it('tells drawn, interpolated and held positions apart by their outline', () => {
    const drawn = outlineDash({ drawn: true });
    const interpolated = outlineDash({ drawn: false });
    const held = outlineDash({ drawn: false, held: true });
    expect(drawn).toEqual([]);
    expect(interpolated).not.toEqual([]);
    expect(held).not.toEqual([]);
    expect(held).not.toEqual(interpolated);
  });

  it('titles a held position as held, in words', () => {
    expect(tagTitle({ title: 'vehicle #1', held: true })).toBe('vehicle #1 · held');
    expect(tagTitle({ title: 'vehicle #1' })).toBe('vehicle #1');
  });

  it('tells a tracked position by a dash-dot outline and its words', () => {
    const proposed = { confidence: 0.8234, confirmed: false };
    expect(outlineDash({ drawn: false, tracked: proposed })).toEqual([10, 3, 2, 3]);
    expect(tagTitle({ title: 'vehicle #1', tracked: proposed })).toBe('vehicle #1 · tracked 0.82');
    expect(tagTitle({ title: 'vehicle #1', tracked: { ...proposed, confirmed: true } })).toBe(
      'vehicle #1 · tracked ✓',
    );
  });
});
