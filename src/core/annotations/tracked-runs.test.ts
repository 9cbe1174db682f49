import { describe, expect, it } from 'vitest';
import type { FrameIndex, Pts } from '../ids';
import type { Keyframe, Track } from './model';
import { setShapeAt, toggleFlag } from './commands';
import { positionAt } from './interpolation';
import {
  addTrackedRun,
  confirmTracked,
  discardTrackedRun,
  nearestTrackedRun,
  summariseTrackedRun,
  trackedRunAt,
  trackedSpans,
} from './tracked-runs';
import { trackedWords } from './computed-positions';
import { isMeasuredKeyframe } from '../measure/ground-point';

const f = (n: number) => n as FrameIndex;
const box = (x: number) =>
  ({ kind: 'rectangle', x, y: 0, width: 10, height: 10, rotation: 0 }) as const;
const drawn = (frame: number, x: number): Keyframe => ({
  frame: f(frame),
  pts: frame as Pts,
  shape: box(x),
  frameMd5: 'aa',
  origin: 'drawn',
  outside: false,
  occluded: false,
  attributes: {},
});
const track = (...keyframes: Keyframe[]) =>
  ({ id: 't1', keyframes, modifiedAt: 'then' }) as unknown as Track;
const run = (runId: string, frames: number[]) => ({
  runId,
  algorithm: 'NCC',
  positions: frames.map((n) => ({
    frame: f(n),
    pts: n as Pts,
    frameMd5: `md5-${n}`,
    shape: box(n * 2),
    confidence: 0.82,
  })),
});
const after = (c: { changes: readonly { after: unknown }[] } | null) =>
  c?.changes[0]?.after as Track;

describe('tracked runs', () => {
  it('adds tracked keyframes with the facts, stopping before a drawn keyframe', () => {
    const t = track(drawn(0, 0), drawn(3, 30));
    const out = after(addTrackedRun(t, run('r1', [1, 2, 3, 4]), 'now'));
    expect(out.keyframes.map((k) => [k.frame, k.origin])).toEqual([
      [0, 'drawn'],
      [1, 'tracked'],
      [2, 'tracked'],
      [3, 'drawn'],
    ]);
    expect(out.keyframes[1]).toMatchObject({
      frameMd5: 'md5-1',
      tracking: { runId: 'r1', confidence: 0.82, algorithm: 'NCC', confirmedBy: null },
    });
    expect(out.keyframes[3]?.shape).toEqual(box(30));
    expect(positionAt(out, f(2))?.source).toBe('tracked');
  });

  it('works backward too, and is null when the first frame is drawn', () => {
    const t = track(drawn(0, 0), drawn(5, 50));
    expect(after(addTrackedRun(t, run('r', [4, 3, 2, 1, 0]), 'now')).keyframes).toHaveLength(6);
    expect(addTrackedRun(t, run('r', [5, 6]), 'now')).toBeNull();
  });

  it('confirms a run or a frame, naming the examiner; once only', () => {
    const t = after(addTrackedRun(track(drawn(0, 0)), run('r1', [1, 2]), 'now'));
    const one = after(confirmTracked(t, { frame: f(2) }, 'A. Examiner', 'later'));
    expect(one.keyframes.map((k) => k.tracking?.confirmedBy ?? null)).toEqual([
      null,
      null,
      'A. Examiner',
    ]);
    const all = after(confirmTracked(one, 'r1', 'B', 'latest'));
    expect(all.keyframes[1]?.tracking).toMatchObject({ confirmedBy: 'B', confirmedAt: 'latest' });
    expect(all.keyframes[2]?.tracking?.confirmedBy).toBe('A. Examiner');
    expect(confirmTracked(all, 'r1', 'C', 'x')).toBeNull();
    expect(confirmTracked(t, 'r1', '  ', 'x')).toBeNull();
    expect(trackedWords(all.keyframes[2]?.tracking)).toBe(
      'tracked, confirmed by A. Examiner (confidence 0.82)',
    );
    expect(trackedWords(t.keyframes[1]?.tracking)).toBe('tracked (confidence 0.82), not confirmed');
    // Measurement takes a tracked position only once a person confirmed it.
    expect(all.keyframes.map(isMeasuredKeyframe)).toEqual([true, true, true]);
    expect(t.keyframes.map(isMeasuredKeyframe)).toEqual([true, false, false]);
  });

  it('discards a run only, keeping drawn and other runs', () => {
    let t = after(addTrackedRun(track(drawn(0, 0)), run('r1', [1, 2]), 'now'));
    t = after(addTrackedRun(t, run('r2', [5]), 'now'));
    expect(trackedRunAt(t, f(3))).toBe('r1');
    expect(trackedRunAt(t, f(0))).toBeNull();
    const out = after(discardTrackedRun(t, 'r1', 'later'));
    expect(out.keyframes.map((k) => k.frame)).toEqual([0, 5]);
    expect(discardTrackedRun(out, 'r1', 'later')).toBeNull();
  });

  it('moving a tracked keyframe makes it drawn; a flag on it keeps it tracked', () => {
    const t = after(addTrackedRun(track(drawn(0, 0)), run('r1', [1]), 'now'));
    const at = { frame: f(1), pts: 1 as Pts, frameMd5: 'seen' };
    const moved = after(setShapeAt(t, at, box(7), 'later')).keyframes[1];
    expect(moved?.origin).toBe('drawn');
    expect(moved && 'tracking' in moved).toBe(false);
    const flagged = after(toggleFlag(t, at, 'occluded', 'later')).keyframes[1];
    expect(flagged).toMatchObject({ origin: 'tracked', occluded: true, tracking: { runId: 'r1' } });
  });
});

describe('the run the buttons act on', () => {
  it('is the run on the frame shown, else the nearest, with its summary', () => {
    const t0 = track(drawn(0, 0), drawn(20, 0));
    const t1 = after(addTrackedRun(t0, run('a', [1, 2, 3]), 'now'));
    const t2 = after(addTrackedRun(t1, run('b', [19, 18, 17]), 'now'));
    expect(nearestTrackedRun(t2, f(2))).toBe('a');
    expect(nearestTrackedRun(t2, f(5))).toBe('a'); // held from frame 3's keyframe: run a
    expect(nearestTrackedRun(t2, f(0))).toBe('a'); // drawn here: the nearest run
    expect(nearestTrackedRun(t2, f(20))).toBe('b');
    expect(nearestTrackedRun(t0, f(5))).toBeNull();
    const t3 = after(confirmTracked(t2, { frame: f(18) }, 'A. Examiner', 'later'));
    expect(summariseTrackedRun(t3, 'b')).toEqual({
      first: 17,
      last: 19,
      frames: 3,
      confirmed: 1,
      confirmedBy: ['A. Examiner'],
      lowestConfidence: 0.82,
    });
    expect(summariseTrackedRun(t3, 'none')).toBeNull();
  });
});

describe('trackedSpans', () => {
  it('joins consecutive tracked frames, split where confirmation changes', () => {
    const t0 = track(drawn(0, 0), drawn(10, 0));
    const t1 = after(addTrackedRun(t0, run('a', [1, 2, 3, 4, 6, 7]), 'now'));
    const t2 = after(confirmTracked(t1, { frame: f(3) }, 'A. Examiner', 'later'));
    expect(trackedSpans(t2)).toEqual([
      { start: 1, end: 2, confirmed: false },
      { start: 3, end: 3, confirmed: true },
      { start: 4, end: 4, confirmed: false },
      { start: 6, end: 7, confirmed: false },
    ]);
    expect(trackedSpans(t0)).toEqual([]);
  });
});
