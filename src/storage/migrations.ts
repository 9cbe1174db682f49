import {
  DEFAULT_LABELS,
  EMPTY_ACQUISITION,
  type AnnotationEvent,
  type AnnotationSet,
  type Case,
  type ClockCalibration,
  type Evidence,
  type Keyframe,
  type Label,
  type Note,
  type Shape,
  type Track,
} from '../core/annotations/model';
import { calibrationBeforeUncertainty } from '../core/time/clock-calibration';
import { EMPTY_SYNC } from '../core/sync/model';

/**
 * Record-shape migrations between database versions. Each is a pure function from the old
 * record to a new one: the input is never changed, so a failed upgrade leaves nothing
 * half-rewritten in memory, and each step can be tested on its own.
 */

/** Records as versions 2 to 6 stored them: one set of annotations per case, no set id. */
export type TrackV6 = Omit<Track, 'setId'>;
export type EventV6 = Omit<AnnotationEvent, 'setId'>;
export type NoteV6 = Omit<Note, 'setId'>;

/** Version 1 records, as stored by Framewise 0.1 (rectangles only, no attributes). */
export interface TrackV1 extends Omit<TrackV6, 'attributes' | 'keyframes'> {
  readonly keyframes: readonly (Omit<Keyframe, 'origin' | 'attributes' | 'shape'> & {
    readonly shape: { kind: 'rectangle'; x: number; y: number; width: number; height: number };
  })[];
}
/** A DVR clock calibration as version 10 stored it (no method, uncertainty or UTC offset). */
export type ClockCalibrationV10 = Omit<
  ClockCalibration,
  'method' | 'uncertaintySeconds' | 'utcOffsetMinutes'
>;
/** A case as versions 11 and 12 stored it (one video, no synchronisation). */
export type CaseV12 = Omit<Case, 'addedVideos' | 'sync'>;
/** An annotation set as versions 7 to 12 stored it (of the case's one video). */
export type SetV12 = Omit<AnnotationSet, 'evidenceSha256'>;
/** A case as version 10 stored it. */
export type CaseV10 = Omit<CaseV12, 'clock'> & { readonly clock: ClockCalibrationV10 | null };
/** A case as versions 4 to 9 stored it (no clock calibration). */
export type CaseV9 = Omit<CaseV12, 'clock'>;
/** A case as versions 1 to 3 stored it (no reference number or notes). */
export type CaseV3 = Omit<CaseV9, 'referenceNumber' | 'notes'>;
/** A case as version 1 stored it (labels without attributes either). */
export interface CaseV1 extends Omit<CaseV3, 'labels'> {
  readonly labels: readonly Omit<Label, 'attributes'>[];
}
/** Evidence as versions 1 to 3 stored it (no acquisition notes). */
export type EvidenceV3 = Omit<Evidence, 'acquisition'>;

/**
 * v1 → v2: rectangles gain rotation 0; no attribute values yet. Provenance: v1 stored the
 * frame MD5 on every keyframe a person drew (it is known once the frame is on screen), while
 * the keyframes v1 made for an outside/occluded flag on another frame had none: those held a
 * computed shape.
 */
export function migrateTrackV1(track: TrackV1): TrackV6 {
  return {
    ...track,
    attributes: {},
    keyframes: track.keyframes.map((k) => ({
      ...k,
      shape: { ...k.shape, rotation: 0 } satisfies Shape,
      origin: k.frameMd5 === null ? ('computed' as const) : ('drawn' as const),
      attributes: {},
    })),
  };
}

/**
 * v1 → v2: labels gain attributes: the default set's for its three labels (officer, vehicle,
 * window frame, by id), none for labels of the case's own.
 */
export function migrateCaseV1(record: CaseV1): CaseV3 {
  const defaults = (id: string) => DEFAULT_LABELS.find((d) => d.id === id)?.attributes ?? [];
  return { ...record, labels: record.labels.map((l) => ({ ...l, attributes: defaults(l.id) })) };
}

/** v3 → v4: a case gains an (empty) reference number and notes. */
export function migrateCaseV3(record: CaseV3): CaseV9 {
  return { ...record, referenceNumber: '', notes: '' };
}

/** v3 → v4: evidence gains acquisition notes, all empty until the examiner fills them in. */
export function migrateEvidenceV3(record: EvidenceV3): Evidence {
  return { ...record, acquisition: { ...EMPTY_ACQUISITION } };
}

// v6 → v7 (annotation sets): firstSetOf and intoFirstSet in core/annotation-sets.ts, shared
// with the upgrade of version 1 backups.

/** v9 → v10: a case gains a clock calibration, none until the examiner sets one. */
export function migrateCaseV9(record: CaseV9): CaseV10 {
  return { ...record, clock: null };
}

/**
 * v10 → v11: a calibration records how the clock was read; one from before was a reading
 * without a tick (± 1 s), its zone not recorded (the same step as backup version 3).
 */
export function migrateCaseV10(record: CaseV10): CaseV12 {
  return {
    ...record,
    clock: calibrationBeforeUncertainty(record.clock) as ClockCalibration | null,
  };
}

/** v12 → v13: a case has one video so far (none added) and no synchronisation yet. */
export function migrateCaseV12(record: CaseV12): Case {
  return { ...record, addedVideos: [], sync: EMPTY_SYNC };
}

/** v12 → v13: each annotation set is of its case's (one) video. */
export function migrateSetV12(
  set: SetV12,
  caseRecord: Pick<Case, 'evidenceSha256'>,
): AnnotationSet {
  return { ...set, evidenceSha256: caseRecord.evidenceSha256 };
}
