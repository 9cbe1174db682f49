import { describe, expect, it } from 'vitest';
import { backupReminderDue, unsavedWork } from './backup-reminder';
import type { AuditAction } from './audit';

const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 11, day, hour)).toISOString();
const entry = (action: AuditAction, day: number, hour = 12) => ({ action, at: at(day, hour) });

describe('the backup reminder', () => {
  const now = at(20);

  it('is due when work no file holds is more than a week old', () => {
    const log = [entry('case.create', 10), entry('track.create', 11), entry('track.edit', 19)];
    expect(backupReminderDue(log, now)).toEqual({ since: at(10), changes: 3, days: 10 });
  });

  it('is not due at exactly a week, and is just after', () => {
    const log = [entry('track.create', 13)];
    expect(backupReminderDue(log, now)).toBeNull();
    expect(backupReminderDue(log, new Date(Date.parse(at(20)) + 1).toISOString())).not.toBeNull();
  });

  it('counts from the first change after the last backup or export', () => {
    const log = [
      entry('track.create', 1),
      entry('backup.export', 2),
      entry('note.create', 15),
      entry('track.edit', 16),
    ];
    expect(unsavedWork(log, now)).toEqual({ since: at(15), changes: 2, days: 5 });
    expect(backupReminderDue(log, now)).toBeNull();
    expect(backupReminderDue([...log.slice(0, 2), entry('note.create', 3)], now)?.days).toBe(17);
  });

  it('is never due once everything is in a file (an export, a backup or a restore)', () => {
    for (const saved of ['export', 'backup.export', 'backup.restore'] as const) {
      expect(backupReminderDue([entry('track.create', 1), entry(saved, 2)], now)).toBeNull();
    }
  });

  it('does not take opening a case (its hash check) for work', () => {
    const log = [entry('track.create', 1), entry('export', 2), entry('evidence.hash-check', 3)];
    expect(unsavedWork(log, now)).toBeNull();
  });

  it('has nothing to say of an empty log', () => {
    expect(backupReminderDue([], now)).toBeNull();
  });
});
