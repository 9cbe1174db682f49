import { describe, expect, it } from 'vitest';
import type { LabelId, TrackId } from '../ids';
import type { Shape } from '../annotations/model';
import {
  DEFAULT_ANCHOR,
  describeAnchor,
  groundAnchorOf,
  groundAnchorProblem,
  groundPointOf,
} from './ground-point';

const close = (p: { x: number; y: number } | null, x: number, y: number) => {
  expect(p).not.toBeNull();
  expect(p!.x).toBeCloseTo(x, 9);
  expect(p!.y).toBeCloseTo(y, 9);
};

const rect = (rotation: number): Shape => ({
  kind: 'rectangle',
  x: 100,
  y: 50,
  width: 40,
  height: 20,
  rotation,
});

describe('groundPointOf', () => {
  it('keeps the default: bottom-centre of a box, turned with it', () => {
    close(groundPointOf(rect(0)), 120, 70);
    close(groundPointOf(rect(0), DEFAULT_ANCHOR), 120, 70);
    // Turned 90° clockwise (y down) about its centre (120, 60): its bottom is to the left.
    close(groundPointOf(rect(90)), 110, 60);
  });

  it('puts an anchor inside an upright box: u across from its left, v down from its top', () => {
    close(groundPointOf(rect(0), { u: 0, v: 0 }), 100, 50);
    close(groundPointOf(rect(0), { u: 0.5, v: 0 }), 120, 50);
    close(groundPointOf(rect(0), { u: 0.3, v: 1 }), 112, 70);
    close(groundPointOf(rect(0), { u: 0.5, v: 0.5 }), 120, 60);
  });

  it('turns the anchor with the box about its centre', () => {
    // 90°: the box's own x axis points down the frame, its y axis to the left.
    close(groundPointOf(rect(90), { u: 1, v: 1 }), 110, 80);
    close(groundPointOf(rect(90), { u: 0.5, v: 0 }), 130, 60);
    // 180°: the top-centre is where the bottom-centre was.
    close(groundPointOf(rect(180), { u: 0.5, v: 0 }), 120, 70);
    // 30°: the bottom-left corner, (−20, 10) from the centre, turned.
    const r = Math.PI / 6;
    close(
      groundPointOf(rect(30), { u: 0, v: 1 }),
      120 - 20 * Math.cos(r) - 10 * Math.sin(r),
      60 - 20 * Math.sin(r) + 10 * Math.cos(r),
    );
  });

  it('uses an ellipse’s own box of 2rx × 2ry, turned with it', () => {
    const ellipse: Shape = { kind: 'ellipse', cx: 50, cy: 40, rx: 10, ry: 5, rotation: 0 };
    close(groundPointOf(ellipse), 50, 45);
    close(groundPointOf(ellipse, { u: 0, v: 0.5 }), 40, 40);
    close(groundPointOf(ellipse, { u: 1, v: 1 }), 60, 45);
    close(groundPointOf({ ...ellipse, rotation: 90 }, { u: 0.5, v: 0 }), 55, 40);
  });

  it('uses a polygon’s or polyline’s upright bounding box', () => {
    const points = [
      { x: 10, y: 20 },
      { x: 30, y: 10 },
      { x: 20, y: 50 },
    ];
    close(groundPointOf({ kind: 'polygon', points }), 20, 50);
    close(groundPointOf({ kind: 'polygon', points }, { u: 0, v: 0 }), 10, 10);
    close(groundPointOf({ kind: 'polyline', points }, { u: 0.25, v: 0.5 }), 15, 30);
  });

  it('leaves a point as it is and an arrow at its head, whatever the anchor', () => {
    const top = { u: 0.5, v: 0 };
    close(groundPointOf({ kind: 'points', points: [{ x: 3, y: 4 }] }, top), 3, 4);
    close(groundPointOf({ kind: 'arrow', from: { x: 0, y: 0 }, to: { x: 7, y: 8 } }, top), 7, 8);
  });
});

describe('groundAnchorOf', () => {
  const track = { id: 'track_a' as TrackId, labelId: 'label_car' as LabelId };
  it('is the track’s own, else its label’s, else bottom-centre; none stored is none', () => {
    expect(groundAnchorOf(null, track)).toEqual(DEFAULT_ANCHOR);
    expect(groundAnchorOf({}, track)).toEqual(DEFAULT_ANCHOR);
    const byLabel = { label_car: { u: 0.5, v: 0.5 } } as Record<LabelId, { u: number; v: number }>;
    const byTrack = { track_a: { u: 0, v: 1 } } as Record<TrackId, { u: number; v: number }>;
    expect(groundAnchorOf({ groundAnchors: { byLabel, byTrack: {} } }, track)).toEqual({
      u: 0.5,
      v: 0.5,
    });
    expect(groundAnchorOf({ groundAnchors: { byLabel, byTrack } }, track)).toEqual({ u: 0, v: 1 });
  });

  it('checks and says anchors in words', () => {
    expect(groundAnchorProblem({ u: 0, v: 1 })).toBeNull();
    expect(groundAnchorProblem({ u: -0.1, v: 1 })).toMatch(/from 0 to 1/);
    expect(groundAnchorProblem({ u: 0.5, v: NaN })).toMatch(/from 0 to 1/);
    expect(describeAnchor({ u: 0.3, v: 1 })).toBe('30 % across, 100 % down its box');
  });
});
