import type { FrameIndex } from './ids';
import type { Keyframe, Shape, Track } from './model';

/** The keyframes around a frame: the last at or before it, and the first after it. */
export interface BoundingKeyframes {
  readonly previous: Keyframe | null;
  readonly next: Keyframe | null;
}

/** Binary search over a track's keyframes (ascending by frame). */
export function boundingKeyframes(track: Track, frame: FrameIndex): BoundingKeyframes {
  const keyframes = track.keyframes;
  let lo = 0;
  let hi = keyframes.length - 1;
  let previousIndex = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyframes[mid]!.frame <= frame) {
      previousIndex = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return {
    previous: previousIndex >= 0 ? keyframes[previousIndex]! : null,
    next: keyframes[previousIndex + 1] ?? null,
  };
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

/**
 * The shape between two keyframes, a fraction t (0..1) of the way: linear for every
 * coordinate. Null where the two cannot be blended (different kinds): the caller then holds
 * the earlier shape until the next keyframe.
 */
export function interpolateShape(from: Shape, to: Shape, t: number): Shape | null {
  if (from.kind !== to.kind) return null;
  switch (from.kind) {
    case 'rectangle':
      return {
        kind: 'rectangle',
        x: lerp(from.x, to.x, t),
        y: lerp(from.y, to.y, t),
        width: lerp(from.width, to.width, t),
        height: lerp(from.height, to.height, t),
      };
  }
}

/** Where a track is on a frame, and how that position came about. */
export interface TrackPosition {
  readonly shape: Shape;
  /**
   * drawn: a person set it on this very frame (a keyframe); interpolated: computed between
   * two keyframes; held: the last keyframe carried on (no later keyframe to move toward).
   */
  readonly source: 'drawn' | 'interpolated' | 'held';
  readonly occluded: boolean;
  /** The keyframe this position starts from. */
  readonly keyframe: Keyframe;
}

/** The track's position on a frame; null before its first keyframe and while outside. */
export function positionAt(track: Track, frame: FrameIndex): TrackPosition | null {
  const { previous, next } = boundingKeyframes(track, frame);
  if (!previous || previous.outside) return null;
  const base = { occluded: previous.occluded, keyframe: previous };
  if (previous.frame === frame) return { ...base, shape: previous.shape, source: 'drawn' };
  if (next && !next.outside) {
    const t = (frame - previous.frame) / (next.frame - previous.frame);
    const shape = interpolateShape(previous.shape, next.shape, t);
    if (shape) return { ...base, shape, source: 'interpolated' };
  }
  return { ...base, shape: previous.shape, source: 'held' };
}
