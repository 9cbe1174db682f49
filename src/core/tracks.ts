import type { FrameIndex } from './ids';
import type { Keyframe, Label, Track } from './model';

/** What a track shows on one frame, and whether a person drew it there or it was carried. */
export interface ResolvedShape {
  readonly track: Track;
  readonly keyframe: Keyframe;
  /** True when frame is one of the track's keyframes (drawn by a person). */
  readonly drawn: boolean;
}

/**
 * The shape a track shows on a frame: its keyframe there, else the last keyframe before it
 * held until the next one. Null before the first keyframe or where the track is outside.
 * (Interpolation between keyframes comes with the annotation editor.)
 */
export function resolveAt(track: Track, frame: FrameIndex): ResolvedShape | null {
  let previous: Keyframe | null = null;
  for (const keyframe of track.keyframes) {
    if (keyframe.frame > frame) break;
    previous = keyframe;
  }
  if (!previous || previous.outside) return null;
  return { track, keyframe: previous, drawn: previous.frame === frame };
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
