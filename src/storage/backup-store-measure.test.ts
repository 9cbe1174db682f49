import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEntries, entriesForCommand } from '../core/evidence/audit';
import { buildBackup, parseBackup, type Backup } from '../core/evidence/backup';
import { emptyDocument, recordCommand, type Command } from '../core/annotations/history';
import { frameIndex, type CaseId, type TrackId } from '../core/ids';
import type { Case } from '../core/annotations/model';
import { createMeasurement, saveCalibration } from '../core/measure/measure-commands';
import { ROAD_CALIBRATION } from '../core/measure/measure-test-support';
import { TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET } from '../core/test-support';
import { exportAll, restoreBackup, RestoreConflict } from './backup-store';
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

/** A case holding a scene calibration and a measurement, each logged. */
async function measuredCase(): Promise<FramewiseDatabase> {
  const db = freshDatabase();
  const repo = new Repository(db);
  await repo.saveEvidence(TEST_EVIDENCE);
  await repo.createCase(TEST_CASE);
  await db.sets.add(TEST_SET);
  const where = { caseId: TEST_CASE.id, setId: TEST_SET.id };
  const commands: Command[] = [
    saveCalibration(emptyDocument(), {
      ...where,
      evidenceSha256: TEST_EVIDENCE.sha256,
      inputs: ROAD_CALIBRATION,
      now: TEST_NOW,
    }),
    createMeasurement({
      ...where,
      inputs: {
        kind: 'separation',
        trackIds: ['track_a' as TrackId, 'track_b' as TrackId],
        fromFrame: frameIndex(0),
        toFrame: frameIndex(40),
        toleranceM: 1.5,
      },
      now: TEST_NOW,
    }),
  ];
  let history = { past: [] as readonly Command[], future: [] as readonly Command[] };
  for (const command of commands) {
    history = recordCommand(history, command);
    const meta = { ...where, at: EDITED, examiner: 'A', appVersion: '0.1.0', kind: 'do' as const };
    const audit = await appendEntries(
      await repo.auditHead(TEST_CASE.id),
      entriesForCommand(command, meta),
    );
    await repo.commit(TEST_CASE.id, TEST_SET.id, command.changes, history, audit, EDITED);
  }
  return db;
}

async function backupFile(db: FramewiseDatabase): Promise<Backup> {
  const backup = buildBackup(await exportAll(db), { now: EDITED, generator: GENERATOR });
  const parsed = await parseBackup(JSON.stringify(backup));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.backup;
}

describe('backup and restore of calibrations and measurements', () => {
  it('backs them up and restores them, replace and merge, record for record', async () => {
    const source = await measuredCase();
    const original = await exportAll(source);
    expect(original.calibrations).toHaveLength(1);
    expect(original.measurements).toHaveLength(1);
    const backup = await backupFile(source);
    for (const mode of ['replace', 'merge'] as const) {
      const target = freshDatabase();
      await restoreBackup(target, backup, mode);
      const restored = await exportAll(target);
      expect(restored.calibrations).toEqual(original.calibrations);
      expect(restored.measurements).toEqual(original.measurements);
      const records = await new Repository(target).recordsOf(TEST_SET.id);
      expect(records.history.past).toHaveLength(2);
    }
  });

  it('refuses a merge whose measurement id this browser already uses, writing nothing', async () => {
    const backup = await backupFile(await measuredCase());
    const target = freshDatabase();
    const local: Case = { ...TEST_CASE, id: 'case_local' as CaseId, name: 'Local' };
    await new Repository(target).createCase(local);
    await target.measurements.put({ ...backup.records.measurements[0]!, caseId: local.id });
    const before = await exportAll(target);
    await expect(restoreBackup(target, backup, 'merge')).rejects.toThrow(
      /The backup’s case "Test case" has a measurement with the id "measurement_[^"]+", which this browser already uses\. Nothing was restored\./,
    );
    await expect(restoreBackup(target, backup, 'merge')).rejects.toBeInstanceOf(RestoreConflict);
    expect(await exportAll(target)).toEqual(before);
  });
});
