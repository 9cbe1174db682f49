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
const byPerson = (k: Keyframe) => k.origin === 'drawn' || k.origin === 'propagated';

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
    if (existing && byPerson(existing)) break;
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
