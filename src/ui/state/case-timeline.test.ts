import { describe, expect, it } from 'vitest';
import { IDENTITY_MAPPING } from '../../core/sync/timeline-map';
import {
  axisSpan,
  extentOf,
  formatTick,
  frameAtCaseTime,
  framesInterval,
  secondTicks,
  signedSeconds,
  soundEdges,
  timeAt,
  xAt,
} from './case-timeline';

/** n frames at `fps` from `start` seconds. */
const framesAt = (n: number, fps: number, start = 0) =>
  Array.from({ length: n }, (_, i) => start + i / fps);

describe('extentOf and framesInterval', () => {
  it('a video spans its first frame to the end of its last frame, through its mapping', () => {
    const times = framesAt(300, 30); // 10 s at 30 fps
    expect(extentOf(IDENTITY_MAPPING, times, 1 / 30)).toEqual({ start: 0, end: 10 });
    const b = extentOf({ rate: 1, offset: 1.37 }, times, 1 / 30)!;
    expect(b.start).toBeCloseTo(1.37, 12);
    expect(b.end).toBeCloseTo(11.37, 12);
    // A slow clock (rate 1.001) stretches the extent: 10 s of its own time is 10.01 s of the case.
    const c = extentOf({ rate: 1.001, offset: 0.5 }, framesAt(240, 24), 1 / 24)!;
    expect(c.start).toBeCloseTo(0.5, 12);
    expect(c.end).toBeCloseTo(10.51, 12);
    expect(extentOf(IDENTITY_MAPPING, [], 0.04)).toBeNull();
  });

  it('an event ends where its last frame stops being shown (the next frame, not a nominal rate)', () => {
    // Irregular frames: the event of frames 1..2 ends at frame 3's start.
    const times = [0, 0.04, 0.1, 0.25, 0.29];
    expect(framesInterval(IDENTITY_MAPPING, times, 0.04, 1, 2)).toEqual({ start: 0.04, end: 0.25 });
    // One frame is its own display interval; the last frame lasts frameDurationS.
    expect(framesInterval(IDENTITY_MAPPING, times, 0.04, 4, 4)).toEqual({
      start: 0.29,
      end: 0.29 + 0.04,
    });
    // Frames outside the video are cut to it; reversed bounds are put in order.
    expect(framesInterval(IDENTITY_MAPPING, times, 0.04, 3, -5)).toEqual({ start: 0, end: 0.29 });
    expect(framesInterval({ rate: 2, offset: 1 }, times, 0.04, 0, 0)).toEqual({
      start: 1,
      end: 1.08,
    });
  });
});

describe('the axis', () => {
  it('spans every extent, skipping videos not placed, never of zero length', () => {
    expect(
      axisSpan([{ start: 0, end: 10 }, null, { start: -0.5, end: 8 }, { start: 1.37, end: 11.37 }]),
    ).toEqual({ start: -0.5, end: 11.37 });
    expect(axisSpan([null])).toBeNull();
    expect(axisSpan([{ start: 2, end: 2 }])).toEqual({ start: 2, end: 3 });
  });

  it('x and time are inverse', () => {
    const span = { start: -1, end: 9 };
    expect(xAt(4, span, 1000)).toBe(500);
    expect(timeAt(500, span, 1000)).toBe(4);
    expect(timeAt(xAt(7.3, span, 640), span, 640)).toBeCloseTo(7.3, 12);
  });

  it('ticks on whole multiples of a readable step, labelled in seconds or minutes', () => {
    const { step, ticks } = secondTicks({ start: 0, end: 11.37 }, 1100);
    expect(step).toBe(1); // 96.7 px a second: 1 s apart (0.5 s would be 48 px)
    expect(ticks).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const fine = secondTicks({ start: -0.25, end: 0.55 }, 800);
    expect(fine.step).toBe(0.1);
    expect(fine.ticks).toEqual([-0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(secondTicks({ start: 0, end: 3600 }, 1000).step).toBe(300);
    expect(formatTick(3, 1)).toBe('3 s');
    expect(formatTick(0.3, 0.1)).toBe('0.3 s');
    expect(formatTick(-2, 1)).toBe('\u22122 s');
    expect(formatTick(-0.001, 1)).toBe('0 s');
    expect(formatTick(75, 5)).toBe('1:15');
    expect(formatTick(600, 300)).toBe('10:00');
    expect(formatTick(59.96, 0.1)).toBe('1:00.0');
    expect(formatTick(3725, 60)).toBe('1:02:05');
  });

  it('signed seconds to the millisecond', () => {
    expect(signedSeconds(1.37)).toBe('+1.370 s');
    expect(signedSeconds(-0.2504)).toBe('\u22120.250 s');
    expect(signedSeconds(0)).toBe('+0.000 s');
  });
});

describe('sound and frames through a mapping', () => {
  it("each pixel column's edges in the video's own seconds", () => {
    const edges = soundEdges({ start: 0, end: 10 }, 10, { rate: 1, offset: 1.5 });
    expect(edges).toHaveLength(11);
    expect(edges[0]).toBe(-1.5); // before the video: columnPeaks leaves it empty
    expect(edges[10]).toBe(8.5);
    const slow = soundEdges({ start: 0, end: 2 }, 2, { rate: 2, offset: 0 });
    expect([...slow]).toEqual([0, 0.5, 1]);
  });

  it('the frame on screen at an instant is the one whose display interval holds it', () => {
    const times = framesAt(300, 30);
    const b = { rate: 1, offset: 1.37 };
    // 3 s on the case is 1.63 s of B: frame 48 (1.6 s) until 49 starts at 1.6333 s.
    expect(frameAtCaseTime(b, times, 1 / 30, 3)).toBe(48);
    // A frame's own start is that frame (not the one before, despite rounding).
    expect(frameAtCaseTime(IDENTITY_MAPPING, times, 1 / 30, 49 / 30)).toBe(49);
    // Before the video: its first frame; after its last frame ends: its last.
    expect(frameAtCaseTime(b, times, 1 / 30, 0.2)).toBe(0);
    expect(frameAtCaseTime(b, times, 1 / 30, 50)).toBe(299);
    expect(frameAtCaseTime(b, [], 1 / 30, 3)).toBe(-1);
  });
});
