import type { Brand, FrameIndex, Sha256 } from '../ids';

/**
 * The stored records of synchronising a case's videos. They hold only what a person stated
 * (which frame of one video shows the same instant as which frame of another) and the sound
 * suggestions they accepted; each video's rate and offset on the case timeline is recomputed
 * from these by fit.ts, so deleting or adding an anchor re-fits everything. Plain JSON-able,
 * readonly, replaced whole.
 *
 * Convention (the UI's contract): a video maps to the case timeline by
 * t_case = rate × t_video + offset, t_video being a frame's time on its own clock (pts seconds
 * minus the file's start time, what `frameSeconds` gives); the case's first video is the
 * reference (rate 1, offset 0).
 */

/** One anchor's id. */
export type SyncAnchorId = Brand<string, 'SyncAnchorId'>;

/** A random, collision-safe id, made as ids.ts makes every other (its helper is private). */
export const newSyncAnchorId = (): SyncAnchorId =>
  `anchor_${globalThis.crypto.randomUUID()}` as SyncAnchorId;

/**
 * One end of an anchor: a frame of one video. `seconds` is the frame's t_video and
 * `halfIntervalS` half its frame interval, the ±½ frame of saying "this frame shows the
 * instant" (a frame stands for every instant of its display interval).
 */
export interface AnchorEnd {
  readonly sha256: Sha256;
  readonly frame: FrameIndex;
  readonly seconds: number;
  readonly halfIntervalS: number;
}

/** How the examiner knew the two frames show the same instant. */
export const ANCHOR_SOURCES = ['frames', 'dvr-clock', 'sound'] as const;
export type AnchorSource = (typeof ANCHOR_SOURCES)[number];

/** "Frame a of one video shows the same instant as frame b of another." */
export interface SyncAnchor {
  readonly id: SyncAnchorId;
  readonly a: AnchorEnd;
  readonly b: AnchorEnd;
  readonly source: AnchorSource;
  /** The examiner's words: what both frames show (e.g. "the door closes"). */
  readonly note: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
}

/**
 * A sound suggestion the examiner accepted (sound-offset.ts), kept for the report: the
 * method, score and offset as they were when accepted. Here t_A = t_B + offsetS for the same
 * sound.
 */
export interface AcceptedSoundSuggestion {
  readonly sha256A: Sha256;
  readonly sha256B: Sha256;
  readonly offsetS: number;
  readonly score: number;
  readonly method: string;
  /** ISO 8601 UTC. */
  readonly acceptedAt: string;
}

/** Everything a case stores about synchronising its videos. */
export interface CaseSync {
  readonly anchors: readonly SyncAnchor[];
  readonly soundSuggestions: readonly AcceptedSoundSuggestion[];
}

export const EMPTY_SYNC: CaseSync = Object.freeze({
  anchors: Object.freeze([]) as readonly SyncAnchor[],
  soundSuggestions: Object.freeze([]) as readonly AcceptedSoundSuggestion[],
});

/** An anchor end for frame `frame` of a video, at `seconds`, whose frame interval is given. */
export function anchorEnd(
  sha256: Sha256,
  frame: FrameIndex,
  seconds: number,
  frameIntervalS: number,
): AnchorEnd {
  return { sha256, frame, seconds, halfIntervalS: frameIntervalS / 2 };
}
