/**
 * When to remind the examiner to back up (issue 19, point 5): a case has work that no file
 * holds (no backup or export since it was done), and the oldest such work is more than a week
 * old. The browser's storage is the only copy of that work; a week is long enough not to
 * nag through a day's work and short enough that a lost profile costs little.
 */
import type { AuditAction, AuditEntry } from './audit';

export const BACKUP_REMINDER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Entries that put the case's work in a file (or came from one). */
const SAVED_TO_FILE: ReadonlySet<AuditAction> = new Set([
  'export',
  'backup.export',
  'backup.restore',
]);
/** Entries that change nothing of the case: opening it (its video's hash checked). */
const NOT_WORK: ReadonlySet<AuditAction> = new Set(['evidence.hash-check']);

export interface UnsavedWork {
  /** When the oldest work no file holds was done (ISO 8601 UTC). */
  readonly since: string;
  /** How many audited changes no file holds. */
  readonly changes: number;
  /** Whole days since `since`. */
  readonly days: number;
}

/** The work no file holds, from the case's audit log in order (null: all of it is in a file). */
export function unsavedWork(
  entries: readonly Pick<AuditEntry, 'action' | 'at'>[],
  /** ISO 8601 UTC (core/time/clock `nowIso`; a test passes its own). */
  now: string,
): UnsavedWork | null {
  let first: string | null = null;
  let changes = 0;
  for (const entry of entries) {
    if (SAVED_TO_FILE.has(entry.action)) {
      first = null;
      changes = 0;
    } else if (!NOT_WORK.has(entry.action)) {
      first ??= entry.at;
      changes += 1;
    }
  }
  if (first === null) return null;
  const days = Math.floor((Date.parse(now) - Date.parse(first)) / DAY_MS);
  return { since: first, changes, days };
}

/** The reminder, when due: work no file holds that is older than a week. */
export function backupReminderDue(
  entries: readonly Pick<AuditEntry, 'action' | 'at'>[],
  now: string,
): UnsavedWork | null {
  const work = unsavedWork(entries, now);
  return work && Date.parse(now) - Date.parse(work.since) > BACKUP_REMINDER_DAYS * DAY_MS
    ? work
    : null;
}
