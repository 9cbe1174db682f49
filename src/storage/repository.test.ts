import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRectangleTrack } from '../core/commands';
import { applyCommand, emptyDocument, invert } from '../core/history';
import { frameIndex, pts } from '../core/ids';
import { DEFAULT_LABELS } from '../core/model';
import { TEST_CASE, TEST_EVIDENCE } from '../core/test-support';
import { FramewiseDatabase } from './database';
import { Repository } from './repository';

let db: FramewiseDatabase;

function freshRepository(): Repository {
  db = new FramewiseDatabase(`test-${crypto.randomUUID()}`);
  return new Repository(db);
}

afterEach(async () => {
  await db.delete();
});

const drawn = () =>
  createRectangleTrack(emptyDocument(), {
    caseId: TEST_CASE.id,
    labelId: DEFAULT_LABELS[0]!.id,
    frame: frameIndex(3),
    pts: pts(1536),
    frameMd5: null,
    shape: { kind: 'rectangle', x: 1, y: 2, width: 3, height: 4 },
    now: '2026-01-01T00:00:00.000Z',
  });

describe('Repository', () => {
  it('finds the latest case of an evidence file and its tracks', async () => {
    const repo = freshRepository();
    await repo.saveEvidence(TEST_EVIDENCE);
    await repo.createCase(TEST_CASE);
    await repo.createCase({
      ...TEST_CASE,
      id: 'case_newer' as never,
      modifiedAt: '2026-03-01T00:00:00.000Z',
    });
    expect((await repo.latestCaseFor(TEST_EVIDENCE.sha256))?.id).toBe('case_newer');
    expect(await repo.evidence(TEST_EVIDENCE.sha256)).toEqual(TEST_EVIDENCE);
    expect((await repo.listCases()).map((c) => c.id)).toEqual(['case_newer', TEST_CASE.id]);
  });

  it('commits a command and its inverse, touching the case', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const command = drawn();
    await repo.commit(TEST_CASE.id, command.changes, '2026-02-02T00:00:00.000Z');
    const stored = await repo.tracksOf(TEST_CASE.id);
    expect(stored).toEqual([...applyCommand(emptyDocument(), command).tracks.values()]);
    expect((await repo.listCases())[0]!.modifiedAt).toBe('2026-02-02T00:00:00.000Z');

    await repo.commit(TEST_CASE.id, invert(command).changes, '2026-02-03T00:00:00.000Z');
    expect(await repo.tracksOf(TEST_CASE.id)).toEqual([]);
  });

  it('writes nothing of a command when part of it fails', async () => {
    const repo = freshRepository();
    await repo.createCase(TEST_CASE);
    const good = drawn().changes[0]!;
    // A record IndexedDB cannot store (a function) fails the second write of the transaction.
    const bad = {
      ...drawn().changes[0]!,
      after: { ...good.after!, id: 'track_bad', poison: () => 1 } as never,
    };
    await expect(
      repo.commit(TEST_CASE.id, [good, bad], '2026-02-02T00:00:00.000Z'),
    ).rejects.toThrow();
    expect(await repo.tracksOf(TEST_CASE.id)).toEqual([]);
  });
});
