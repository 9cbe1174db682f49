import { newTrackId, type CaseId, type FrameIndex, type LabelId, type Pts } from './ids';
import type { AnnotationDocument, Command } from './history';
import type { Keyframe, RectangleShape, Track } from './model';
import { boundingKeyframes, positionAt } from './interpolation';
import { nextTrackNumber } from './tracks';

export interface NewRectangleTrack {
  readonly caseId: CaseId;
  readonly labelId: LabelId;
  readonly frame: FrameIndex;
  readonly pts: Pts | null;
  readonly frameMd5: string | null;
  readonly shape: RectangleShape;
  /** ISO 8601 UTC time of the edit. */
  readonly now: string;
}

/** A new track holding one drawn rectangle keyframe. */
export function createRectangleTrack(doc: AnnotationDocument, input: NewRectangleTrack): Command {
  const track: Track = {
    id: newTrackId(),
    caseId: input.caseId,
    number: nextTrackNumber(doc.tracks.values()),
    labelId: input.labelId,
    keyframes: [
      {
        frame: input.frame,
        pts: input.pts,
        shape: input.shape,
        frameMd5: input.frameMd5,
        outside: false,
        occluded: false,
      },
    ],
    createdAt: input.now,
    modifiedAt: input.now,
  };
  return {
    name: 'create track',
    changes: [{ kind: 'track', id: track.id, before: null, after: track }],
  };
}

/** A rectangle from two corners in frame pixels, in any drag direction, clamped to the frame. */
export function rectangleFromCorners(
  a: { x: number; y: number },
  b: { x: number; y: number },
  frame: { width: number; height: number },
): RectangleShape {
  const clampX = (v: number) => Math.min(Math.max(v, 0), frame.width);
  const clampY = (v: number) => Math.min(Math.max(v, 0), frame.height);
  const x0 = clampX(Math.min(a.x, b.x));
  const x1 = clampX(Math.max(a.x, b.x));
  const y0 = clampY(Math.min(a.y, b.y));
  const y1 = clampY(Math.max(a.y, b.y));
  return { kind: 'rectangle', x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Sets a keyframe of an existing track: a person drew or edited the track on this frame. A
 * keyframe already on that frame is replaced; keyframes stay in ascending frame order.
 */
export function setKeyframe(track: Track, keyframe: Keyframe, now: string): Command {
  const keyframes = [...track.keyframes.filter((k) => k.frame !== keyframe.frame), keyframe].sort(
    (a, b) => a.frame - b.frame,
  );
  const after: Track = { ...track, keyframes, modifiedAt: now };
  return { name: 'set keyframe', changes: [{ kind: 'track', id: track.id, before: track, after }] };
}

/**
 * Turns a track's "outside" (left the view) or "occluded" flag on or off from this frame on:
 * a keyframe here, with the shape the track has on this frame, and the flag flipped.
 * Null when the track has no position to flag (before its first keyframe).
 */
export function toggleFlag(
  track: Track,
  frame: FrameIndex,
  pts: Pts | null,
  flag: 'outside' | 'occluded',
  now: string,
): Command | null {
  const { previous } = boundingKeyframes(track, frame);
  if (!previous) return null;
  const position = positionAt(track, frame);
  const current = previous.frame === frame ? previous : null;
  const keyframe: Keyframe = {
    frame,
    pts,
    shape: position?.shape ?? previous.shape,
    frameMd5: current?.frameMd5 ?? null,
    outside: previous.outside,
    occluded: position?.occluded ?? previous.occluded,
    [flag]: !(flag === 'outside' ? previous.outside : (position?.occluded ?? previous.occluded)),
  };
  return { ...setKeyframe(track, keyframe, now), name: `toggle ${flag}` };
}
