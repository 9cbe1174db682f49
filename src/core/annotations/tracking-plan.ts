import type { FrameIndex } from '../ids';
import type { Label, RectangleShape, Track } from './model';
import { setByPerson } from './tracked-runs';
import { trackTitle } from './tracks';

/**
 * Where an assisted tracking run may go (issue 16), before any pixel is read: it starts from
 * the selected object's keyframe on the frame shown (a box, upright, inside the frame) and
 * runs for the frames asked, never past the video's ends nor onto a frame where a person set
 * a keyframe (the tracker proposes; it never overrules an observation). Pure; the app reads
 * the frames and runs the tracker.
 */
export type TrackingPlan =
  | {
      readonly ok: true;
      readonly box: RectangleShape;
      readonly from: FrameIndex;
      readonly direction: 1 | -1;
      /** Frames to track after `from`, at least 1. */
      readonly count: number;
      /** The person's keyframe the run stops before, if that is what ends it. */
      readonly stopsBefore: FrameIndex | null;
    }
  | { readonly ok: false; readonly reason: string };

export function planTracking(
  labels: readonly Label[],
  track: Track | null,
  frame: FrameIndex,
  direction: 1 | -1,
  requested: number,
  frameCount: number,
): TrackingPlan {
  if (!track) {
    return {
      ok: false,
      reason: 'Select the object to track first: click it on the frame or in the Objects list.',
    };
  }
  const title = trackTitle(labels, track);
  const here = track.keyframes.find((k) => k.frame === frame);
  if (!here) {
    return {
      ok: false,
      reason: `Tracking starts from a keyframe, and ${title} has none on frame ${frame}: draw or drag its box on this frame first.`,
    };
  }
  if (here.outside) {
    return {
      ok: false,
      reason: `${title} is marked outside the view on frame ${frame}: there is nothing to follow.`,
    };
  }
  if (here.shape.kind !== 'rectangle') {
    return {
      ok: false,
      reason: `Tracking follows boxes, and ${title} is a ${here.shape.kind} here: draw it as a box (Rectangle tool) to track it.`,
    };
  }
  if (here.shape.rotation !== 0) {
    return {
      ok: false,
      reason: `Tracking follows upright boxes, and ${title}'s box is turned by ${here.shape.rotation}°: set its rotation back to 0 first.`,
    };
  }
  if (!Number.isInteger(requested) || requested < 1) {
    return { ok: false, reason: 'Track frames must be a whole number of 1 or more.' };
  }
  const edge = direction === 1 ? frameCount - 1 : 0;
  if (frame === edge) {
    return {
      ok: false,
      reason: `Frame ${frame} is the ${direction === 1 ? 'last' : 'first'} frame: there is nothing to track ${direction === 1 ? 'forward' : 'backward'}.`,
    };
  }
  const ahead = track.keyframes
    .filter((k) => setByPerson(k) && (k.frame - frame) * direction > 0)
    .sort((a, b) => (a.frame - b.frame) * direction)[0];
  const toEdge = Math.abs(edge - frame);
  const toPerson = ahead ? Math.abs(ahead.frame - frame) - 1 : Infinity;
  if (toPerson === 0) {
    return {
      ok: false,
      reason: `${title} has a keyframe a person set on frame ${ahead!.frame}, next to this one: there is nothing between to track.`,
    };
  }
  const count = Math.min(requested, toEdge, toPerson);
  return {
    ok: true,
    box: here.shape,
    from: frame,
    direction,
    count,
    stopsBefore: ahead && count === toPerson ? ahead.frame : null,
  };
}
