/**
 * The backup file: every case of this browser's Framewise in one JSON file (never the video),
 * and the checks that stand between such a file and the database.
 *
 * Imports: core. The schema is `schemas/backup.schema.json`; its validators are generated at
 * build time (Ajv's standalone code, `schemas/generated/backup-validators.js`, written by
 * scripts/build-validators.mjs), since the app's Content-Security-Policy forbids compiling
 * one at run time (`new Function`).
 *
 * `parseBackup` takes the file's text and either returns a backup that is safe to write, or
 * problems in plain words. Nothing is written by it; the caller writes only an `ok` backup, so
 * a bad, partial or hostile file writes nothing. In order, it refuses:
 * 1. text over MAX_BACKUP_BYTES, and lists or objects nested deeper than MAX_BACKUP_DEPTH,
 *    found by a scan before JSON.parse (a file of 50 MB of "[" is refused at character 65);
 * 2. text that is not JSON, saying where it ends when it was cut short;
 * 3. JSON that is not a Framewise backup of this version;
 * 4. records that do not match the schema (types, required and unknown fields, bounds: JSON
 *    has no NaN, but 1e400 parses as Infinity and is refused), each problem naming its path,
 *    e.g. `records.tracks[3].keyframes[0].frame must be a whole number ≥ 0…`;
 * 5. what a schema cannot check: duplicate ids, references to cases or evidence not in the
 *    file, and audit chains that do not verify or do not end where the backup recorded.
 * At most MAX_PROBLEMS problems are listed. Text in the file (a case name holding <script>) is
 * data: it is checked for type and length, never interpreted.
 */
import type { ValidateFunction } from 'ajv';
import * as generated from '../schemas/generated/backup-validators.js';
import { headHash, verifyChain, type AuditEntry } from './audit';
import type { Generator } from '../exports/export-json-format';
import { ANNOTATIONS_FORMAT } from '../exports/export-json-format';
import type { Command } from '../annotations/history';
import { upgradeBackup } from './backup-upgrade';
import type { CaseId, SetId } from '../ids';
import {
  Problems,
  describeError,
  isObject,
  kindOf,
  plural,
  preview,
  quoteId,
  quoteName,
  readJson,
  type FileKind,
  type TextLimits,
} from '../json-guard';
import type {
  AnnotationEvent,
  AnnotationSet,
  Case,
  CaseDeletion,
  Evidence,
  Measurement,
  Note,
  SceneCalibration,
  Track,
} from '../annotations/model';

export const BACKUP_FORMAT = 'framewise.backup';
/**
 * 2: annotation sets (several per case), undo histories per set. 3: the DVR clock calibration
 * records its method, uncertainty and UTC offset. 4: scene calibrations and measurements.
 * 5: several videos per case (each set names its video) and their synchronisation.
 * Versions 1 to 4 are read too.
 */
export const BACKUP_VERSION = 5;
/** The largest backup read, in characters of text (about bytes); check File.size first. */
export const MAX_BACKUP_BYTES = 500_000_000;
/** The deepest nesting of lists and objects read. A backup needs about 15 levels. */
export const MAX_BACKUP_DEPTH = 64;
export { MAX_PROBLEMS } from '../json-guard';

/** An annotation set's undo and redo stacks, as storage keeps them (and backs them up). */
export interface BackupHistory {
  readonly setId: SetId;
  readonly caseId: CaseId;
  readonly past: readonly Command[];
  readonly future: readonly Command[];
}

/** One setting of this browser's Framewise (examiner name, cache size…), as stored. */
export interface BackupSetting {
  readonly key: string;
  readonly value: string | number | boolean;
}

/** Every stored record, by table. */
export interface BackupRecords {
  readonly evidence: readonly Evidence[];
  readonly cases: readonly Case[];
  readonly sets: readonly AnnotationSet[];
  readonly tracks: readonly Track[];
  readonly events: readonly AnnotationEvent[];
  readonly notes: readonly Note[];
  readonly calibrations: readonly SceneCalibration[];
  readonly measurements: readonly Measurement[];
  readonly histories: readonly BackupHistory[];
  /** What is left of cases deleted (or replaced by a restore) in the browser backed up. */
  readonly deletions: readonly CaseDeletion[];
  readonly audit: readonly AuditEntry[];
  readonly settings: readonly BackupSetting[];
}

/**
 * A case's audit log as it stood when the backup was made. audit.ts: a log cut short at the
 * end still verifies, so its head is recorded outside the log; parseBackup compares them.
 */
export interface AuditHead {
  readonly caseId: CaseId;
  readonly count: number;
  readonly headHash: string;
}

export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly generator: Generator;
  /** One per case, in the order of records.cases. */
  readonly auditHeads: readonly AuditHead[];
  readonly records: BackupRecords;
}

export type ParsedBackup =
  | { readonly ok: true; readonly backup: Backup }
  | { readonly ok: false; readonly problems: string[] };

export type BackupLimits = TextLimits;

/** How messages name what the file should have been. */
const BACKUP_FILE: FileKind = { name: 'a Framewise backup', short: 'a backup' };

const DEFAULT_LIMITS: BackupLimits = { maxChars: MAX_BACKUP_BYTES, maxDepth: MAX_BACKUP_DEPTH };

const TABLES = [
  'evidence',
  'cases',
  'sets',
  'tracks',
  'events',
  'notes',
  'calibrations',
  'measurements',
  'histories',
  'deletions',
  'audit',
  'settings',
] as const satisfies readonly (keyof BackupRecords)[];
type Table = (typeof TABLES)[number];

/** The backup of these records: each case's audit head is recorded beside its log. */
export function buildBackup(
  records: BackupRecords,
  meta: { readonly now: string; readonly generator: Generator },
): Backup {
  const logs = groupByCase(records.audit);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: meta.now,
    generator: { name: meta.generator.name, version: meta.generator.version },
    auditHeads: records.cases.map((c) => {
      const log = logs.get(c.id) ?? [];
      return { caseId: c.id, count: log.length, headHash: headHash(log) };
    }),
    records: {
      evidence: records.evidence,
      cases: records.cases,
      sets: records.sets,
      tracks: records.tracks,
      events: records.events,
      notes: records.notes,
      calibrations: records.calibrations,
      measurements: records.measurements,
      histories: records.histories,
      deletions: records.deletions,
      audit: records.audit,
      settings: records.settings,
    },
  };
}

/** Checks a backup file's text (see the top of this file); writes nothing. */
export async function parseBackup(
  text: string,
  limits: BackupLimits = DEFAULT_LIMITS,
): Promise<ParsedBackup> {
  const fail = (...problems: string[]): ParsedBackup => ({ ok: false, problems });
  const read = readJson(text, limits, BACKUP_FILE);
  if (!read.ok) return fail(read.problem);
  let value = read.value;

  const refusal = notABackup(value);
  if (refusal) return fail(refusal);
  // An older backup: brought up to this version (backup-upgrade.ts) before the schema check.
  value = upgradeBackup(value as Record<string, unknown>);

  const problems = new Problems();
  validateSchema(value as Record<string, unknown>, problems);
  if (problems.any) return fail(...problems.list());
  const backup = value as Backup;
  await checkIntegrity(backup, problems);
  if (problems.any) return fail(...problems.list());
  return { ok: true, backup };
}

// --- 3: is it a backup at all -------------------------------------------------------------

function notABackup(value: unknown): string | null {
  if (!isObject(value)) {
    return `The file is JSON, but not a Framewise backup: it holds ${kindOf(value)}, not an object.`;
  }
  const { format, version } = value;
  if (format === ANNOTATIONS_FORMAT) {
    return 'This is an annotations export, not a backup: it holds one case for other programs, and cannot be restored.';
  }
  if (format !== BACKUP_FORMAT) {
    return format === undefined
      ? 'The file is JSON, but not a Framewise backup: it has no "format".'
      : `The file is JSON, but not a Framewise backup: its format is ${preview(format)}.`;
  }
  if (version !== BACKUP_VERSION && ![1, 2, 3, 4].includes(version as number)) {
    return typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION
      ? `This backup is version ${version}, made by a newer Framewise; this one reads versions up to ${BACKUP_VERSION}. Update Framewise, then restore it.`
      : `This backup's version is ${preview(version)}; this Framewise reads versions 1 to ${BACKUP_VERSION}.`;
  }
  return null;
}

// --- 4: the schema ------------------------------------------------------------------------

interface Validators {
  readonly envelope: ValidateFunction;
  readonly records: Readonly<Record<Table | 'auditHeads', ValidateFunction>>;
}

/**
 * The file is checked in two steps so that a hostile file with a million bad records cannot
 * make a million error objects: the envelope (everything but the records' items), then each
 * record on its own, stopping once enough problems are found. Generated at build time: one
 * validator per table (and the audit heads), each table's records against its schema
 * definition (named in scripts/build-validators.mjs); the type below fails if a table has none.
 */
function compiled(): Validators {
  return { envelope: generated.envelope, records: generated };
}

function validateSchema(value: Record<string, unknown>, problems: Problems): void {
  const { envelope, records: recordValidators } = compiled();
  if (!envelope(value)) {
    for (const e of envelope.errors ?? []) problems.add(describeError(e, '', BACKUP_FILE));
  }
  // Each list that is a list is checked, whatever else is wrong, to list all that is.
  const records = isObject(value.records) ? value.records : {};
  const lists: [string, unknown, ValidateFunction][] = [
    ['auditHeads', value.auditHeads, recordValidators.auditHeads],
    ...TABLES.map((table): [string, unknown, ValidateFunction] => [
      `records.${table}`,
      records[table],
      recordValidators[table],
    ]),
  ];
  for (const [path, items, validate] of lists) {
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length && !problems.full; i++) {
      if (validate(items[i])) continue;
      for (const e of validate.errors ?? [])
        problems.add(describeError(e, `${path}[${i}]`, BACKUP_FILE));
    }
  }
}

// --- 5: what a schema cannot check -------------------------------------------------------

function groupByCase<T extends { readonly caseId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.caseId);
    if (group) group.push(item);
    else groups.set(item.caseId, [item]);
  }
  return groups;
}

async function checkIntegrity(backup: Backup, problems: Problems): Promise<void> {
  const { records } = backup;
  /** Index of each key's first record; a repeat is a problem. */
  const unique = <T>(
    path: string,
    items: readonly T[],
    field: string,
    keyOf: (item: T) => string,
  ): Map<string, number> => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, i);
      else {
        problems.add(
          `${path}[${i}].${field} ${quoteId(key)} is also the ${field} of ${path}[${earlier}]; ` +
            `each ${field} may appear once.`,
        );
      }
    });
    return first;
  };
  const evidence = unique('records.evidence', records.evidence, 'sha256', (e) => e.sha256);
  const cases = unique('records.cases', records.cases, 'id', (c) => c.id);
  unique('records.tracks', records.tracks, 'id', (t) => t.id);
  unique('records.events', records.events, 'id', (e) => e.id);
  unique('records.notes', records.notes, 'id', (n) => n.id);
  unique('records.calibrations', records.calibrations, 'id', (c) => c.id);
  unique('records.measurements', records.measurements, 'id', (m) => m.id);
  const sets = unique('records.sets', records.sets, 'id', (s) => s.id);
  unique('records.histories', records.histories, 'setId', (h) => h.setId);
  unique('records.deletions', records.deletions, 'deletion', (d) => `${d.caseId} ${d.deletedAt}`);
  unique('records.audit', records.audit, 'id', (e) => e.id);
  unique('records.settings', records.settings, 'key', (s) => s.key);
  const heads = unique('auditHeads', backup.auditHeads, 'caseId', (h) => h.caseId);

  const videosOfCase = new Map<string, Set<string>>();
  records.cases.forEach((c, i) => {
    if (!evidence.has(c.evidenceSha256)) {
      problems.add(
        `records.cases[${i}].evidenceSha256 refers to evidence that is not in the file ` +
          `(case ${quoteName(c.name)}).`,
      );
    }
    const videos = new Set<string>([c.evidenceSha256]);
    c.addedVideos.forEach((v, j) => {
      if (videos.has(v.sha256)) {
        problems.add(`records.cases[${i}].addedVideos[${j}] is a video the case already holds.`);
      } else if (!evidence.has(v.sha256)) {
        problems.add(
          `records.cases[${i}].addedVideos[${j}].sha256 refers to evidence that is not in the ` +
            `file (case ${quoteName(c.name)}).`,
        );
      }
      videos.add(v.sha256);
    });
    videosOfCase.set(c.id, videos);
  });
  // Each set annotates one of its case's videos.
  records.sets.forEach((set, i) => {
    const videos = videosOfCase.get(set.caseId);
    if (videos && !videos.has(set.evidenceSha256)) {
      problems.add(
        `records.sets[${i}].evidenceSha256 is not a video of its case (${quoteId(set.caseId)}).`,
      );
    }
  });
  const ofCase = (path: string, items: readonly { readonly caseId: string }[]) =>
    items.forEach((item, i) => {
      if (!cases.has(item.caseId)) {
        problems.add(
          `${path}[${i}].caseId ${quoteId(item.caseId)} is not the id of any case in the file.`,
        );
      }
    });
  ofCase('records.sets', records.sets);
  ofCase('records.tracks', records.tracks);
  ofCase('records.events', records.events);
  ofCase('records.notes', records.notes);
  ofCase('records.calibrations', records.calibrations);
  ofCase('records.measurements', records.measurements);
  ofCase('records.histories', records.histories);
  const caseOfSet = new Map(records.sets.map((s) => [s.id as string, s.caseId as string]));
  const ofSet = (
    path: string,
    items: readonly { readonly caseId: string; readonly setId: string }[],
  ) =>
    items.forEach((item, i) => {
      if (!sets.has(item.setId)) {
        problems.add(
          `${path}[${i}].setId ${quoteId(item.setId)} is not the id of any annotation set in the file.`,
        );
      } else if (cases.has(item.caseId) && caseOfSet.get(item.setId) !== item.caseId) {
        problems.add(
          `${path}[${i}].setId ${quoteId(item.setId)} is an annotation set of another case.`,
        );
      }
    });
  ofSet('records.tracks', records.tracks);
  ofSet('records.events', records.events);
  ofSet('records.notes', records.notes);
  ofSet('records.calibrations', records.calibrations);
  ofSet('records.measurements', records.measurements);
  ofSet('records.histories', records.histories);
  ofCase('records.audit', records.audit);
  ofCase('auditHeads', backup.auditHeads);
  records.events.forEach((e, i) => {
    if (e.endFrame < e.startFrame) {
      problems.add(
        `records.events[${i}] ends (frame ${e.endFrame}) before it starts (frame ${e.startFrame}).`,
      );
    }
  });
  checkTracks(records, problems);
  checkHistories(records, problems);
  records.audit.forEach((e, i) => {
    const id = `${e.caseId}:${e.seq}`;
    if (e.id !== id)
      problems.add(`records.audit[${i}].id must be ${quoteId(id)}; it is ${quoteId(e.id)}.`);
  });
  for (const c of records.cases) {
    if (!heads.has(c.id)) problems.add(`auditHeads has no entry for case ${quoteName(c.name)}.`);
  }
  if (problems.full) return;
  await checkChains(backup, problems);
}

/** Keyframes in strictly ascending frame order; labels the track's case has. */
function checkTracks(records: BackupRecords, problems: Problems): void {
  const labelsOf = new Map(records.cases.map((c) => [c.id, new Set(c.labels.map((l) => l.id))]));
  records.tracks.forEach((t, i) => {
    t.keyframes.forEach((k, j) => {
      const previous = t.keyframes[j - 1];
      if (previous && k.frame <= previous.frame) {
        problems.add(
          `records.tracks[${i}].keyframes[${j}] (frame ${k.frame}) does not come after the ` +
            `keyframe before it (frame ${previous.frame}); keyframes must be in frame order, once each.`,
        );
      }
    });
    const labels = labelsOf.get(t.caseId);
    if (labels && !labels.has(t.labelId)) {
      problems.add(
        `records.tracks[${i}].labelId ${quoteId(t.labelId)} is not a label of its case.`,
      );
    }
  });
}

/**
 * Every record an undo history would write back belongs to that history's annotation set:
 * else undo in one set (or case) could write into another.
 */
function checkHistories(records: BackupRecords, problems: Problems): void {
  records.histories.forEach((h, i) => {
    const steps = [...h.past, ...h.future];
    steps.forEach((command, j) => {
      for (const change of command.changes) {
        if (change.kind === 'labels' || change.kind === 'sync') continue;
        for (const record of [change.before, change.after]) {
          if (record && (record.caseId !== h.caseId || record.setId !== h.setId)) {
            problems.add(
              `records.histories[${i}] step ${j} changes a ${change.kind} of another ` +
                `annotation set (${quoteId(record.setId)} of case ${quoteId(record.caseId)}); ` +
                `a set's undo history may only change that set.`,
            );
            return;
          }
        }
      }
    });
  });
}

/** Each case's audit log verifies, and ends where the backup recorded it ended. */
async function checkChains(backup: Backup, problems: Problems): Promise<void> {
  const logs = groupByCase(backup.records.audit);
  const indexOf = new Map(backup.records.audit.map((e, i) => [`${e.caseId}\n${e.seq}`, i]));
  const heads = new Map(backup.auditHeads.map((h) => [h.caseId, h]));
  for (const c of backup.records.cases) {
    if (problems.full) return;
    const log = logs.get(c.id) ?? [];
    const verdict = await verifyChain(log);
    const name = `The audit log of case ${quoteName(c.name)}`;
    if (!verdict.ok) {
      const index = indexOf.get(`${c.id}\n${verdict.brokenAt}`);
      const at = index === undefined ? '' : ` (records.audit[${index}])`;
      const entry = verdict.brokenAt >= 0 ? ` at entry ${verdict.brokenAt}${at}` : '';
      problems.add(
        `${name} is broken${entry}: ${verdict.reason}. ` +
          'The file was changed after it was made, or is damaged.',
      );
      continue;
    }
    const head = heads.get(c.id);
    if (!head) continue; // reported above
    if (verdict.count !== head.count) {
      problems.add(
        `${name} has ${plural(verdict.count, 'entry', 'entries')}, but the backup recorded ` +
          `${plural(head.count, 'entry', 'entries')} when it was made: entries were ` +
          `${verdict.count < head.count ? 'removed from' : 'added to'} its end.`,
      );
    } else if (verdict.headHash !== head.headHash) {
      problems.add(
        `${name} does not end with the entry the backup recorded when it was made: ` +
          'its last entry was replaced.',
      );
    }
  }
}
