import { describe, expect, it } from 'vitest';
import { box } from '../test-support';
import { shapeSimilarity } from './similarity';

describe('shape similarity', () => {
  it('is box IoU for upright boxes', () => {
    // Overlap 5 × 10 = 50; union 100 + 100 − 50 = 150.
    expect(shapeSimilarity(box(0, 0, 10, 10), box(5, 0, 10, 10), 10)).toBeCloseTo(1 / 3, 12);
    expect(shapeSimilarity(box(0, 0, 10, 10), box(0, 0, 10, 10), 10)).toBe(1);
    expect(shapeSimilarity(box(0, 0, 10, 10), box(20, 0, 10, 10), 10)).toBe(0);
  });

  it('compares turned boxes, ellipses and polygons by their upright bounding boxes', () => {
    // A 10 × 20 box turned 90° about its centre (5, 10) covers x 0..10 → −5..15, y 5..15.
    const turned = { ...box(0, 0, 10, 20), rotation: 90 };
    expect(shapeSimilarity(turned, box(-5, 5, 20, 10), 10)).toBeCloseTo(1, 9);
    const ellipse = { kind: 'ellipse' as const, cx: 5, cy: 5, rx: 5, ry: 5, rotation: 0 };
    expect(shapeSimilarity(ellipse, box(0, 0, 10, 10), 10)).toBeCloseTo(1, 12);
    const triangle = {
      kind: 'polygon' as const,
      points: [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 0, y: 10 },
      ],
    };
    expect(shapeSimilarity(triangle, box(0, 0, 10, 10), 10)).toBe(1);
  });

  it('compares points by distance within the tolerance', () => {
    const at = (x: number, y: number) => ({ kind: 'points' as const, points: [{ x, y }] });
    expect(shapeSimilarity(at(0, 0), at(3, 4), 10)).toBeCloseTo(0.5, 12); // d = 5
    expect(shapeSimilarity(at(0, 0), at(30, 40), 10)).toBe(0);
    expect(shapeSimilarity(at(0, 0), box(-5, -5, 10, 10), 10)).toBe(0);
  });

  it('does not compare callouts', () => {
    const arrow = { kind: 'arrow' as const, from: { x: 0, y: 0 }, to: { x: 10, y: 10 } };
    expect(shapeSimilarity(arrow, arrow, 10)).toBe(0);
  });
});
