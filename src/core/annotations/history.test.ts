import { describe, expect, it } from 'vitest';
import { deleteTrack, setShapeAt, setTrackAttribute } from './commands';
import { createEvent, createNote, deleteNote, updateEvent } from './event-note-commands';
import {
  applyCommand,
  buildDocument,
  emptyDocument,
  emptyHistory,
  invert,
  MAX_UNDO_STEPS,
  recordCommand,
  redoStep,
  undoStep,
  type AnnotationDocument,
  type Command,
  type History,
} from './history';
import type { AttributeId } from '../ids';
import { DEFAULT_LABELS, type AnnotationEvent, type Label, type Note } from './model';
import { at, box, deepFreeze, drawTrack, TEST_CASE, TEST_SET, TEST_NOW } from '../test-support';
import { trackTitle, visibleAt } from './tracks';

const LATER = '2026-01-02T00:00:00.000Z';

/** A document with two tracks, an event and a note, frozen so nothing can change it. */
function sampleDocument(): AnnotationDocument {
  let doc = emptyDocument(DEFAULT_LABELS);
  doc = applyCommand(doc, drawTrack(doc, 5));
  doc = applyCommand(doc, drawTrack(doc, 9, box(300, 200, 40, 40), 0));
  doc = applyCommand(
    doc,
    createEvent({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      labelId: DEFAULT_LABELS[1]!.id,
      start: at(10),
      end: at(40),
      description: 'vehicle reverses',
      now: TEST_NOW,
    }),
  );
  doc = applyCommand(
    doc,
    createNote({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      at: at(12),
      kind: 'observation',
      text: 'door opens',
      now: TEST_NOW,
    }),
  );
  return deepFreeze(doc);
}

const tracksOf = (doc: AnnotationDocument) => [...doc.tracks.values()];
const eventOf = (doc: AnnotationDocument): AnnotationEvent => [...doc.events.values()][0]!;
const noteOf = (doc: AnnotationDocument): Note => [...doc.notes.values()][0]!;

const newLabel: Label = {
  id: 'label_dog' as Label['id'],
  name: 'dog',
  color: '#00ff00',
  attributes: [
    {
      id: 'attr_dog_breed' as AttributeId,
      name: 'breed',
      type: 'text',
      scope: 'track',
      options: [],
      defaultValue: '',
    },
  ],
};

/** One command of each kind of change, on the sample document. */
function commandsOn(doc: AnnotationDocument): Record<string, Command> {
  const [track1, track2] = tracksOf(doc);
  return {
    'create track': drawTrack(doc, 20),
    'edit track': setShapeAt(track1!, at(30), box(1, 1, 5, 5), LATER),
    'delete track': deleteTrack(track2!),
    'create event': createEvent({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      labelId: null,
      start: at(50),
      end: at(45),
      description: 'officer approaches',
      now: LATER,
    }),
    'edit event': updateEvent(eventOf(doc), { description: 'vehicle stops' }, LATER),
    'create note': createNote({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      at: at(3),
      kind: 'interpretation',
      text: 'likely the same vehicle',
      now: LATER,
    }),
    'delete note': deleteNote(noteOf(doc)),
    labels: {
      name: 'edit labels',
      changes: [{ kind: 'labels', before: doc.labels, after: [...doc.labels, newLabel] }],
    },
    'several at once': {
      name: 'several',
      changes: [
        ...setTrackAttribute(track1!, 'attr_vehicle_plate', 'AB12', LATER).changes,
        ...setTrackAttribute(
          { ...track1!, attributes: { attr_vehicle_plate: 'AB12' } },
          'attr_vehicle_plate',
          'CD34',
          LATER,
        ).changes,
        ...deleteNote(noteOf(doc)).changes,
        { kind: 'labels', before: doc.labels, after: [] },
      ],
    },
  };
}

describe('applyCommand and invert', () => {
  const doc = sampleDocument();
  const snapshot = structuredClone(doc);

  for (const [name, command] of Object.entries(commandsOn(doc))) {
    it(`undoes and redoes "${name}" back to the same document`, () => {
      deepFreeze(command);
      const changed = deepFreeze(applyCommand(doc, command));
      expect(changed).not.toEqual(doc);
      const undone = deepFreeze(applyCommand(changed, invert(command)));
      expect(undone).toEqual(doc);
      const redone = applyCommand(undone, invert(invert(command)));
      expect(redone).toEqual(changed);
      // Nothing given in was changed.
      expect(doc).toEqual(snapshot);
    });
  }

  it('applies the changes of a command in order, and undoes them in reverse', () => {
    const several = commandsOn(doc)['several at once']!;
    const track1 = tracksOf(doc)[0]!;
    const changed = applyCommand(doc, several);
    expect(changed.tracks.get(track1.id)!.attributes).toEqual({ attr_vehicle_plate: 'CD34' });
    expect(changed.notes.size).toBe(0);
    expect(changed.labels).toEqual([]);
    const inverse = invert(several);
    expect(inverse.name).toBe(several.name);
    expect(inverse.changes.map((c) => c.kind)).toEqual(['labels', 'note', 'track', 'track']);
    expect(inverse.changes[0]).toMatchObject({ before: [], after: doc.labels });
    expect(applyCommand(changed, inverse).tracks.get(track1.id)).toBe(track1);
  });

  it('changes the records named, and nothing else', () => {
    const [track1, track2] = tracksOf(doc);
    const edited = applyCommand(doc, commandsOn(doc)['edit track']!);
    expect(edited.tracks.get(track1!.id)!.keyframes.map((k) => k.frame)).toEqual([5, 30]);
    expect(edited.tracks.get(track2!.id)).toBe(track2);
    const created = applyCommand(doc, commandsOn(doc)['create event']!);
    const added = [...created.events.values()].find((e) => e.description === 'officer approaches');
    expect(added).toMatchObject({ startFrame: 45, endFrame: 50, labelId: null });
    expect(created.events.get(eventOf(doc).id)).toBe(eventOf(doc));
  });

  it('copies only the maps a command touches', () => {
    const commands = commandsOn(doc);
    const onTrack = applyCommand(doc, commands['edit track']!);
    expect(onTrack.tracks).not.toBe(doc.tracks);
    expect(onTrack.events).toBe(doc.events);
    expect(onTrack.notes).toBe(doc.notes);
    expect(onTrack.labels).toBe(doc.labels);

    const onEvent = applyCommand(doc, commands['edit event']!);
    expect(onEvent.events).not.toBe(doc.events);
    expect(onEvent.tracks).toBe(doc.tracks);
    expect(onEvent.notes).toBe(doc.notes);

    const onNote = applyCommand(doc, commands['create note']!);
    expect(onNote.notes).not.toBe(doc.notes);
    expect(onNote.tracks).toBe(doc.tracks);
    expect(onNote.events).toBe(doc.events);
    expect(onNote.notes.size).toBe(2);

    const onLabels = applyCommand(doc, commands.labels!);
    expect(onLabels.labels).toHaveLength(DEFAULT_LABELS.length + 1);
    expect(onLabels.tracks).toBe(doc.tracks);
    expect(onLabels.events).toBe(doc.events);
    expect(onLabels.notes).toBe(doc.notes);
  });

  it('returns the same document for a command without changes', () => {
    expect(applyCommand(doc, { name: 'nothing', changes: [] })).toBe(doc);
  });
});

describe('buildDocument', () => {
  it('indexes records by id, with empty defaults', () => {
    const doc = sampleDocument();
    const rebuilt = buildDocument({
      tracks: doc.tracks.values(),
      events: doc.events.values(),
      notes: doc.notes.values(),
      labels: doc.labels,
    });
    expect(rebuilt).toEqual(doc);
    expect(buildDocument({})).toEqual(emptyDocument());
  });
});

describe('history', () => {
  it('undoes and redoes step by step, without mutating the history or documents', () => {
    const start = sampleDocument();
    const commands = Object.values(commandsOn(start)).slice(0, 4);
    let doc = start;
    let history: History = deepFreeze(emptyHistory());
    const states = [doc];
    for (const command of commands) {
      doc = deepFreeze(applyCommand(doc, command));
      history = deepFreeze(recordCommand(history, command));
      states.push(doc);
    }
    expect(history.past).toEqual(commands);
    expect(history.future).toEqual([]);

    // Undo everything.
    for (let i = commands.length - 1; i >= 0; i--) {
      const step = undoStep(history)!;
      expect(step.command).toEqual(invert(commands[i]!));
      doc = deepFreeze(applyCommand(doc, step.command));
      history = deepFreeze(step.history);
      expect(doc).toEqual(states[i]);
      expect(history.past).toHaveLength(i);
      expect(history.future).toHaveLength(commands.length - i);
    }
    expect(undoStep(history)).toBeNull();

    // Redo everything.
    for (let i = 0; i < commands.length; i++) {
      const step = redoStep(history)!;
      expect(step.command).toBe(commands[i]);
      doc = deepFreeze(applyCommand(doc, step.command));
      history = deepFreeze(step.history);
      expect(doc).toEqual(states[i + 1]);
    }
    expect(redoStep(history)).toBeNull();
    expect(history.past).toEqual(commands);
  });

  it('a new command clears the redo stack', () => {
    const doc = sampleDocument();
    const [a, b, c] = Object.values(commandsOn(doc));
    let history = recordCommand(recordCommand(emptyHistory(), a!), b!);
    history = undoStep(history)!.history;
    expect(history.future).toEqual([b]);
    history = recordCommand(history, c!);
    expect(history.past).toEqual([a, c]);
    expect(history.future).toEqual([]);
    expect(redoStep(history)).toBeNull();
  });

  it('keeps at most MAX_UNDO_STEPS steps, dropping the oldest', () => {
    expect(MAX_UNDO_STEPS).toBeGreaterThanOrEqual(500);
    const step = (i: number): Command => ({ name: `step ${i}`, changes: [] });
    let history = emptyHistory();
    for (let i = 0; i < MAX_UNDO_STEPS + 5; i++) history = recordCommand(history, step(i));
    expect(history.past).toHaveLength(MAX_UNDO_STEPS);
    expect(history.past[0]!.name).toBe('step 5');
    expect(history.past.at(-1)!.name).toBe(`step ${MAX_UNDO_STEPS + 4}`);
    // All of them can be undone.
    let undone = 0;
    for (let s = undoStep(history); s; s = undoStep(s.history)) undone++;
    expect(undone).toBe(MAX_UNDO_STEPS);
  });

  it('has nothing to undo or redo when empty', () => {
    expect(undoStep(emptyHistory())).toBeNull();
    expect(redoStep(emptyHistory())).toBeNull();
  });
});

describe('tracks on a frame after commands', () => {
  it('shows numbered tracks from their first keyframe on, in number order', () => {
    let doc = emptyDocument(DEFAULT_LABELS);
    doc = applyCommand(doc, drawTrack(doc, 7));
    doc = applyCommand(doc, drawTrack(doc, 5, box(0, 0, 5, 5), 0));
    const tracks = tracksOf(doc);
    expect(tracks.map((t) => trackTitle(doc.labels, t))).toEqual(['vehicle #1', 'officer #2']);
    expect(visibleAt(doc.tracks.values(), at(4).frame)).toHaveLength(0);
    expect(
      visibleAt(doc.tracks.values(), at(6).frame).map((r) => [r.track.number, r.drawn]),
    ).toEqual([[2, false]]);
    expect(
      visibleAt(doc.tracks.values(), at(7).frame).map((r) => [r.track.number, r.drawn]),
    ).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});
