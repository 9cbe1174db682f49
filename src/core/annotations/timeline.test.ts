import { describe, expect, it } from 'vitest';
import { frameIndex } from '../ids';
import { positionAt } from './interpolation';
import { box, key, trackOf } from '../test-support';
import {
  frameAtX,
  frameCenterX,
  frameLeftX,
  followPlayhead,
  gapX,
  laneMembers,
  lifespans,
  packLanes,
  scrollView,
  textColorOn,
  tickSpacing,
  wholeClip,
  zoomView,
  type LaneItem,
} from './timeline';

const shape = box(0, 0, 10, 10);
const outside = (frame: number) => key(frame, shape, { outside: true });

describe('lifespans', () => {
  it('runs a track with no outside keyframe to the end of the clip', () => {
    expect(lifespans(trackOf(key(10, shape), key(30, shape)), 300)).toEqual([
      { start: 10, end: 299 },
    ]);
  });

  it('ends the frame before an outside keyframe and starts again at the next in-view one', () => {
    const track = trackOf(key(10, shape), outside(40), key(60, shape), outside(80));
    expect(lifespans(track, 300)).toEqual([
      { start: 10, end: 39 },
      { start: 60, end: 79 },
    ]);
  });

  it('ignores outside keyframes while already outside, and keyframes past the clip', () => {
    const track = trackOf(outside(5), key(10, shape), outside(20), outside(25), key(400, shape));
    expect(lifespans(track, 300)).toEqual([{ start: 10, end: 19 }]);
  });

  it('is empty for a track with no keyframes', () => {
    expect(lifespans(trackOf(), 300)).toEqual([]);
  });

  it('agrees with positionAt on every frame', () => {
    const track = trackOf(key(3, shape), key(7, shape), outside(12), key(15, shape), outside(16));
    const spans = lifespans(track, 30);
    for (let f = 0; f < 30; f++) {
      const inSpan = spans.some((s) => f >= s.start && f <= s.end);
      expect(inSpan, `frame ${f}`).toBe(positionAt(track, frameIndex(f)) !== null);
    }
  });
});

describe('frame <-> x', () => {
  const view = { first: 100, last: 199 }; // 100 frames
  const width = 1000; // 10 px a frame

  it('gives every frame an equal slot, drawn at its centre', () => {
    expect(frameLeftX(100, view, width)).toBe(0);
    expect(frameCenterX(100, view, width)).toBe(5);
    expect(frameCenterX(199, view, width)).toBe(995);
  });

  it('maps the centre and both edges of a slot back to its frame', () => {
    for (const f of [100, 150, 199]) {
      expect(frameAtX(frameCenterX(f, view, width), view, width)).toBe(f);
      expect(frameAtX(frameLeftX(f, view, width), view, width)).toBe(f);
      expect(frameAtX(frameLeftX(f + 1, view, width) - 0.01, view, width)).toBe(f);
    }
  });

  it('is exact at awkward scales (300 frames over 917 px)', () => {
    const clip = wholeClip(300);
    for (let f = 0; f < 300; f++) expect(frameAtX(frameCenterX(f, clip, 917), clip, 917)).toBe(f);
  });

  it('clamps x beyond either end to the view', () => {
    expect(frameAtX(-50, view, width)).toBe(100);
    expect(frameAtX(5000, view, width)).toBe(199);
  });
});

describe('tickSpacing', () => {
  it('labels every frame when frames are wide', () => {
    expect(tickSpacing(80)).toEqual({ major: 1, minor: 1 });
  });

  it('picks 1-2-5 steps at least 64 px apart, with finer unlabelled ticks', () => {
    expect(tickSpacing(10)).toEqual({ major: 10, minor: 1 });
    expect(tickSpacing(4)).toEqual({ major: 20, minor: 2 });
    expect(tickSpacing(1)).toEqual({ major: 100, minor: 10 });
    expect(tickSpacing(0.1)).toEqual({ major: 1000, minor: 100 });
  });

  it('keeps labels apart at any scale', () => {
    for (const ppf of [0.003, 0.07, 0.5, 3, 13, 33]) {
      const { major, minor } = tickSpacing(ppf);
      expect(major * ppf).toBeGreaterThanOrEqual(64);
      expect(major % minor).toBe(0);
    }
  });
});

describe('zoom and scroll', () => {
  it('keeps the anchor frame in place when zooming in', () => {
    const view = zoomView(wholeClip(1000), 2, 250, 1000);
    expect(view).toEqual({ first: 125, last: 624 });
    // Anchor 250 was a quarter of the way in; still is.
    expect((250 - view.first) / (view.last - view.first + 1)).toBeCloseTo(0.25);
  });

  it('never shows fewer than minFrames, nor more than the clip, nor past its ends', () => {
    expect(zoomView({ first: 0, last: 11 }, 10, 0, 1000)).toEqual({ first: 0, last: 9 });
    expect(zoomView({ first: 900, last: 999 }, 0.1, 990, 1000)).toEqual(wholeClip(1000));
    expect(zoomView({ first: 0, last: 99 }, 1.5, 0, 1000).first).toBe(0);
  });

  it('always moves at least one frame per step', () => {
    expect(zoomView({ first: 0, last: 11 }, 1.05, 0, 1000)).toEqual({ first: 0, last: 10 });
    expect(zoomView({ first: 0, last: 11 }, 1 / 1.05, 0, 1000)).toEqual({ first: 0, last: 12 });
  });

  it('scrolls within the clip', () => {
    expect(scrollView({ first: 100, last: 199 }, 50, 300)).toEqual({ first: 150, last: 249 });
    expect(scrollView({ first: 100, last: 199 }, 500, 300)).toEqual({ first: 200, last: 299 });
    expect(scrollView({ first: 100, last: 199 }, -500, 300)).toEqual({ first: 0, last: 99 });
  });
});

describe('followPlayhead', () => {
  const view = { first: 100, last: 199 };
  it('leaves the view alone while the playhead is on show', () => {
    expect(followPlayhead(view, 150, 1000)).toBe(view);
  });
  it('pages forward with the playhead a tenth in from the left', () => {
    expect(followPlayhead(view, 200, 1000)).toEqual({ first: 190, last: 289 });
  });
  it('pages back with the playhead a tenth in from the right', () => {
    expect(followPlayhead(view, 99, 1000)).toEqual({ first: 10, last: 109 });
  });
  it('stops at the ends of the clip', () => {
    expect(followPlayhead(view, 995, 1000)).toEqual({ first: 900, last: 999 });
    expect(followPlayhead(view, 0, 1000)).toEqual({ first: 0, last: 99 });
  });
});

describe('packLanes', () => {
  const item = (key: string, start: number, end: number): LaneItem => ({ key, start, end });

  it('puts non-overlapping items in one lane and overlapping ones below', () => {
    const packing = packLanes([item('a', 0, 10), item('b', 11, 20), item('c', 5, 15)], 6);
    expect(packing).toEqual({ lanes: [0, 0, 1], laneCount: 2, overflow: 0 });
  });

  it('keeps a gap between neighbours in a lane', () => {
    expect(packLanes([item('a', 0, 10), item('b', 12, 20)], 6, 2).lanes).toEqual([0, 1]);
    expect(packLanes([item('a', 0, 10), item('b', 13, 20)], 6, 2).lanes).toEqual([0, 0]);
  });

  it('counts what does not fit instead of drawing it', () => {
    const items = Array.from({ length: 10 }, (_, i) => item(String(i), i, 100));
    const packing = packLanes(items, 6);
    expect(packing.laneCount).toBe(6);
    expect(packing.overflow).toBe(4);
    expect(packing.lanes.filter((l) => l < 0)).toHaveLength(4);
  });

  it('packs 10 000 items quickly', () => {
    const items = Array.from({ length: 10_000 }, (_, i) =>
      item(String(i), (i * 37) % 9000, ((i * 37) % 9000) + 200),
    );
    const started = performance.now();
    const packing = packLanes(items, 6, 1);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(packing.laneCount).toBe(6);
  });
});

describe('textColorOn', () => {
  it('writes black on the bright label colours and white on dark ones', () => {
    expect(textColorOn('#ffd23f')).toBe('#000000');
    expect(textColorOn('#4da3ff')).toBe('#000000');
    expect(textColorOn('#202060')).toBe('#ffffff');
    expect(textColorOn('not a colour')).toBe('#ffffff');
  });
});

describe('laneMembers', () => {
  const item = (key: string, start: number, end: number): LaneItem => ({ key, start, end });

  it('lists the items of each lane in the order they appear along it', () => {
    const items = [item('late', 50, 60), item('a', 0, 10), item('b', 5, 30), item('c', 20, 40)];
    const packing = packLanes(items, 6);
    // a and c share lane 0 (c after a), b is in lane 1, late goes back to lane 0 after c.
    expect(laneMembers(items, packing)).toEqual([[1, 3, 0], [2]]);
  });

  it('leaves out what did not fit', () => {
    const items = [item('a', 0, 10), item('b', 0, 10), item('c', 0, 10)];
    const packing = packLanes(items, 2);
    expect(packing.overflow).toBe(1);
    expect(laneMembers(items, packing).flat().sort()).toEqual([0, 1]);
  });
});

describe('gapX', () => {
  it('puts a gap on the boundary between the frame before it and the next', () => {
    const view = { first: 0, last: 99 };
    // 10 px a frame: the gap after frame 39 is at 400, the left edge of frame 40's slot.
    expect(gapX(39, view, 1000)).toBe(400);
    expect(gapX(39, view, 1000)).toBe(frameLeftX(40, view, 1000));
    expect(gapX(39, { first: 30, last: 49 }, 200)).toBe(100);
  });
});
