import { describe, expect, it } from 'vitest';
import { fitViewport, oneToOne, panBy, toFrame, zoomAt, MAX_ZOOM } from './viewport';

describe('viewport', () => {
  const frame = { width: 704, height: 576 };
  const container = { width: 1000, height: 600 };

  it('fits the frame centred in the container', () => {
    const view = fitViewport(frame, container);
    expect(view.scale).toBeCloseTo(600 / 576);
    expect(view.y).toBeCloseTo(0);
    expect(view.x).toBeCloseTo((1000 - 704 * view.scale) / 2);
    expect(toFrame(view, { x: 500, y: 300 })).toEqual({ x: 352, y: 288 });
  });

  it('keeps the frame pixel under the cursor when zooming', () => {
    const view = fitViewport(frame, container);
    const anchor = { x: 321, y: 123 };
    const before = toFrame(view, anchor);
    const zoomed = zoomAt(view, 3, anchor);
    expect(zoomed.fitted).toBe(false);
    const after = toFrame(zoomed, anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(zoomAt(view, 1e6, anchor).scale).toBe(MAX_ZOOM);
  });

  it('shows 1:1 around the centre, and pans in screen pixels', () => {
    const view = oneToOne(fitViewport(frame, container), container);
    expect(view.scale).toBeCloseTo(1);
    const centre = toFrame(view, { x: 500, y: 300 });
    expect(centre.x).toBeCloseTo(352);
    expect(centre.y).toBeCloseTo(288);
    const panned = panBy(view, 10, -5);
    expect(toFrame(panned, { x: 510, y: 295 }).x).toBeCloseTo(352);
  });
});
