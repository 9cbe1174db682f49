import { describe, expect, it } from 'vitest';
import {
  createEvent,
  createNote,
  deleteEvent,
  deleteNote,
  updateEvent,
  updateNote,
} from './event-note-commands';
import {
  applyCommand,
  emptyDocument,
  invert,
  type AnnotationDocument,
  type Command,
} from './history';
import { pts } from '../ids';
import { DEFAULT_LABELS, type AnnotationEvent, type Note } from './model';
import { at, deepFreeze, TEST_CASE, TEST_SET, TEST_NOW } from '../test-support';

const LATER = '2026-01-02T00:00:00.000Z';
const VEHICLE = DEFAULT_LABELS[1]!;

/** The one record a single-change event or note command leaves behind. */
function afterOf<T extends AnnotationEvent | Note>(command: Command): T {
  expect(command.changes).toHaveLength(1);
  const change = command.changes[0]!;
  if ((change.kind !== 'event' && change.kind !== 'note') || !change.after) {
    throw new Error('not a created or edited event or note');
  }
  return change.after as T;
}

/** Applies a command, checks that its inverse restores the document, returns the result. */
function applyUndoable(doc: AnnotationDocument, command: Command): AnnotationDocument {
  const frozen = deepFreeze(doc);
  const snapshot = structuredClone(frozen);
  const changed = deepFreeze(applyCommand(frozen, deepFreeze(command)));
  expect(changed).not.toEqual(frozen);
  expect(applyCommand(changed, invert(command))).toEqual(snapshot);
  expect(frozen).toEqual(snapshot);
  return changed;
}

const reverses = () =>
  createEvent({
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    labelId: VEHICLE.id,
    start: { ...at(10), frameMd5: 'ignored' },
    end: at(40),
    description: 'vehicle reverses',
    now: TEST_NOW,
  });

describe('events', () => {
  it('createEvent makes an event over a span of frames', () => {
    const command = reverses();
    expect(command.name).toBe('create event');
    expect(command.changes[0]).toMatchObject({ kind: 'event', before: null });
    const event = afterOf<AnnotationEvent>(command);
    expect(event.id).toMatch(/^event_[0-9a-f-]{36}$/);
    expect(event).toEqual({
      id: event.id,
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      labelId: VEHICLE.id,
      startFrame: 10,
      startPts: 5120,
      endFrame: 40,
      endPts: 20480,
      description: 'vehicle reverses',
      createdAt: TEST_NOW,
      modifiedAt: TEST_NOW,
    });
    const doc = applyUndoable(emptyDocument(), command);
    expect(doc.events.get(event.id)).toBe(event);
  });

  it('createEvent swaps a range given backwards, pts with frames', () => {
    const event = afterOf<AnnotationEvent>(
      createEvent({
        caseId: TEST_CASE.id,
        setId: TEST_SET.id,
        labelId: null,
        start: at(40),
        end: { ...at(12), pts: null },
        description: 'backwards',
        now: TEST_NOW,
      }),
    );
    expect(event).toMatchObject({
      labelId: null,
      startFrame: 12,
      startPts: null,
      endFrame: 40,
      endPts: 20480,
    });
  });

  it('createEvent allows a single-frame event', () => {
    const event = afterOf<AnnotationEvent>(
      createEvent({
        caseId: TEST_CASE.id,
        setId: TEST_SET.id,
        labelId: null,
        start: at(7),
        end: at(7),
        description: 'flash',
        now: TEST_NOW,
      }),
    );
    expect([event.startFrame, event.endFrame]).toEqual([7, 7]);
  });

  it('updateEvent patches fields and can be undone', () => {
    const event = deepFreeze(afterOf<AnnotationEvent>(reverses()));
    const base = applyCommand(emptyDocument(), {
      name: 'seed',
      changes: [{ kind: 'event', id: event.id, before: null, after: event }],
    });
    const command = updateEvent(event, { description: 'vehicle stops', labelId: null }, LATER);
    expect(command.name).toBe('edit event');
    expect(command.changes[0]).toMatchObject({ kind: 'event', id: event.id, before: event });
    const edited = afterOf<AnnotationEvent>(command);
    expect(edited).toEqual({
      ...event,
      description: 'vehicle stops',
      labelId: null,
      modifiedAt: LATER,
    });
    expect(applyUndoable(base, command).events.get(event.id)).toEqual(edited);
  });

  it('updateEvent swaps start and end when the edit leaves them backwards', () => {
    const event = afterOf<AnnotationEvent>(reverses());
    const moved = afterOf<AnnotationEvent>(
      updateEvent(event, { endFrame: at(4).frame, endPts: pts(2048) }, LATER),
    );
    expect(moved).toMatchObject({ startFrame: 4, startPts: 2048, endFrame: 10, endPts: 5120 });
    const both = afterOf<AnnotationEvent>(
      updateEvent(
        event,
        { startFrame: at(50).frame, startPts: null, endFrame: at(45).frame, endPts: pts(1) },
        LATER,
      ),
    );
    expect(both).toMatchObject({ startFrame: 45, startPts: 1, endFrame: 50, endPts: null });
  });

  it('deleteEvent removes the event and can be undone', () => {
    const created = reverses();
    const event = afterOf<AnnotationEvent>(created);
    const doc = applyCommand(emptyDocument(), created);
    const command = deleteEvent(event);
    expect(command).toEqual({
      name: 'delete event',
      changes: [{ kind: 'event', id: event.id, before: event, after: null }],
    });
    const deleted = applyUndoable(doc, command);
    expect(deleted.events.size).toBe(0);
  });
});

describe('notes', () => {
  const observe = () =>
    createNote({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      at: at(25),
      kind: 'observation',
      text: 'driver’s door opens',
      now: TEST_NOW,
    });

  it('createNote makes a note on one frame', () => {
    const command = observe();
    expect(command.name).toBe('create note');
    expect(command.changes[0]).toMatchObject({ kind: 'note', before: null });
    const note = afterOf<Note>(command);
    expect(note.id).toMatch(/^note_[0-9a-f-]{36}$/);
    expect(note).toEqual({
      id: note.id,
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      frame: 25,
      pts: 12800,
      kind: 'observation',
      text: 'driver’s door opens',
      createdAt: TEST_NOW,
      modifiedAt: TEST_NOW,
    });
    expect(applyUndoable(emptyDocument(), command).notes.get(note.id)).toBe(note);
  });

  it('updateNote changes kind and text, keeping the frame, and can be undone', () => {
    const created = observe();
    const note = deepFreeze(afterOf<Note>(created));
    const doc = applyCommand(emptyDocument(), created);
    const command = updateNote(note, { kind: 'interpretation', text: 'the driver leaves' }, LATER);
    expect(command.name).toBe('edit note');
    expect(command.changes[0]).toMatchObject({ kind: 'note', id: note.id, before: note });
    const edited = afterOf<Note>(command);
    expect(edited).toEqual({
      ...note,
      kind: 'interpretation',
      text: 'the driver leaves',
      modifiedAt: LATER,
    });
    expect(applyUndoable(doc, command).notes.get(note.id)).toEqual(edited);
    expect(afterOf<Note>(updateNote(note, { text: 'only text' }, LATER)).kind).toBe('observation');
  });

  it('deleteNote removes the note and can be undone', () => {
    const created = observe();
    const note = afterOf<Note>(created);
    const other = afterOf<Note>(observe());
    const doc = applyCommand(applyCommand(emptyDocument(), created), {
      name: 'seed',
      changes: [{ kind: 'note', id: other.id, before: null, after: other }],
    });
    const command = deleteNote(note);
    expect(command).toEqual({
      name: 'delete note',
      changes: [{ kind: 'note', id: note.id, before: note, after: null }],
    });
    const deleted = applyUndoable(doc, command);
    expect([...deleted.notes.keys()]).toEqual([other.id]);
  });
});
