import { describe, expect, it } from 'vitest';
import type { FrameIndex, LabelId, Pts } from '../ids';
import type { Keyframe, Label, RectangleShape, Shape, Track } from './model';
import { planTracking } from './tracking-plan';

const f = (n: number) => n as FrameIndex;
const labels: Label[] = [{ id: 'car' as LabelId, name: 'vehicle', color: '#f00' } as Label];
const box: RectangleShape = { kind: 'rectangle', x: 10, y: 20, width: 30, height: 20, rotation: 0 };
const key = (
  frame: number,
  origin: Keyframe['origin'] = 'drawn',
  shape: Shape = box,
): Keyframe => ({
  frame: f(frame),
  pts: frame as Pts,
  frameMd5: null,
  shape,
  origin,
  outside: false,
  occluded: false,
  attributes: {},
});
const track = (...keyframes: Keyframe[]) =>
  ({ id: 't1', number: 1, labelId: 'car', keyframes }) as unknown as Track;
const plan = (t: Track | null, frame: number, direction: 1 | -1, requested = 50, frames = 100) =>
  planTracking(labels, t, f(frame), direction, requested, frames);

describe('planTracking', () => {
  it('runs the frames asked, from the keyframe on the frame shown', () => {
    expect(plan(track(key(10)), 10, 1)).toEqual({
      ok: true,
      box,
      from: 10,
      direction: 1,
      count: 50,
      stopsBefore: null,
    });
    expect(plan(track(key(10)), 10, -1)).toMatchObject({ ok: true, count: 10 });
  });

  it('stops at the video’s ends and before a keyframe a person set', () => {
    expect(plan(track(key(90)), 90, 1)).toMatchObject({ ok: true, count: 9, stopsBefore: null });
    expect(plan(track(key(10), key(30)), 10, 1)).toMatchObject({ count: 19, stopsBefore: 30 });
    expect(plan(track(key(10), key(5, 'propagated')), 10, -1)).toMatchObject({
      count: 4,
      stopsBefore: 5,
    });
    // Tracked and computed keyframes ahead do not stop it: a new run supersedes them.
    expect(plan(track(key(10), key(12, 'tracked'), key(13, 'computed')), 10, 1)).toMatchObject({
      count: 50,
    });
    // Fewer asked than the room to the keyframe: not stopped by it.
    expect(plan(track(key(10), key(30)), 10, 1, 5)).toMatchObject({ count: 5, stopsBefore: null });
  });

  it('starts from a tracked keyframe too (resuming a run)', () => {
    expect(plan(track(key(10), key(20, 'tracked')), 20, 1)).toMatchObject({ ok: true, from: 20 });
  });

  it('says in words why it cannot start', () => {
    const reason = (p: ReturnType<typeof plan>) => (p.ok ? null : p.reason);
    expect(reason(plan(null, 10, 1))).toMatch(/Select the object/);
    expect(reason(plan(track(key(10)), 11, 1))).toMatch(/vehicle #1 has none on frame 11/);
    const ellipse: Shape = { kind: 'ellipse', cx: 1, cy: 1, rx: 5, ry: 5, rotation: 0 } as Shape;
    expect(reason(plan(track(key(10, 'drawn', ellipse)), 10, 1))).toMatch(/follows boxes/);
    expect(reason(plan(track(key(10, 'drawn', { ...box, rotation: 15 })), 10, 1))).toMatch(
      /turned by 15°/,
    );
    expect(reason(plan(track({ ...key(10), outside: true }), 10, 1))).toMatch(/outside the view/);
    expect(reason(plan(track(key(99)), 99, 1))).toMatch(/last frame/);
    expect(reason(plan(track(key(0)), 0, -1))).toMatch(/first frame/);
    expect(reason(plan(track(key(10), key(11)), 10, 1))).toMatch(/on frame 11, next to this one/);
    expect(reason(plan(track(key(10)), 10, 1, 0))).toMatch(/whole number/);
  });
});
