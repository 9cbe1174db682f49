import type { FrameIndex } from '../ids';
import type { Keyframe, Point, Shape, Track } from './model';

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

/** Turns the shorter way round: 350° to 10° passes through 0°, not 180°. */
export function lerpAngle(from: number, to: number, t: number): number {
  const delta = ((((to - from) % 360) + 540) % 360) - 180;
  const angle = from + delta * t;
  return ((angle % 360) + 360) % 360;
}

const lerpPoint = (a: Point, b: Point, t: number): Point => ({
  x: lerp(a.x, b.x, t),
  y: lerp(a.y, b.y, t),
});

/** Vertex by vertex; null when the counts differ (no honest way to pair the vertices). */
function lerpPoints(a: readonly Point[], b: readonly Point[], t: number): Point[] | null {
  if (a.length !== b.length) return null;
  return a.map((p, i) => lerpPoint(p, b[i]!, t));
}

/**
 * The shape between two keyframes, a fraction t (0..1) of the way: linear for every
 * coordinate, the shorter way round for rotation. Null where the two cannot be blended
 * (different kinds, different vertex counts, text): the caller then holds the earlier shape
 * until the next keyframe.
 */
export function interpolateShape(from: Shape, to: Shape, t: number): Shape | null {
  switch (from.kind) {
    case 'rectangle':
      if (to.kind !== 'rectangle') return null;
      return {
        kind: 'rectangle',
        x: lerp(from.x, to.x, t),
        y: lerp(from.y, to.y, t),
        width: lerp(from.width, to.width, t),
        height: lerp(from.height, to.height, t),
        rotation: lerpAngle(from.rotation, to.rotation, t),
      };
    case 'ellipse':
      if (to.kind !== 'ellipse') return null;
      return {
        kind: 'ellipse',
        cx: lerp(from.cx, to.cx, t),
        cy: lerp(from.cy, to.cy, t),
        rx: lerp(from.rx, to.rx, t),
        ry: lerp(from.ry, to.ry, t),
        rotation: lerpAngle(from.rotation, to.rotation, t),
      };
    case 'polygon':
    case 'polyline':
    case 'points': {
      if (to.kind !== from.kind) return null;
      const points = lerpPoints(from.points, to.points, t);
      return points ? { kind: from.kind, points } : null;
    }
    case 'arrow':
      if (to.kind !== 'arrow') return null;
      return {
        kind: 'arrow',
        from: lerpPoint(from.from, to.from, t),
        to: lerpPoint(from.to, to.to, t),
      };
    case 'text':
      // Words cannot be blended; a callout stays where it was put until the next keyframe.
      return null;
  }
}

export type PositionSource = Keyframe['origin'] | 'interpolated' | 'held';

/** Where a track is on a frame, and how that position came about. */
export interface TrackPosition {
  readonly shape: Shape;
  /**
   * drawn: a person drew or edited it on this very frame; propagated: a keyframe copied here
   * by "Propagate"; computed: a keyframe holding a computed shape (made for a flag or an
   * attribute); interpolated: computed between two keyframes; held: a keyframe carried on (no
   * later keyframe to move toward, or shapes that cannot be blended); tracked: a keyframe
   * the tracker proposed (confirmed or not, never drawn). Only "drawn" was set
   * by a person looking at this frame; the rest are computed.
   */
  readonly source: PositionSource;
  readonly occluded: boolean;
  /** The keyframe this position starts from. */
  readonly keyframe: Keyframe;
}

/** The track's position on a frame; null before its first keyframe and while outside. */
export function positionAt(track: Track, frame: FrameIndex): TrackPosition | null {
  const { previous, next } = boundingKeyframes(track, frame);
  if (!previous || previous.outside) return null;
  const base = { occluded: previous.occluded, keyframe: previous };
  if (previous.frame === frame) return { ...base, shape: previous.shape, source: previous.origin };
  // Toward an outside keyframe too: its shape is where the object was when it left, so the
  // frames before it keep their positions when "outside" is set between two keyframes.
  if (next) {
    const t = (frame - previous.frame) / (next.frame - previous.frame);
    const shape = interpolateShape(previous.shape, next.shape, t);
    if (shape) return { ...base, shape, source: 'interpolated' };
  }
  return { ...base, shape: previous.shape, source: 'held' };
}
