import { newEventId, newNoteId, type CaseId, type LabelId, type SetId } from '../ids';
import type { Command } from './history';
import type { AnnotationEvent, Note } from './model';
import type { FrameRef } from './commands';

export interface EventInput {
  readonly caseId: CaseId;
  readonly setId: SetId;
  readonly labelId: LabelId | null;
  readonly start: FrameRef;
  readonly end: FrameRef;
  readonly description: string;
  readonly now: string;
}

/** A new event; start and end are swapped if given backwards. */
export function createEvent(input: EventInput): Command {
  const [start, end] =
    input.start.frame <= input.end.frame ? [input.start, input.end] : [input.end, input.start];
  const event: AnnotationEvent = {
    id: newEventId(),
    caseId: input.caseId,
    setId: input.setId,
    labelId: input.labelId,
    startFrame: start.frame,
    startPts: start.pts,
    endFrame: end.frame,
    endPts: end.pts,
    description: input.description,
    createdAt: input.now,
    modifiedAt: input.now,
  };
  return {
    name: 'create event',
    changes: [{ kind: 'event', id: event.id, before: null, after: event }],
  };
}

export function updateEvent(
  event: AnnotationEvent,
  patch: Partial<
    Pick<
      AnnotationEvent,
      'labelId' | 'description' | 'startFrame' | 'startPts' | 'endFrame' | 'endPts'
    >
  >,
  now: string,
): Command {
  let after: AnnotationEvent = { ...event, ...patch, modifiedAt: now };
  if (after.endFrame < after.startFrame) {
    after = {
      ...after,
      startFrame: after.endFrame,
      startPts: after.endPts,
      endFrame: after.startFrame,
      endPts: after.startPts,
    };
  }
  return { name: 'edit event', changes: [{ kind: 'event', id: event.id, before: event, after }] };
}

export function deleteEvent(event: AnnotationEvent): Command {
  return {
    name: 'delete event',
    changes: [{ kind: 'event', id: event.id, before: event, after: null }],
  };
}

export function createNote(input: {
  caseId: CaseId;
  setId: SetId;
  at: FrameRef;
  kind: Note['kind'];
  text: string;
  now: string;
}): Command {
  const note: Note = {
    id: newNoteId(),
    caseId: input.caseId,
    setId: input.setId,
    frame: input.at.frame,
    pts: input.at.pts,
    kind: input.kind,
    text: input.text,
    createdAt: input.now,
    modifiedAt: input.now,
  };
  return {
    name: 'create note',
    changes: [{ kind: 'note', id: note.id, before: null, after: note }],
  };
}

export function updateNote(
  note: Note,
  patch: Partial<Pick<Note, 'kind' | 'text'>>,
  now: string,
): Command {
  const after: Note = { ...note, ...patch, modifiedAt: now };
  return { name: 'edit note', changes: [{ kind: 'note', id: note.id, before: note, after }] };
}

export function deleteNote(note: Note): Command {
  return {
    name: 'delete note',
    changes: [{ kind: 'note', id: note.id, before: note, after: null }],
  };
}
