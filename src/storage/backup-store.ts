import { appendEntries, type AuditEntry } from '../core/evidence/audit';
import type { Backup, BackupRecords } from '../core/evidence/backup';
import { caseDeletion } from '../core/evidence/case-deletion';
import type { CaseId } from '../core/ids';
import type { Case } from '../core/annotations/model';
import type { FramewiseDatabase, StoredAuditHead } from './database';

/**
 * The whole database to a backup's records, and a checked backup (core/backup.ts
 * `parseBackup`) back into it. Each is one transaction over every table: an export is one
 * consistent moment, and a restore is written whole or not at all (a failure anywhere aborts
 * it, the clearing of a replace included).
 */

export interface RestoreReport {
  /** Names of the backup's cases that were written. */
  readonly added: string[];
  /** Names of the backup's cases this browser already had: its own copies were kept. */
  readonly skipped: string[];
  /** Whether everything in this browser was replaced by the backup. */
  readonly replaced: boolean;
}

/**
 * When given, each case the restore writes gets a `backup.restore` entry on its audit log,
 * chained on the backup's log and written in the same transaction.
 */
export interface RestoreLog {
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly examiner: string;
  readonly appVersion: string;
}

/**
 * A merge would have mixed the backup's records into this browser's: a record id already used
 * here, or records left here of a case this browser no longer has. Nothing was written.
 */
export class RestoreConflict extends Error {}

const tablesOf = (db: FramewiseDatabase) => [
  db.evidence,
  db.cases,
  db.sets,
  db.tracks,
  db.events,
  db.notes,
  db.calibrations,
  db.measurements,
  db.histories,
  db.deletions,
  db.audit,
  db.settings,
  db.auditHeads,
];

/** Every record of every table, read in one transaction; audit logs in order. */
export function exportAll(db: FramewiseDatabase): Promise<BackupRecords> {
  return db.transaction('r', tablesOf(db), async () => ({
    evidence: await db.evidence.toArray(),
    cases: await db.cases.toArray(),
    sets: await db.sets.toArray(),
    tracks: await db.tracks.toArray(),
    events: await db.events.toArray(),
    notes: await db.notes.toArray(),
    calibrations: await db.calibrations.toArray(),
    measurements: await db.measurements.toArray(),
    histories: await db.histories.toArray(),
    deletions: await db.deletions.toArray(),
    audit: await db.audit.orderBy('[caseId+seq]').toArray(),
    settings: await db.settings.toArray(),
  }));
}

/**
 * Writes a checked backup. replace: every table is cleared, then everything in the backup is
 * written, settings included. merge: the backup's cases this browser does not have are added
 * with everything of theirs (their evidence only if missing here); cases it has are kept as
 * they are, and this browser's settings win. Throws RestoreConflict (nothing written) when a
 * merge would mix records of two cases.
 */
export async function restoreBackup(
  db: FramewiseDatabase,
  backup: Backup,
  mode: 'merge' | 'replace',
  log?: RestoreLog,
): Promise<RestoreReport> {
  // Hashing is not IndexedDB work, so it must be done before the transaction: awaiting it
  // inside would let IndexedDB commit the transaction early.
  const restoreEntries = log ? await restoreEntriesOf(backup, mode, log) : new Map();
  return db.transaction('rw', tablesOf(db), async () => {
    await keepDeletions(db, backup.records, mode, log);
    return mode === 'replace'
      ? replaceAll(db, backup.records, restoreEntries)
      : merge(db, backup.records, restoreEntries);
  });
}

/** What a restore says to a person, a sentence a line. */
export function describeRestore(report: RestoreReport): string[] {
  const quote = (name: string) => `"${name.length > 60 ? `${name.slice(0, 60)}…` : name}"`;
  const cases = (n: number) => `${n} case${n === 1 ? '' : 's'}`;
  if (report.replaced) {
    return [`Replaced everything in this browser with the backup: ${cases(report.added.length)}.`];
  }
  return [
    ...report.added.map((name) => `Added case ${quote(name)}.`),
    ...report.skipped.map((name) => `Kept this browser’s copy of case ${quote(name)}.`),
    ...(report.added.length + report.skipped.length === 0 ? ['The backup holds no cases.'] : []),
  ];
}

/** For each case, its `backup.restore` entry chained on the backup's log of the case. */
async function restoreEntriesOf(
  backup: Backup,
  mode: 'merge' | 'replace',
  log: RestoreLog,
): Promise<Map<string, AuditEntry>> {
  const heads = new Map<string, AuditEntry>();
  for (const entry of backup.records.audit) {
    const head = heads.get(entry.caseId);
    if (!head || entry.seq > head.seq) heads.set(entry.caseId, entry);
  }
  const entries = new Map<string, AuditEntry>();
  for (const c of backup.records.cases) {
    const [entry] = await appendEntries(heads.get(c.id) ?? null, [
      {
        caseId: c.id,
        at: log.at,
        examiner: log.examiner,
        action: 'backup.restore',
        targetKind: 'case',
        targetId: c.id,
        before: null,
        after: null,
        appVersion: log.appVersion,
        detail:
          `${mode === 'replace' ? 'replaced everything with' : 'merged'} a backup made ` +
          `${backup.createdAt} by ${backup.generator.name} ${backup.generator.version}`,
      },
    ]);
    entries.set(c.id, entry!);
  }
  return entries;
}

async function replaceAll(
  db: FramewiseDatabase,
  records: BackupRecords,
  restoreEntries: ReadonlyMap<string, AuditEntry>,
): Promise<RestoreReport> {
  // Deletions are a record of what went: a restore never clears them (keepDeletions).
  for (const table of tablesOf(db)) {
    if (table !== db.settings && table !== db.deletions) await table.clear();
  }
  await db.settings.where('key').notEqual('examiner').delete();
  await db.evidence.bulkAdd(records.evidence);
  await db.cases.bulkAdd(records.cases);
  await db.sets.bulkAdd(records.sets);
  await db.tracks.bulkAdd(records.tracks);
  await db.events.bulkAdd(records.events);
  await db.notes.bulkAdd(records.notes);
  await db.calibrations.bulkAdd(records.calibrations);
  await db.measurements.bulkAdd(records.measurements);
  await db.histories.bulkAdd(records.histories);
  const audit = [...records.audit, ...restoreEntries.values()];
  await db.audit.bulkAdd(audit);
  await db.auditHeads.bulkPut(headsOf(audit));
  // This browser's examiner stays: the next person's edits must not be logged under the name
  // of whoever made the backup.
  await db.settings.bulkAdd(records.settings.filter((setting) => setting.key !== 'examiner'));
  return { added: records.cases.map((c) => c.name), skipped: [], replaced: true };
}

async function merge(
  db: FramewiseDatabase,
  records: BackupRecords,
  restoreEntries: ReadonlyMap<string, AuditEntry>,
): Promise<RestoreReport> {
  const present = await db.cases.bulkGet(records.cases.map((c) => c.id));
  const added = records.cases.filter((_, i) => !present[i]);
  const skipped = records.cases.filter((_, i) => present[i]).map((c) => c.name);
  const report = { added: added.map((c) => c.name), skipped, replaced: false };
  if (added.length === 0) return report;

  const ids = new Set<string>(added.map((c) => c.id));
  const theirs = <T extends { readonly caseId: string }>(items: readonly T[]) =>
    items.filter((item) => ids.has(item.caseId));
  const sets = theirs(records.sets);
  const tracks = theirs(records.tracks);
  const events = theirs(records.events);
  const notes = theirs(records.notes);
  const calibrations = theirs(records.calibrations);
  const measurements = theirs(records.measurements);
  const histories = theirs(records.histories);
  const audit = [
    ...theirs(records.audit),
    ...[...restoreEntries.values()].filter((entry) => ids.has(entry.caseId)),
  ];
  await refuseMixing(db, added, { sets, tracks, events, notes, calibrations, measurements });

  const wanted = [...new Set(added.map((c) => c.evidenceSha256))];
  const known = await db.evidence.bulkGet(wanted);
  const missing = new Set(wanted.filter((_, i) => !known[i]));
  await db.evidence.bulkAdd(records.evidence.filter((e) => missing.has(e.sha256)));
  await db.cases.bulkAdd(added);
  await db.sets.bulkAdd(sets);
  await db.tracks.bulkAdd(tracks);
  await db.events.bulkAdd(events);
  await db.notes.bulkAdd(notes);
  await db.calibrations.bulkAdd(calibrations);
  await db.measurements.bulkAdd(measurements);
  await db.histories.bulkAdd(histories);
  await db.audit.bulkAdd(audit);
  await db.auditHeads.bulkPut(headsOf(audit));
  return report;
}

/**
 * Deletions survive a restore: the backup's are added where this browser does not have them
 * already; and a replace, which clears this browser's cases with their audit logs, records each
 * of them (when the restore is logged) as replaced, with who, when and its audit head.
 */
async function keepDeletions(
  db: FramewiseDatabase,
  records: BackupRecords,
  mode: 'merge' | 'replace',
  log: RestoreLog | undefined,
): Promise<void> {
  const known = await db.deletions.bulkGet(records.deletions.map((d) => [d.caseId, d.deletedAt]));
  await db.deletions.bulkAdd(records.deletions.filter((_, i) => !known[i]));
  if (mode !== 'replace' || !log) return;
  const meta = { at: log.at, examiner: log.examiner, appVersion: log.appVersion };
  for (const record of await db.cases.toArray()) {
    const head = (await db.auditHeads.get(record.id)) ?? null;
    const contents = {
      sets: await db.sets.where('caseId').equals(record.id).count(),
      tracks: await db.tracks.where('caseId').equals(record.id).count(),
      events: await db.events.where('caseId').equals(record.id).count(),
      notes: await db.notes.where('caseId').equals(record.id).count(),
    };
    await db.deletions.put(caseDeletion(record, head, contents, meta, 'replaced'));
  }
}

/** Each case's last entry, as the head recorded beside its log. */
function headsOf(entries: readonly AuditEntry[]): StoredAuditHead[] {
  const heads = new Map<string, StoredAuditHead>();
  for (const entry of entries) {
    const known = heads.get(entry.caseId);
    if (!known || entry.seq > known.seq) {
      heads.set(entry.caseId, { caseId: entry.caseId, seq: entry.seq, hash: entry.hash });
    }
  }
  return [...heads.values()];
}

/**
 * Adding a case must not touch another's records: refuses (RestoreConflict) a set, track,
 * event or note id used here already, and records left here of a case id this browser has no case for
 * (its audit log above all: a log is never merged into or overwritten).
 */
async function refuseMixing(
  db: FramewiseDatabase,
  added: readonly Case[],
  records: Pick<
    BackupRecords,
    'sets' | 'tracks' | 'events' | 'notes' | 'calibrations' | 'measurements'
  >,
): Promise<void> {
  const nameOf = new Map<string, string>(added.map((c) => [c.id, c.name]));
  const quote = (name: string | undefined) => JSON.stringify((name ?? '').slice(0, 60));
  const nothing = 'Nothing was restored.';
  const clashes: [string, { bulkGet(keys: string[]): Promise<unknown[]> }, readonly Rec[]][] = [
    ['an annotation set', db.sets, records.sets],
    ['a track', db.tracks, records.tracks],
    ['an event', db.events, records.events],
    ['a note', db.notes, records.notes],
    ['a scene calibration', db.calibrations, records.calibrations],
    ['a measurement', db.measurements, records.measurements],
  ];
  for (const [what, table, items] of clashes) {
    const found = await table.bulkGet(items.map((item) => item.id));
    const i = found.findIndex((record) => record !== undefined);
    if (i !== -1) {
      const item = items[i]!;
      throw new RestoreConflict(
        `The backup’s case ${quote(nameOf.get(item.caseId))} has ${what} with the id ` +
          `${JSON.stringify(item.id)}, which this browser already uses. ${nothing}`,
      );
    }
  }
  const caseIds = [...nameOf.keys()] as CaseId[];
  const left = [
    await db.tracks.where('caseId').anyOf(caseIds).first(),
    await db.events.where('caseId').anyOf(caseIds).first(),
    await db.notes.where('caseId').anyOf(caseIds).first(),
    await db.calibrations.where('caseId').anyOf(caseIds).first(),
    await db.measurements.where('caseId').anyOf(caseIds).first(),
    await db.audit.where('caseId').anyOf(caseIds).first(),
    await db.sets.where('caseId').anyOf(caseIds).first(),
    await db.histories.where('caseId').anyOf(caseIds).first(),
  ].find((record) => record !== undefined);
  if (left) {
    throw new RestoreConflict(
      `This browser holds records of case ${quote(nameOf.get(left.caseId))} (its audit log or ` +
        `annotations) but not the case itself, so the backup’s copy cannot be added beside ` +
        `them. ${nothing}`,
    );
  }
}

interface Rec {
  readonly id: string;
  readonly caseId: string;
}
