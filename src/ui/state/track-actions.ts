/**
 * Edits of tracks on the stage and from the selected-object actions, as functions of the
 * Workspace. Each builds a core command on the frame on screen and hands it to `ws.execute`,
 * so undo, redo and saving work as for every other edit.
 */
import { nowIso } from '../../core/time/clock';
import {
  createTrack,
  deleteKeyframe,
  deleteTrack as deleteTrackCommand,
  propagate,
  setShapeAt,
  toggleFlag,
} from '../../core/annotations/commands';
import type { TrackId } from '../../core/ids';
import { drawingTarget, newObjectNotice } from '../../core/annotations/drawing-target';
import type { Shape, Track } from '../../core/annotations/model';
import { trackTitle } from '../../core/annotations/tracks';
import { isUsableShape } from '../../core/annotations/shapes';
import type { Workspace } from './workspace.svelte';

/**
 * The selected track, if it may be edited; a locked one is refused with a plain message
 * (locking is a promise that nothing changes it by accident).
 */
function editableSelected(ws: Workspace): Track | null {
  const track = ws.selectedTrack;
  if (!track) return null;
  if (!ws.lockedTrackIds.has(track.id)) return track;
  ws.alert = `${trackTitle(ws.labels, track)} is locked. Unlock it in the Objects list to edit it.`;
  return null;
}

/**
 * A shape drawn on the stage: a keyframe of the selected track on this frame when the
 * drawing is that object (same label, same kind, near it: core/annotations/drawing-target.ts),
 * else a new track with the chosen label, saying why when one was selected.
 */
export function drawShape(ws: Workspace, shape: Shape): void {
  if (!ws.caseRecord) return drawBeforeCaseIsKnown(ws, shape);
  const at = ws.currentFrameRef();
  const label = ws.labels.find((l) => l.id === ws.labelId) ?? ws.labels[0];
  const owner = ws.owner;
  if (!owner || !at || !label || !isUsableShape(shape)) return;
  const now = nowIso();
  const selected = ws.selectedTrack;
  const target = drawingTarget(selected, label.id, shape, at.frame);
  if (target.kind === 'keyframe') {
    const track = editableSelected(ws);
    if (track) ws.execute(setShapeAt(track, at, shape, now));
    return;
  }
  const command = createTrack(ws.document, { ...owner, label, at, shape, now });
  ws.execute(command);
  const change = command.changes[0];
  const created = change?.kind === 'track' ? change.after : null;
  if (selected && created) {
    const notice = newObjectNotice(
      target.reason,
      trackTitle(ws.labels, created),
      trackTitle(ws.labels, selected),
    );
    if (notice) ws.notice = notice;
  }
}

/**
 * A shape drawn while the video's SHA-256 is computed (before its case is known): a new
 * object on the frame and with the label of the moment it was drawn, made once the case is
 * known (nothing of the case can be selected before then).
 */
function drawBeforeCaseIsKnown(ws: Workspace, shape: Shape): void {
  const at = ws.currentFrameRef();
  const chosen = ws.labels.find((l) => l.id === ws.labelId);
  if (!at || !chosen || !isUsableShape(shape)) return;
  ws.whenCaseKnown(`the ${shape.kind} you drew on frame ${at.frame}`, () => {
    const owner = ws.owner;
    // The case's own label set: the same label, by id, else by name.
    const label =
      ws.labels.find((l) => l.id === chosen.id) ?? ws.labels.find((l) => l.name === chosen.name);
    if (!owner) return;
    if (!label) {
      ws.alert = `The ${shape.kind} you drew on frame ${at.frame} was not added: this case has no label "${chosen.name}". Add the label, then draw it again.`;
      return;
    }
    ws.execute(createTrack(ws.document, { ...owner, label, at, shape, now: nowIso() }));
  });
}

/** A shape moved, resized, turned or reshaped on the stage: a keyframe on this frame. */
export function editShape(ws: Workspace, id: TrackId, shape: Shape): void {
  const track = ws.document.tracks.get(id);
  const at = ws.currentFrameRef();
  if (!track || !at || ws.lockedTrackIds.has(id) || !isUsableShape(shape)) return;
  ws.execute(setShapeAt(track, at, shape, nowIso()));
}

/** Flips the selected track's outside or occluded flag from the current frame on. */
export function toggleSelectedFlag(ws: Workspace, flag: 'outside' | 'occluded'): void {
  const at = ws.currentFrameRef();
  const track = at ? editableSelected(ws) : null;
  if (!track || !at) return;
  const command = toggleFlag(track, at, flag, nowIso());
  if (command) ws.execute(command);
}

/**
 * Ends a track on this frame: "outside" from here on (the O key does it for the selected
 * one). Offered beside a held position, which is the last keyframe carried on and may be far
 * from the object by now.
 */
export function endTrackHere(ws: Workspace, id: TrackId): void {
  const track = ws.document.tracks.get(id);
  const at = ws.currentFrameRef();
  if (!track || !at) return;
  if (ws.lockedTrackIds.has(id)) {
    ws.alert = `${trackTitle(ws.labels, track)} is locked. Unlock it in the Objects list to edit it.`;
    return;
  }
  const command = toggleFlag(track, at, 'outside', nowIso());
  if (command) ws.execute(command);
}

/** Copies the selected track's shape on this frame to the next `count` frames. */
export function propagateSelected(ws: Workspace, count: number): void {
  const at = ws.currentFrameRef();
  const track = at ? editableSelected(ws) : null;
  if (!track || !at || !ws.source || !Number.isFinite(count)) return;
  const command = propagate(
    track,
    at,
    count,
    ws.source.frameCount - 1,
    (f) => ws.ptsOf(f),
    nowIso(),
  );
  if (command) ws.execute(command);
}

export function deleteTrack(ws: Workspace, id: TrackId): void {
  const track = ws.document.tracks.get(id);
  if (!track) return;
  if (ws.selectedTrackId === id) ws.selectedTrackId = null;
  ws.execute(deleteTrackCommand(track));
}

export function deleteSelectedTrack(ws: Workspace): void {
  const track = editableSelected(ws);
  if (track) deleteTrack(ws, track.id);
}

/** Removes the selected track's keyframe on the frame on screen (never its last one). */
export function deleteSelectedKeyframe(ws: Workspace): void {
  const at = ws.currentFrameRef();
  const track = at ? editableSelected(ws) : null;
  if (!track || !at) return;
  const command = deleteKeyframe(track, at.frame, nowIso());
  if (command) ws.execute(command);
  else if (track.keyframes.some((k) => k.frame === at.frame)) {
    ws.alert = `This is the only keyframe of ${trackTitle(ws.labels, track)}; delete the object instead.`;
  }
}

/**
 * Moves to the track's first keyframe, or to the last frame it is in view: the frame before
 * a final "outside" keyframe, where its list item would vanish.
 */
export function goToTrackEnd(ws: Workspace, id: TrackId, end: 'first' | 'last'): void {
  const track = ws.document.tracks.get(id);
  const keyframe = end === 'first' ? track?.keyframes[0] : track?.keyframes.at(-1);
  if (!keyframe) return;
  const inView = keyframe.outside
    ? Math.max(track!.keyframes[0]!.frame, keyframe.frame - 1)
    : keyframe.frame;
  ws.player.goTo(inView);
}

/** Moves to the selected track's previous (-1) or next (+1) keyframe. */
export function goToKeyframe(ws: Workspace, direction: -1 | 1): void {
  const track = ws.selectedTrack;
  if (!track) return;
  const here = ws.player.wanted;
  const frames = track.keyframes.map((k) => k.frame);
  const target = direction > 0 ? frames.find((f) => f > here) : frames.findLast((f) => f < here);
  if (target !== undefined) ws.player.goTo(target);
}
