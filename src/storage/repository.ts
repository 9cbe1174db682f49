import type { Change, History } from '../core/history';
import type { CaseId, Sha256 } from '../core/ids';
import type { AnnotationEvent, Case, Evidence, Note, Track } from '../core/model';
import { FramewiseDatabase } from './database';

/** Everything stored about one case's annotations. */
export interface CaseRecords {
  readonly tracks: Track[];
  readonly events: AnnotationEvent[];
  readonly notes: Note[];
  readonly history: History;
}

/**
 * The only way the app reads and writes stored records. Each command's changes are written in
 * one transaction with the undo history: either all of an edit is saved, or none of it.
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

  /** A case's tracks, events, notes and undo history, read in one transaction. */
  async recordsOf(caseId: CaseId): Promise<CaseRecords> {
    const { tracks, events, notes, history } = this.db;
    return this.db.transaction('r', [tracks, events, notes, history], async () => ({
      tracks: await tracks.where('caseId').equals(caseId).toArray(),
      events: await events.where('caseId').equals(caseId).toArray(),
      notes: await notes.where('caseId').equals(caseId).toArray(),
      history: (await history.get(caseId)) ?? { past: [], future: [] },
    }));
  }

  /**
   * Writes one command's changes, the undo history after it, and touches the case, all in one
   * transaction.
   */
  async commit(
    caseId: CaseId,
    changes: readonly Change[],
    history: History,
    now: string,
  ): Promise<void> {
    const { tracks, events, notes, cases } = this.db;
    await this.db.transaction('rw', [tracks, events, notes, cases, this.db.history], async () => {
      for (const change of changes) await this.#write(caseId, change);
      await this.db.history.put({ caseId, past: history.past, future: history.future });
      await cases.update(caseId, { modifiedAt: now });
    });
  }

  async #write(caseId: CaseId, change: Change): Promise<void> {
    switch (change.kind) {
      case 'track':
        if (change.after) await this.db.tracks.put(change.after);
        else await this.db.tracks.delete(change.id);
        return;
      case 'event':
        if (change.after) await this.db.events.put(change.after);
        else await this.db.events.delete(change.id);
        return;
      case 'note':
        if (change.after) await this.db.notes.put(change.after);
        else await this.db.notes.delete(change.id);
        return;
      case 'labels':
        await this.db.cases.update(caseId, { labels: change.after });
        return;
    }
  }
}
