/**
 * Synchronising the case's videos (issue 15), as functions of the Workspace: an anchor from
 * the lead's frame on screen and a frame of another video, a suggestion from the sound, its
 * acceptance, an anchor deleted. Each change is one command (a 'sync' change, undoable and
 * logged as sync.edit); an anchor that contradicts the others is refused in plain words.
 */
import { frameIndex, type Sha256 } from '../../core/ids';
import { nowIso } from '../../core/time/clock';
import { checkNewAnchor } from '../../core/sync/fit';
import {
  newSyncAnchorId,
  type AnchorEnd,
  type CaseSync,
  type SyncAnchor,
  type SyncAnchorId,
} from '../../core/sync/model';
import { HOP_S } from '../../core/sync/onset-envelope';
import { dvrClockAnchor } from '../../core/sync/dvr-anchor';
import { clockOfVideo } from '../../core/annotations/case-videos';
import { suggestSoundOffset, type SoundOffsetResult } from '../../core/sync/sound-offset';
import { frameAtInstant } from '../../core/sync/timeline-map';
import type { OtherVideo } from './other-video.svelte';
import type { Workspace } from './workspace.svelte';

/** The lead's frame `frame` as an anchor end. */
function leadEnd(ws: Workspace, frame: number): AnchorEnd | null {
  const evidence = ws.evidence;
  const timing = ws.videos.leadTiming();
  const seconds = timing?.times[frame];
  if (!evidence || !timing || seconds === undefined) return null;
  return {
    sha256: evidence.sha256,
    frame: frameIndex(frame),
    seconds,
    halfIntervalS: timing.intervalS / 2,
  };
}

/** Frame `frame` of another video as an anchor end. */
function otherEnd(other: OtherVideo, frame: number): AnchorEnd | null {
  const seconds = other.times[frame];
  if (seconds === undefined) return null;
  return {
    sha256: other.sha256,
    frame: frameIndex(frame),
    seconds,
    halfIntervalS: other.lastDurationS / 2,
  };
}

/** Applies a new sync as one undoable, logged step. */
function changeSync(ws: Workspace, name: string, after: CaseSync): void {
  ws.execute({ name, changes: [{ kind: 'sync', before: ws.document.sync, after }] });
}

/**
 * Adds an anchor: the lead's frame on screen shows the same instant as `frame` of `other`.
 * Refused (an alert, nothing changed) when it contradicts the anchors already made.
 */
export function addFrameAnchor(
  ws: Workspace,
  other: OtherVideo,
  frame: number,
  note: string,
): boolean {
  const a = leadEnd(ws, ws.player.wanted);
  const b = otherEnd(other, frame);
  if (!a || !b) return false;
  const anchor: SyncAnchor = {
    id: newSyncAnchorId(),
    a,
    b,
    source: 'frames',
    note: note.trim(),
    createdAt: nowIso(),
  };
  return addAnchor(
    ws,
    anchor,
    `Sync anchor: ${ws.source?.file.name} frame ${a.frame} = ${other.fileName} frame ${b.frame}`,
  );
}

function addAnchor(
  ws: Workspace,
  anchor: SyncAnchor,
  name: string,
  accepted?: CaseSync['soundSuggestions'][number],
): boolean {
  const sync = ws.document.sync;
  const reason = checkNewAnchor(ws.videos.syncVideos, sync.anchors, anchor);
  if (reason) {
    ws.alert = `The anchor was not added: ${reason} Nothing was changed.`;
    return false;
  }
  ws.alert = null;
  changeSync(ws, name, {
    anchors: [...sync.anchors, anchor],
    soundSuggestions: accepted ? [...sync.soundSuggestions, accepted] : sync.soundSuggestions,
  });
  return true;
}

/** Deletes an anchor (one undoable step). */
export function deleteAnchor(ws: Workspace, id: SyncAnchorId): void {
  const sync = ws.document.sync;
  const anchors = sync.anchors.filter((a) => a.id !== id);
  if (anchors.length === sync.anchors.length) return;
  changeSync(ws, 'Delete sync anchor', { ...sync, anchors });
}

/**
 * An anchor from the lead's and `other`'s calibrated DVR clocks (each video's own, read in
 * the DVR clock panel while it was the lead). Refused in words when either has none, their
 * zones cannot be compared, or it contradicts the other anchors.
 */
export function addClockAnchor(ws: Workspace, other: OtherVideo): boolean {
  const record = ws.caseRecord;
  const source = ws.source;
  const evidence = ws.evidence;
  if (!record || !source || !evidence) return false;
  const leadClock = clockOfVideo(record, evidence.sha256);
  const otherClock = clockOfVideo(record, other.sha256);
  if (!leadClock || !otherClock) {
    const missing = !leadClock ? source.file.name : other.fileName;
    ws.alert = `The anchor was not added: the DVR clock of ${missing} is not calibrated (make it the lead and read its clock first). Nothing was changed.`;
    return false;
  }
  const timing = ws.videos.leadTiming()!;
  const result = dvrClockAnchor(
    {
      sha256: evidence.sha256,
      clock: leadClock,
      times: timing.times,
      lastDurationS: timing.intervalS,
    },
    {
      sha256: other.sha256,
      clock: otherClock,
      times: other.times,
      lastDurationS: other.lastDurationS,
    },
  );
  if (!result.ok) {
    ws.alert = `The anchor was not added: ${result.reason} Nothing was changed.`;
    return false;
  }
  const anchor: SyncAnchor = {
    id: newSyncAnchorId(),
    a: result.a,
    b: result.b,
    source: 'dvr-clock',
    note: result.note,
    createdAt: nowIso(),
  };
  return addAnchor(
    ws,
    anchor,
    `Sync anchor from the DVR clocks of ${source.file.name} and ${other.fileName}`,
  );
}

/**
 * The offset of `other` from the lead that their sounds suggest (t_lead = t_other + offsetS),
 * or why there is none (no sound, still decoding, silence).
 */
export function suggestFromSound(ws: Workspace, other: OtherVideo): SoundOffsetResult {
  const lead = ws.sound.track;
  const theirs = other.sound.track;
  const missing = (name: string, state: string | null) =>
    state === 'none'
      ? `${name} has no sound.`
      : state === 'failed'
        ? `The sound of ${name} could not be decoded.`
        : `The sound of ${name} is still being decoded; try again in a moment.`;
  const leadName = ws.source?.file.name ?? 'the lead video';
  if (!lead) return { found: false, reason: missing(leadName, ws.sound.state), method: '' };
  if (!theirs)
    return { found: false, reason: missing(other.fileName, other.sound.state), method: '' };
  return suggestSoundOffset(
    { samples: lead.samples, rate: lead.rate },
    { samples: theirs.samples, rate: theirs.rate },
  );
}

/**
 * Accepts a sound suggestion: an anchor of source "sound" placing `other` at the suggested
 * offset from the lead (at a lead frame in the middle of the stretch both recorded), and the
 * suggestion itself, with its score and method, for the report. One undoable step.
 */
export function acceptSoundSuggestion(
  ws: Workspace,
  other: OtherVideo,
  suggestion: { offsetS: number; score: number; method: string },
): boolean {
  const source = ws.source;
  const evidence = ws.evidence;
  if (!source || !evidence || other.times.length === 0) return false;
  const leadTimes = ws.videos.leadTiming()!.times;
  const leadEndS = leadTimes[leadTimes.length - 1]!;
  const otherEndS = other.times[other.times.length - 1]!;
  // Both recorded: lead times from offset to offset + the other's length.
  const from = Math.max(leadTimes[0]!, suggestion.offsetS + other.times[0]!);
  const to = Math.min(leadEndS, suggestion.offsetS + otherEndS);
  const middle = from <= to ? (from + to) / 2 : leadTimes[0]!;
  const at = frameAtInstant(leadTimes, 0, middle);
  const leadFrame = 'frame' in at ? at.frame : 0;
  const leadFrameEnd = leadEnd(ws, leadFrame);
  if (!leadFrameEnd) return false;
  // Both ends are instants of the sound (the lead's at its frame's time): as precise as the
  // envelope's hop, not ± half a frame.
  const a: AnchorEnd = { ...leadFrameEnd, halfIntervalS: HOP_S / 2 };
  const tOther = a.seconds - suggestion.offsetS;
  const place = frameAtInstant(other.times, other.lastDurationS, tOther);
  const b: AnchorEnd = {
    sha256: other.sha256 as Sha256,
    frame: frameIndex('frame' in place ? place.frame : 0),
    // The instant the sound puts it at (not a frame's start), to a hop of the envelope.
    seconds: tOther,
    halfIntervalS: HOP_S / 2,
  };
  const anchor: SyncAnchor = {
    id: newSyncAnchorId(),
    a,
    b,
    source: 'sound',
    note: `accepted sound suggestion, score ${suggestion.score.toFixed(2)}`,
    createdAt: nowIso(),
  };
  return addAnchor(
    ws,
    anchor,
    `Sync from sound: ${other.fileName} offset ${suggestion.offsetS.toFixed(3)} s`,
    {
      sha256A: evidence.sha256,
      sha256B: other.sha256,
      offsetS: suggestion.offsetS,
      score: suggestion.score,
      method: suggestion.method,
      acceptedAt: anchor.createdAt,
    },
  );
}
