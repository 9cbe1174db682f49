import { describe, expect, it } from 'vitest';
import { drawingTarget, isNear, newObjectNotice } from './drawing-target';
import { frameIndex, type LabelId } from '../ids';
import { box, key, trackOf } from '../test-support';

const VEHICLE = 'label_vehicle' as LabelId;
const OFFICER = 'label_officer' as LabelId;
const f = frameIndex;

/** A vehicle (100 × 60) drawn on frame 10 at x 100..200, y 100..160, held after it. */
const car = trackOf(key(10, box(100, 100, 100, 60)));

describe('drawingTarget', () => {
  it('makes a new object when nothing is selected', () => {
    expect(drawingTarget(null, VEHICLE, box(0, 0, 5, 5), f(10))).toEqual({
      kind: 'new',
      reason: 'nothing selected',
    });
  });

  it('is a keyframe of the selected object: same label, same kind, on or near it', () => {
    expect(drawingTarget(car, VEHICLE, box(110, 105, 100, 60), f(30)).kind).toBe('keyframe');
    // Moved on by its own length between keyframes: still near (gap 100 ≤ 2 × 100).
    expect(drawingTarget(car, VEHICLE, box(300, 140, 100, 60), f(30)).kind).toBe('keyframe');
  });

  it('makes a new object when drawn with another label, even right over it', () => {
    expect(drawingTarget(car, OFFICER, box(100, 100, 100, 60), f(10))).toEqual({
      kind: 'new',
      reason: 'other label',
    });
  });

  it('makes a new object for another kind of shape', () => {
    const ellipse = { kind: 'ellipse', cx: 150, cy: 130, rx: 40, ry: 20, rotation: 0 } as const;
    expect(drawingTarget(car, VEHICLE, ellipse, f(10))).toEqual({
      kind: 'new',
      reason: 'other kind',
    });
  });

  it('makes a new object when drawn far from where the object is on this frame', () => {
    // Gap 210 px to the right of a 100 px wide car: more than twice its size.
    expect(drawingTarget(car, VEHICLE, box(410, 100, 100, 60), f(40))).toEqual({
      kind: 'new',
      reason: 'far',
    });
  });

  it('measures from the interpolated position on this frame, not the keyframe', () => {
    const moving = trackOf(key(0, box(0, 0, 50, 50)), key(100, box(1000, 0, 50, 50)));
    // On frame 90 the object is at x 900: a drawing there is near; one at x 0 is far.
    expect(drawingTarget(moving, VEHICLE, box(905, 0, 50, 50), f(90)).kind).toBe('keyframe');
    expect(drawingTarget(moving, VEHICLE, box(0, 0, 50, 50), f(90)).kind).toBe('new');
  });

  it('brings a selected object into view where it has no position on this frame', () => {
    const left = trackOf(key(0, box(0, 0, 50, 50)), key(20, box(0, 0, 50, 50), { outside: true }));
    expect(drawingTarget(left, VEHICLE, box(600, 300, 50, 50), f(40)).kind).toBe('keyframe');
    expect(drawingTarget(car, VEHICLE, box(600, 300, 50, 50), f(2)).kind).toBe('keyframe');
  });
});

describe('isNear', () => {
  it('gives a point a neighbourhood of its own', () => {
    const point = { kind: 'points', points: [{ x: 10, y: 10 }] } as const;
    expect(isNear({ kind: 'points', points: [{ x: 25, y: 10 }] }, point)).toBe(true);
    expect(isNear({ kind: 'points', points: [{ x: 40, y: 10 }] }, point)).toBe(false);
  });
});

describe('newObjectNotice', () => {
  it('says why the selected object was left alone, and how to move it', () => {
    expect(newObjectNotice('other label', 'vehicle #3', 'officer #2')).toContain(
      "the chosen label is not officer #2's",
    );
    expect(newObjectNotice('far', 'officer #3', 'officer #2')).toContain('drag it');
    expect(newObjectNotice('nothing selected', 'officer #3', 'officer #2')).toBeNull();
  });
});
