import type { FrameIndex, Pts } from '../ids';
import type { Command } from './history';
import type { Keyframe, Shape, Track } from './model';
import { trackCommand } from './commands';

/**
 * Issue 16: the tracker's proposals as keyframes of their own kind ("tracked"), and what the
 * examiner does with them. Each function is one undoable command (so one audit entry), pure;
 * null when there is nothing to do.
 */

export interface TrackedPosition {
  readonly frame: FrameIndex;
  readonly pts: Pts | null;
  readonly frameMd5: string | null;
  readonly shape: Shape;
  readonly confidence: number;
}

export interface TrackedRun {
  readonly runId: string;
  /** The tracker and its parameters in words. */
  readonly algorithm: string;
  /** In the order tracked: ascending frames forward, descending backward. */
  readonly positions: readonly TrackedPosition[];
}

/** A person set it: the tracker never replaces it, and a run stops before it. */
export const setByPerson = (k: Keyframe): boolean =>
  k.origin === 'drawn' || k.origin === 'propagated';

/**
 * The run's positions as tracked keyframes, in the tracked order up to (not including) the
 * first frame where a person set a keyframe; the flags and attributes in force carry on.
 * A tracked or computed keyframe already on a frame is replaced (a new run supersedes it).
 */
export function addTrackedRun(track: Track, run: TrackedRun, now: string): Command | null {
  const set = new Map(track.keyframes.map((k) => [k.frame as number, k]));
  const added: Keyframe[] = [];
  for (const p of run.positions) {
    const existing = set.get(p.frame);
    if (existing && setByPerson(existing)) break;
    const before = [...track.keyframes].reverse().find((k) => k.frame <= p.frame);
    added.push({
      frame: p.frame,
      pts: p.pts,
      frameMd5: p.frameMd5,
      shape: p.shape,
      origin: 'tracked',
      tracking: {
        runId: run.runId,
        confidence: p.confidence,
        algorithm: run.algorithm,
        confirmedBy: null,
        confirmedAt: null,
      },
      outside: false,
      occluded: existing?.occluded ?? before?.occluded ?? false,
      attributes:
        existing?.attributes ?? before?.attributes ?? track.keyframes[0]?.attributes ?? {},
    });
  }
  if (added.length === 0) return null;
  const frames = new Set(added.map((k) => k.frame as number));
  const keyframes = [...track.keyframes.filter((k) => !frames.has(k.frame)), ...added].sort(
    (a, b) => a.frame - b.frame,
  );
  return trackCommand(`track ${added.length} frames`, track, {
    ...track,
    keyframes,
    modifiedAt: now,
  });
}

/** Which tracked keyframes: a whole run, or the one on a frame. */
export type TrackedTarget = string | { readonly frame: FrameIndex };

const matches = (k: Keyframe, target: TrackedTarget) =>
  k.origin === 'tracked' &&
  (typeof target === 'string' ? k.tracking?.runId === target : k.frame === target.frame);

/** The examiner confirms the unconfirmed tracked keyframes of a run or of a frame. */
export function confirmTracked(
  track: Track,
  target: TrackedTarget,
  examiner: string,
  now: string,
): Command | null {
  const name = examiner.trim();
  if (name === '') return null; // a confirmation names who made it
  let count = 0;
  const keyframes = track.keyframes.map((k) => {
    if (!matches(k, target) || !k.tracking || k.tracking.confirmedBy !== null) return k;
    count++;
    return { ...k, tracking: { ...k.tracking, confirmedBy: name, confirmedAt: now } };
  });
  if (count === 0) return null;
  return trackCommand(`confirm ${count} tracked`, track, { ...track, keyframes, modifiedAt: now });
}

/**
 * Drops a run's tracked keyframes, confirmed or not (a flag set on one goes with it); the
 * frames then show what the person's keyframes give. Corrected frames are drawn: kept.
 */
export function discardTrackedRun(track: Track, runId: string, now: string): Command | null {
  const keyframes = track.keyframes.filter((k) => !matches(k, runId));
  if (keyframes.length === track.keyframes.length) return null;
  const dropped = track.keyframes.length - keyframes.length;
  return trackCommand(`discard ${dropped} tracked`, track, {
    ...track,
    keyframes,
    modifiedAt: now,
  });
}

/** The tracked run of a track on a frame (its keyframe there, else the last one before). */
export function trackedRunAt(track: Track, frame: FrameIndex): string | null {
  const here = [...track.keyframes].reverse().find((k) => k.frame <= frame);
  return here?.origin === 'tracked' ? (here.tracking?.runId ?? null) : null;
}

/**
 * The run the tracking buttons act on: the one on the frame shown, else the run of the tracked
 * keyframe nearest to it (the earlier on a tie); null when the track has none.
 */
export function nearestTrackedRun(track: Track, frame: FrameIndex): string | null {
  const here = trackedRunAt(track, frame);
  if (here) return here;
  let best: Keyframe | null = null;
  for (const k of track.keyframes) {
    if (k.origin !== 'tracked' || !k.tracking) continue;
    if (!best || Math.abs(k.frame - frame) < Math.abs(best.frame - frame)) best = k;
  }
  return best?.tracking?.runId ?? null;
}

/** A run's frames and how many a person confirmed, by whom: what the controls say of it. */
export interface TrackedRunSummary {
  readonly first: FrameIndex;
  readonly last: FrameIndex;
  readonly frames: number;
  readonly confirmed: number;
  readonly confirmedBy: readonly string[];
  readonly lowestConfidence: number;
}

export function summariseTrackedRun(track: Track, runId: string): TrackedRunSummary | null {
  const keyframes = track.keyframes.filter((k) => matches(k, runId));
  if (keyframes.length === 0) return null;
  const confirmed = keyframes.filter((k) => k.tracking?.confirmedBy);
  return {
    first: keyframes[0]!.frame,
    last: keyframes[keyframes.length - 1]!.frame,
    frames: keyframes.length,
    confirmed: confirmed.length,
    confirmedBy: [...new Set(confirmed.map((k) => k.tracking!.confirmedBy!))],
    lowestConfidence: Math.min(...keyframes.map((k) => k.tracking?.confidence ?? 0)),
  };
}

/** A stretch of consecutive tracked keyframes, all confirmed or all not: a timeline mark. */
export interface TrackedSpan {
  readonly start: number;
  readonly end: number;
  readonly confirmed: boolean;
}

export function trackedSpans(track: Track): TrackedSpan[] {
  const spans: TrackedSpan[] = [];
  for (const k of track.keyframes) {
    if (k.origin !== 'tracked') continue;
    const confirmed = (k.tracking?.confirmedBy ?? null) !== null;
    const last = spans[spans.length - 1];
    if (last && last.end === k.frame - 1 && last.confirmed === confirmed) {
      spans[spans.length - 1] = { ...last, end: k.frame };
    } else spans.push({ start: k.frame, end: k.frame, confirmed });
  }
  return spans;
}
