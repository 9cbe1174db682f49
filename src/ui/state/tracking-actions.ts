/**
 * Assisted tracking in the app (issue 16): runs the tracker from the selected object's box on
 * the frame shown, frame after frame as the player's source decodes them (FFmpeg, or WebCodecs
 * once verified), in a worker; then adds what it proposed as one undoable command of tracked
 * keyframes. Confirming and discarding are commands too, so each is an undo step and an audit
 * entry.
 */
import { nowIso } from '../../core/time/clock';
import type { FrameIndex, TrackId } from '../../core/ids';
import type { RectangleShape } from '../../core/annotations/model';
import {
  addTrackedRun,
  confirmTracked,
  discardTrackedRun,
  nearestTrackedRun,
  trackedRunAt,
  type TrackedPosition,
} from '../../core/annotations/tracked-runs';
import { planTracking } from '../../core/annotations/tracking-plan';
import { trackTitle } from '../../core/annotations/tracks';
import { lumaPlane } from '../../media/luma-plane';
import type { DecodedFrame, VideoSource } from '../../media/video-source';
import { TRACKER_METHOD } from '../../vision/ncc-tracker';
import { TrackingWorkerClient } from './tracking-worker-client';
import type { Workspace } from './workspace.svelte';

const round2 = (v: number) => Math.round(v * 100) / 100;

/** The frame's luma, or why the tracker cannot read it. */
function lumaOf(frame: DecodedFrame): Uint8Array {
  const luma = lumaPlane(frame);
  if (!luma) {
    throw new Error(
      `frame ${frame.index} is decoded as ${frame.pixelFormat}, which the tracker cannot read`,
    );
  }
  return luma;
}

/** Tracks the selected object forward (1) or backward (-1) from the frame shown. */
export async function trackSelected(ws: Workspace, direction: 1 | -1): Promise<void> {
  const tracking = ws.tracking;
  const source = ws.source;
  const at = ws.currentFrameRef();
  if (tracking.running || !ws.caseRecord || !source || !at) return;
  if (ws.readOnly) {
    ws.alert = 'This annotation set is read-only: tracking would change it.';
    return;
  }
  const track = ws.selectedTrack;
  if (track && ws.lockedTrackIds.has(track.id)) {
    ws.alert = `${trackTitle(ws.labels, track)} is locked. Unlock it in the Objects list to track it.`;
    return;
  }
  const plan = planTracking(
    ws.labels,
    track,
    at.frame,
    direction,
    Number(tracking.frames),
    source.frameCount,
  );
  if (!plan.ok) {
    ws.alert = plan.reason;
    return;
  }
  ws.player.pause();
  const trackId = track!.id;
  const title = trackTitle(ws.labels, track!);
  const client = new TrackingWorkerClient();
  const began = performance.now();
  const positions: TrackedPosition[] = [];
  let ending: RunEnding = { kind: 'asked' };
  let refused: string | null = null;
  tracking.begin({ direction, from: plan.from, done: 0, total: plan.count });
  try {
    const first = await source.frame(plan.from, direction);
    const { x, y, width, height } = plan.box;
    refused = await client.start(first.width, first.height, lumaOf(first), {
      x,
      y,
      width,
      height,
    });
    if (refused === null) {
      ending = await followFrames(ws, source, client, plan, positions);
    }
  } catch (error) {
    const frame = plan.from + (positions.length + 1) * direction;
    const message = error instanceof Error ? error.message : String(error);
    ending = { kind: 'unreadable', frame, message };
    if (positions.length === 0) refused = `Tracking could not start: ${message}.`;
  } finally {
    client.dispose();
  }
  const seconds = (performance.now() - began) / 1000;
  if (refused !== null || ws.source !== source) {
    tracking.end(refused ?? 'Tracking ended: another video was opened.', null);
    if (refused !== null) ws.alert = refused;
    return;
  }
  const fps = positions.length > 0 ? Math.round((positions.length / seconds) * 10) / 10 : null;
  tracking.end(outcomeWords(title, direction, positions, ending), fps);
  addRun(ws, trackId, positions);
}

/** Why a run ended. */
type RunEnding =
  | { readonly kind: 'asked' }
  | { readonly kind: 'person'; readonly frame: number }
  | { readonly kind: 'stop' }
  | { readonly kind: 'tracker'; readonly frame: number; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly frame: number; readonly message: string };

/** The frames after the start, one by one, until one of the endings. */
async function followFrames(
  ws: Workspace,
  source: VideoSource,
  client: TrackingWorkerClient,
  plan: { from: FrameIndex; direction: 1 | -1; count: number; stopsBefore: FrameIndex | null },
  positions: TrackedPosition[],
): Promise<RunEnding> {
  const tracking = ws.tracking;
  const signal = tracking.stopSignal;
  // Stop answers at once, even while a frame is still being decoded (it stays cached).
  const stopped = new Promise<null>((resolve) =>
    signal.addEventListener('abort', () => resolve(null), { once: true }),
  );
  const frameAt = (i: number) => (plan.from + i * plan.direction) as FrameIndex;
  // The next frame is decoded while the worker looks at this one.
  let next: Promise<DecodedFrame> | null = source.frame(frameAt(1), plan.direction);
  for (let i = 1; i <= plan.count; i++) {
    next!.catch(() => {}); // said when awaited; not if the run ends first
    const frame = await Promise.race([next!, stopped]);
    if (frame === null || signal.aborted || ws.source !== source) return { kind: 'stop' };
    next = i < plan.count ? source.frame(frameAt(i + 1), plan.direction) : null;
    const { step } = await client.next(frame.width, frame.height, lumaOf(frame));
    if (step.state !== 'tracking') {
      return { kind: 'tracker', frame: frame.index, reason: step.reason ?? step.state };
    }
    const shape: RectangleShape = {
      kind: 'rectangle',
      x: round2(step.box.x),
      y: round2(step.box.y),
      width: round2(step.box.width),
      height: round2(step.box.height),
      rotation: 0,
    };
    positions.push({
      frame: frame.index,
      pts: ws.ptsOf(frame.index),
      frameMd5: frame.md5 ?? null,
      shape,
      confidence: Math.round(step.confidence * 1000) / 1000,
    });
    tracking.progress = { ...tracking.progress!, done: i };
  }
  return plan.stopsBefore !== null
    ? { kind: 'person', frame: plan.stopsBefore }
    : { kind: 'asked' };
}

function endingWords(ending: RunEnding): string {
  switch (ending.kind) {
    case 'asked':
      return 'It went the frames asked for.';
    case 'person':
      return `It stopped before frame ${ending.frame}, where a person set a keyframe.`;
    case 'stop':
      return 'You pressed Stop.';
    case 'tracker':
      return `It stopped on frame ${ending.frame}. ${ending.reason}`;
    case 'unreadable':
      return `It stopped: frame ${ending.frame} could not be read (${ending.message}).`;
  }
}

function outcomeWords(
  title: string,
  direction: 1 | -1,
  positions: readonly TrackedPosition[],
  ending: RunEnding,
): string {
  const way = direction === 1 ? 'forward' : 'backward';
  if (positions.length === 0) return `Nothing tracked ${way} for ${title}. ${endingWords(ending)}`;
  const frames = positions.map((p) => p.frame as number);
  const confidences = positions.map((p) => p.confidence);
  const low = Math.min(...confidences).toFixed(2);
  const high = Math.max(...confidences).toFixed(2);
  return (
    `Tracked ${title} ${positions.length} frame${positions.length === 1 ? '' : 's'} ${way} ` +
    `(frames ${Math.min(...frames)}–${Math.max(...frames)}, confidence ${low}–${high}). ` +
    `${endingWords(ending)} Check the proposed boxes, then Confirm tracked.`
  );
}

/** The run's positions as one command on the object as it is now; shows where it ended. */
function addRun(ws: Workspace, trackId: TrackId, positions: readonly TrackedPosition[]): void {
  const track = ws.document.tracks.get(trackId);
  if (!track || positions.length === 0) return;
  const command = addTrackedRun(
    track,
    { runId: crypto.randomUUID(), algorithm: TRACKER_METHOD, positions },
    nowIso(),
  );
  if (!command) return;
  ws.execute(command);
  ws.player.goTo(positions[positions.length - 1]!.frame);
}

/** The selected object's tracked run the buttons act on: the one shown, else the nearest. */
export function selectedRun(ws: Workspace): string | null {
  const track = ws.selectedTrack;
  return track ? nearestTrackedRun(track, ws.displayedFrame as FrameIndex) : null;
}

/** Confirms the selected object's tracked run shown, or only this frame's, in the examiner's name. */
export async function confirmSelectedTracked(ws: Workspace, only: 'run' | 'frame'): Promise<void> {
  const track = ws.selectedTrack;
  const runId = selectedRun(ws);
  if (!track || !runId) return;
  if (!(await ws.ensureExaminer())) return;
  const frame = ws.displayedFrame as FrameIndex;
  if (only === 'frame' && trackedRunAt(track, frame) === null) return;
  const target = only === 'run' ? runId : { frame };
  const command = confirmTracked(track, target, ws.examiner, nowIso());
  if (command) ws.execute(command);
  else ws.notice = 'Already confirmed.';
}

/** Drops the selected object's tracked run shown (one undo step brings it back). */
export function discardSelectedTracked(ws: Workspace): void {
  const track = ws.selectedTrack;
  const runId = selectedRun(ws);
  if (!track || !runId) return;
  const command = discardTrackedRun(track, runId, nowIso());
  if (command) ws.execute(command);
}
