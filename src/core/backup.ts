/**
 * The backup file: every case of this browser's Framewise in one JSON file (never the video),
 * and the checks that stand between such a file and the database.
 *
 * Imports: core, and Ajv, a pure JSON Schema validator (no DOM, no I/O), which this module may
 * use as core. Ajv compiles the schema into a function with `new Function`; the app sets no
 * Content-Security-Policy that forbids it. The schema is `schemas/backup.schema.json`.
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
import Ajv, { type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import { headHash, verifyChain, type AuditEntry } from './audit';
import type { Generator } from './export-json';
import { ANNOTATIONS_FORMAT } from './export-json';
import type { Command } from './history';
import type { CaseId } from './ids';
import type { AnnotationEvent, Case, Evidence, Note, Track } from './model';
import backupSchema from './schemas/backup.schema.json';

export const BACKUP_FORMAT = 'framewise.backup';
export const BACKUP_VERSION = 1;
/** The largest backup read, in characters of text (about bytes); check File.size first. */
export const MAX_BACKUP_BYTES = 500_000_000;
/** The deepest nesting of lists and objects read. A backup needs about 15 levels. */
export const MAX_BACKUP_DEPTH = 64;
/** The most problems listed for one file. */
export const MAX_PROBLEMS = 20;

/** A case's undo and redo stacks (as storage keeps them: StoredHistory). */
export interface BackupHistory {
  readonly caseId: CaseId;
  readonly past: readonly Command[];
  readonly future: readonly Command[];
}

/** One setting of this browser's Framewise (as storage keeps it: StoredSetting). */
export interface BackupSetting {
  readonly key: string;
  readonly value: string | number | boolean;
}

/** Every stored record, by table. */
export interface BackupRecords {
  readonly evidence: readonly Evidence[];
  readonly cases: readonly Case[];
  readonly tracks: readonly Track[];
  readonly events: readonly AnnotationEvent[];
  readonly notes: readonly Note[];
  readonly history: readonly BackupHistory[];
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

export interface BackupLimits {
  /** Longest text read, in characters. */
  readonly maxChars: number;
  /** Deepest nesting of lists and objects. */
  readonly maxDepth: number;
}

const DEFAULT_LIMITS: BackupLimits = { maxChars: MAX_BACKUP_BYTES, maxDepth: MAX_BACKUP_DEPTH };

const TABLES = [
  'evidence',
  'cases',
  'tracks',
  'events',
  'notes',
  'history',
  'audit',
  'settings',
] as const satisfies readonly (keyof BackupRecords)[];
type Table = (typeof TABLES)[number];

/** The schema definition each table's records (and the audit heads) are checked against. */
const DEFINITION: Readonly<Record<Table | 'auditHeads', string>> = {
  evidence: 'evidence',
  cases: 'case',
  tracks: 'track',
  events: 'event',
  notes: 'note',
  history: 'history',
  audit: 'auditEntry',
  settings: 'setting',
  auditHeads: 'auditHead',
};

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
      tracks: records.tracks,
      events: records.events,
      notes: records.notes,
      history: records.history,
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
  if (text.length > limits.maxChars) {
    return fail(
      `The file is too large to be a Framewise backup: ${words(text.length)} characters, ` +
        `and a backup is at most ${words(limits.maxChars)}.`,
    );
  }
  // A byte-order mark is not JSON, but editors write one.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fail('The file is empty.');

  const scan = scanNesting(body, limits.maxDepth);
  if (scan.tooDeepAt !== null) {
    return fail(
      `The file nests lists or objects more than ${limits.maxDepth} levels deep ` +
        `(at character ${words(scan.tooDeepAt + 1)}). A Framewise backup never does: ` +
        'the file is damaged or is not a backup.',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return fail(jsonProblem(body, scan, error));
  }

  const refusal = notABackup(value);
  if (refusal) return fail(refusal);

  const problems = new Problems();
  validateSchema(value as Record<string, unknown>, problems);
  if (problems.any) return fail(...problems.list());
  const backup = value as Backup;
  await checkIntegrity(backup, problems);
  if (problems.any) return fail(...problems.list());
  return { ok: true, backup };
}

// --- 1 and 2: size, nesting, JSON ---------------------------------------------------------

interface NestingScan {
  /** Index of the bracket that went one level too deep; null if none. */
  readonly tooDeepAt: number | null;
  /**
   * Whether the text ends inside a string, or with lists or objects open, every bracket
   * before having closed the one it should: text cut short, not garbled.
   */
  readonly cutShort: boolean;
}

/**
 * Follows the nesting of [ and { outside strings, without parsing: linear, no recursion, and
 * it stops at the first bracket too deep, so deep nesting never reaches JSON.parse (or a
 * recursive validator after it).
 */
function scanNesting(text: string, maxDepth: number): NestingScan {
  const open: number[] = []; // the closing bracket each open list or object expects
  let inString = false;
  let mismatched = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (open.length === maxDepth) return { tooDeepAt: i, cutShort: false };
      open.push(c + 2); // [ → ], { → }
    } else if (c === 0x5d || c === 0x7d) {
      if (open.pop() !== c) mismatched = true;
    }
  }
  return { tooDeepAt: null, cutShort: !mismatched && (inString || open.length > 0) };
}

/** Line and column (1-based) of a character index. */
function lineAndColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${words(line)}, column ${words(index - lineStart + 1)}`;
}

function jsonProblem(text: string, scan: NestingScan, error: unknown): string {
  if (scan.cutShort) {
    return (
      `The file is not complete JSON (it ends at character ${words(text.length)}). ` +
      'It was probably cut short while being saved, copied or downloaded.'
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  // V8 says "… at position N"; other engines word it differently, or give no place.
  const position = /position (\d+)/.exec(message);
  const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
  return `The file is not valid JSON${where}, so it is not a Framewise backup (the reader said: ${clip(message, 200)}).`;
}

// --- 3: is it a backup at all -------------------------------------------------------------

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

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
  if (version !== BACKUP_VERSION) {
    return typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION
      ? `This backup is version ${version}, made by a newer Framewise; this one reads version ${BACKUP_VERSION}. Update Framewise, then restore it.`
      : `This backup's version is ${preview(version)}; this Framewise reads version ${BACKUP_VERSION}.`;
  }
  return null;
}

// --- 4: the schema ------------------------------------------------------------------------

interface Validators {
  readonly envelope: ValidateFunction;
  readonly records: Readonly<Record<Table | 'auditHeads', ValidateFunction>>;
}

let validators: Validators | null = null;

/**
 * Compiled once, on first use. The file is checked in two steps so that a hostile file with a
 * million bad records cannot make a million error objects: the envelope (everything but the
 * records' items), then each record on its own, stopping once enough problems are found.
 */
function compiled(): Validators {
  if (validators) return validators;
  const ajv = new Ajv({
    allErrors: true,
    verbose: true, // errors carry their schema, whose description words the problem
    strict: true,
    allowUnionTypes: true,
    discriminator: true,
  });
  const schema = backupSchema as unknown as {
    $id: string;
    properties: {
      auditHeads: { items?: unknown };
      records: { properties: Record<Table, { items?: unknown }> };
    };
  };
  ajv.addSchema(schema as AnySchema);
  const envelope = structuredClone(schema) as Partial<typeof schema>;
  delete envelope.$id;
  delete envelope.properties!.auditHeads.items;
  for (const table of TABLES) delete envelope.properties!.records.properties[table].items;
  const definition = (name: string): ValidateFunction => {
    const validate = ajv.getSchema(`${schema.$id}#/definitions/${name}`);
    if (!validate) throw new Error(`backup schema has no definition ${name}`);
    return validate;
  };
  validators = {
    envelope: ajv.compile(envelope as AnySchema),
    records: Object.fromEntries(
      Object.entries(DEFINITION).map(([table, name]) => [table, definition(name)]),
    ) as Validators['records'],
  };
  return validators;
}

function validateSchema(value: Record<string, unknown>, problems: Problems): void {
  const { envelope, records: recordValidators } = compiled();
  if (!envelope(value)) {
    for (const e of envelope.errors ?? []) problems.add(describeError(e, ''));
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
      for (const e of validate.errors ?? []) problems.add(describeError(e, `${path}[${i}]`));
    }
  }
}

/** Problems, kept in order without repeats; stops taking them past MAX_PROBLEMS. */
class Problems {
  readonly #seen = new Set<string>();
  readonly #list: string[] = [];

  add(problem: string | null): void {
    if (problem === null || this.full || this.#seen.has(problem)) return;
    this.#seen.add(problem);
    this.#list.push(problem);
  }

  get any(): boolean {
    return this.#list.length > 0;
  }

  /** One past the limit, so there is a way to know that more were left out. */
  get full(): boolean {
    return this.#list.length > MAX_PROBLEMS;
  }

  list(): string[] {
    if (!this.full) return [...this.#list];
    const shown = this.#list.slice(0, MAX_PROBLEMS - 1);
    return [...shown, `…and more problems; the first ${shown.length} are listed.`];
  }
}

interface SchemaNode {
  readonly description?: string;
  readonly oneOf?: readonly { readonly properties?: Record<string, { const?: unknown }> }[];
}

/** Keywords about the value itself: the schema's description says what it must be. */
const VALUE_KEYWORDS = new Set([
  'type',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'minLength',
  'maxLength',
  'enum',
  'const',
]);

/** One schema error in plain words; null for those that only repeat their sub-errors. */
function describeError(error: ErrorObject, base: string): string | null {
  // if/then, oneOf and allOf report their failing branch's errors too; propertyNames the key.
  if (['if', 'oneOf', 'anyOf', 'allOf', 'not'].includes(error.keyword)) return null;
  if (error.schemaPath.includes('/propertyNames/')) return null;
  const path = pathOf(base, error.instancePath);
  const where = path || 'The file';
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  const limit = typeof params.limit === 'number' ? words(params.limit) : '';
  switch (error.keyword) {
    case 'required':
      return `${member(path, String(params.missingProperty))} is missing.`;
    case 'additionalProperties':
      return `${where} has a field ${quoteKey(String(params.additionalProperty))}, which a Framewise backup does not have.`;
    case 'propertyNames':
      return `${where} has a key that is not allowed: ${quoteKey(String(params.propertyName))}.`;
    case 'discriminator': {
      const tag = String(params.tag);
      const kinds = (parent.oneOf ?? []).map((s) => s.properties?.[tag]?.const).join(', ');
      const value = (error.data as Record<string, unknown> | null)?.[tag];
      const is = value === undefined ? '; it is missing' : `; it is ${preview(value)}`;
      return `${member(path, tag)} must be one of ${kinds}${is}.`;
    }
    case 'maxItems':
      return `${where} has more than ${limit} items.`;
    case 'minItems':
      return `${where} must have at least ${limit} items; it has ${words((error.data as unknown[]).length)}.`;
    case 'maxProperties':
      return `${where} has more than ${limit} entries.`;
  }
  if (VALUE_KEYWORDS.has(error.keyword) && parent.description) {
    return `${where} must be ${parent.description}; it is ${preview(error.data)}.`;
  }
  return `${where} ${error.message ?? 'is wrong'}; it is ${preview(error.data)}.`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `records.tracks[3]` + `.frame`, or `["odd key"]`. */
function member(path: string, key: string): string {
  if (/^(0|[1-9]\d*)$/.test(key)) return `${path}[${key}]`;
  const step = IDENTIFIER.test(key) ? key : `[${quoteKey(key)}]`;
  if (!path) return step.startsWith('[') ? `the file${step}` : step;
  return step.startsWith('[') ? `${path}${step}` : `${path}.${step}`;
}

/** A JSON Pointer (`/records/tracks/3/frame`) as a path (`records.tracks[3].frame`); '' at the top. */
function pathOf(base: string, pointer: string): string {
  let path = base;
  for (const raw of pointer.split('/').slice(1)) {
    path = member(path, raw.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  return path;
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
  unique('records.history', records.history, 'caseId', (h) => h.caseId);
  unique('records.audit', records.audit, 'id', (e) => e.id);
  unique('records.settings', records.settings, 'key', (s) => s.key);
  const heads = unique('auditHeads', backup.auditHeads, 'caseId', (h) => h.caseId);

  records.cases.forEach((c, i) => {
    if (!evidence.has(c.evidenceSha256)) {
      problems.add(
        `records.cases[${i}].evidenceSha256 refers to evidence that is not in the file ` +
          `(case ${quoteName(c.name)}).`,
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
  ofCase('records.tracks', records.tracks);
  ofCase('records.events', records.events);
  ofCase('records.notes', records.notes);
  ofCase('records.history', records.history);
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
 * Every record an undo history would write back belongs to that history's case: else undo
 * in one case could write into another.
 */
function checkHistories(records: BackupRecords, problems: Problems): void {
  records.history.forEach((h, i) => {
    const steps = [...h.past, ...h.future];
    steps.forEach((command, j) => {
      for (const change of command.changes) {
        if (change.kind === 'labels') continue;
        for (const record of [change.before, change.after]) {
          if (record && record.caseId !== h.caseId) {
            problems.add(
              `records.history[${i}] step ${j} changes a ${change.kind} of another case ` +
                `(${quoteId(record.caseId)}); a case's undo history may only change that case.`,
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

// --- words --------------------------------------------------------------------------------

/** 1234567 → "1,234,567". */
function words(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const plural = (n: number, one: string, many: string) => `${words(n)} ${n === 1 ? one : many}`;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A name as quoted in a message: shown as text, a long one cut short. */
const quoteName = (name: string) => JSON.stringify(clip(name, 40));

const quoteKey = (key: string) => JSON.stringify(clip(key, 40));

const quoteId = (id: string) => JSON.stringify(clip(id, 80));

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return 'an object';
  }
}

/** A short, safe rendering of a value for a message. */
function preview(value: unknown): string {
  if (typeof value === 'string') {
    return value.length <= 40 ? JSON.stringify(value) : `text of ${words(value.length)} characters`;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : 'a number too large to hold';
  }
  if (typeof value === 'boolean') return String(value);
  if (value === undefined) return 'missing';
  return kindOf(value);
}
