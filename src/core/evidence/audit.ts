import { canonicalJson } from './canonical-json';
import type { Change, Command } from '../annotations/history';
import type { CaseId } from '../ids';

/**
 * An append-only, hash-chained audit log, one chain per case. Each entry's hash covers its
 * whole content, the previous entry's hash included, so changing, removing or reordering an
 * entry breaks every link after it.
 *
 * What the chain cannot show on its own: entries cut off the END. A shortened log is still a
 * valid chain, with an earlier head. The head hash must therefore be recorded outside the log
 * (in every export, report and backup) and compared with `verifyChain(...).headHash` later.
 * Nor does it stop someone rewriting the whole log and recomputing every hash: it is tamper-
 * evident against anyone who cannot also change the recorded head hashes, not a signature.
 *
 * Every field but `hash` is hashed, so store entries exactly as returned: a store that adds a
 * field to the object (an auto-increment key) makes it fail verification. Key it by `id`.
 */

/** What an entry records. Add new actions here; stored logs keep whatever they hold. */
export const AUDIT_ACTIONS = [
  'case.create',
  'case.rename',
  'case.edit',
  'case.delete',
  'evidence.ingest',
  'evidence.edit',
  'evidence.hash-check',
  'set.create',
  'set.edit',
  'import',
  'track.create',
  'track.edit',
  'track.delete',
  'event.create',
  'event.edit',
  'event.delete',
  'note.create',
  'note.edit',
  'note.delete',
  'calibration.create',
  'calibration.edit',
  'calibration.delete',
  'measurement.create',
  'measurement.edit',
  'measurement.delete',
  'labels.edit',
  'sync.edit',
  'video.add',
  'undo',
  'redo',
  'export',
  'backup.export',
  'backup.restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** `${caseId}:${seq}`: unique, and the same whenever the same log is rebuilt. */
  readonly id: string;
  readonly caseId: CaseId;
  /** 0-based, consecutive within the case. */
  readonly seq: number;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly examiner: string;
  readonly action: AuditAction;
  /** 'track', 'event', 'note', 'labels', 'case', 'evidence', 'export'… */
  readonly targetKind: string;
  readonly targetId: string | null;
  /** The record before and after (JSON values), null where there is none. */
  readonly before: unknown;
  readonly after: unknown;
  readonly appVersion: string;
  /** Plain words: the command name, an export's file name. */
  readonly detail: string | null;
  /** The previous entry's hash; GENESIS_HASH for entry 0. */
  readonly prevHash: string;
  /** Lower-case hex SHA-256 of canonicalJson(the entry without `hash`). */
  readonly hash: string;
}

/** An entry as the app states it; the chain fills in the rest. */
export type AuditDraft = Omit<AuditEntry, 'id' | 'seq' | 'prevHash' | 'hash'>;

export type ChainVerdict =
  | { readonly ok: true; readonly count: number; readonly headHash: string }
  | {
      readonly ok: false;
      readonly count: number;
      /** seq of the first entry found wrong (or missing); -1 when a seq is not a number. */
      readonly brokenAt: number;
      readonly reason: string;
    };

/** The previous-hash of entry 0, and the head hash of an empty log. */
export const GENESIS_HASH = '0'.repeat(64);

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/**
 * Hex SHA-256 of the text's UTF-8 bytes. A lone surrogate would be encoded as U+FFFD, so hash
 * only text canonicalJson accepted (it refuses them).
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The hash an entry should carry: over every field but `hash`, including any a later version
 * adds, so an older reader still verifies newer entries. Rejects (TypeError) when the entry
 * holds something that is not JSON.
 */
export async function hashEntry(entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  const body: Record<string, unknown> = { ...entry };
  delete body.hash;
  return sha256Hex(canonicalJson(body));
}

/** Exactly an entry's fields, in a readable order (the hash does not depend on it). */
const unsigned = (e: Omit<AuditEntry, 'hash'>): Omit<AuditEntry, 'hash'> => ({
  id: e.id,
  caseId: e.caseId,
  seq: e.seq,
  at: e.at,
  examiner: e.examiner,
  action: e.action,
  targetKind: e.targetKind,
  targetId: e.targetId,
  before: e.before,
  after: e.after,
  appVersion: e.appVersion,
  detail: e.detail,
  prevHash: e.prevHash,
});

/**
 * Chains drafts onto the log whose last entry is `previous` (null for a new log). Each entry
 * holds a copy parsed back from the canonical text it was hashed over, so what is stored is
 * exactly what was hashed, and later edits to the draft's records cannot reach it. Fields a
 * draft has beyond AuditDraft are dropped, not hashed.
 */
export async function appendEntries(
  previous: AuditEntry | null,
  drafts: readonly AuditDraft[],
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let last = previous;
  for (const draft of drafts) {
    if (last && draft.caseId !== last.caseId) {
      throw new RangeError(`audit entry for case ${draft.caseId} appended to case ${last.caseId}`);
    }
    if (!ISO_UTC.test(draft.at))
      throw new RangeError(`audit time is not ISO 8601 UTC: ${draft.at}`);
    const seq = last ? last.seq + 1 : 0;
    const id = `${draft.caseId}:${seq}`;
    const text = canonicalJson(
      unsigned({ ...draft, id, seq, prevHash: last ? last.hash : GENESIS_HASH }),
    );
    const entry: AuditEntry = {
      ...unsigned(JSON.parse(text) as Omit<AuditEntry, 'hash'>),
      hash: await sha256Hex(text),
    };
    entries.push(entry);
    last = entry;
  }
  return entries;
}

export interface CommandMeta {
  readonly caseId: CaseId;
  readonly at: string;
  readonly examiner: string;
  readonly appVersion: string;
  readonly kind: 'do' | 'undo' | 'redo';
}

function actionOf(change: Change): AuditAction {
  if (change.kind === 'labels' || change.kind === 'sync') return `${change.kind}.edit`;
  const verb = change.before === null ? 'create' : change.after === null ? 'delete' : 'edit';
  return `${change.kind}.${verb}`;
}

/**
 * One draft per record change. Pass the command as applied: for undo that is the inverted
 * command undoStep returns, so undoing "create track" is logged as the track's deletion, with
 * "create track (undo)" as its detail. An empty command gives no drafts.
 */
export function entriesForCommand(command: Command, meta: CommandMeta): AuditDraft[] {
  const detail = meta.kind === 'do' ? command.name : `${command.name} (${meta.kind})`;
  return command.changes.map((change) => ({
    caseId: meta.caseId,
    at: meta.at,
    examiner: meta.examiner,
    action: actionOf(change),
    targetKind: change.kind,
    targetId: change.kind === 'labels' || change.kind === 'sync' ? null : change.id,
    before: change.before,
    after: change.after,
    appVersion: meta.appVersion,
    detail,
  }));
}

/** The hash of the entry with the highest seq (GENESIS_HASH when empty); does not verify. */
export function headHash(entries: readonly AuditEntry[]): string {
  let head: AuditEntry | null = null;
  for (const entry of entries) if (!head || entry.seq > head.seq) head = entry;
  return head ? head.hash : GENESIS_HASH;
}

const missing = (from: number, to: number): string =>
  from === to ? `entry ${from} is missing` : `entries ${from} to ${to} are missing`;

/**
 * Checks a whole log, in any order (sorted by seq here, the input untouched): one case,
 * seq 0, 1, 2… without gaps or repeats, each hash matching its entry, each entry linked to
 * the one before. Reports the first fault in plain words. An ok verdict's headHash must still
 * be compared with one recorded elsewhere: a log cut short at the end verifies.
 */
export async function verifyChain(entries: readonly AuditEntry[]): Promise<ChainVerdict> {
  const count = entries.length;
  const broken = (brokenAt: number, reason: string): ChainVerdict => ({
    ok: false,
    count,
    brokenAt,
    reason,
  });
  const bad = entries.find((e) => !Number.isSafeInteger(e.seq) || e.seq < 0);
  if (bad) return broken(-1, `an entry has no valid sequence number (${String(bad.seq)})`);
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const stranger = sorted.find((e) => e.caseId !== sorted[0]?.caseId);
  if (stranger) return broken(stranger.seq, 'entries belong to different cases');

  // Hash everything at once (WebCrypto works off the main thread), then walk in order. A value
  // that is not JSON (NaN written into a stored entry) is a change too: keep its message.
  const hashes = await Promise.all(
    sorted.map((entry) =>
      hashEntry(entry).catch((error: unknown) => {
        if (error instanceof TypeError) return error;
        throw error;
      }),
    ),
  );
  let previous: AuditEntry | null = null;
  for (const [i, entry] of sorted.entries()) {
    const expected = previous ? previous.seq + 1 : 0;
    if (entry.seq < expected) return broken(entry.seq, `entry ${entry.seq} appears twice`);
    if (entry.seq > expected) {
      const jump = previous
        ? `the sequence jumps from ${previous.seq} to ${entry.seq}`
        : `the log starts at entry ${entry.seq}`;
      return broken(expected, `${missing(expected, entry.seq - 1)}: ${jump}`);
    }
    const hash = hashes[i];
    if (hash instanceof TypeError) {
      return broken(entry.seq, `entry ${entry.seq} was changed: ${hash.message}`);
    }
    if (hash !== entry.hash) {
      return broken(
        entry.seq,
        `entry ${entry.seq} was changed: its hash does not match its contents`,
      );
    }
    if (entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)) {
      return broken(
        entry.seq,
        previous
          ? `entry ${entry.seq} does not follow entry ${previous.seq}: its previous-hash is wrong`
          : 'entry 0 does not start the log: its previous-hash is not the starting value',
      );
    }
    previous = entry;
  }
  return { ok: true, count, headHash: previous ? previous.hash : GENESIS_HASH };
}
