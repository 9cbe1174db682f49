/**
 * Back up every case of this browser to one file, and restore one. The validator (Ajv and
 * the schema) is loaded only when needed, so it does not weigh on opening the app.
 */
import { sha256Hex } from '../../core/evidence/audit';
import { nowIso } from '../../core/time/clock';
import type { Backup } from '../../core/evidence/backup';
import { describeRestore, type RestoreReport } from '../../storage/backup-store';
import { downloadBlob } from '../download';
import type { Workspace } from './workspace.svelte';

const loadBackup = () => import('../../core/evidence/backup');

/** Writes the backup file, then reads it back and checks it. */
export async function downloadBackup(ws: Workspace): Promise<void> {
  // Each case's audit trail logs the backup, with who made it.
  if (!(await ws.ensureExaminer())) return;
  try {
    const { buildBackup, parseBackup } = await loadBackup();
    const now = nowIso();
    const backup = buildBackup(await ws.repository.exportAll(), {
      now,
      generator: { name: ws.appName, version: ws.appVersion },
    });
    const text = JSON.stringify(backup);
    const day = now.slice(0, 10);
    // Always handed out (a copy beats none, above all when something is wrong), then read back:
    // what would stop it restoring is said at once.
    const fileName = `framewise-backup-${day}.json`;
    downloadBlob(new Blob([text], { type: 'application/json' }), fileName);
    // Each case's audit trail says it left the browser in this file (and which file).
    const sha256 = await sha256Hex(text);
    for (const record of backup.records.cases) {
      await ws.library.log(record.id, {
        action: 'backup.export',
        targetKind: 'backup',
        targetId: null,
        after: { fileName, sha256 },
        detail: fileName,
      });
    }
    // Every case's work is in the file now.
    ws.backupReminder = null;
    const check = await parseBackup(text);
    const count = backup.records.cases.length;
    ws.notice = `Backed up ${count} ${count === 1 ? 'case' : 'cases'} (no video).`;
    if (!check.ok) {
      ws.alert = `The backup was downloaded, but it would not restore as it is: ${check.problems.join(' ')} Keep it, and report this.`;
    }
  } catch (error) {
    ws.alert = `The backup could not be made: ${error instanceof Error ? error.message : String(error)}. Nothing was downloaded.`;
  }
}

/**
 * Reads and checks a backup file before anything is written. Returns it when it is whole and
 * valid; else says what is wrong (at most 20 problems, each naming where) and returns null.
 */
export async function readBackup(ws: Workspace, file: File): Promise<Backup | null> {
  try {
    const { MAX_BACKUP_BYTES, parseBackup } = await loadBackup();
    if (file.size > MAX_BACKUP_BYTES) {
      ws.alert = `"${file.name}" is ${Math.round(file.size / 1e6)} MB, more than a Framewise backup can be (${MAX_BACKUP_BYTES / 1e6} MB). Nothing was restored.`;
      return null;
    }
    const parsed = await parseBackup(await file.text());
    if (parsed.ok) return parsed.backup;
    ws.alert = `"${file.name}" is not a Framewise backup that can be restored, so nothing was written: ${parsed.problems.join(' ')}`;
    return null;
  } catch (error) {
    ws.alert = `"${file.name}" could not be read (${error instanceof Error ? error.message : String(error)}). Nothing was restored.`;
    return null;
  }
}

/** Writes a checked backup: merge adds the cases this browser lacks; replace swaps everything. */
export async function restore(
  ws: Workspace,
  backup: Backup,
  mode: 'merge' | 'replace',
): Promise<RestoreReport | null> {
  if (!(await ws.ensureExaminer())) return null;
  try {
    const report = await ws.repository.restore(backup, mode, {
      at: nowIso(),
      examiner: ws.examiner,
      appVersion: ws.appVersion,
    });
    await ws.refreshCases();
    ws.notice = describeRestore(report).join(' ');
    return report;
  } catch (error) {
    ws.alert = `The backup could not be restored, and nothing was written: ${error instanceof Error ? error.message : String(error)}`;
    return null;
  }
}
