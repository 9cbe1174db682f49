import type { FrameIndex } from '../ids';
import { positionAt, type TrackPosition } from './interpolation';
import type { Keyframe, Label, Shape, Track } from './model';

/** What a track shows on one frame, and whether a person drew it there or it was computed. */
export interface ResolvedShape {
  readonly track: Track;
  /** The shape on this frame: drawn, interpolated or held (see `source`). */
  readonly shape: Shape;
  readonly source: TrackPosition['source'];
  readonly occluded: boolean;
  /** source === 'drawn': a person drew or edited it on this very frame (shown solid). */
  readonly drawn: boolean;
  /** The keyframe the position starts from. */
  readonly keyframe: Keyframe;
}

/** The shape a track shows on a frame; null before its first keyframe or while outside. */
export function resolveAt(track: Track, frame: FrameIndex): ResolvedShape | null {
  const position = positionAt(track, frame);
  if (!position) return null;
  return {
    track,
    shape: position.shape,
    source: position.source,
    occluded: position.occluded,
    drawn: position.source === 'drawn',
    keyframe: position.keyframe,
  };
}

export function visibleAt(tracks: Iterable<Track>, frame: FrameIndex): ResolvedShape[] {
  const shown: ResolvedShape[] = [];
  for (const track of tracks) {
    const resolved = resolveAt(track, frame);
    if (resolved) shown.push(resolved);
  }
  return shown.sort((a, b) => a.track.number - b.track.number);
}

export function nextTrackNumber(tracks: Iterable<Track>): number {
  let max = 0;
  for (const track of tracks) max = Math.max(max, track.number);
  return max + 1;
}

export function labelOf(labels: readonly Label[], track: Track): Label | undefined {
  return labels.find((label) => label.id === track.labelId);
}

/** "officer #2": how people refer to a track. */
export function trackTitle(labels: readonly Label[], track: Track): string {
  return `${labelOf(labels, track)?.name ?? 'unlabelled'} #${track.number}`;
}
