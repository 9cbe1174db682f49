import type { Track } from './model';

/**
 * The timeline's arithmetic, kept free of the canvas so it can be tested: lifespans, lane
 * packing, ruler ticks and the mapping between frames and x.
 *
 * Every frame owns an equal slot of the timeline's width; a frame is drawn at the centre of
 * its slot and a click anywhere in the slot means that frame, so the mapping is exact at any
 * zoom (no rounding to the nearest tick).
 */

/** Frames start..end, both inclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The frames on show, first..last inclusive (whole frames, so the slots line up). */
export interface ViewRange {
  readonly first: number;
  readonly last: number;
}

/**
 * Where a track is in view: from an in-view keyframe up to the frame before the next outside
 * keyframe, or to the clip's last frame. Same rule as positionAt (interpolation.ts), which
 * holds the last keyframe to the end.
 */
export function lifespans(track: Track, frameCount: number): Span[] {
  const spans: Span[] = [];
  const lastFrame = frameCount - 1;
  let start: number | null = null;
  for (const keyframe of track.keyframes) {
    if (keyframe.frame > lastFrame) break;
    if (keyframe.outside) {
      if (start !== null && keyframe.frame > start) spans.push({ start, end: keyframe.frame - 1 });
      start = null;
    } else {
      start ??= keyframe.frame;
    }
  }
  if (start !== null) spans.push({ start, end: lastFrame });
  return spans;
}

export const wholeClip = (frameCount: number): ViewRange => ({
  first: 0,
  last: Math.max(0, frameCount - 1),
});

export const frameSpanOf = (view: ViewRange): number => view.last - view.first + 1;

export const pixelsPerFrame = (view: ViewRange, width: number): number => width / frameSpanOf(view);

/** x of the left edge of a frame's slot (frames outside the view give x outside 0..width). */
export const frameLeftX = (frame: number, view: ViewRange, width: number): number =>
  (frame - view.first) * pixelsPerFrame(view, width);

/** x of the centre of a frame's slot: where its tick, keyframe and the playhead are drawn. */
export const frameCenterX = (frame: number, view: ViewRange, width: number): number =>
  (frame - view.first + 0.5) * pixelsPerFrame(view, width);

/** The frame whose slot holds x; x beyond either end gives the view's first or last frame. */
export function frameAtX(x: number, view: ViewRange, width: number): number {
  const frame = view.first + Math.floor(x / pixelsPerFrame(view, width));
  return Math.min(Math.max(frame, view.first), view.last);
}

/** Ruler steps in frames: 1, 2, 5, 10, 20, 50… */
function* niceSteps(): Generator<number> {
  for (let decade = 1; ; decade *= 10) {
    yield decade;
    yield 2 * decade;
    yield 5 * decade;
  }
}

/**
 * Ruler ticks for a scale: `major` (labelled) is the smallest nice step at least `minLabelPx`
 * wide; `minor` the smallest nice step that divides it and is at least `minTickPx` wide.
 */
export function tickSpacing(
  pxPerFrame: number,
  minLabelPx = 64,
  minTickPx = 6,
): { major: number; minor: number } {
  let major = 1;
  for (const step of niceSteps()) {
    major = step;
    if (step * pxPerFrame >= minLabelPx || step >= 1e9) break;
  }
  let minor = major;
  for (const step of niceSteps()) {
    if (step >= major) break;
    if (major % step === 0 && step * pxPerFrame >= minTickPx) {
      minor = step;
      break;
    }
  }
  return { major, minor };
}

/** A view of `count` frames as close to starting at `first` as the clip allows. */
function clampView(first: number, count: number, frameCount: number): ViewRange {
  const span = Math.min(Math.max(1, Math.round(count)), Math.max(1, frameCount));
  const start = Math.min(Math.max(0, Math.round(first)), Math.max(0, frameCount - span));
  return { first: start, last: start + span - 1 };
}

/**
 * Zooms by `factor` (>1 shows fewer frames) keeping `anchor` (a fractional frame position,
 * e.g. the one under the pointer) at the same place on screen. Never fewer than `minFrames`.
 */
export function zoomView(
  view: ViewRange,
  factor: number,
  anchor: number,
  frameCount: number,
  minFrames = 10,
): ViewRange {
  const count = frameSpanOf(view);
  let next = Math.round(count / factor);
  // Rounding must not swallow a small zoom step.
  if (next === count && factor !== 1) next += factor > 1 ? -1 : 1;
  next = Math.max(next, Math.min(minFrames, frameCount));
  const fraction = (anchor - view.first) / count;
  return clampView(anchor - fraction * next, next, frameCount);
}

/** Moves the view by `frames` (negative: earlier), keeping its width. */
export const scrollView = (view: ViewRange, frames: number, frameCount: number): ViewRange =>
  clampView(view.first + frames, frameSpanOf(view), frameCount);

/**
 * The view after the playhead moved to `frame`: unchanged while it is on show; else paged so
 * the playhead lands near the edge it is heading away from (a tenth of the view in).
 */
export function followPlayhead(view: ViewRange, frame: number, frameCount: number): ViewRange {
  const count = frameSpanOf(view);
  const margin = Math.floor(count / 10);
  if (frame > view.last) return clampView(frame - margin, count, frameCount);
  if (frame < view.first) return clampView(frame - (count - 1 - margin), count, frameCount);
  return view;
}

/** What to pack: one item per track, its whole extent (start of first span..end of last). */
export interface LaneItem extends Span {
  readonly key: string;
}

export interface Packing {
  /** Lane of each item, in input order; -1 for items that did not fit in `maxLanes`. */
  readonly lanes: readonly number[];
  /** Lanes in use (at most maxLanes). */
  readonly laneCount: number;
  /** Items left out. */
  readonly overflow: number;
}

/**
 * Greedy interval packing: items in start order, each into the first lane free by `gap`
 * frames (so neighbours stay apart on screen). Items that fit nowhere are counted, not drawn.
 */
export function packLanes(items: readonly LaneItem[], maxLanes: number, gap = 0): Packing {
  const order = items.map((_, i) => i);
  order.sort((a, b) => items[a]!.start - items[b]!.start || items[a]!.end - items[b]!.end);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(items.length).fill(-1);
  let overflow = 0;
  for (const i of order) {
    const item = items[i]!;
    let lane = laneEnds.findIndex((end) => end + gap < item.start);
    if (lane < 0 && laneEnds.length < maxLanes) lane = laneEnds.length;
    if (lane < 0) {
      overflow++;
      continue;
    }
    laneEnds[lane] = item.end;
    lanes[i] = lane;
  }
  return { lanes, laneCount: laneEnds.length, overflow };
}

/** Black or white, whichever reads better on a #rrggbb background (WCAG luminance). */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const match = /^#([0-9a-f]{6})$/i.exec(background);
  if (!match) return '#ffffff';
  const n = parseInt(match[1]!, 16);
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const lum =
    0.2126 * linear((n >> 16) & 255) + 0.7152 * linear((n >> 8) & 255) + 0.0722 * linear(n & 255);
  // Contrast against black (lum + 0.05) / 0.05 vs against white 1.05 / (lum + 0.05).
  return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? '#000000' : '#ffffff';
}

/**
 * The items in each lane of a packing, in the order they appear along it (by start): what a
 * lane's heading names, so a person can tell which object a bar belongs to.
 */
export function laneMembers(items: readonly LaneItem[], packing: Packing): number[][] {
  const members: number[][] = Array.from({ length: packing.laneCount }, () => []);
  packing.lanes.forEach((lane, i) => {
    if (lane >= 0) members[lane]!.push(i);
  });
  for (const lane of members) lane.sort((a, b) => items[a]!.start - items[b]!.start);
  return members;
}

/**
 * Where the mark for a gap in the recording goes: on the boundary between the frame before it
 * and the next one, which is the left edge of the next frame's slot.
 */
export const gapX = (afterFrame: number, view: ViewRange, width: number): number =>
  frameLeftX(afterFrame + 1, view, width);
