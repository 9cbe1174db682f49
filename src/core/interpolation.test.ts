import { describe, expect, it } from 'vitest';
import { frameIndex, pts, type LabelId, type TrackId } from './ids';
import { boundingKeyframes, interpolateShape, positionAt } from './interpolation';
import type { Keyframe, RectangleShape, Track } from './model';
import { TEST_CASE } from './test-support';

const box = (x: number, y: number, width: number, height: number): RectangleShape => ({
  kind: 'rectangle',
  x,
  y,
  width,
  height,
});

const key = (frame: number, shape: RectangleShape, flags: Partial<Keyframe> = {}): Keyframe => ({
  frame: frameIndex(frame),
  pts: pts(frame * 512),
  shape,
  frameMd5: null,
  outside: false,
  occluded: false,
  ...flags,
});

const track = (...keyframes: Keyframe[]): Track => ({
  id: 'track_t' as TrackId,
  caseId: TEST_CASE.id,
  number: 1,
  labelId: 'label_vehicle' as LabelId,
  keyframes,
  createdAt: '2026-01-01T00:00:00.000Z',
  modifiedAt: '2026-01-01T00:00:00.000Z',
});

describe('interpolation', () => {
  const t = track(
    key(10, box(100, 50, 40, 20)),
    key(30, box(140, 90, 80, 20)),
    key(40, box(0, 0, 1, 1), { outside: true }),
  );

  it('finds the bounding keyframes by binary search', () => {
    expect(boundingKeyframes(t, frameIndex(9))).toEqual({ previous: null, next: t.keyframes[0] });
    expect(boundingKeyframes(t, frameIndex(10)).previous).toBe(t.keyframes[0]);
    expect(boundingKeyframes(t, frameIndex(29)).next).toBe(t.keyframes[1]);
    expect(boundingKeyframes(t, frameIndex(99))).toEqual({ previous: t.keyframes[2], next: null });
  });

  it('is drawn on keyframes and linear between them', () => {
    expect(positionAt(t, frameIndex(10))).toMatchObject({
      source: 'drawn',
      shape: box(100, 50, 40, 20),
    });
    expect(positionAt(t, frameIndex(20))).toMatchObject({
      source: 'interpolated',
      shape: box(120, 70, 60, 20),
    });
    expect(positionAt(t, frameIndex(15))!.shape).toEqual(box(110, 60, 50, 20));
    expect(positionAt(t, frameIndex(30))!.source).toBe('drawn');
  });

  it('holds the last shape toward an outside keyframe, and hides from it on', () => {
    expect(positionAt(t, frameIndex(35))).toMatchObject({
      source: 'held',
      shape: box(140, 90, 80, 20),
    });
    expect(positionAt(t, frameIndex(40))).toBeNull();
    expect(positionAt(t, frameIndex(41))).toBeNull();
    expect(positionAt(t, frameIndex(5))).toBeNull();
  });

  it('carries the occluded flag of the keyframe it starts from', () => {
    const occluded = track(
      key(0, box(0, 0, 10, 10), { occluded: true }),
      key(10, box(10, 0, 10, 10)),
    );
    expect(positionAt(occluded, frameIndex(5))).toMatchObject({
      occluded: true,
      source: 'interpolated',
    });
    expect(positionAt(occluded, frameIndex(10))).toMatchObject({
      occluded: false,
      source: 'drawn',
    });
  });

  it('does not mutate its inputs', () => {
    const before = JSON.stringify(t);
    positionAt(t, frameIndex(20));
    interpolateShape(t.keyframes[0]!.shape, t.keyframes[1]!.shape, 0.5);
    expect(JSON.stringify(t)).toBe(before);
  });
});
