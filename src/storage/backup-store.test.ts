import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEntries, entriesForCommand, verifyChain } from '../core/evidence/audit';
import { buildBackup, parseBackup, type Backup, type BackupRecords } from '../core/evidence/backup';
import { createTrack } from '../core/annotations/commands';
import { createEvent, createNote } from '../core/annotations/event-note-commands';
import {
  applyCommand,
  emptyDocument,
  recordCommand,
  type Command,
} from '../core/annotations/history';
import { sha256, type CaseId } from '../core/ids';
import { DEFAULT_LABELS, type Case, type Evidence, type Note } from '../core/annotations/model';
import {
  at,
  box,
  TEST_CASE,
  TEST_EVIDENCE,
  TEST_NOW,
  firstSetFor,
  setOf,
} from '../core/test-support';
import { exportAll, describeRestore, restoreBackup, RestoreConflict } from './backup-store';
import { FramewiseDatabase } from './database';
import { Repository } from './repository';

const databases: FramewiseDatabase[] = [];

function freshDatabase(): FramewiseDatabase {
  const db = new FramewiseDatabase(`test-${crypto.randomUUID()}`);
  databases.push(db);
  return db;
}

afterEach(async () => {
  for (const db of databases.splice(0)) await db.delete();
});

const GENERATOR = { name: 'Framewise', version: '0.1.0' };
const EDITED = '2026-02-02T00:00:00.000Z';

const OTHER_EVIDENCE: Evidence = {
  ...TEST_EVIDENCE,
  sha256: sha256('b'.repeat(64)),
  fileName: 'bodycam.mp4',
};
const OTHER_CASE: Case = {
  ...TEST_CASE,
  id: 'case_other' as CaseId,
  name: 'Bodycam',
  evidenceSha256: OTHER_EVIDENCE.sha256,
  evidenceFileName: OTHER_EVIDENCE.fileName,
};

/** A case as the app stores it: its evidence, annotations, undo history and audit log. */
async function storeCase(repo: Repository, record: Case, evidence: Evidence): Promise<void> {
  await repo.saveEvidence(evidence);
  await repo.createCase(record);
  await repo.db.sets.add(firstSetFor(record));
  let doc = emptyDocument(DEFAULT_LABELS);
  let history = { past: [] as Command[], future: [] as Command[] };
  const commands = [
    createTrack(doc, {
      caseId: record.id,
      setId: setOf(record.id),
      label: DEFAULT_LABELS[0]!,
      at: at(3),
      shape: box(1, 2, 30, 40),
      now: TEST_NOW,
    }),
    createEvent({
      caseId: record.id,
      setId: setOf(record.id),
      labelId: null,
      start: at(1),
      end: at(9),
      description: `event of ${record.name}`,
      now: TEST_NOW,
    }),
    createNote({
      caseId: record.id,
      setId: setOf(record.id),
      at: at(4),
      kind: 'interpretation',
      text: `note of ${record.name}`,
      now: TEST_NOW,
    }),
  ];
  for (const command of commands) {
    doc = applyCommand(doc, command);
    history = recordCommand(history, command) as typeof history;
    const head = await repo.auditHead(record.id);
    const meta = {
      caseId: record.id,
      at: EDITED,
      examiner: 'A. Examiner',
      appVersion: '0.1.0',
      kind: 'do' as const,
    };
    const audit = await appendEntries(head, entriesForCommand(command, meta));
    await repo.commit(record.id, setOf(record.id), command.changes, history, audit, EDITED);
  }
}

/** A database of two cases and two settings. */
async function populated(): Promise<FramewiseDatabase> {
  const db = freshDatabase();
  const repo = new Repository(db);
  await storeCase(repo, TEST_CASE, TEST_EVIDENCE);
  await storeCase(repo, OTHER_CASE, OTHER_EVIDENCE);
  await repo.saveSetting('examiner', 'A. Examiner');
  await repo.saveSetting('cacheMegabytes', 512);
  return db;
}

/** The backup of a database, through its file text as a restore would get it. */
async function backupFile(db: FramewiseDatabase): Promise<Backup> {
  const backup = buildBackup(await exportAll(db), { now: EDITED, generator: GENERATOR });
  const parsed = await parseBackup(JSON.stringify(backup));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.backup;
}

const sortedBy = <T>(items: readonly T[], key: (item: T) => string) =>
  [...items].sort((a, b) => key(a).localeCompare(key(b)));

/** Records in a fixed order, to compare two databases. */
const normal = (r: BackupRecords) => ({
  evidence: sortedBy(r.evidence, (e) => e.sha256),
  cases: sortedBy(r.cases, (c) => c.id),
  sets: sortedBy(r.sets, (c) => c.id),
  tracks: sortedBy(r.tracks, (t) => t.id),
  events: sortedBy(r.events, (e) => e.id),
  notes: sortedBy(r.notes, (n) => n.id),
  histories: sortedBy(r.histories, (h) => h.setId),
  audit: sortedBy(r.audit, (e) => e.id),
  settings: sortedBy(r.settings, (s) => s.key),
});

describe('exportAll and restoreBackup', () => {
  it('exports every table, audit logs in order', async () => {
    const db = await populated();
    const records = await exportAll(db);
    expect(records.evidence).toHaveLength(2);
    expect(records.cases.map((c) => c.id).sort()).toEqual([OTHER_CASE.id, TEST_CASE.id].sort());
    expect([records.tracks.length, records.events.length, records.notes.length]).toEqual([2, 2, 2]);
    expect(records.histories.map((h) => h.past.length)).toEqual([3, 3]);
    expect(records.sets.map((s) => s.caseId).sort()).toEqual([OTHER_CASE.id, TEST_CASE.id].sort());
    expect(records.audit.map((e) => `${e.caseId}:${e.seq}`)).toEqual([
      'case_other:0',
      'case_other:1',
      'case_other:2',
      'case_test:0',
      'case_test:1',
      'case_test:2',
    ]);
    expect(records.settings).toEqual([
      { key: 'cacheMegabytes', value: 512 },
      { key: 'examiner', value: 'A. Examiner' },
    ]);
  });

  it('restores a backup into a fresh database (replace) record for record', async () => {
    const source = await populated();
    const backup = await backupFile(source);
    const target = freshDatabase();
    const report = await restoreBackup(target, backup, 'replace');
    expect(report).toEqual({ added: ['Bodycam', 'Test case'], skipped: [], replaced: true });
    expect(describeRestore(report)).toEqual([
      'Replaced everything in this browser with the backup: 2 cases.',
    ]);
    const restored = normal(await exportAll(target));
    const original = normal(await exportAll(source));
    // Everything but the examiner, which stays this browser's (here: none).
    expect(restored).toEqual({
      ...original,
      settings: original.settings.filter((setting) => setting.key !== 'examiner'),
    });
    const repo = new Repository(target);
    expect(await verifyChain(await repo.auditOf(TEST_CASE.id))).toMatchObject({
      ok: true,
      count: 3,
    });
    expect((await repo.recordsOf(setOf(TEST_CASE.id))).history.past).toHaveLength(3);
  });

  it('replaces what was there, settings included but the examiner', async () => {
    const source = await populated();
    const backup = await backupFile(source);
    const target = freshDatabase();
    const repo = new Repository(target);
    const local: Case = { ...TEST_CASE, id: 'case_local' as CaseId, name: 'Only here' };
    await storeCase(repo, local, TEST_EVIDENCE);
    await repo.saveSetting('examiner', 'Someone else');
    await repo.saveSetting('onlyHere', true);
    await restoreBackup(target, backup, 'replace');
    const original = normal(await exportAll(source));
    expect(normal(await exportAll(target))).toEqual({
      ...original,
      settings: [
        ...original.settings.filter((setting) => setting.key !== 'examiner'),
        { key: 'examiner', value: 'Someone else' },
      ],
    });
  });

  it('merges: adds a new case with its evidence, keeps this browser’s copy and settings', async () => {
    const source = await populated();
    const backup = await backupFile(source);
    const target = freshDatabase();
    const repo = new Repository(target);
    await storeCase(repo, { ...TEST_CASE, name: 'Test case, edited here' }, TEST_EVIDENCE);
    await repo.saveSetting('examiner', 'Local examiner');
    const before = await exportAll(target);

    const report = await restoreBackup(target, backup, 'merge');
    expect(report).toEqual({ added: ['Bodycam'], skipped: ['Test case'], replaced: false });
    expect(describeRestore(report)).toEqual([
      'Added case "Bodycam".',
      'Kept this browser’s copy of case "Test case".',
    ]);

    const after = await exportAll(target);
    const ofCase = (r: BackupRecords, id: string) => ({
      cases: r.cases.filter((c) => c.id === id),
      tracks: r.tracks.filter((t) => t.caseId === id),
      events: r.events.filter((e) => e.caseId === id),
      notes: r.notes.filter((n) => n.caseId === id),
      sets: r.sets.filter((h) => h.caseId === id),
      histories: r.histories.filter((h) => h.caseId === id),
      audit: r.audit.filter((e) => e.caseId === id),
    });
    // This browser's case is untouched; the new one is as in the backup.
    expect(ofCase(after, TEST_CASE.id)).toEqual(ofCase(before, TEST_CASE.id));
    expect(after.cases.find((c) => c.id === TEST_CASE.id)!.name).toBe('Test case, edited here');
    expect(ofCase(after, OTHER_CASE.id)).toEqual(ofCase(backup.records, OTHER_CASE.id));
    expect(sortedBy(after.evidence, (e) => e.sha256)).toEqual([TEST_EVIDENCE, OTHER_EVIDENCE]);
    expect(after.settings).toEqual([{ key: 'examiner', value: 'Local examiner' }]);

    // Merging again adds nothing.
    const again = await restoreBackup(target, backup, 'merge');
    expect(again).toEqual({ added: [], skipped: ['Bodycam', 'Test case'], replaced: false });
    expect(normal(await exportAll(target))).toEqual(normal(after));
  });

  it('logs the restore on each written case’s audit log, in the same transaction', async () => {
    const backup = await backupFile(await populated());
    const target = freshDatabase();
    const log = { at: '2026-04-01T09:00:00.000Z', examiner: 'B. Examiner', appVersion: '0.2.0' };
    await restoreBackup(target, backup, 'replace', log);
    const audit = await new Repository(target).auditOf(OTHER_CASE.id);
    expect(await verifyChain(audit)).toMatchObject({ ok: true, count: 4 });
    expect(audit.at(-1)).toMatchObject({
      action: 'backup.restore',
      examiner: 'B. Examiner',
      targetKind: 'case',
      targetId: OTHER_CASE.id,
      detail: `replaced everything with a backup made ${EDITED} by Framewise 0.1.0`,
    });
  });

  it('keeps deletions: a replace records the cases it clears, and deletions travel in backups', async () => {
    const source = await populated();
    const gone = { at: '2026-03-01T00:00:00.000Z', examiner: 'C. Clerk', appVersion: '0.1.0' };
    await new Repository(source).deleteCase(OTHER_CASE.id, gone);
    const backup = await backupFile(source);
    expect(backup.records.deletions.map((d) => [d.caseId, d.reason])).toEqual([
      [OTHER_CASE.id, 'deleted'],
    ]);

    const target = await populated();
    const head = await new Repository(target).auditHead(TEST_CASE.id);
    const log = { at: '2026-04-01T09:00:00.000Z', examiner: 'B. Examiner', appVersion: '0.2.0' };
    await restoreBackup(target, backup, 'replace', log);
    const deletions = await new Repository(target).deletions();
    // This browser's two cases were replaced (recorded with their audit heads); the backup's
    // deletion of the other case is kept beside them, not overwritten.
    expect(deletions.map((d) => [d.caseId, d.reason, d.examiner]).sort()).toEqual(
      [
        [TEST_CASE.id, 'replaced', 'B. Examiner'],
        [OTHER_CASE.id, 'replaced', 'B. Examiner'],
        [OTHER_CASE.id, 'deleted', 'C. Clerk'],
      ].sort(),
    );
    expect(deletions.find((d) => d.caseId === TEST_CASE.id)).toMatchObject({
      auditHeadHash: head!.hash,
      auditCount: head!.seq + 1,
      contents: { sets: 1, tracks: 1, events: 1, notes: 1 },
    });
  });

  it('writes nothing when a replace fails part-way, not even the clearing', async () => {
    const target = await populated();
    const before = await exportAll(target);
    const backup = await backupFile(await populated());
    // A record IndexedDB cannot store (a function) fails one write late in the transaction.
    const poisoned: Backup = {
      ...backup,
      records: {
        ...backup.records,
        notes: [
          ...backup.records.notes,
          { ...backup.records.notes[0]!, id: 'note_poisoned', poison: () => 1 } as unknown as Note,
        ],
      },
    };
    await expect(restoreBackup(target, poisoned, 'replace')).rejects.toThrow(/clone/i);
    expect(await exportAll(target)).toEqual(before);
  });

  it('writes nothing when a merge fails part-way', async () => {
    const backup = await backupFile(await populated());
    const target = freshDatabase();
    await storeCase(new Repository(target), TEST_CASE, TEST_EVIDENCE);
    const before = await exportAll(target);
    // The added case's last audit entry, the last record a merge writes, cannot be stored.
    const audit = backup.records.audit;
    const last = audit.findLastIndex((e) => e.caseId === OTHER_CASE.id);
    const poisoned: Backup = {
      ...backup,
      records: {
        ...backup.records,
        audit: audit.map((e, i) => (i === last ? { ...e, poison: () => 1 } : e)),
      },
    };
    await expect(restoreBackup(target, poisoned, 'merge')).rejects.toThrow(/clone/i);
    expect(await exportAll(target)).toEqual(before);
    // The same backup, unpoisoned, merges.
    expect((await restoreBackup(target, backup, 'merge')).added).toEqual(['Bodycam']);
  });

  it('refuses a merge that would mix two cases’ records, writing nothing', async () => {
    const backup = await backupFile(await populated());
    const target = freshDatabase();
    const repo = new Repository(target);
    // This browser has the backup's track under another case (ids copied between databases).
    const local: Case = { ...TEST_CASE, id: 'case_local' as CaseId, name: 'Local' };
    await repo.createCase(local);
    const track = backup.records.tracks.find((t) => t.caseId === OTHER_CASE.id)!;
    await target.tracks.put({ ...track, caseId: local.id });
    const before = await exportAll(target);
    await expect(restoreBackup(target, backup, 'merge')).rejects.toThrow(RestoreConflict);
    await expect(restoreBackup(target, backup, 'merge')).rejects.toThrow(
      /The backup’s case "Bodycam" has a track with the id "track_[^"]+", which this browser already uses\. Nothing was restored\./,
    );
    expect(await exportAll(target)).toEqual(before);

    // An audit log left of a case this browser no longer has is never merged into.
    const orphaned = freshDatabase();
    await orphaned.audit.bulkAdd(backup.records.audit.filter((e) => e.caseId === TEST_CASE.id));
    await expect(restoreBackup(orphaned, backup, 'merge')).rejects.toThrow(
      /holds records of case "Test case" \(its audit log or annotations\) but not the case itself/,
    );
    expect((await exportAll(orphaned)).cases).toEqual([]);
  });
});
