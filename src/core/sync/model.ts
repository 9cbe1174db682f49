/**
 * How the videos of a case line up (stored with the case). Each video maps to the case
 * timeline by t_case = rate × t_video + offset, fitted from anchors (sync fit); the first
 * video of the case is the reference (rate 1, offset 0).
 */
import type { Brand } from '../ids';

export type SyncAnchorId = Brand<string, 'SyncAnchorId'>;

export const newSyncAnchorId = (): SyncAnchorId =>
  `anchor_${globalThis.crypto.randomUUID()}` as SyncAnchorId;

/** One end of an anchor: a frame of one video, its t_video, and half its frame interval. */
export interface AnchorEnd {
  readonly sha256: string;
  readonly frame: number;
  readonly seconds: number;
  readonly halfIntervalS: number;
}

/** The same instant in two videos (frame i of A shows what frame j of B shows). */
export interface SyncAnchor {
  readonly id: SyncAnchorId;
  readonly a: AnchorEnd;
  readonly b: AnchorEnd;
  readonly source: 'frames' | 'dvr-clock' | 'sound';
  readonly note: string;
  readonly createdAt: string;
}

/** An offset suggested from the sound that the examiner accepted (kept for the report). */
export interface AcceptedSoundSuggestion {
  readonly sha256A: string;
  readonly sha256B: string;
  readonly offsetS: number;
  readonly score: number;
  readonly method: string;
  readonly acceptedAt: string;
}

export interface CaseSync {
  readonly anchors: readonly SyncAnchor[];
  readonly soundSuggestions: readonly AcceptedSoundSuggestion[];
}

export const EMPTY_SYNC: CaseSync = { anchors: [], soundSuggestions: [] };
