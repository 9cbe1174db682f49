import Dexie, { type EntityTable } from 'dexie';
import type { Case, Evidence, Track } from '../core/model';

/**
 * The IndexedDB database. Each `version()` stays declared forever: Dexie upgrades an older
 * database step by step through them. Record-shape changes get an explicit migration.
 */
export class FramewiseDatabase extends Dexie {
  evidence!: EntityTable<Evidence, 'sha256'>;
  cases!: EntityTable<Case, 'id'>;
  tracks!: EntityTable<Track, 'id'>;

  constructor(name = 'framewise') {
    super(name);
    this.version(1).stores({
      evidence: 'sha256',
      cases: 'id, evidenceSha256, modifiedAt',
      tracks: 'id, caseId',
    });
  }
}
