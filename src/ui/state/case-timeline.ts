/**
 * The case timeline's geometry (issue 15): each video's frames placed on one axis of case
 * seconds (t_case = rate × t_video + offset, core/sync/timeline-map.ts), and that axis on
 * screen. A frame stands for its whole display interval [t_i, t_(i+1)), so a video's extent
 * and an event's span end where their last frame stops being shown. Pure arithmetic.
 */
import {
  frameAtInstant,
  toCaseTime,
  toVideoTime,
  type TimeMapping,
} from '../../core/sync/timeline-map';

/** Seconds on the case timeline, start ≤ end. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

function caseInterval(mapping: TimeMapping, t0: number, t1: number): Interval {
  const a = toCaseTime(mapping, t0);
  const b = toCaseTime(mapping, t1);
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/**
 * Frames `first`..`last` (cut to the video) on the case timeline: from the first one's start
 * to the end of the last one's display interval (the next frame's start; the last frame is
 * shown for `frameDurationS`). `times` is every frame's t_video, ascending. Null: no frames.
 */
export function framesInterval(
  mapping: TimeMapping,
  times: readonly number[],
  frameDurationS: number,
  first: number,
  last: number,
): Interval | null {
  const n = times.length;
  if (n === 0) return null;
  const cut = (f: number) => Math.min(Math.max(0, Math.round(f)), n - 1);
  const lo = cut(Math.min(first, last));
  const hi = cut(Math.max(first, last));
  const end = hi + 1 < n ? times[hi + 1]! : times[hi]! + frameDurationS;
  return caseInterval(mapping, times[lo]!, end);
}

/** A video's extent: its first frame's start to its last frame's end, in case seconds. */
export const extentOf = (
  mapping: TimeMapping,
  times: readonly number[],
  frameDurationS: number,
): Interval | null => framesInterval(mapping, times, frameDurationS, 0, times.length - 1);

/** The axis: every extent given, end to end (null: none). Never of zero length. */
export function axisSpan(extents: readonly (Interval | null)[]): Interval | null {
  let start = Infinity;
  let end = -Infinity;
  for (const e of extents) {
    if (!e) continue;
    start = Math.min(start, e.start);
    end = Math.max(end, e.end);
  }
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  return end > start ? { start, end } : { start, end: start + 1 };
}

/** The x (CSS pixels from the axis's left) of an instant. */
export const xAt = (t: number, span: Interval, width: number): number =>
  ((t - span.start) / (span.end - span.start)) * width;

/** The instant at x (CSS pixels from the axis's left). */
export const timeAt = (x: number, span: Interval, width: number): number =>
  span.start + (x / width) * (span.end - span.start);

/**
 * The edges of each pixel column as seconds of one video's own clock (its sound's time), for
 * columnPeaks: `columns + 1` of them. The sound is placed through the same mapping as the
 * frames, so a bang lines up with the frames that show it.
 */
export function soundEdges(span: Interval, width: number, mapping: TimeMapping): Float64Array {
  const columns = Math.max(0, Math.ceil(width));
  const edges = new Float64Array(columns + 1);
  for (let x = 0; x <= columns; x++) edges[x] = toVideoTime(mapping, timeAt(x, span, width));
  return edges;
}

/**
 * The frame of a video on screen at an instant of the case timeline (the one whose display
 * interval holds it); an instant before the video is its first frame, after it its last.
 * -1: the video has no frames.
 */
export function frameAtCaseTime(
  mapping: TimeMapping,
  times: readonly number[],
  frameDurationS: number,
  tCase: number,
): number {
  if (times.length === 0) return -1;
  const at = frameAtInstant(times, frameDurationS, toVideoTime(mapping, tCase));
  if ('frame' in at) return at.frame;
  return at.outside === 'before' ? 0 : times.length - 1;
}

/** Tick steps in seconds: 1, 2, 5 per decade under a minute, then whole minutes and hours. */
const STEPS = [
  0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
  18000, 36000, 86400,
];

/** Labelled ticks at least `minLabelPx` apart, on whole multiples of the step. */
export function secondTicks(
  span: Interval,
  width: number,
  minLabelPx = 60,
): { step: number; ticks: number[] } {
  const perSecond = width / (span.end - span.start);
  const step = STEPS.find((s) => s * perSecond >= minLabelPx) ?? STEPS.at(-1)!;
  const ticks: number[] = [];
  // Whole multiples counted as integers, so 0.1 × 3 is never 0.30000000000000004.
  for (let k = Math.ceil(span.start / step - 1e-9); k * step <= span.end + 1e-9; k++) {
    ticks.push(Number((k * step).toFixed(6)));
  }
  return { step, ticks };
}

/** U+2212: a hyphen-minus reads as a dash. */
const MINUS = '\u2212';

/**
 * A tick's label: seconds ("3 s", "1.5 s", "−2 s") under a minute, else m:ss or h:mm:ss,
 * with as many decimals as the step has.
 */
export function formatTick(t: number, step: number): string {
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  const scale = 10 ** decimals;
  const units = Math.round(Math.abs(t) * scale); // in 1, 0.1 or 0.01 s
  const sign = units > 0 && t < 0 ? MINUS : '';
  const a = units / scale;
  if (a < 60 && step < 60) return `${sign}${a.toFixed(decimals)} s`;
  const whole = Math.floor(units / scale);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = ((units - (h * 3600 + m * 60) * scale) / scale)
    .toFixed(decimals)
    .padStart(decimals ? decimals + 3 : 2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

/** An offset or instant to the millisecond with its sign: "+1.370 s", "−0.250 s". */
export function signedSeconds(t: number): string {
  const ms = Math.round(t * 1000);
  return `${ms < 0 ? MINUS : '+'}${(Math.abs(ms) / 1000).toFixed(3)} s`;
}
