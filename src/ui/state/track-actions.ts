/**
 * Edits of tracks on the stage and from the selected-object actions, as functions of the
 * Workspace. Each builds a core command on the frame on screen and hands it to `ws.execute`,
 * so undo, redo and saving work as for every other edit.
 */
import { nowIso } from '../../core/clock';
import {
  createTrack,
  deleteTrack as deleteTrackCommand,
  propagate,
  setShapeAt,
  toggleFlag,
} from '../../core/commands';
import type { TrackId } from '../../core/ids';
import type { Shape } from '../../core/model';
import { isUsableShape } from '../../core/shapes';
import type { Workspace } from './workspace.svelte';

/**
 * A shape drawn on the stage: a keyframe of the selected track on this frame, or a new
 * track with the chosen label when none is selected.
 */
export function drawShape(ws: Workspace, shape: Shape): void {
  const at = ws.currentFrameRef();
  const label = ws.labels.find((l) => l.id === ws.labelId) ?? ws.labels[0];
  if (!ws.caseRecord || !at || !label || !isUsableShape(shape)) return;
  const now = nowIso();
  const track = ws.selectedTrack;
  ws.execute(
    track
      ? setShapeAt(track, at, shape, now)
      : createTrack(ws.document, { caseId: ws.caseRecord.id, label, at, shape, now }),
  );
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
  const track = ws.selectedTrack;
  const at = ws.currentFrameRef();
  if (!track || !at) return;
  const command = toggleFlag(track, at, flag, nowIso());
  if (command) ws.execute(command);
}

/** Copies the selected track's shape on this frame to the next `count` frames. */
export function propagateSelected(ws: Workspace, count: number): void {
  const track = ws.selectedTrack;
  const at = ws.currentFrameRef();
  const source = ws.source;
  if (!track || !at || !source || !Number.isFinite(count)) return;
  const command = propagate(
    track,
    at,
    count,
    source.frameCount - 1,
    (f) => source.table.frames[f]?.reportedPts ?? null,
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
  if (ws.selectedTrackId) deleteTrack(ws, ws.selectedTrackId);
}

/** Moves to the track's first or last keyframe. */
export function goToTrackEnd(ws: Workspace, id: TrackId, end: 'first' | 'last'): void {
  const track = ws.document.tracks.get(id);
  const keyframe = end === 'first' ? track?.keyframes[0] : track?.keyframes.at(-1);
  if (keyframe) ws.player.goTo(keyframe.frame);
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
