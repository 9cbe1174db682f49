import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AuditEntry } from '../core/evidence/audit';
import type { BackupHistory, BackupSetting } from '../core/evidence/backup';
import type { Command } from '../core/annotations/history';
import type { CaseId } from '../core/ids';
import type {
  AnnotationEvent,
  AnnotationSet,
  Case,
  CaseDeletion,
  Evidence,
  Measurement,
  Note,
  SceneCalibration,
  Track,
} from '../core/annotations/model';
import { firstSetOf, historyIntoFirstSet, intoFirstSet } from '../core/annotations/annotation-sets';
import {
  migrateCaseV1,
  migrateCaseV3,
  migrateCaseV9,
  migrateCaseV10,
  migrateCaseV12,
  migrateEvidenceV3,
  migrateSetV12,
  migrateTrackV1,
  type CaseV1,
  type CaseV3,
  type CaseV9,
  type CaseV10,
  type CaseV12,
  type EvidenceV3,
  type SetV12,
  type TrackV1,
} from './migrations';

/** An annotation set's undo and redo stacks, kept so undo works across a reload. */
export type StoredHistory = BackupHistory;

/** A case's undo history as versions 2 to 6 kept it (one per case). */
interface StoredHistoryV6 {
  readonly caseId: CaseId;
  readonly past: readonly Command[];
  readonly future: readonly Command[];
}

/**
 * Where a case's audit log ended when it was last written: kept apart from the log, so that
 * entries cut off its end (which the chain itself cannot show) are found.
 */
export interface StoredAuditHead {
  readonly caseId: CaseId;
  readonly seq: number;
  readonly hash: string;
}

/** A browser handle on a video file (FileSystemFileHandle), kept by the file's SHA-256. */
export interface StoredFileHandle {
  readonly sha256: string;
  readonly handle: unknown;
}

/** One setting of this browser's Framewise (examiner name, cache size…). */
export type StoredSetting = BackupSetting;

/**
 * The IndexedDB database. Each `version()` stays declared forever: Dexie upgrades an older
 * database step by step through them. Record-shape changes get an explicit migration
 * (migrations.ts).
 */
export class FramewiseDatabase extends Dexie {
  evidence!: EntityTable<Evidence, 'sha256'>;
  cases!: EntityTable<Case, 'id'>;
  tracks!: EntityTable<Track, 'id'>;
  events!: EntityTable<AnnotationEvent, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  calibrations!: EntityTable<SceneCalibration, 'id'>;
  measurements!: EntityTable<Measurement, 'id'>;
  sets!: EntityTable<AnnotationSet, 'id'>;
  histories!: EntityTable<StoredHistory, 'setId'>;
  audit!: EntityTable<AuditEntry, 'id'>;
  settings!: EntityTable<StoredSetting, 'key'>;
  auditHeads!: EntityTable<StoredAuditHead, 'caseId'>;
  fileHandles!: EntityTable<StoredFileHandle, 'sha256'>;
  /** Keyed by case and time: a case restored and deleted again has two. */
  deletions!: Table<CaseDeletion, [string, string]>;

  constructor(name = 'framewise') {
    super(name);
    this.version(1).stores({
      evidence: 'sha256',
      cases: 'id, evidenceSha256, modifiedAt',
      tracks: 'id, caseId',
    });
    // 2: every shape kind, attributes, events, notes, and the undo history.
    this.version(2)
      .stores({ events: 'id, caseId', notes: 'id, caseId', history: 'caseId' })
      .upgrade(async (tx) => {
        await tx
          .table('tracks')
          .toCollection()
          .modify((track: TrackV1, ref: { value: unknown }) => {
            ref.value = migrateTrackV1(track);
          });
        await tx
          .table('cases')
          .toCollection()
          .modify((record: CaseV1, ref: { value: unknown }) => {
            ref.value = migrateCaseV1(record);
          });
      });
    // 3: the hash-chained audit log (one chain per case) and settings. New tables only; a
    // case from before starts its chain at its first change after the upgrade.
    this.version(3).stores({ audit: '&id, caseId, [caseId+seq]', settings: '&key' });
    // 4: a case's reference number and notes; how each piece of evidence was acquired.
    this.version(4)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table('cases')
          .toCollection()
          .modify((record: CaseV3, ref: { value: unknown }) => {
            ref.value = migrateCaseV3(record);
          });
        await tx
          .table('evidence')
          .toCollection()
          .modify((record: EvidenceV3, ref: { value: unknown }) => {
            ref.value = migrateEvidenceV3(record);
          });
      });
    // 5: each case's audit head, recorded beside its log (from the logs as they stand).
    this.version(5)
      .stores({ auditHeads: '&caseId' })
      .upgrade(async (tx) => {
        const heads = new Map<string, StoredAuditHead>();
        await tx
          .table('audit')
          .orderBy('[caseId+seq]')
          .each((entry: AuditEntry) => {
            heads.set(entry.caseId, { caseId: entry.caseId, seq: entry.seq, hash: entry.hash });
          });
        await tx.table('auditHeads').bulkPut([...heads.values()]);
      });
    // 6: where the browser gives one, a handle on each video file, to reopen it with the
    // person's permission instead of asking for the file (never part of a backup).
    this.version(6).stores({ fileHandles: '&sha256' });
    // 7: annotation sets, several per case. Each case's existing annotations become its first
    // set ("Set 1"); tracks, events and notes carry their set's id; the undo history is kept
    // per set (in a new table: Dexie cannot change a table's key).
    this.version(7)
      .stores({
        sets: '&id, caseId',
        tracks: 'id, caseId, setId',
        events: 'id, caseId, setId',
        notes: 'id, caseId, setId',
        histories: '&setId, caseId',
      })
      .upgrade(async (tx) => {
        const examiner = (await tx.table('settings').get('examiner'))?.value;
        const cases: Case[] = await tx.table('cases').toArray();
        const sets = await Promise.all(
          cases.map(async (record) => {
            const first: AuditEntry | undefined = await tx
              .table('audit')
              .where('[caseId+seq]')
              .equals([record.id, 0])
              .first();
            return firstSetOf(
              record,
              first?.examiner,
              typeof examiner === 'string' ? examiner : '',
            );
          }),
        );
        await tx.table('sets').bulkAdd(sets);
        for (const table of ['tracks', 'events', 'notes']) {
          await tx
            .table(table)
            .toCollection()
            .modify((record: { caseId: string }, ref: { value: unknown }) => {
              ref.value = intoFirstSet(record);
            });
        }
        const histories: StoredHistoryV6[] = await tx.table('history').toArray();
        // The records inside each undo step join the set too: an undo must not write back
        // a record of no set.
        await tx
          .table('histories')
          .bulkAdd(histories.map((h) => historyIntoFirstSet(intoFirstSet(h))));
      });
    // 8: the per-case undo history table, emptied into `histories` by 7, goes.
    this.version(8).stores({ history: null });
    // 9: a record of each deleted case (its audit log goes with it), kept for good.
    this.version(9).stores({ deletions: '&[caseId+deletedAt], caseId, deletedAt' });
    // 10: a case's DVR clock calibration (none yet).
    this.version(10)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table('cases')
          .toCollection()
          .modify((record: CaseV9, ref: { value: unknown }) => {
            ref.value = migrateCaseV9(record);
          });
      });
    // 11: a case's DVR clock calibration records its method, uncertainty and UTC offset.
    this.version(11)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table('cases')
          .toCollection()
          .modify((record: CaseV10, ref: { value: unknown }) => {
            ref.value = migrateCaseV10(record);
          });
      });
    // 12: measurement: each set's scene calibrations (by evidence) and measurement inputs.
    // New tables, nothing to migrate.
    this.version(12).stores({
      calibrations: '&id, caseId, setId, evidenceSha256',
      measurements: '&id, caseId, setId',
    });
    // 13: several videos per case. A case lists the videos added after its first (none yet)
    // and how they line up (no anchors yet); each annotation set names the video it
    // annotates (its case's one video).
    this.version(13)
      .stores({})
      .upgrade(async (tx) => {
        const cases = new Map<string, CaseV12>();
        await tx
          .table('cases')
          .toCollection()
          .modify((record: CaseV12, ref: { value: unknown }) => {
            cases.set(record.id, record);
            ref.value = migrateCaseV12(record);
          });
        await tx
          .table('sets')
          .toCollection()
          .modify((set: SetV12, ref: { value: unknown }) => {
            const caseRecord = cases.get(set.caseId);
            if (caseRecord) ref.value = migrateSetV12(set, caseRecord);
          });
      });
  }
}
