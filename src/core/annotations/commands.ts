import {
  newTrackId,
  type CaseId,
  type FrameIndex,
  type LabelId,
  type Pts,
  type SetId,
} from '../ids';
import type { AnnotationDocument, Command } from './history';
import type { AttributeValue, AttributeValues, Keyframe, Label, Shape, Track } from './model';
import { boundingKeyframes, positionAt } from './interpolation';
import { nextTrackNumber } from './tracks';

/** Where an edit happens: the frame on screen, with its anchors. */
export interface FrameRef {
  readonly frame: FrameIndex;
  readonly pts: Pts | null;
  /** MD5 of the decoded frame on screen (framemd5), null if not known yet. */
  readonly frameMd5: string | null;
}

/** The default values of a label's attributes of one scope. */
export function defaultAttributes(
  label: Label | undefined,
  scope: 'track' | 'frame',
): AttributeValues {
  const values: Record<string, AttributeValue> = {};
  for (const spec of label?.attributes ?? []) {
    if (spec.scope === scope) values[spec.id] = spec.defaultValue;
  }
  return values;
}

export interface NewTrack {
  readonly caseId: CaseId;
  readonly setId: SetId;
  readonly label: Label;
  readonly at: FrameRef;
  readonly shape: Shape;
  /** ISO 8601 UTC time of the edit. */
  readonly now: string;
}

/** A new track holding one drawn keyframe, its attributes at the label's defaults. */
export function createTrack(doc: AnnotationDocument, input: NewTrack): Command {
  const track: Track = {
    id: newTrackId(),
    caseId: input.caseId,
    setId: input.setId,
    number: nextTrackNumber(doc.tracks.values()),
    labelId: input.label.id as LabelId,
    attributes: defaultAttributes(input.label, 'track'),
    keyframes: [
      {
        ...input.at,
        shape: input.shape,
        origin: 'drawn',
        outside: false,
        occluded: false,
        attributes: defaultAttributes(input.label, 'frame'),
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

/** The track with this keyframe in place of any on the same frame, keyframes kept in order. */
export function withKeyframe(track: Track, keyframe: Keyframe, now: string): Track {
  const keyframes = [...track.keyframes.filter((k) => k.frame !== keyframe.frame), keyframe].sort(
    (a, b) => a.frame - b.frame,
  );
  return { ...track, keyframes, modifiedAt: now };
}

/** The keyframe without the tracker's facts, for one that is no longer tracked. */
export function withoutTracking<K extends Keyframe | null>(keyframe: K): K {
  if (!keyframe?.tracking) return keyframe;
  const rest: { -readonly [F in keyof Keyframe]?: Keyframe[F] } = { ...keyframe };
  delete rest.tracking;
  return rest as K;
}

export const trackCommand = (name: string, before: Track, after: Track): Command => ({
  name,
  changes: [{ kind: 'track', id: before.id, before, after }],
});

/**
 * The keyframe a track would have on this frame if it were made one now: the position it
 * shows (drawn, interpolated or held), with the flags and attributes in force. Null before
 * the first keyframe.
 */
export function keyframeHere(track: Track, at: FrameRef): Keyframe | null {
  const { previous } = boundingKeyframes(track, at.frame);
  if (!previous) return null;
  const position = positionAt(track, at.frame);
  const current = previous.frame === at.frame ? previous : null;
  return {
    ...at,
    // A frame MD5 known from when the keyframe was drawn is kept if it is not known now.
    frameMd5: at.frameMd5 ?? current?.frameMd5 ?? null,
    shape: position?.shape ?? previous.shape,
    // An existing keyframe keeps its provenance; a new one holds a computed shape.
    origin: current?.origin ?? 'computed',
    // A tracked keyframe kept as it is (a flag set on it) keeps what the tracker said.
    ...(current?.tracking ? { tracking: current.tracking } : {}),
    outside: previous.outside,
    occluded: previous.occluded,
    attributes: previous.attributes,
  };
}

/**
 * A person drew or edited the track's shape on this frame: a drawn keyframe here, keeping the
 * flags and attributes in force; before the first keyframe it starts the track in view.
 */
export function setShapeAt(track: Track, at: FrameRef, shape: Shape, now: string): Command {
  const here = withoutTracking(keyframeHere(track, at));
  // Moving a tracked keyframe corrects it: the person's shape, drawn, the tracker's facts gone.
  const keyframe: Keyframe = {
    ...(here ?? { ...at, occluded: false, attributes: track.keyframes[0]?.attributes ?? {} }),
    shape,
    origin: 'drawn',
    outside: false,
  };
  return trackCommand('edit shape', track, withKeyframe(track, keyframe, now));
}

/**
 * Turns a track's "outside" (left the view) or "occluded" flag on or off from this frame on:
 * a keyframe here, with the shape the track has on this frame, and the flag flipped.
 * Null when the track has no position to flag (before its first keyframe).
 */
export function toggleFlag(
  track: Track,
  at: FrameRef,
  flag: 'outside' | 'occluded',
  now: string,
): Command | null {
  const here = keyframeHere(track, at);
  if (!here) return null;
  const keyframe: Keyframe = { ...here, [flag]: !here[flag] };
  return trackCommand(`toggle ${flag}`, track, withKeyframe(track, keyframe, now));
}

/**
 * Copies the track's shape on this frame onto each of the next `count` frames as
 * "propagated" keyframes (CVAT's propagate), stopping at the last frame of the clip and
 * before the next keyframe the track already has: that one was set by a person (a drawing,
 * a flag, an attribute) and is kept, with everything after it. Null when there is nothing to
 * copy.
 */
export function propagate(
  track: Track,
  at: FrameRef,
  count: number,
  lastFrame: number,
  ptsOf: (frame: FrameIndex) => Pts | null,
  now: string,
): Command | null {
  const here = keyframeHere(track, at);
  if (!here || here.outside || count < 1) return null;
  const { next } = boundingKeyframes(track, at.frame);
  const end = Math.min(at.frame + Math.floor(count), lastFrame, next ? next.frame - 1 : Infinity);
  if (end <= at.frame) return null;
  const copies: Keyframe[] = [];
  for (let f = at.frame + 1; f <= end; f++) {
    const frame = f as FrameIndex;
    const copy = withoutTracking(here);
    copies.push({ ...copy, frame, pts: ptsOf(frame), frameMd5: null, origin: 'propagated' });
  }
  // One merge, not a sort per copy: keyframes before, the source (a keyframe now, keeping its
  // provenance, so earlier frames keep their positions), the copies, and the rest.
  const before = track.keyframes.filter((k) => k.frame < at.frame);
  const after = track.keyframes.filter((k) => k.frame > end);
  const keyframes = [...before, here, ...copies, ...after];
  return trackCommand(`propagate to ${copies.length} frames`, track, {
    ...track,
    keyframes,
    modifiedAt: now,
  });
}

export function deleteTrack(track: Track): Command {
  return {
    name: 'delete track',
    changes: [{ kind: 'track', id: track.id, before: track, after: null }],
  };
}

/** Sets a per-track attribute. */
export function setTrackAttribute(
  track: Track,
  attributeId: string,
  value: AttributeValue,
  now: string,
): Command {
  const after: Track = {
    ...track,
    attributes: { ...track.attributes, [attributeId]: value },
    modifiedAt: now,
  };
  return trackCommand('set attribute', track, after);
}

/**
 * Sets a per-frame attribute from this frame on: a keyframe here (the shape in force is kept)
 * with the new value, carried on through the later keyframes that only held the old value,
 * up to the first where it was set to something else. So ticking "holding on to vehicle" on
 * frame 0 holds at a keyframe drawn on frame 30 before it was ticked, while a later keyframe
 * where the value was changed keeps its own. Null before the track's first keyframe.
 */
export function setFrameAttribute(
  track: Track,
  at: FrameRef,
  attributeId: string,
  value: AttributeValue,
  now: string,
): Command | null {
  const here = keyframeHere(track, at);
  if (!here) return null;
  const old = here.attributes[attributeId];
  const keyframe: Keyframe = { ...here, attributes: { ...here.attributes, [attributeId]: value } };
  let carrying = true;
  const keyframes = withKeyframe(track, keyframe, now).keyframes.map((k) => {
    if (k.frame <= at.frame || !carrying) return k;
    if (k.attributes[attributeId] !== old) {
      carrying = false;
      return k;
    }
    return { ...k, attributes: { ...k.attributes, [attributeId]: value } };
  });
  return trackCommand('set frame attribute', track, { ...track, keyframes, modifiedAt: now });
}

/** Moves the track to another label; attribute values of the old label are dropped. */
export function relabelTrack(track: Track, label: Label, now: string): Command {
  const frameDefaults = defaultAttributes(label, 'frame');
  const after: Track = {
    ...track,
    labelId: label.id,
    attributes: defaultAttributes(label, 'track'),
    keyframes: track.keyframes.map((k) => ({ ...k, attributes: frameDefaults })),
    modifiedAt: now,
  };
  return trackCommand('change label', track, after);
}

/** Removes the keyframe on this frame (the track then interpolates across it). */
export function deleteKeyframe(track: Track, frame: FrameIndex, now: string): Command | null {
  if (track.keyframes.length < 2 || !track.keyframes.some((k) => k.frame === frame)) return null;
  const after: Track = {
    ...track,
    keyframes: track.keyframes.filter((k) => k.frame !== frame),
    modifiedAt: now,
  };
  return trackCommand('delete keyframe', track, after);
}
