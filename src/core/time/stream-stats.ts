import type { FrameTable } from './frame-table';
import type { TimeBase } from './time-base';

/** Timing and GOP facts measured from the frame table (no decoding). */
export interface StreamStats {
  /** Frames per second over the whole stream: (frames − 1) / (last pts − first pts). */
  readonly measuredFrameRate: number | null;
  /** True when the gaps between consecutive frames are not all the same. */
  readonly variableFrameRate: boolean;
  /** Shortest and longest gap between consecutive frames, in seconds. */
  readonly minFrameGap: number | null;
  readonly maxFrameGap: number | null;
  readonly keyframeCount: number;
  /** Frames from one keyframe to the next: shortest, longest. */
  readonly minGop: number | null;
  readonly maxGop: number | null;
  /** Decode order differs from display order (B-frames or other reordering). */
  readonly reordered: boolean;
}

/**
 * Gaps that differ by at most this fraction of the median gap count as equal: containers
 * round timestamps to their time base, so a constant 30000/1001 stream shows gaps that differ
 * by one tick.
 */
const VFR_TOLERANCE = 0.02;

export function streamStats(table: FrameTable, tb: TimeBase): StreamStats {
  const { frames, keyframes } = table;
  const gaps: number[] = [];
  for (let i = 1; i < frames.length; i++)
    gaps.push(((frames[i]!.pts - frames[i - 1]!.pts) * tb.num) / tb.den);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] ?? 0;
  const span = frames.length > 1 ? ((frames.at(-1)!.pts - frames[0]!.pts) * tb.num) / tb.den : 0;
  const gops: number[] = [];
  for (let i = 1; i < keyframes.length; i++) gops.push(keyframes[i]! - keyframes[i - 1]!);
  if (keyframes.length > 0) gops.push(frames.length - keyframes.at(-1)!);
  return {
    measuredFrameRate: span > 0 ? (frames.length - 1) / span : null,
    variableFrameRate: sorted.length > 1 && sorted.at(-1)! - sorted[0]! > VFR_TOLERANCE * median,
    minFrameGap: sorted[0] ?? null,
    maxFrameGap: sorted.at(-1) ?? null,
    keyframeCount: keyframes.length,
    minGop: gops.length ? Math.min(...gops) : null,
    maxGop: gops.length ? Math.max(...gops) : null,
    reordered: table.reordered,
  };
}

/** Where the recording skips: the time between two consecutive frames is far longer than usual. */
export interface RecordingGap {
  /** The frame before the gap; the gap lies between it and the next frame. */
  readonly afterFrame: number;
  /** Seconds from that frame to the next. */
  readonly seconds: number;
  /** The usual (median) seconds between frames, for comparison. */
  readonly usualSeconds: number;
}

/**
 * A frame interval longer than this many times the median one is a gap: dropped frames, a
 * camera that paused, or a variable-rate phone slowing down. 1.5 leaves a 30000/1001 stream's
 * one-tick rounding (and a 2:3 pulldown's 1.25×) alone, while one dropped frame (2×) counts.
 */
export const GAP_FACTOR = 1.5;

/**
 * The gaps in the recording, from the frame table (no decoding). A counted table (raw
 * streams) has no timestamps to compare, so it has no gaps to report.
 */
export function recordingGaps(
  table: FrameTable,
  tb: TimeBase,
  factor: number = GAP_FACTOR,
): RecordingGap[] {
  const { frames } = table;
  if (table.counted || frames.length < 3) return [];
  const intervals: number[] = [];
  for (let i = 1; i < frames.length; i++) intervals.push(frames[i]!.pts - frames[i - 1]!.pts);
  const sorted = Float64Array.from(intervals).sort();
  const median = sorted[sorted.length >> 1]!;
  if (median <= 0) return [];
  const toSeconds = (ticks: number) => (ticks * tb.num) / tb.den;
  const gaps: RecordingGap[] = [];
  intervals.forEach((ticks, i) => {
    if (ticks > factor * median) {
      gaps.push({ afterFrame: i, seconds: toSeconds(ticks), usualSeconds: toSeconds(median) });
    }
  });
  return gaps;
}
