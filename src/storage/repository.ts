import type { Change } from '../core/history';
import type { CaseId, Sha256 } from '../core/ids';
import type { Case, Evidence, Track } from '../core/model';
import { FramewiseDatabase } from './database';

/**
 * The only way the app reads and writes stored records. Each command's changes are written in
 * one transaction: either all of an edit is saved, or none of it.
 */
export class Repository {
  constructor(readonly db: FramewiseDatabase = new FramewiseDatabase()) {}

  async saveEvidence(evidence: Evidence): Promise<void> {
    await this.db.evidence.put(evidence);
  }

  evidence(sha256: Sha256): Promise<Evidence | undefined> {
    return this.db.evidence.get(sha256);
  }

  /** The most recently modified case on this evidence, if any. */
  async latestCaseFor(sha256: Sha256): Promise<Case | undefined> {
    const cases = await this.db.cases.where('evidenceSha256').equals(sha256).toArray();
    return cases.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))[0];
  }

  async createCase(record: Case): Promise<void> {
    await this.db.cases.add(record);
  }

  /** All cases, most recently modified first. */
  async listCases(): Promise<Case[]> {
    return (await this.db.cases.orderBy('modifiedAt').toArray()).reverse();
  }

  tracksOf(caseId: CaseId): Promise<Track[]> {
    return this.db.tracks.where('caseId').equals(caseId).toArray();
  }

  /** Writes one command's changes and touches the case, atomically. */
  async commit(caseId: CaseId, changes: readonly Change[], now: string): Promise<void> {
    await this.db.transaction('rw', this.db.tracks, this.db.cases, async () => {
      for (const change of changes) {
        if (change.after) await this.db.tracks.put(change.after);
        else await this.db.tracks.delete(change.id);
      }
      await this.db.cases.update(caseId, { modifiedAt: now });
    });
  }
}
