import Dexie, { liveQuery } from 'dexie';
import { GENESIS_HASH, type AuditEntry } from '../core/evidence/audit';
import type { Change, History } from '../core/annotations/history';
import type { CaseId, SetId, Sha256 } from '../core/ids';
import type {
  Acquisition,
  AnnotationEvent,
  AnnotationSet,
  Case,
  CaseVideo,
  CaseDeletion,
  Evidence,
  Measurement,
  Note,
  SceneCalibration,
  Track,
} from '../core/annotations/model';
import type { Backup, BackupRecords } from '../core/evidence/backup';
import { caseDeletion, type DeletionMeta } from '../core/evidence/case-deletion';
import { exportAll, restoreBackup, type RestoreLog, type RestoreReport } from './backup-store';
import { FramewiseDatabase, type StoredSetting } from './database';

/**
 * A label-set change was prepared against labels that are no longer the case's (another set,
 * an import or another tab changed them since): nothing was written.
 */
export class LabelsMoved extends Error {
  constructor() {
    super(
      'The label set was changed elsewhere since this edit was prepared (in another annotation set, by an import or in another tab).',
    );
  }
}

/** Likewise for the case's synchronisation of its videos. */
export class SyncMoved extends Error {
  constructor() {
    super(
      'The synchronisation of the videos was changed elsewhere since this edit was prepared (in another tab?).',
    );
  }
}

/** An edit was sent to a final annotation set (or one of another case): nothing was written. */
export class SetClosed extends Error {
  constructor(set: AnnotationSet) {
    super(`${set.name} is final (perhaps set so in another tab), so the edit was not saved there.`);
  }
}

/** The case was deleted (in another tab, say) while it was open: nothing was written. */
export class CaseGone extends Error {
  constructor() {
    super('This case no longer exists in this browser (it was deleted, perhaps in another tab).');
  }
}

/**
 * The audit log's head in storage is not the one the new entries were chained onto: another
 * tab wrote meanwhile. Nothing was written; chain onto the new head and try again.
 */
export class AuditHeadMoved extends Error {
  constructor(readonly storedHead: AuditEntry | null) {
    super('The audit log was extended elsewhere (another tab?) since this edit was prepared.');
  }
}

/** A case's records (those of one annotation set) as another tab may have left them. */
export interface WatchedCase {
  readonly tracks: Track[];
  readonly events: AnnotationEvent[];
  readonly notes: Note[];
  readonly calibrations: SceneCalibration[];
  readonly measurements: Measurement[];
  readonly caseRecord: Case | undefined;
  /** Every annotation set of the case (another tab may have added one or changed a status). */
  readonly sets: AnnotationSet[];
  /**
   * The seq of the case's last audit entry (-1: none). Every write adds entries, so a
   * lower seq than one already seen marks a reading taken before a later write.
   */
  readonly auditSeq: number;
}

/** Everything stored about one annotation set of a case. */
export interface CaseRecords {
  readonly tracks: Track[];
  readonly events: AnnotationEvent[];
  readonly notes: Note[];
  readonly calibrations: SceneCalibration[];
  readonly measurements: Measurement[];
  readonly history: History;
}

/**
 * The only way the app reads and writes stored records. Each command's changes are written in
 * one transaction with the undo history: either all of an edit is saved, or none of it.
 */
export class Repository {
  constructor(readonly db: FramewiseDatabase = new FramewiseDatabase()) {}

  /**
   * Stores evidence facts as given (overwriting). Test set-up only: the app adds evidence with
   * createCaseLogged, which never overwrites another case's acquisition notes.
   */
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

  /**
   * Stores a case with no audit entry. Test set-up only: the app creates cases with
   * createCaseLogged, so a case never exists without the entry saying how it came to be.
   */
  async createCase(record: Case): Promise<void> {
    await this.db.cases.add(record);
  }

  /**
   * Creates a case with its first audit entries (case.create, evidence.ingest…), and the
   * evidence record if this browser has none for its video, all in one transaction: a case
   * never exists without the entries that say how it came to be.
   */
  async createCaseLogged(
    evidence: Evidence,
    record: Case,
    firstSet: AnnotationSet,
    audit: readonly AuditEntry[],
  ): Promise<void> {
    const { evidence: facts, cases, sets, audit: log, auditHeads } = this.db;
    await this.db.transaction('rw', [facts, cases, sets, log, auditHeads], async () => {
      if (!(await this.db.evidence.get(evidence.sha256))) await this.db.evidence.add(evidence);
      await this.db.cases.add(record);
      await this.db.sets.add(firstSet);
      await this.#appendAuditInTransaction(record.id, audit);
    });
  }

  /**
   * Adds a video to a case with its first annotation set and the audit entries saying so, in
   * one transaction (the evidence record too, if this browser has none for it). Refused,
   * writing nothing, when the case is gone or already holds that video.
   */
  async addVideoLogged(
    caseId: CaseId,
    evidence: Evidence,
    video: CaseVideo,
    firstSet: AnnotationSet,
    audit: readonly AuditEntry[],
  ): Promise<Case> {
    const { evidence: facts, cases, sets, audit: log, auditHeads } = this.db;
    return this.db.transaction('rw', [facts, cases, sets, log, auditHeads], async () => {
      const stored = await this.db.cases.get(caseId);
      if (!stored) throw new CaseGone();
      const held = [stored.evidenceSha256, ...stored.addedVideos.map((v) => v.sha256)];
      if (held.includes(video.sha256)) {
        throw new Error(`this video (SHA-256 ${video.sha256}) is already in the case`);
      }
      if (!(await this.db.evidence.get(evidence.sha256))) await this.db.evidence.add(evidence);
      const updated: Case = {
        ...stored,
        addedVideos: [...stored.addedVideos, video],
        modifiedAt: video.addedAt,
      };
      await this.db.cases.put(updated);
      await this.db.sets.add(firstSet);
      await this.#appendAuditInTransaction(caseId, audit);
      return updated;
    });
  }

  /** A case's annotation sets, oldest first. */
  async setsOf(caseId: CaseId): Promise<AnnotationSet[]> {
    const sets = await this.db.sets.where('caseId').equals(caseId).toArray();
    return sets.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Adds an annotation set to a case with its audit entries, in one transaction. */
  async createSetLogged(set: AnnotationSet, audit: readonly AuditEntry[]): Promise<void> {
    const { sets, cases, audit: log, auditHeads } = this.db;
    await this.db.transaction('rw', [sets, cases, log, auditHeads], async () => {
      await this.#appendAuditInTransaction(set.caseId, audit);
      await this.db.sets.add(set);
    });
  }

  /**
   * Adds an annotation set holding imported records: the set, the import's changes (records,
   * labels added to the case), the set's undo history (the import, so it can be undone) and
   * the audit entries, in one transaction: an import is added whole or not at all.
   */
  async importSetLogged(
    set: AnnotationSet,
    changes: readonly Change[],
    history: History,
    audit: readonly AuditEntry[],
    now: string,
  ): Promise<void> {
    const { sets, cases, tracks, events, notes, histories, audit: log, auditHeads } = this.db;
    const { calibrations, measurements } = this.db;
    const tables = [sets, cases, tracks, events, notes, histories, log, auditHeads];
    await this.db.transaction('rw', [...tables, calibrations, measurements], async () => {
      await this.db.sets.add(set);
      await this.commit(set.caseId, set.id, changes, history, audit, now);
    });
  }

  /** Changes a set's name or status with its audit entries, in one transaction. */
  async updateSetLogged(
    set: AnnotationSet,
    patch: Partial<Pick<AnnotationSet, 'name' | 'status' | 'annotator'>>,
    audit: readonly AuditEntry[],
    now: string,
  ): Promise<void> {
    const { sets, cases, audit: log, auditHeads } = this.db;
    await this.db.transaction('rw', [sets, cases, log, auditHeads], async () => {
      await this.#appendAuditInTransaction(set.caseId, audit);
      await this.db.sets.update(set.id, { ...patch, modifiedAt: now });
    });
  }

  /** Renames a case and logs it, in one transaction (entries chained on the stored head). */
  async renameCase(
    caseId: CaseId,
    name: string,
    now: string,
    audit: readonly AuditEntry[],
  ): Promise<void> {
    const { cases, audit: log, auditHeads } = this.db;
    await this.db.transaction('rw', [cases, log, auditHeads], async () => {
      await this.#appendAuditInTransaction(caseId, audit);
      await this.db.cases.update(caseId, { name, modifiedAt: now });
    });
  }

  /**
   * Saves a case's details (name, reference number, notes) and its evidence's acquisition
   * notes with their audit entries, in one transaction.
   */
  async saveCaseDetails(
    caseId: CaseId,
    details: Pick<Case, 'name' | 'referenceNumber' | 'notes'>,
    evidence: { sha256: Sha256; acquisition: Acquisition },
    audit: readonly AuditEntry[],
    now: string,
  ): Promise<void> {
    const { cases, evidence: facts, audit: log, auditHeads } = this.db;
    await this.db.transaction('rw', [cases, facts, log, auditHeads], async () => {
      await this.#appendAuditInTransaction(caseId, audit);
      await this.db.cases.update(caseId, { ...details, modifiedAt: now });
      await this.db.evidence.update(evidence.sha256, { acquisition: evidence.acquisition });
    });
  }

  /** Saves a case's DVR clock calibration (null: none) with its audit entries, together. */
  async saveClock(
    caseId: CaseId,
    clocks: Pick<Case, 'clock' | 'addedVideos'>,
    audit: readonly AuditEntry[],
    now: string,
  ): Promise<void> {
    const { cases, audit: log, auditHeads } = this.db;
    await this.db.transaction('rw', [cases, log, auditHeads], async () => {
      await this.#appendAuditInTransaction(caseId, audit);
      await this.db.cases.update(caseId, { ...clocks, modifiedAt: now });
    });
  }

  /**
   * Removes a case and everything recorded with it (annotation sets, tracks, events, notes,
   * undo histories, audit log) in one transaction, and records the deletion (who, when, what
   * it held, its audit head) in `deletions`, which outlives it. The evidence facts go too
   * when no other case uses them.
   */
  async deleteCase(caseId: CaseId, meta: DeletionMeta): Promise<void> {
    const { cases, sets, tracks, events, notes, histories, audit, evidence, auditHeads } = this.db;
    const { fileHandles, deletions, calibrations, measurements } = this.db;
    const tables = [cases, sets, tracks, events, notes, histories, audit, evidence, auditHeads];
    const measuring = [calibrations, measurements];
    await this.db.transaction('rw', [...tables, ...measuring, fileHandles, deletions], async () => {
      const record = await cases.get(caseId);
      if (!record) return;
      const head = await this.auditHead(caseId);
      const contents = await this.caseContents(caseId);
      await deletions.put(caseDeletion(record, head, contents, meta, 'deleted'));
      await sets.where('caseId').equals(caseId).delete();
      await histories.where('caseId').equals(caseId).delete();
      await tracks.where('caseId').equals(caseId).delete();
      await events.where('caseId').equals(caseId).delete();
      await notes.where('caseId').equals(caseId).delete();
      await calibrations.where('caseId').equals(caseId).delete();
      await measurements.where('caseId').equals(caseId).delete();
      await audit.where('caseId').equals(caseId).delete();
      await auditHeads.delete(caseId);
      await cases.delete(caseId);
      const others = await cases.where('evidenceSha256').equals(record.evidenceSha256).count();
      if (others === 0) {
        await evidence.delete(record.evidenceSha256);
        await fileHandles.delete(record.evidenceSha256);
      }
    });
  }

  /** The cases deleted from this browser, newest first. */
  async deletions(): Promise<CaseDeletion[]> {
    return (await this.db.deletions.orderBy('deletedAt').toArray()).reverse();
  }

  /** How much a case holds, to say what deleting it would remove. */
  async caseContents(
    caseId: CaseId,
  ): Promise<{ sets: number; tracks: number; events: number; notes: number }> {
    const { sets, tracks, events, notes } = this.db;
    return this.db.transaction('r', [sets, tracks, events, notes], async () => ({
      sets: await sets.where('caseId').equals(caseId).count(),
      tracks: await tracks.where('caseId').equals(caseId).count(),
      events: await events.where('caseId').equals(caseId).count(),
      notes: await notes.where('caseId').equals(caseId).count(),
    }));
  }

  async caseById(caseId: CaseId): Promise<Case | undefined> {
    return this.db.cases.get(caseId);
  }

  /** All cases, most recently modified first. */
  async listCases(): Promise<Case[]> {
    return (await this.db.cases.orderBy('modifiedAt').toArray()).reverse();
  }

  tracksOf(caseId: CaseId): Promise<Track[]> {
    return this.db.tracks.where('caseId').equals(caseId).toArray();
  }

  /**
   * Calls back with one annotation set's stored records, the case (with its label set) and
   * its sets, now and whenever they change, in this tab or another (Dexie's liveQuery spans
   * tabs). Returns the unsubscribe.
   */
  watchCase(caseId: CaseId, setId: SetId, onChange: (records: WatchedCase) => void): () => void {
    const subscription = liveQuery(async () => {
      const { tracks, events, notes, cases, sets, audit, calibrations, measurements } = this.db;
      const tables = [tracks, events, notes, cases, sets, audit, calibrations, measurements];
      return this.db.transaction('r', tables, async () => ({
        tracks: await tracks.where('setId').equals(setId).toArray(),
        events: await events.where('setId').equals(setId).toArray(),
        notes: await notes.where('setId').equals(setId).toArray(),
        calibrations: await calibrations.where('setId').equals(setId).toArray(),
        measurements: await measurements.where('setId').equals(setId).toArray(),
        caseRecord: await cases.get(caseId),
        sets: await this.setsOf(caseId),
        auditSeq: (await this.auditHead(caseId))?.seq ?? -1,
      }));
    }).subscribe({ next: onChange, error: () => {} });
    return () => subscription.unsubscribe();
  }

  /**
   * The tracks and events of a case's other annotation sets: the label set is the case's, so
   * a label one of them uses must not be removed while another set is on screen.
   */
  async otherSetsRecords(
    caseId: CaseId,
    setId: SetId,
  ): Promise<{ tracks: Track[]; events: AnnotationEvent[] }> {
    const { tracks, events } = this.db;
    return this.db.transaction('r', [tracks, events], async () => ({
      tracks: await tracks
        .where('caseId')
        .equals(caseId)
        .filter((t) => t.setId !== setId)
        .toArray(),
      events: await events
        .where('caseId')
        .equals(caseId)
        .filter((e) => e.setId !== setId)
        .toArray(),
    }));
  }

  /** An annotation set's tracks, events, notes and undo history, read in one transaction. */
  async recordsOf(setId: SetId): Promise<CaseRecords> {
    const { tracks, events, notes, histories, calibrations, measurements } = this.db;
    const tables = [tracks, events, notes, histories, calibrations, measurements];
    return this.db.transaction('r', tables, async () => {
      const history = await histories.get(setId);
      return {
        tracks: await tracks.where('setId').equals(setId).toArray(),
        events: await events.where('setId').equals(setId).toArray(),
        notes: await notes.where('setId').equals(setId).toArray(),
        calibrations: await calibrations.where('setId').equals(setId).toArray(),
        measurements: await measurements.where('setId').equals(setId).toArray(),
        history: { past: history?.past ?? [], future: history?.future ?? [] },
      };
    });
  }

  /**
   * Writes changes, the set's undo history after them, their audit entries and the case's and
   * set's modified time, all in one transaction: an edit is saved with its audit trail or not
   * at all. The entries must be chained onto the stored head (else AuditHeadMoved, nothing
   * written).
   */
  async commit(
    caseId: CaseId,
    setId: SetId,
    changes: readonly Change[],
    history: History,
    audit: readonly AuditEntry[],
    now: string,
  ): Promise<void> {
    const { tracks, events, notes, cases, sets, histories } = this.db;
    const tables = [tracks, events, notes, cases, sets, histories, this.db.audit];
    const measuring = [this.db.calibrations, this.db.measurements];
    await this.db.transaction('rw', [...tables, ...measuring, this.db.auditHeads], async () => {
      // A final set is kept as signed off, whatever a tab that has not heard yet sends.
      const set = await sets.get(setId);
      if (set && (set.status === 'final' || set.caseId !== caseId)) throw new SetClosed(set);
      await this.#appendAuditInTransaction(caseId, audit);
      for (const change of changes) await this.#write(caseId, change);
      await histories.put({ setId, caseId, past: history.past, future: history.future });
      await cases.update(caseId, { modifiedAt: now });
      await sets.update(setId, { modifiedAt: now });
    });
  }

  /** Appends audit entries that record something other than an edit (ingest, export). */
  async appendAudit(caseId: CaseId, audit: readonly AuditEntry[]): Promise<void> {
    const { audit: log, auditHeads, cases } = this.db;
    await this.db.transaction('rw', log, auditHeads, cases, () =>
      this.#appendAuditInTransaction(caseId, audit),
    );
  }

  async #appendAuditInTransaction(caseId: CaseId, audit: readonly AuditEntry[]): Promise<void> {
    // Every write for a case passes here first: a case deleted meanwhile gets nothing, so no
    // records are left behind without their case.
    if (!(await this.db.cases.get(caseId))) throw new CaseGone();
    const first = audit[0];
    if (!first) return;
    const head = await this.auditHead(caseId);
    if (first.prevHash !== (head?.hash ?? GENESIS_HASH)) throw new AuditHeadMoved(head ?? null);
    await this.db.audit.bulkAdd([...audit]);
    const last = audit.at(-1)!;
    await this.db.auditHeads.put({ caseId, seq: last.seq, hash: last.hash });
  }

  /** The case's last audit entry, null for an empty log. */
  async auditHead(caseId: CaseId): Promise<AuditEntry | null> {
    const last = await this.db.audit
      .where('[caseId+seq]')
      .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
      .last();
    return last ?? null;
  }

  /** Every record of every table (no video), for a backup; one read transaction. */
  exportAll(): Promise<BackupRecords> {
    return exportAll(this.db);
  }

  /** Writes a checked backup (core/backup.ts parseBackup) in one transaction. */
  restore(backup: Backup, mode: 'merge' | 'replace', log?: RestoreLog): Promise<RestoreReport> {
    return restoreBackup(this.db, backup, mode, log);
  }

  /** Where the case's log ended when last written (recorded apart from the log). */
  async recordedAuditHead(caseId: CaseId): Promise<{ seq: number; hash: string } | null> {
    return (await this.db.auditHeads.get(caseId)) ?? null;
  }

  /** The case's whole audit log, in order. */
  auditOf(caseId: CaseId): Promise<AuditEntry[]> {
    return this.db.audit
      .where('[caseId+seq]')
      .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
      .toArray();
  }

  /** Keeps the browser's handle on a video file (only the structured-clonable handle). */
  async saveFileHandle(sha256: Sha256, handle: unknown): Promise<void> {
    await this.db.fileHandles.put({ sha256, handle });
  }

  async fileHandle(sha256: Sha256): Promise<unknown> {
    return (await this.db.fileHandles.get(sha256))?.handle ?? null;
  }

  async setting(key: string): Promise<StoredSetting['value'] | undefined> {
    return (await this.db.settings.get(key))?.value;
  }

  async saveSetting(key: string, value: StoredSetting['value']): Promise<void> {
    await this.db.settings.put({ key, value });
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
      case 'calibration':
        if (change.after) await this.db.calibrations.put(change.after);
        else await this.db.calibrations.delete(change.id);
        return;
      case 'measurement':
        if (change.after) await this.db.measurements.put(change.after);
        else await this.db.measurements.delete(change.id);
        return;
      case 'labels': {
        // The label set is the case's, shared by its sets: a change (or its undo) applies
        // only to the labels it was made from, never over someone else's newer ones.
        const stored = (await this.db.cases.get(caseId))?.labels;
        if (JSON.stringify(stored) !== JSON.stringify(change.before)) throw new LabelsMoved();
        await this.db.cases.update(caseId, { labels: change.after });
        return;
      }
      case 'sync': {
        // Likewise the case's synchronisation: changed only from what it was made on.
        const stored = (await this.db.cases.get(caseId))?.sync;
        if (JSON.stringify(stored) !== JSON.stringify(change.before)) throw new SyncMoved();
        await this.db.cases.update(caseId, { sync: change.after });
        return;
      }
    }
  }
}
