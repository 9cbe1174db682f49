import { describe, expect, it } from 'vitest';
import {
  appendEntries,
  AUDIT_ACTIONS,
  entriesForCommand,
  GENESIS_HASH,
  hashEntry,
  headHash,
  sha256Hex,
  verifyChain,
  type AuditDraft,
  type AuditEntry,
  type CommandMeta,
} from './audit';
import { canonicalJson } from './canonical-json';
import { setShapeAt } from '../annotations/commands';
import {
  createEvent,
  createNote,
  deleteNote,
  updateNote,
} from '../annotations/event-note-commands';
import {
  applyCommand,
  emptyDocument,
  emptyHistory,
  recordCommand,
  redoStep,
  undoStep,
  type AnnotationDocument,
  type Command,
} from '../annotations/history';
import type { CaseId, NoteId } from '../ids';
import { editLabels } from '../annotations/labels';
import { DEFAULT_LABELS, type Note, type Track } from '../annotations/model';
import {
  at,
  box,
  deepFreeze,
  drawTrack,
  onlyTrack,
  TEST_CASE,
  TEST_SET,
  TEST_NOW,
} from '../test-support';

const META: CommandMeta = {
  caseId: TEST_CASE.id,
  at: TEST_NOW,
  examiner: 'A. Examiner',
  appVersion: '0.1.0',
  kind: 'do',
};

const NOTE_DRAFT: AuditDraft = {
  caseId: TEST_CASE.id,
  at: TEST_NOW,
  examiner: 'A. Examiner',
  action: 'note.create',
  targetKind: 'note',
  targetId: 'note_1',
  before: null,
  after: { x: 1.5, text: 'Ä €' },
  appVersion: '0.1.0',
  detail: 'create note',
};

const onlyNote = (doc: AnnotationDocument): Note => [...doc.notes.values()][0]!;

/**
 * A realistic session: draw a track, add an event, add, edit and delete a note, edit the
 * labels, move the track, undo the move, redo it. Returns the drafts, one list per step.
 */
function sessionDrafts(): AuditDraft[][] {
  let doc = emptyDocument(DEFAULT_LABELS);
  let history = emptyHistory();
  const steps: AuditDraft[][] = [];
  const run = (command: Command) => {
    doc = applyCommand(doc, command);
    history = recordCommand(history, command);
    steps.push(entriesForCommand(command, META));
  };
  run(drawTrack(doc, 5));
  run(
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
  run(
    createNote({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      at: at(12),
      kind: 'observation',
      text: 'é €',
      now: TEST_NOW,
    }),
  );
  run(updateNote(onlyNote(doc), { text: 'driver door opens' }, TEST_NOW));
  run(deleteNote(onlyNote(doc)));
  run(
    editLabels(doc.labels, [{ ...DEFAULT_LABELS[0]!, name: 'agent' }, ...DEFAULT_LABELS.slice(1)]),
  );
  run(setShapeAt(onlyTrack(doc), at(20), box(50, 60, 100, 50), TEST_NOW));
  for (const [step, kind] of [
    [undoStep, 'undo'],
    [redoStep, 'redo'],
  ] as const) {
    const result = step(history)!;
    doc = applyCommand(doc, result.command);
    history = result.history;
    steps.push(entriesForCommand(result.command, { ...META, kind }));
  }
  return steps;
}

/** The session's log, appended one step at a time as the app would. */
async function sessionLog(): Promise<AuditEntry[]> {
  const log: AuditEntry[] = [];
  for (const drafts of sessionDrafts())
    log.push(...(await appendEntries(log.at(-1) ?? null, drafts)));
  return log;
}

/** A deep copy of the log with one entry changed by `edit` (the original is left alone). */
function tampered(
  log: readonly AuditEntry[],
  seq: number,
  edit: (e: Record<string, unknown>) => void,
) {
  const copy = structuredClone(log) as unknown as Record<string, unknown>[];
  edit(copy[seq]!);
  return copy as unknown as AuditEntry[];
}

describe('sha256Hex', () => {
  it('gives the standard digests of UTF-8 text', async () => {
    expect(await sha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await sha256Hex('Ä € \u{1f600}')).toBe(
      'cd20fb6cd4df9f75667a3c14d2fb95c170acf544ce9f6e25f95a2c442fd28af7',
    );
  });
});

describe('entriesForCommand', () => {
  it('makes one draft per change, the action from the kind and before/after', () => {
    const actions = sessionDrafts().map((drafts) => drafts.map((d) => d.action));
    expect(actions).toEqual([
      ['track.create'],
      ['event.create'],
      ['note.create'],
      ['note.edit'],
      ['note.delete'],
      ['labels.edit'],
      ['track.edit'],
      ['track.edit'],
      ['track.edit'],
    ]);
    expect(
      sessionDrafts()
        .map((drafts) => drafts[0]!.detail)
        .slice(-3),
    ).toEqual(['edit shape', 'edit shape (undo)', 'edit shape (redo)']);
    for (const drafts of sessionDrafts()) {
      for (const d of drafts) expect(AUDIT_ACTIONS).toContain(d.action);
    }
  });

  it('records the records, the target and the command name', () => {
    const doc = emptyDocument(DEFAULT_LABELS);
    const command = drawTrack(doc, 5);
    const track = command.changes[0]!.after as Track;
    expect(entriesForCommand(command, META)).toEqual([
      {
        caseId: TEST_CASE.id,
        at: TEST_NOW,
        examiner: 'A. Examiner',
        action: 'track.create',
        targetKind: 'track',
        targetId: track.id,
        before: null,
        after: track,
        appVersion: '0.1.0',
        detail: 'create track',
      },
    ]);
  });

  it('logs an undo as what it did to the records, and says it was an undo or redo', () => {
    const doc = emptyDocument(DEFAULT_LABELS);
    let history = recordCommand(emptyHistory(), drawTrack(doc, 5));
    const undo = undoStep(history)!;
    history = undo.history;
    const [undone] = entriesForCommand(undo.command, { ...META, kind: 'undo' });
    expect(undone).toMatchObject({
      action: 'track.delete',
      after: null,
      detail: 'create track (undo)',
    });
    const [redone] = entriesForCommand(redoStep(history)!.command, { ...META, kind: 'redo' });
    expect(redone).toMatchObject({
      action: 'track.create',
      before: null,
      detail: 'create track (redo)',
    });
  });

  it('gives labels no target id, and an empty command no drafts', () => {
    const command = editLabels(DEFAULT_LABELS, DEFAULT_LABELS.slice(1));
    const [draft] = entriesForCommand(command, META);
    expect(draft).toMatchObject({ targetKind: 'labels', targetId: null, detail: 'edit labels' });
    expect(draft!.before).toBe(DEFAULT_LABELS);
    expect(entriesForCommand(editLabels(DEFAULT_LABELS, DEFAULT_LABELS), META)).toEqual([]);
  });
});

describe('appendEntries', () => {
  it('hashes the canonical JSON of the entry without its hash (a fixed known answer)', async () => {
    // If this changes, every stored log stops verifying: the format is frozen.
    const [entry] = await appendEntries(null, [NOTE_DRAFT]);
    expect(entry).toEqual({
      ...NOTE_DRAFT,
      id: 'case_test:0',
      seq: 0,
      prevHash: GENESIS_HASH,
      hash: 'ba5a10336de7b13d01671f62fd386163ed16bb6577a3d72411858b396175da00',
    });
    const { hash, ...body } = entry!;
    expect(canonicalJson(body)).toBe(
      '{"action":"note.create","after":{"text":"Ä €","x":1.5},"appVersion":"0.1.0",' +
        '"at":"2026-01-01T00:00:00.000Z","before":null,"caseId":"case_test",' +
        '"detail":"create note","examiner":"A. Examiner","id":"case_test:0",' +
        `"prevHash":"${'0'.repeat(64)}","seq":0,"targetId":"note_1","targetKind":"note"}`,
    );
    expect(await hashEntry(entry!)).toBe(hash);
  });

  it('numbers entries on from the previous one and links each to the one before', async () => {
    const log = await sessionLog();
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i));
    expect(log.map((e) => e.id)).toEqual(log.map((_, i) => `case_test:${i}`));
    expect(log[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < log.length; i++) expect(log[i]!.prevHash).toBe(log[i - 1]!.hash);
    for (const e of log) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(log.map((e) => e.hash)).size).toBe(log.length);
  });

  it('is deterministic: the same drafts give the same hashes, in one call or many', async () => {
    const steps = sessionDrafts().slice(0, 1);
    const drafts = steps.flat();
    const once = await appendEntries(null, drafts);
    expect(await appendEntries(null, drafts)).toEqual(once);
    const first = await appendEntries(null, drafts.slice(0, 1));
    expect([...first, ...(await appendEntries(first[0]!, drafts.slice(1)))]).toEqual(once);
    // Key order of the records does not matter.
    const shuffled = drafts.map((d) => JSON.parse(canonicalJson(d)) as AuditDraft);
    expect((await appendEntries(null, shuffled)).map((e) => e.hash)).toEqual(
      once.map((e) => e.hash),
    );
  });

  it('changes the hash when one number of a record changes', async () => {
    const [a] = await appendEntries(null, [NOTE_DRAFT]);
    const [b] = await appendEntries(null, [
      { ...NOTE_DRAFT, after: { x: 1.5000001, text: 'Ä €' } },
    ]);
    expect(a!.hash).not.toBe(b!.hash);
  });

  it('leaves its inputs alone and stores copies of the records it hashed', async () => {
    const drafts = deepFreeze(sessionDrafts().flat());
    const [first] = await appendEntries(null, drafts.slice(0, 1));
    const more = await appendEntries(deepFreeze(first!), drafts.slice(1));
    expect(more[0]!.seq).toBe(1);
    expect((await verifyChain([first!, ...more])).ok).toBe(true);
    expect(first!.after).toEqual(drafts[0]!.after);
    expect(first!.after).not.toBe(drafts[0]!.after);
  });

  it('drops fields a draft should not have, so they cannot break the hash', async () => {
    const draft = { ...NOTE_DRAFT, extra: 'x', hash: 'f'.repeat(64) } as AuditDraft;
    const [entry] = await appendEntries(null, [draft]);
    expect(entry).not.toHaveProperty('extra');
    expect((await verifyChain([entry!])).ok).toBe(true);
  });

  it('refuses a draft of another case, a time not in UTC, and a record that is not JSON', async () => {
    const [first] = await appendEntries(null, [NOTE_DRAFT]);
    await expect(
      appendEntries(first!, [{ ...NOTE_DRAFT, caseId: 'case_other' as CaseId }]),
    ).rejects.toThrow(/case_other/);
    await expect(
      appendEntries(null, [{ ...NOTE_DRAFT, at: '2026-01-01T01:00:00+01:00' }]),
    ).rejects.toThrow(RangeError);
    await expect(
      appendEntries(null, [{ ...NOTE_DRAFT, after: { shape: { x: NaN } } }]),
    ).rejects.toThrow(/NaN at \$\.after\.shape\.x is not JSON/);
  });
});

describe('verifyChain', () => {
  it('accepts a whole log, in any order, and gives its head hash', async () => {
    const log = await sessionLog();
    const head = log.at(-1)!.hash;
    expect(await verifyChain(log)).toEqual({ ok: true, count: log.length, headHash: head });
    expect(await verifyChain([...log].reverse())).toEqual({
      ok: true,
      count: log.length,
      headHash: head,
    });
    expect(headHash([...log].reverse())).toBe(head);
  });

  it('accepts an empty log, whose head is the starting hash', async () => {
    expect(await verifyChain([])).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
    expect(headHash([])).toBe(GENESIS_HASH);
  });

  it('survives a round trip through JSON and structured clone (export, IndexedDB)', async () => {
    const log = await sessionLog();
    expect((await verifyChain(JSON.parse(JSON.stringify(log)) as AuditEntry[])).ok).toBe(true);
    expect((await verifyChain(structuredClone(log))).ok).toBe(true);
  });

  it('does not change its input', async () => {
    const log = deepFreeze([...(await sessionLog())].reverse());
    const order = log.map((e) => e.seq);
    expect((await verifyChain(log)).ok).toBe(true);
    expect(log.map((e) => e.seq)).toEqual(order);
  });

  it('finds one number changed in a record', async () => {
    const log = await sessionLog();
    const bad = tampered(log, 6, (e) => {
      // Entry 6 is the move: its track has keyframes on frames 5 and 20.
      const track = e.after as { keyframes: { shape: { x: number } }[] };
      track.keyframes[1]!.shape.x += 1;
    });
    expect(await verifyChain(bad)).toEqual({
      ok: false,
      count: log.length,
      brokenAt: 6,
      reason: 'entry 6 was changed: its hash does not match its contents',
    });
  });

  it.each(['hash', 'prevHash', 'at', 'examiner', 'detail', 'id'])(
    'finds a changed %s',
    async (field) => {
      const log = await sessionLog();
      const bad = tampered(log, 3, (e) => (e[field] = `${String(e[field])}x`));
      expect(await verifyChain(bad)).toMatchObject({
        ok: false,
        brokenAt: 3,
        reason: expect.stringMatching(/entry 3 was changed/),
      });
    },
  );

  it('finds a field added to an entry, and a value that is not JSON', async () => {
    const log = await sessionLog();
    expect(await verifyChain(tampered(log, 2, (e) => (e.note = 'x')))).toMatchObject({
      ok: false,
      brokenAt: 2,
    });
    expect(await verifyChain(tampered(log, 2, (e) => (e.after = { x: NaN })))).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'entry 2 was changed: NaN at $.after.x is not JSON',
    });
  });

  it('finds an entry rewritten with a fresh hash: the next one no longer follows it', async () => {
    const log = await sessionLog();
    const forged = { ...log[4]!, examiner: 'someone else' };
    const bad = [...log];
    bad[4] = { ...forged, hash: await hashEntry(forged) };
    expect(await verifyChain(bad)).toMatchObject({
      ok: false,
      brokenAt: 5,
      reason: 'entry 5 does not follow entry 4: its previous-hash is wrong',
    });
    // The same for entry 0's previous-hash.
    const first = { ...log[0]!, prevHash: 'f'.repeat(64) };
    bad[0] = { ...first, hash: await hashEntry(first) };
    expect(await verifyChain(bad)).toMatchObject({
      ok: false,
      brokenAt: 0,
      reason: expect.stringMatching(/entry 0 does not start the log/),
    });
  });

  it('finds entries deleted from the middle or the start', async () => {
    const log = await sessionLog();
    expect(await verifyChain(log.filter((e) => e.seq !== 2))).toEqual({
      ok: false,
      count: log.length - 1,
      brokenAt: 2,
      reason: 'entry 2 is missing: the sequence jumps from 1 to 3',
    });
    expect(await verifyChain(log.filter((e) => e.seq !== 2 && e.seq !== 3))).toMatchObject({
      brokenAt: 2,
      reason: 'entries 2 to 3 are missing: the sequence jumps from 1 to 4',
    });
    expect(await verifyChain(log.slice(1))).toMatchObject({
      brokenAt: 0,
      reason: 'entry 0 is missing: the log starts at entry 1',
    });
  });

  it('finds a deletion hidden by renumbering the later entries', async () => {
    const log = await sessionLog();
    const renumbered = log.filter((e) => e.seq !== 2).map((e, seq) => ({ ...e, seq }));
    expect(await verifyChain(renumbered)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(/entry 2 was changed/),
    });
  });

  it('finds entries whose order was swapped, and a repeated entry', async () => {
    const log = await sessionLog();
    const swapped = [...log];
    swapped[3] = { ...log[4]!, seq: 3 };
    swapped[4] = { ...log[3]!, seq: 4 };
    expect(await verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: 3 });
    expect(await verifyChain([...log, log[2]!])).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'entry 2 appears twice',
    });
  });

  it('finds entries of different cases, and a sequence number that is not one', async () => {
    const log = await sessionLog();
    // A valid entry of another case's log, numbered to fit on the end of this one.
    const [foreign] = await appendEntries(null, [
      { ...NOTE_DRAFT, caseId: 'case_other' as CaseId },
    ]);
    expect(await verifyChain([...log, { ...foreign!, seq: log.length }])).toMatchObject({
      ok: false,
      brokenAt: log.length,
      reason: 'entries belong to different cases',
    });
    expect(await verifyChain(tampered(log, 1, (e) => (e.seq = '1')))).toMatchObject({
      ok: false,
      brokenAt: -1,
    });
  });

  it('cannot see entries cut off the end: the log verifies with an earlier head', async () => {
    // Why the head hash must be recorded outside the log (exports, reports) and compared.
    const log = await sessionLog();
    const cut = log.slice(0, -2);
    const verdict = await verifyChain(cut);
    expect(verdict).toEqual({ ok: true, count: log.length - 2, headHash: log.at(-3)!.hash });
    expect(verdict.ok && verdict.headHash).not.toBe(headHash(log));
  });
});

describe('the log of one note', () => {
  it('reads back each step in order', async () => {
    const notes = (await sessionLog()).filter((e) => e.targetKind === 'note');
    expect(notes.map((e) => [e.action, e.detail])).toEqual([
      ['note.create', 'create note'],
      ['note.edit', 'edit note'],
      ['note.delete', 'delete note'],
    ]);
    expect(new Set(notes.map((e) => e.targetId as NoteId)).size).toBe(1);
    expect((notes[1]!.after as Note).text).toBe('driver door opens');
  });
});
