import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendEntries,
  entriesForCommand,
  verifyChain,
  type AuditAction,
  type AuditEntry,
} from '../core/evidence/audit';
import { setTrackAttribute } from '../core/annotations/commands';
import { createEvent, createNote } from '../core/annotations/event-note-commands';
import {
  applyCommand,
  emptyDocument,
  emptyHistory,
  invert,
  recordCommand,
  type Change,
  type Command,
  type History,
} from '../core/annotations/history';
import type { CaseId, LabelId, SetId } from '../core/ids';
import {
  DEFAULT_LABELS,
  type AnnotationSet,
  type Label,
  type Track,
} from '../core/annotations/model';
import {
  at,
  box,
  drawTrack,
  TEST_CASE,
  TEST_SET,
  TEST_EVIDENCE,
  TEST_NOW,
  firstSetFor,
  setOf,
} from '../core/test-support';
import { FramewiseDatabase } from './database';
import { AuditHeadMoved, CaseGone, LabelsMoved, Repository, SetClosed } from './repository';

const databases: FramewiseDatabase[] = [];

function freshRepository(): Repository {
  const db = new FramewiseDatabase(`test-${crypto.randomUUID()}`);
  databases.push(db);
  return new Repository(db);
}

afterEach(async () => {
  for (const db of databases.splice(0)) await db.delete();
});

const COMMITTED = '2026-02-02T00:00:00.000Z';
const DELETED_BY = { at: '2026-02-04T00:00:00.000Z', examiner: 'C. Clerk', appVersion: '0.1.0' };
const OTHER_CASE = { ...TEST_CASE, id: 'case_other' as CaseId, name: 'Other' };

const drawn = () => drawTrack(emptyDocument(DEFAULT_LABELS), 3, box(1, 2, 3, 4), 0);
const trackAfter = (command: Command): Track => {
  const change = command.changes[0]!;
  if (change.kind !== 'track' || !change.after) throw new Error('not a track change');
  return change.after;
};

const extraLabel: Label = {
  id: 'label_dog' as LabelId,
  name: 'dog',
  color: '#00ff00',
  attributes: [],
};

/** One command touching a track, an event, a note and the labels. */
function everythingCommand(): Command {
  return {
    name: 'everything',
    changes: [
      ...drawn().changes,
      ...createEvent({
        caseId: TEST_CASE.id,
        setId: TEST_SET.id,
        labelId: null,
        start: at(1),
        end: at(9),
        description: 'vehicle reverses',
        now: TEST_NOW,
      }).changes,
      ...createNote({
        caseId: TEST_CASE.id,
        setId: TEST_SET.id,
        at: at(4),
        kind: 'observation',
        text: 'door opens',
        now: TEST_NOW,
      }).changes,
      { kind: 'labels', before: DEFAULT_LABELS, after: [...DEFAULT_LABELS, extraLabel] },
    ],
  };
}

describe('Repository', () => {
  it('finds the latest case of an evidence file, and lists cases newest first', async () => {
    const repo = freshRepository();
    await repo.saveEvidence(TEST_EVIDENCE);
    await repo.createCase(TEST_CASE);
    await repo.createCase({
      ...TEST_CASE,
      id: 'case_newer' as CaseId,
      modifiedAt: '2026-03-01T00:00:00.000Z',
    });
    expect((await repo.latestCaseFor(TEST_EVIDENCE.sha256))?.id).toBe('case_newer');
    expect(await repo.evidence(TEST_EVIDENCE.sha256)).toEqual(TEST_EVIDENCE);
    expect((await repo.listCases()).map((c) => c.id)).toEqual(['case_newer', TEST_CASE.id]);
  });

  it('commits a command with its history, touching the case, and its inverse', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const command = drawn();
    const history = recordCommand(emptyHistory(), command);
    await repo.commit(TEST_CASE.id, setOf(TEST_CASE.id), command.changes, history, [], COMMITTED);

    const records = await repo.recordsOf(setOf(TEST_CASE.id));
    expect(records.tracks).toEqual([...applyCommand(emptyDocument(), command).tracks.values()]);
    expect(await repo.tracksOf(TEST_CASE.id)).toEqual(records.tracks);
    expect(records.history.past).toEqual([command]);
    expect(records.history.future).toEqual([]);
    expect((await repo.listCases())[0]!.modifiedAt).toBe(COMMITTED);

    const undone: History = { past: [], future: [command] };
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      invert(command).changes,
      undone,
      [],
      '2026-02-03T00:00:00.000Z',
    );
    const after = await repo.recordsOf(setOf(TEST_CASE.id));
    expect(after.tracks).toEqual([]);
    expect(after.history).toMatchObject({ past: [], future: [command] });
    expect((await repo.listCases())[0]!.modifiedAt).toBe('2026-02-03T00:00:00.000Z');
  });

  it('writes track, event, note and label changes together, and undoes them', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const command = everythingCommand();
    const doc = applyCommand(emptyDocument(DEFAULT_LABELS), command);
    const history = recordCommand(emptyHistory(), command);
    await repo.commit(TEST_CASE.id, setOf(TEST_CASE.id), command.changes, history, [], COMMITTED);

    const records = await repo.recordsOf(setOf(TEST_CASE.id));
    expect(records.tracks).toEqual([...doc.tracks.values()]);
    expect(records.events).toEqual([...doc.events.values()]);
    expect(records.notes).toEqual([...doc.notes.values()]);
    expect(records.events[0]).toMatchObject({ description: 'vehicle reverses', startFrame: 1 });
    expect(records.notes[0]).toMatchObject({ text: 'door opens', frame: 4 });
    expect(records.history.past).toEqual([command]);
    const stored = (await repo.listCases())[0]!;
    expect(stored.labels).toEqual([...DEFAULT_LABELS, extraLabel]);
    expect(stored.modifiedAt).toBe(COMMITTED);

    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      invert(command).changes,
      emptyHistory(),
      [],
      COMMITTED,
    );
    const undone = await repo.recordsOf(setOf(TEST_CASE.id));
    expect(undone).toMatchObject({ tracks: [], events: [], notes: [] });
    expect(undone.history).toMatchObject({ past: [], future: [] });
    expect((await repo.listCases())[0]!.labels).toEqual(DEFAULT_LABELS);
  });

  it('applies an edit of an existing record in place', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const create = drawn();
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      create.changes,
      emptyHistory(),
      [],
      COMMITTED,
    );
    const edit = setTrackAttribute(trackAfter(create), 'attr_officer_agency', 'CBP', COMMITTED);
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      edit.changes,
      emptyHistory(),
      [],
      COMMITTED,
    );
    const tracks = await repo.tracksOf(TEST_CASE.id);
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.attributes).toEqual({ attr_officer_agency: 'CBP' });
  });

  it('keeps each case’s records apart, and has an empty history for a new case', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    await repo.createCase(OTHER_CASE);
    const command = everythingCommand();
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      command.changes,
      recordCommand(emptyHistory(), command),
      [],
      COMMITTED,
    );
    const other = await repo.recordsOf(setOf(OTHER_CASE.id));
    expect(other).toEqual({
      tracks: [],
      events: [],
      notes: [],
      calibrations: [],
      measurements: [],
      history: { past: [], future: [] },
    });
    const own = await repo.recordsOf(setOf(TEST_CASE.id));
    expect([own.tracks.length, own.events.length, own.notes.length]).toEqual([1, 1, 1]);
    expect((await repo.listCases()).find((c) => c.id === OTHER_CASE.id)!.modifiedAt).toBe(
      OTHER_CASE.modifiedAt,
    );
  });

  it('writes nothing of a command when part of it fails, not even the history', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const first = drawn();
    const firstHistory = recordCommand(emptyHistory(), first);
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      first.changes,
      firstHistory,
      [],
      COMMITTED,
    );

    const good: Change[] = [...everythingCommand().changes];
    const track = trackAfter(drawn());
    // A record IndexedDB cannot store (a function) fails the last write of the transaction.
    const bad = {
      kind: 'track',
      id: 'track_bad',
      before: null,
      after: { ...track, id: 'track_bad', poison: () => 1 },
    } as unknown as Change;
    const failing: Command = { name: 'failing', changes: [...good, bad] };
    const failingHistory = recordCommand(firstHistory, { name: 'failing', changes: good });
    await expect(
      repo.commit(
        TEST_CASE.id,
        setOf(TEST_CASE.id),
        failing.changes,
        failingHistory,
        [],
        '2026-09-09T00:00:00.000Z',
      ),
    ).rejects.toThrow(/clone/i);

    const records = await repo.recordsOf(setOf(TEST_CASE.id));
    expect(records.tracks).toEqual([trackAfter(first)]);
    expect(records.events).toEqual([]);
    expect(records.notes).toEqual([]);
    expect(records.history.past).toEqual([first]);
    const stored = (await repo.listCases())[0]!;
    expect(stored.labels).toEqual(DEFAULT_LABELS);
    expect(stored.modifiedAt).toBe(COMMITTED);
  });
});

describe('Repository: audit log and settings', () => {
  const meta = (kind: 'do' | 'undo' = 'do') => ({
    caseId: TEST_CASE.id,
    at: COMMITTED,
    examiner: 'A. Examiner',
    appVersion: '0.1.0',
    kind,
  });

  it('writes an edit with its audit entries, chained on the stored head', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const create = drawn();
    const first = await appendEntries(null, entriesForCommand(create, meta()));
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      create.changes,
      emptyHistory(),
      first,
      COMMITTED,
    );
    expect(await repo.auditHead(TEST_CASE.id)).toEqual(first.at(-1));

    const undo = invert(create);
    const second = await appendEntries(first.at(-1)!, entriesForCommand(undo, meta('undo')));
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      undo.changes,
      emptyHistory(),
      second,
      COMMITTED,
    );
    const log = await repo.auditOf(TEST_CASE.id);
    expect(log.map((e) => [e.seq, e.action])).toEqual([
      [0, 'track.create'],
      [1, 'track.delete'],
    ]);
    expect(await verifyChain(log)).toMatchObject({ ok: true, count: 2 });
    // Another case's log is its own chain.
    expect(await repo.auditOf(OTHER_CASE.id)).toEqual([]);
  });

  it('refuses entries not chained on the stored head, and writes nothing', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const create = drawn();
    const first = await appendEntries(null, entriesForCommand(create, meta()));
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      create.changes,
      emptyHistory(),
      first,
      COMMITTED,
    );
    // Chained on nothing, as a second tab that had not seen the first edit would.
    const stale = drawn();
    const forked = await appendEntries(null, entriesForCommand(stale, meta()));
    await expect(
      repo.commit(
        TEST_CASE.id,
        setOf(TEST_CASE.id),
        stale.changes,
        emptyHistory(),
        forked,
        COMMITTED,
      ),
    ).rejects.toBeInstanceOf(AuditHeadMoved);
    expect(await repo.tracksOf(TEST_CASE.id)).toHaveLength(1);
    expect(await repo.auditOf(TEST_CASE.id)).toEqual(first);
  });

  it('appends entries that record no edit, and keeps settings', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const [ingest] = await appendEntries(null, [
      {
        caseId: TEST_CASE.id,
        at: COMMITTED,
        examiner: '',
        action: 'evidence.ingest',
        targetKind: 'evidence',
        targetId: TEST_EVIDENCE.sha256,
        before: null,
        after: { fileName: 'cctv.mp4' },
        appVersion: '0.1.0',
        detail: null,
      },
    ]);
    await repo.appendAudit(TEST_CASE.id, [ingest!]);
    expect(await repo.auditOf(TEST_CASE.id)).toEqual([ingest]);

    expect(await repo.setting('examiner')).toBeUndefined();
    await repo.saveSetting('examiner', 'A. Examiner');
    expect(await repo.setting('examiner')).toBe('A. Examiner');
  });
});

describe('Repository: a case deleted meanwhile', () => {
  it('takes no more writes: nothing is left behind without its case', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    await repo.deleteCase(TEST_CASE.id, DELETED_BY);
    const create = drawn();
    await expect(
      repo.commit(TEST_CASE.id, setOf(TEST_CASE.id), create.changes, emptyHistory(), [], COMMITTED),
    ).rejects.toBeInstanceOf(CaseGone);
    expect(await repo.tracksOf(TEST_CASE.id)).toEqual([]);
    expect((await repo.recordsOf(setOf(TEST_CASE.id))).history).toEqual({ past: [], future: [] });
  });
});

describe('Repository: renaming and deleting cases', () => {
  it('saves a DVR clock calibration with its audit entry, and removes it', async () => {
    const repo = freshRepository();
    await repo.saveEvidence(TEST_EVIDENCE);
    await repo.createCase(TEST_CASE);
    const clock = {
      frame: 25,
      dvrTime: '2025-09-12 08:01:01',
      method: 'tick' as const,
      uncertaintySeconds: 0.04,
      utcOffsetMinutes: 60,
      offsetSeconds: 0,
      offsetNote: '',
    };
    const [calibrated] = await appendEntries(null, [
      {
        caseId: TEST_CASE.id,
        at: COMMITTED,
        examiner: '',
        action: 'case.edit',
        targetKind: 'case',
        targetId: TEST_CASE.id,
        before: { clock: null },
        after: { clock },
        appVersion: '0.1.0',
        detail: 'DVR clock calibration',
      },
    ]);
    await repo.saveClock(TEST_CASE.id, { clock, addedVideos: [] }, [calibrated!], COMMITTED);
    expect(await repo.caseById(TEST_CASE.id)).toEqual({
      ...TEST_CASE,
      clock,
      modifiedAt: COMMITTED,
    });
    expect(await repo.auditOf(TEST_CASE.id)).toEqual([calibrated]);
    const [removed] = await appendEntries(calibrated!, [
      { ...calibrated!, before: { clock }, after: { clock: null } },
    ]);
    await repo.saveClock(TEST_CASE.id, { clock: null, addedVideos: [] }, [removed!], COMMITTED);
    expect((await repo.caseById(TEST_CASE.id))?.clock).toBeNull();
    // An entry that does not follow the log's head writes nothing.
    await expect(
      repo.saveClock(TEST_CASE.id, { clock, addedVideos: [] }, [removed!], COMMITTED),
    ).rejects.toThrow();
    expect((await repo.caseById(TEST_CASE.id))?.clock).toBeNull();
  });

  it('renames a case with its audit entry, and deletes a case with everything in it', async () => {
    const repo = freshRepository();
    await repo.saveEvidence(TEST_EVIDENCE);
    await repo.createCase(TEST_CASE);
    await repo.createCase(OTHER_CASE);
    const create = drawn();
    await repo.commit(
      TEST_CASE.id,
      setOf(TEST_CASE.id),
      create.changes,
      emptyHistory(),
      [],
      COMMITTED,
    );
    await repo.commit(
      OTHER_CASE.id,
      setOf(OTHER_CASE.id),
      drawn().changes.map(
        (c) => ({ ...c, after: { ...c.after!, caseId: OTHER_CASE.id } }) as Change,
      ),
      emptyHistory(),
      [],
      COMMITTED,
    );

    const [renamed] = await appendEntries(null, [
      {
        caseId: TEST_CASE.id,
        at: COMMITTED,
        examiner: '',
        action: 'case.rename',
        targetKind: 'case',
        targetId: TEST_CASE.id,
        before: { name: TEST_CASE.name },
        after: { name: 'Shooting, 12 Sept' },
        appVersion: '0.1.0',
        detail: null,
      },
    ]);
    await repo.renameCase(TEST_CASE.id, 'Shooting, 12 Sept', COMMITTED, [renamed!]);
    expect((await repo.caseById(TEST_CASE.id))?.name).toBe('Shooting, 12 Sept');
    expect(await repo.auditOf(TEST_CASE.id)).toEqual([renamed]);
    await repo.db.sets.add(TEST_SET);
    expect(await repo.caseContents(TEST_CASE.id)).toEqual({
      sets: 1,
      tracks: 1,
      events: 0,
      notes: 0,
    });

    await repo.deleteCase(TEST_CASE.id, DELETED_BY);
    expect(await repo.caseById(TEST_CASE.id)).toBeUndefined();
    expect(await repo.tracksOf(TEST_CASE.id)).toEqual([]);
    expect(await repo.auditOf(TEST_CASE.id)).toEqual([]);
    expect(await repo.setsOf(TEST_CASE.id)).toEqual([]);
    // The deletion outlives the case: who, when, what it held, where its audit log ended.
    expect(await repo.deletions()).toEqual([
      {
        caseId: TEST_CASE.id,
        caseName: 'Shooting, 12 Sept',
        referenceNumber: '',
        evidenceSha256: TEST_EVIDENCE.sha256,
        evidenceFileName: TEST_EVIDENCE.fileName,
        deletedAt: DELETED_BY.at,
        examiner: 'C. Clerk',
        appVersion: '0.1.0',
        reason: 'deleted',
        auditCount: 1,
        auditHeadHash: renamed!.hash,
        contents: { sets: 1, tracks: 1, events: 0, notes: 0 },
      },
    ]);
    expect(await repo.db.histories.get(TEST_SET.id)).toBeUndefined();
    // The other case on the same video keeps its records, and the evidence facts stay.
    expect(await repo.tracksOf(OTHER_CASE.id)).toHaveLength(1);
    expect(await repo.evidence(TEST_EVIDENCE.sha256)).toEqual(TEST_EVIDENCE);
    await repo.deleteCase(OTHER_CASE.id, DELETED_BY);
    expect(await repo.evidence(TEST_EVIDENCE.sha256)).toBeUndefined();
  });
});

describe('Repository: a case created with its first audit entries', () => {
  const ingest = (prevCase = TEST_CASE.id) =>
    appendEntries(null, [
      {
        caseId: prevCase,
        at: COMMITTED,
        examiner: '',
        action: 'case.create',
        targetKind: 'case',
        targetId: prevCase,
        before: null,
        after: { name: 'Test case' },
        appVersion: '0.1.0',
        detail: null,
      },
    ]);

  it('writes the case, the missing evidence and the entries together', async () => {
    const repo = freshRepository();
    const entries = await ingest();
    await repo.createCaseLogged(TEST_EVIDENCE, TEST_CASE, firstSetFor(TEST_CASE), entries);
    expect(await repo.caseById(TEST_CASE.id)).toEqual(TEST_CASE);
    expect(await repo.evidence(TEST_EVIDENCE.sha256)).toEqual(TEST_EVIDENCE);
    expect(await repo.auditOf(TEST_CASE.id)).toEqual(entries);
    // Evidence already stored is left as it is (another case's acquisition notes stay).
    const noted = {
      ...TEST_EVIDENCE,
      acquisition: { ...TEST_EVIDENCE.acquisition, source: 'DVR' },
    };
    await repo.saveEvidence(noted);
    await repo.createCaseLogged(
      TEST_EVIDENCE,
      OTHER_CASE,
      firstSetFor(OTHER_CASE),
      await ingest(OTHER_CASE.id),
    );
    expect(await repo.evidence(TEST_EVIDENCE.sha256)).toEqual(noted);
  });

  it('writes nothing when the entries cannot be written', async () => {
    const repo = freshRepository();
    const forked = await appendEntries((await ingest())[0]!, [
      { ...(await ingest())[0]!, action: 'evidence.ingest' },
    ]);
    await expect(
      repo.createCaseLogged(TEST_EVIDENCE, TEST_CASE, firstSetFor(TEST_CASE), forked),
    ).rejects.toBeInstanceOf(AuditHeadMoved);
    expect(await repo.caseById(TEST_CASE.id)).toBeUndefined();
    expect(await repo.evidence(TEST_EVIDENCE.sha256)).toBeUndefined();
  });
});

describe('Repository: kept file handles', () => {
  it('keeps a handle by the video hash, and drops it with the last case of that video', async () => {
    const repo = freshRepository();
    await repo.saveEvidence(TEST_EVIDENCE);
    await repo.createCase(TEST_CASE);
    const handle = { kind: 'file', name: 'cctv.mp4' };
    await repo.saveFileHandle(TEST_EVIDENCE.sha256, handle);
    expect(await repo.fileHandle(TEST_EVIDENCE.sha256)).toEqual(handle);
    await repo.deleteCase(TEST_CASE.id, DELETED_BY);
    expect(await repo.fileHandle(TEST_EVIDENCE.sha256)).toBeNull();
  });
});

describe('Repository: annotation sets', () => {
  const secondSet: AnnotationSet = {
    ...TEST_SET,
    id: 'set_second' as SetId,
    name: 'Set 2',
    annotator: 'B. Reviewer',
    createdAt: '2026-01-02T00:00:00.000Z',
    modifiedAt: '2026-01-02T00:00:00.000Z',
  };
  const logged = (action: AuditAction, targetId: string, prev: AuditEntry | null) =>
    appendEntries(prev, [
      {
        caseId: TEST_CASE.id,
        at: COMMITTED,
        examiner: 'B. Reviewer',
        action,
        targetKind: 'set',
        targetId,
        before: null,
        after: null,
        appVersion: '0.1.0',
        detail: null,
      },
    ]);

  it('keeps each set’s tracks and undo history apart, and logs new sets and status changes', async () => {
    const repo = freshRepository();
    await repo.createCaseLogged(
      TEST_EVIDENCE,
      TEST_CASE,
      TEST_SET,
      await logged('case.create', TEST_CASE.id, null),
    );
    const created = await logged('set.create', secondSet.id, await repo.auditHead(TEST_CASE.id));
    await repo.createSetLogged(secondSet, created);
    expect((await repo.setsOf(TEST_CASE.id)).map((s) => s.id)).toEqual([TEST_SET.id, secondSet.id]);

    const inFirst = drawn();
    await repo.commit(
      TEST_CASE.id,
      TEST_SET.id,
      inFirst.changes,
      recordCommand(emptyHistory(), inFirst),
      [],
      COMMITTED,
    );
    const inSecond: Command = {
      name: 'create track',
      changes: drawn().changes.map(
        (c) => ({ ...c, after: { ...c.after!, setId: secondSet.id } }) as Change,
      ),
    };
    await repo.commit(
      TEST_CASE.id,
      secondSet.id,
      inSecond.changes,
      recordCommand(emptyHistory(), inSecond),
      [],
      COMMITTED,
    );

    const first = await repo.recordsOf(TEST_SET.id);
    const second = await repo.recordsOf(secondSet.id);
    expect(first.tracks.map((t) => t.id)).toEqual([trackAfter(inFirst).id]);
    expect(second.tracks.map((t) => t.id)).toEqual([trackAfter(inSecond).id]);
    expect(first.history.past).toEqual([inFirst]);
    expect(second.history.past).toEqual([inSecond]);
    // An edit marks its set (and the case) modified.
    expect((await repo.setsOf(TEST_CASE.id))[1]!.modifiedAt).toBe(COMMITTED);

    const final = await logged('set.edit', secondSet.id, await repo.auditHead(TEST_CASE.id));
    await repo.updateSetLogged(secondSet, { status: 'final' }, final, '2026-02-03T00:00:00.000Z');
    expect((await repo.setsOf(TEST_CASE.id))[1]).toMatchObject({
      status: 'final',
      modifiedAt: '2026-02-03T00:00:00.000Z',
    });
    expect((await repo.auditOf(TEST_CASE.id)).map((e) => e.action)).toEqual([
      'case.create',
      'set.create',
      'set.edit',
    ]);
  });

  it('writes no set when its audit entry cannot be written', async () => {
    const repo = freshRepository();
    await repo.createCaseLogged(
      TEST_EVIDENCE,
      TEST_CASE,
      TEST_SET,
      await logged('case.create', TEST_CASE.id, null),
    );
    const forked = await logged('set.create', secondSet.id, null);
    await expect(repo.createSetLogged(secondSet, forked)).rejects.toBeInstanceOf(AuditHeadMoved);
    expect((await repo.setsOf(TEST_CASE.id)).map((s) => s.id)).toEqual([TEST_SET.id]);
  });
});

describe('Repository: guards on shared and signed-off records', () => {
  it('refuses a label change made from labels that are no longer the case’s', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const added = [...DEFAULT_LABELS, extraLabel];
    const change: Change = { kind: 'labels', before: DEFAULT_LABELS, after: added };
    await repo.commit(TEST_CASE.id, TEST_SET.id, [change], emptyHistory(), [], COMMITTED);
    // A stale undo (its "before" is not what is stored now) writes nothing.
    const staleUndo: Change = { kind: 'labels', before: DEFAULT_LABELS.slice(1), after: [] };
    await expect(
      repo.commit(TEST_CASE.id, TEST_SET.id, [staleUndo], emptyHistory(), [], COMMITTED),
    ).rejects.toBeInstanceOf(LabelsMoved);
    expect((await repo.caseById(TEST_CASE.id))?.labels).toEqual(added);
  });

  it('refuses an edit to a final set, writing nothing', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    await repo.db.sets.add({ ...TEST_SET, status: 'final' });
    await expect(
      repo.commit(TEST_CASE.id, TEST_SET.id, drawn().changes, emptyHistory(), [], COMMITTED),
    ).rejects.toBeInstanceOf(SetClosed);
    expect(await repo.tracksOf(TEST_CASE.id)).toEqual([]);
  });
});
