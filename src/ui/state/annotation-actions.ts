/**
 * Label, attribute, event and note edits, as functions of the Workspace. Each builds a core
 * command and hands it to `ws.execute`, so undo, redo and saving work as for every other edit.
 */
import { nowIso } from '../../core/time/clock';
import {
  relabelTrack,
  setFrameAttribute,
  setTrackAttribute,
} from '../../core/annotations/commands';
import type { FrameRef } from '../../core/annotations/commands';
import {
  createEvent,
  createNote,
  deleteEvent,
  deleteNote,
  updateEvent,
  updateNote,
} from '../../core/annotations/event-note-commands';
import type { EventId, FrameIndex, LabelId, NoteId } from '../../core/ids';
import { editLabels, labelUsage, validateLabels } from '../../core/annotations/labels';
import type {
  AnnotationEvent,
  AttributeSpec,
  AttributeValue,
  Label,
  Note,
  Track,
} from '../../core/annotations/model';
import type { Workspace } from './workspace.svelte';

/** The tracks and events of the case's other annotation sets (they share its labels). */
export interface OtherSetsRecords {
  readonly tracks: readonly Track[];
  readonly events: readonly AnnotationEvent[];
}

export const NO_OTHER_RECORDS: OtherSetsRecords = { tracks: [], events: [] };

/** Reads the other sets' records from storage (the editor does, when it opens). */
export async function otherSetsRecords(ws: Workspace): Promise<OtherSetsRecords> {
  const owner = ws.owner;
  if (!owner) return NO_OTHER_RECORDS;
  return ws.repository.otherSetsRecords(owner.caseId, owner.setId);
}

/**
 * How the labels on show are used now (objects and events) in every set of the case, for the
 * editor and its checks: a label in use in any set cannot be removed.
 */
export const currentUsage = (ws: Workspace, others: OtherSetsRecords = NO_OTHER_RECORDS) =>
  labelUsage(
    ws.document.labels,
    [...ws.document.tracks.values(), ...others.tracks],
    [...ws.document.events.values(), ...others.events],
  );

/**
 * Replaces the label set in one undoable step. Returns the problems in plain words and
 * applies nothing when there are any.
 */
export function saveLabels(
  ws: Workspace,
  labels: readonly Label[],
  others: OtherSetsRecords = NO_OTHER_RECORDS,
): string[] {
  if (!ws.caseRecord) return ['Open a video first: labels belong to its case.'];
  const problems = validateLabels(labels, currentUsage(ws, others));
  if (problems.length > 0) return problems;
  // The workspace moves the Label chooser off a label that is gone.
  ws.execute(editLabels(ws.document.labels, labels));
  return [];
}

/**
 * A frame as edits refer to it: pts from the frame table; the MD5 only when it is the frame on
 * screen (the only one whose decoded picture has been seen).
 */
export function frameRefAt(ws: Workspace, frame: FrameIndex): FrameRef {
  const shown = ws.currentFrameRef();
  if (shown && shown.frame === frame) return shown;
  return { frame, pts: ws.ptsOf(frame), frameMd5: null };
}

export function relabel(ws: Workspace, track: Track, labelId: LabelId): void {
  const label = ws.labels.find((l) => l.id === labelId);
  if (label && label.id !== track.labelId) ws.execute(relabelTrack(track, label, nowIso()));
}

/**
 * Sets an attribute of a track: for the whole object, or (per frame) from the frame on
 * screen on, as a keyframe here. Nothing while the frame is still being fetched.
 */
export function setAttribute(
  ws: Workspace,
  track: Track,
  spec: AttributeSpec,
  value: AttributeValue,
): void {
  if (spec.scope === 'track') {
    ws.execute(setTrackAttribute(track, spec.id, value, nowIso()));
    return;
  }
  const at = ws.currentFrameRef();
  const command = at && setFrameAttribute(track, at, spec.id, value, nowIso());
  if (command) ws.execute(command);
}

export interface EventForm {
  readonly description: string;
  readonly labelId: LabelId | null;
  readonly start: number;
  readonly end: number;
}

/** What is wrong with an event form, in plain words; null when it can be applied. */
function eventFormProblem(ws: Workspace, form: EventForm): string | null {
  const count = ws.source?.frameCount ?? 0;
  if (!ws.caseRecord || count === 0) return 'Open a video first.';
  if (!form.description.trim()) return 'Describe the event first, e.g. "vehicle reverses".';
  const valid = (n: number) => Number.isInteger(n) && n >= 0 && n < count;
  if (!valid(form.start) || !valid(form.end))
    return `Start and end must be whole numbers from 0 to ${count - 1}.`;
  return null;
}

/** Adds an event; returns what is wrong in plain words instead when it cannot. */
export function addEvent(ws: Workspace, form: EventForm): string | null {
  const problem = eventFormProblem(ws, form);
  const owner = ws.owner;
  if (problem || !owner) return problem ?? 'Open a video first.';
  const description = form.description.trim();
  ws.execute(
    createEvent({
      ...owner,
      labelId: form.labelId,
      start: frameRefAt(ws, form.start as FrameIndex),
      end: frameRefAt(ws, form.end as FrameIndex),
      description,
      now: nowIso(),
    }),
  );
  return null;
}

/**
 * Changes an event in one undoable step (start and end are swapped if given backwards);
 * returns what is wrong in plain words instead. An unchanged form changes nothing.
 */
export function editEvent(ws: Workspace, id: EventId, form: EventForm): string | null {
  const event = ws.document.events.get(id);
  if (!event) return 'This event is gone (undone or deleted).';
  const problem = eventFormProblem(ws, form);
  if (problem) return problem;
  const description = form.description.trim();
  const [startFrame, endFrame] = [form.start as FrameIndex, form.end as FrameIndex];
  const same =
    description === event.description &&
    form.labelId === event.labelId &&
    startFrame === event.startFrame &&
    endFrame === event.endFrame;
  if (same) return null;
  const patch = { description, labelId: form.labelId, startFrame, endFrame };
  const pts = { startPts: ws.ptsOf(startFrame), endPts: ws.ptsOf(endFrame) };
  ws.execute(updateEvent(event, { ...patch, ...pts }, nowIso()));
  return null;
}

export function removeEvent(ws: Workspace, id: EventId): void {
  const event = ws.document.events.get(id);
  if (event) ws.execute(deleteEvent(event));
}

/**
 * Adds a note (or a citation: a note of kind "citation", its text the caption) on the frame on
 * screen; returns what is wrong in plain words instead.
 */
export function addNote(ws: Workspace, kind: Note['kind'], text: string): string | null {
  const at = ws.currentFrameRef();
  const owner = ws.owner;
  const what = kind === 'citation' ? 'cite it' : 'add the note';
  if (!owner || !at) return `Wait for the frame to be shown, then ${what}.`;
  if (!text.trim()) return kind === 'citation' ? 'Write a caption first.' : 'Write the note first.';
  ws.execute(createNote({ ...owner, at, kind, text: text.trim(), now: nowIso() }));
  return null;
}

/** Changes a note's kind and text in one undoable step; returns what is wrong instead. */
export function editNote(
  ws: Workspace,
  id: NoteId,
  kind: Note['kind'],
  text: string,
): string | null {
  const note = ws.document.notes.get(id);
  if (!note) return 'This note is gone (undone or deleted).';
  const trimmed = text.trim();
  if (!trimmed) return 'Write the note first, or delete it.';
  if (kind !== note.kind || trimmed !== note.text)
    ws.execute(updateNote(note, { kind, text: trimmed }, nowIso()));
  return null;
}

export function removeNote(ws: Workspace, id: NoteId): void {
  const note = ws.document.notes.get(id);
  if (note) ws.execute(deleteNote(note));
}
