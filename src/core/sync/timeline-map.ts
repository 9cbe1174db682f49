/**
 * Between a video's own clock and the case timeline, and from an instant to the frame that
 * shows it. t_case = rate × t_video + offset (model.ts); a frame shows every instant of its
 * display interval [t_i, t_(i+1)), so the frame "at" an instant is the last one that started
 * at or before it, never the nearest: a frame not yet shown cannot show what happened.
 */

/** How one video's clock maps to the case timeline. */
export interface TimeMapping {
  readonly rate: number;
  readonly offset: number;
}

export const IDENTITY_MAPPING: TimeMapping = Object.freeze({ rate: 1, offset: 0 });

export const toCaseTime = (mapping: TimeMapping, tVideo: number): number =>
  mapping.rate * tVideo + mapping.offset;

export const toVideoTime = (mapping: TimeMapping, tCase: number): number =>
  (tCase - mapping.offset) / mapping.rate;

/** The frame showing an instant, and its time minus the instant (≤ 0). */
export interface FrameAtInstant {
  readonly frame: number;
  readonly deltaS: number;
}
export type FrameOrOutside = FrameAtInstant | { readonly outside: 'before' | 'after' };

/**
 * A difference this small is arithmetic, not time: an instant computed through a mapping may
 * land 1e-15 s before the frame it names. 1 ns is far under any timestamp resolution (90 kHz
 * ticks are 11 µs apart), so such an instant counts as that frame's own time.
 */
const SNAP_S = 1e-9;

/**
 * The frame whose display interval [t_i, t_(i+1)) holds `tVideo`; the last frame's is
 * [t_last, t_last + lastDurationS). `frameTimesSeconds` is every frame's t_video, ascending.
 * Outside: before the first frame, or after the last one ends (no frames at all: 'before').
 * Binary search, O(log n).
 */
export function frameAtInstant(
  frameTimesSeconds: readonly number[],
  lastDurationS: number,
  tVideo: number,
): FrameOrOutside {
  const n = frameTimesSeconds.length;
  if (n === 0 || tVideo < frameTimesSeconds[0]! - SNAP_S) return { outside: 'before' };
  if (tVideo >= frameTimesSeconds[n - 1]! + lastDurationS - SNAP_S) return { outside: 'after' };
  // The last i with t_i <= tVideo (+ SNAP_S).
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frameTimesSeconds[mid]! <= tVideo + SNAP_S) lo = mid;
    else hi = mid - 1;
  }
  const delta = frameTimesSeconds[lo]! - tVideo;
  return { frame: lo, deltaS: Math.abs(delta) <= SNAP_S ? 0 : delta };
}

/** U+2212, the minus sign: a hyphen-minus is shorter and reads as a dash in running text. */
const MINUS = '\u2212';

/**
 * A frame's time minus an instant, to the whole millisecond: "+12 ms", "−12 ms" (U+2212),
 * "0 ms"; "not known" for a value that is not a number.
 */
export function formatDeltaMs(deltaS: number): string {
  if (!Number.isFinite(deltaS)) return 'not known';
  const ms = Math.round(deltaS * 1000);
  if (ms === 0) return '0 ms';
  return `${ms > 0 ? '+' : MINUS}${Math.abs(ms)} ms`;
}
