import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEntries, entriesForCommand, verifyChain } from '../core/evidence/audit';
import {
  applyCommand,
  emptyDocument,
  emptyHistory,
  invert,
  recordCommand,
  type Command,
} from '../core/annotations/history';
import { frameIndex, type TrackId } from '../core/ids';
import { DEFAULT_ANCHOR, groundAnchorOf } from '../core/measure/ground-point';
import {
  createMeasurement,
  saveCalibration,
  setGroundAnchor,
} from '../core/measure/measure-commands';
import { ROAD_CALIBRATION } from '../core/measure/measure-test-support';
import { TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET } from '../core/test-support';
import { FramewiseDatabase } from './database';
import { AuditHeadMoved, Repository } from './repository';

const databases: FramewiseDatabase[] = [];
afterEach(async () => {
  for (const db of databases.splice(0)) await db.delete();
});

async function freshRepository(): Promise<Repository> {
  const db = new FramewiseDatabase(`test-${crypto.randomUUID()}`);
  databases.push(db);
  const repo = new Repository(db);
  await repo.saveEvidence(TEST_EVIDENCE);
  await repo.createCase(TEST_CASE);
  await db.sets.add(TEST_SET);
  return repo;
}

const COMMITTED = '2026-02-02T00:00:00.000Z';
const meta = (kind: 'do' | 'undo' = 'do') => ({
  caseId: TEST_CASE.id,
  at: COMMITTED,
  examiner: 'A. Examiner',
  appVersion: 'test',
  kind,
});

/** Calibrate the road, then measure the vehicle's speed: one command. */
function calibrateAndMeasure(): Command {
  const calibrate = saveCalibration(emptyDocument(), {
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    evidenceSha256: TEST_EVIDENCE.sha256,
    inputs: ROAD_CALIBRATION,
    now: TEST_NOW,
  });
  const measure = createMeasurement({
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    inputs: {
      kind: 'speed',
      trackIds: ['track_vehicle' as TrackId],
      fromFrame: frameIndex(0),
      toFrame: frameIndex(49),
    },
    now: TEST_NOW,
  });
  return { name: 'calibrate and measure', changes: [...calibrate.changes, ...measure.changes] };
}

describe('Repository: scene calibrations and measurements', () => {
  it('stores them with the set’s other records and audit entries, and undoes them', async () => {
    const repo = await freshRepository();
    const command = calibrateAndMeasure();
    const doc = applyCommand(emptyDocument(), command);
    const audit = await appendEntries(null, entriesForCommand(command, meta()));
    const history = recordCommand(emptyHistory(), command);
    await repo.commit(TEST_CASE.id, TEST_SET.id, command.changes, history, audit, COMMITTED);

    const records = await repo.recordsOf(TEST_SET.id);
    expect(records.calibrations).toEqual([...doc.calibrations.values()]);
    expect(records.measurements).toEqual([...doc.measurements.values()]);
    expect(records.history.past).toEqual([command]);
    expect((await repo.auditOf(TEST_CASE.id)).map((e) => e.action)).toEqual([
      'calibration.create',
      'measurement.create',
    ]);

    const undo = invert(command);
    const more = await appendEntries(audit.at(-1)!, entriesForCommand(undo, meta('undo')));
    await repo.commit(TEST_CASE.id, TEST_SET.id, undo.changes, emptyHistory(), more, COMMITTED);
    expect(await repo.recordsOf(TEST_SET.id)).toMatchObject({ calibrations: [], measurements: [] });
    const log = await repo.auditOf(TEST_CASE.id);
    expect(log.map((e) => e.action)).toEqual([
      'calibration.create',
      'measurement.create',
      'measurement.delete',
      'calibration.delete',
    ]);
    expect(await verifyChain(log)).toMatchObject({ ok: true, count: 4 });
  });

  it('writes neither record when the audit entries cannot be chained', async () => {
    const repo = await freshRepository();
    const command = calibrateAndMeasure();
    const first = await appendEntries(null, entriesForCommand(command, meta()));
    await repo.commit(TEST_CASE.id, TEST_SET.id, [], emptyHistory(), first, COMMITTED);
    // Chained on the genesis again: the stored head has moved.
    const stale = await appendEntries(null, entriesForCommand(command, meta()));
    await expect(
      repo.commit(TEST_CASE.id, TEST_SET.id, command.changes, emptyHistory(), stale, COMMITTED),
    ).rejects.toBeInstanceOf(AuditHeadMoved);
    expect(await repo.recordsOf(TEST_SET.id)).toMatchObject({ calibrations: [], measurements: [] });
  });

  it('keeps each set’s records apart, and deletes them with their case', async () => {
    const repo = await freshRepository();
    const command = calibrateAndMeasure();
    await repo.commit(TEST_CASE.id, TEST_SET.id, command.changes, emptyHistory(), [], COMMITTED);
    const other = { ...TEST_SET, id: 'set_other' as typeof TEST_SET.id };
    await repo.db.sets.add(other);
    expect(await repo.recordsOf(other.id)).toMatchObject({ calibrations: [], measurements: [] });

    await repo.deleteCase(TEST_CASE.id, { at: COMMITTED, examiner: 'C', appVersion: 'test' });
    expect(await repo.db.calibrations.count()).toBe(0);
    expect(await repo.db.measurements.count()).toBe(0);
  });

  it('reads a calibration stored before ground points existed as having none, then sets one', async () => {
    const repo = await freshRepository();
    // As version 12 of the database stored it: no groundAnchors field at all.
    expect('groundAnchors' in ROAD_CALIBRATION).toBe(false);
    await repo.db.calibrations.add(ROAD_CALIBRATION);
    const [old] = (await repo.recordsOf(TEST_SET.id)).calibrations;
    expect(old).toEqual(ROAD_CALIBRATION);
    const vehicle = { id: 'track_vehicle' as TrackId, labelId: TEST_CASE.labels[0]!.id };
    expect(groundAnchorOf(old!, vehicle)).toEqual(DEFAULT_ANCHOR);

    const command = setGroundAnchor(old!, { track: vehicle.id }, { u: 0.5, v: 0 }, COMMITTED);
    const audit = await appendEntries(null, entriesForCommand(command, meta()));
    await repo.commit(TEST_CASE.id, TEST_SET.id, command.changes, emptyHistory(), audit, COMMITTED);
    const [now] = (await repo.recordsOf(TEST_SET.id)).calibrations;
    expect(groundAnchorOf(now!, vehicle)).toEqual({ u: 0.5, v: 0 });
    expect(now!.groundAnchors).toEqual({
      byLabel: {},
      byTrack: { [vehicle.id]: { u: 0.5, v: 0 } },
    });
  });
});
