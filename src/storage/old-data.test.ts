/**
 * The upgrade to several videos per case (database version 13, backup version 5), on real
 * data of the version before: a database and a backup that Framewise at commit c9ed6c2 wrote
 * (tests/fixtures/old-v12/, made by its capture script): the sample clip, a drawn box, an
 * event and a DVR clock calibration, with their audit log and undo history.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../core/evidence/audit';
import { parseBackup } from '../core/evidence/backup';
import type { CaseId } from '../core/ids';
import { EMPTY_SYNC } from '../core/sync/model';
import { restoreBackup } from './backup-store';
import { FramewiseDatabase } from './database';
import { Repository } from './repository';

const FIXTURES = new URL('../../tests/fixtures/old-v12/', import.meta.url);

interface StoreDump {
  readonly name: string;
  readonly keyPath: string | string[];
  readonly autoIncrement: boolean;
  readonly indexes: {
    name: string;
    keyPath: string | string[];
    unique: boolean;
    multiEntry: boolean;
  }[];
  readonly records: unknown[];
}
interface DatabaseDump {
  readonly version: number;
  readonly stores: StoreDump[];
}

const dump = JSON.parse(
  readFileSync(new URL('framewise-database-v12.json', FIXTURES), 'utf8'),
) as DatabaseDump;
const recordsOf = (store: string) => dump.stores.find((s) => s.name === store)!.records as never[];

/** Writes the dump as it was: the same IndexedDB version, stores, indexes and records. */
async function oldDatabase(name: string): Promise<void> {
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const request = indexedDB.open(name, dump.version);
    request.onupgradeneeded = () => {
      for (const store of dump.stores) {
        const created = request.result.createObjectStore(store.name, {
          keyPath: store.keyPath,
          autoIncrement: store.autoIncrement,
        });
        for (const index of store.indexes) {
          created.createIndex(index.name, index.keyPath, {
            unique: index.unique,
            multiEntry: index.multiEntry,
          });
        }
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(
    dump.stores.map((s) => s.name),
    'readwrite',
  );
  for (const store of dump.stores) {
    for (const record of store.records) tx.objectStore(store.name).put(record);
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

const opened: FramewiseDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('a real version 12 database (one video per case)', () => {
  it('upgrades to version 13: the case keeps its video, clock and audit log; its set names the video', async () => {
    expect(dump.version).toBe(120); // Dexie's version 12
    await oldDatabase('old-v12');
    const db = new FramewiseDatabase('old-v12');
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(13);
    const [oldCase] = recordsOf('cases') as { id: CaseId; evidenceSha256: string }[];
    const upgraded = await db.cases.get(oldCase!.id);
    expect(upgraded).toEqual({ ...oldCase, addedVideos: [], sync: EMPTY_SYNC });
    expect(upgraded!.clock).toMatchObject({ frame: 25, method: 'tick' });
    const repository = new Repository(db);
    const sets = await repository.setsOf(oldCase!.id);
    expect(sets).toHaveLength(1);
    expect(sets[0]!.evidenceSha256).toBe(oldCase!.evidenceSha256);
    // Annotations, undo history and the audit log are as they were.
    expect(await db.tracks.toArray()).toEqual(recordsOf('tracks'));
    expect(await db.events.toArray()).toEqual(recordsOf('events'));
    expect(await db.histories.toArray()).toEqual(recordsOf('histories'));
    const audit = await repository.auditOf(oldCase!.id);
    expect(audit).toEqual(recordsOf('audit'));
    expect((await verifyChain(audit)).ok).toBe(true);
  });
});

describe('a real version 4 backup (one video per case)', () => {
  const text = readFileSync(new URL('framewise-backup-v4.json', FIXTURES), 'utf8');

  it('reads as version 5 and restores: each set names its case video, nothing else changes', async () => {
    const old = JSON.parse(text);
    expect(old.version).toBe(4);
    const parsed = await parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const { records } = parsed.backup;
    expect(parsed.backup.version).toBe(5);
    expect(records.cases[0]).toEqual({
      ...old.records.cases[0],
      addedVideos: [],
      sync: EMPTY_SYNC,
    });
    expect(records.sets[0]).toEqual({
      ...old.records.sets[0],
      evidenceSha256: old.records.cases[0].evidenceSha256,
    });
    expect(records.tracks).toEqual(old.records.tracks);
    expect(records.audit).toEqual(old.records.audit);

    const db = new FramewiseDatabase('restored-v4');
    opened.push(db);
    await db.open();
    await restoreBackup(db, parsed.backup, 'replace');
    const repository = new Repository(db);
    const sets = await repository.setsOf(records.cases[0]!.id);
    expect(sets[0]!.evidenceSha256).toBe(records.cases[0]!.evidenceSha256);
    expect(await db.tracks.count()).toBe(1);
  });
});
