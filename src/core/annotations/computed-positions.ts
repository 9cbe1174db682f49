import type { FrameIndex } from '../ids';
import { boundingKeyframes } from './interpolation';
import type { Label, Track, TrackingFacts } from './model';
import { resolveAt, trackTitle, type ResolvedShape } from './tracks';

/**
 * The positions on a frame that no person drew there, so that a still or a cited frame says
 * so beside the picture instead of letting a computed box pass for an observation. Held
 * positions (the last keyframe carried on) are named first: they may be far from the object.
 */
export interface ComputedPosition {
  readonly trackId: string;
  /** "vehicle #1" */
  readonly title: string;
  readonly source: Exclude<ResolvedShape['source'], 'drawn'>;
  /** The keyframe the position comes from. */
  readonly fromFrame: number;
  /** Interpolated: the keyframe it moves toward; null otherwise. */
  readonly towardFrame: number | null;
  /** Tracked only: what the tracker said and who confirmed it. */
  readonly tracking?: TrackingFacts;
}

const ORDER: Record<ComputedPosition['source'], number> = {
  held: 0,
  interpolated: 1,
  propagated: 2,
  computed: 3,
  tracked: 4,
};

/** The computed positions among the given tracks on a frame (those in view only). */
export function computedPositionsAt(
  labels: readonly Label[],
  tracks: Iterable<Track>,
  frame: FrameIndex,
): ComputedPosition[] {
  const found: ComputedPosition[] = [];
  for (const track of tracks) {
    const resolved = resolveAt(track, frame);
    if (!resolved || resolved.source === 'drawn') continue;
    const next = boundingKeyframes(track, frame).next;
    found.push({
      trackId: track.id,
      title: trackTitle(labels, track),
      source: resolved.source,
      fromFrame: resolved.keyframe.frame,
      towardFrame: resolved.source === 'interpolated' ? (next?.frame ?? null) : null,
      ...(resolved.keyframe.tracking ? { tracking: resolved.keyframe.tracking } : {}),
    });
  }
  return found.sort(
    (a, b) => ORDER[a.source] - ORDER[b.source] || a.title.localeCompare(b.title, 'en'),
  );
}

/**
 * "(confidence 0.82), confirmed by NAME" or "(confidence 0.82), not confirmed": the tracker's
 * score always, and whether a person confirmed it, so a tracked position never passes for a
 * drawn one (nor an unconfirmed one for a confirmed one) wherever it is listed.
 */
export function trackingFactsWords(tracking: TrackingFacts): string {
  const confirmed = tracking.confirmedBy ? `confirmed by ${tracking.confirmedBy}` : 'not confirmed';
  return `(confidence ${tracking.confidence.toFixed(2)}), ${confirmed}`;
}

/**
 * "tracked (confidence 0.82), not confirmed" / "tracked, confirmed by NAME (confidence 0.82)":
 * how the lists name it (the words, the confidence always with them).
 */
export function trackedWords(tracking: TrackingFacts | null | undefined): string {
  if (!tracking) return 'tracked';
  const confidence = `confidence ${tracking.confidence.toFixed(2)}`;
  return tracking.confirmedBy
    ? `tracked, confirmed by ${tracking.confirmedBy} (${confidence})`
    : `tracked (${confidence}), not confirmed`;
}

function describeOne(p: ComputedPosition): string {
  switch (p.source) {
    case 'held':
      return `${p.title} held from frame ${p.fromFrame} (its last keyframe carried on; the object may have moved)`;
    case 'interpolated':
      return `${p.title} interpolated between frames ${p.fromFrame} and ${p.towardFrame ?? '?'}`;
    case 'propagated':
      return `${p.title} propagated (copied from an earlier frame, not drawn on this one)`;
    case 'computed':
      return `${p.title} computed (kept on a keyframe made for a flag or an attribute)`;
    case 'tracked':
      return `${p.title} ${trackedWords(p.tracking)}`;
  }
}

/**
 * The statement printed beside a still: null when every position shown was drawn on this
 * frame; else "Computed, not observed: …" naming each one and how it was computed.
 */
export function computedStatement(positions: readonly ComputedPosition[]): string | null {
  if (positions.length === 0) return null;
  return `Computed, not observed on this frame: ${positions.map(describeOne).join('; ')}.`;
}

/** The same, in a few words for a list item: "vehicle #1 held from 30; officer #2 interpolated". */
export function computedSummary(positions: readonly ComputedPosition[]): string | null {
  if (positions.length === 0) return null;
  const one = (p: ComputedPosition) =>
    p.source === 'held' ? `${p.title} held from ${p.fromFrame}` : `${p.title} ${p.source}`;
  return `Computed, not observed: ${positions.map(one).join('; ')}`;
}
