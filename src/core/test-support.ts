import { expect } from 'vitest';
import { firstSetIdOf, firstSetOf } from './annotations/annotation-sets';
import { EMPTY_SYNC } from './sync/model';
import { createTrack, type FrameRef } from './annotations/commands';
import { buildDocument, type AnnotationDocument, type Command } from './annotations/history';
import type { EventsExportInput } from './exports/events-csv';
import {
  frameIndex,
  pts,
  sha256,
  type CaseId,
  type EventId,
  type LabelId,
  type Pts,
  type SetId,
  type TrackId,
} from './ids';
import {
  DEFAULT_LABELS,
  EMPTY_ACQUISITION,
  type AnnotationEvent,
  type AnnotationSet,
  type Case,
  type Evidence,
  type Keyframe,
  type RectangleShape,
  type Shape,
  type Track,
} from './annotations/model';

/** Ready-made records for core unit tests. */
export const TEST_EVIDENCE: Evidence = {
  sha256: sha256('a'.repeat(64)),
  fileName: 'cctv.mp4',
  size: 1234,
  codec: 'h264',
  width: 704,
  height: 576,
  rotation: 0,
  pixelFormat: 'yuv420p',
  timeBase: { num: 1, den: 12800 },
  startPts: pts(0),
  frameCount: 300,
  addedAt: '2026-01-01T00:00:00.000Z',
  acquisition: EMPTY_ACQUISITION,
};

export const TEST_CASE: Case = {
  id: 'case_test' as CaseId,
  name: 'Test case',
  referenceNumber: '',
  notes: '',
  clock: null,
  evidenceSha256: TEST_EVIDENCE.sha256,
  evidenceFileName: TEST_EVIDENCE.fileName,
  addedVideos: [],
  sync: EMPTY_SYNC,
  labels: DEFAULT_LABELS,
  createdAt: '2026-01-01T00:00:00.000Z',
  modifiedAt: '2026-01-01T00:00:00.000Z',
};

export const TEST_SET: AnnotationSet = {
  id: 'set_test' as SetId,
  caseId: TEST_CASE.id,
  evidenceSha256: TEST_EVIDENCE.sha256,
  name: 'Set 1',
  annotator: 'Test Examiner',
  status: 'in progress',
  createdAt: '2026-01-01T00:00:00.000Z',
  modifiedAt: '2026-01-01T00:00:00.000Z',
};

/** The id of a case's first set, as an upgrade gives it (TEST_SET's for TEST_CASE). */
export const setOf = (caseId: CaseId): SetId => firstSetIdOf(caseId);

/** A record as stored before annotation sets (no setId). */
export const withoutSetId = <T extends object>(record: T): Omit<T, 'setId'> =>
  Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'setId')) as Omit<T, 'setId'>;

/** A case's first set, as an upgrade makes it. */
export const firstSetFor = (record: Case): AnnotationSet => firstSetOf(record, 'Test Examiner', '');

/** A frame reference for tests: pts = frame × 512 (the 1/12800 time base at 25 fps). */
export const at = (frame: number): FrameRef => ({
  frame: frameIndex(frame),
  pts: pts(frame * 512),
  frameMd5: null,
});

export const TEST_NOW = '2026-01-01T00:00:00.000Z';

/** A box with no rotation. */
export const box = (x: number, y: number, width: number, height: number): RectangleShape => ({
  kind: 'rectangle',
  x,
  y,
  width,
  height,
  rotation: 0,
});

/** The command creating a track of the default label `labelIndex`, drawn on `frame`. */
export function drawTrack(
  doc: AnnotationDocument,
  frame: number,
  shape: Shape = box(10, 20, 100, 50),
  labelIndex = 1,
): Command {
  return createTrack(doc, {
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    label: DEFAULT_LABELS[labelIndex]!,
    at: at(frame),
    shape,
    now: TEST_NOW,
  });
}

/** A keyframe drawn on `frame`, with flags overridable. */
export const key = (frame: number, shape: Shape, flags: Partial<Keyframe> = {}): Keyframe => ({
  ...at(frame),
  shape,
  origin: 'drawn',
  outside: false,
  occluded: false,
  attributes: {},
  ...flags,
});

/** A track made of the given keyframes. */
export const trackOf = (...keyframes: Keyframe[]): Track => ({
  id: 'track_t' as TrackId,
  caseId: TEST_CASE.id,
  setId: TEST_SET.id,
  number: 1,
  labelId: 'label_vehicle' as LabelId,
  attributes: {},
  keyframes,
  createdAt: TEST_NOW,
  modifiedAt: TEST_NOW,
});

/**
 * Freezes a value and everything reachable from it (objects, arrays, Map and Set entries), so
 * a test fails with a TypeError if code under test mutates its input. Maps and Sets get
 * mutators that throw. Returns the value.
 */
const deepFrozen = new WeakSet<object>();

export function deepFreeze<T>(value: T): T {
  const freeze = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || deepFrozen.has(v)) return;
    deepFrozen.add(v);
    if (v instanceof Map || v instanceof Set) {
      for (const entry of v.entries()) freeze(entry);
      // Object.freeze does not stop Map.set: make the mutators throw on this instance.
      for (const method of ['set', 'add', 'delete', 'clear']) {
        Object.defineProperty(v, method, {
          value: () => {
            throw new TypeError(`${method} on a frozen ${v.constructor.name}`);
          },
        });
      }
    }
    for (const key of Reflect.ownKeys(v)) freeze((v as Record<PropertyKey, unknown>)[key]);
    Object.freeze(v);
  };
  freeze(value);
  return value;
}

/** The only track of a document (tests that create exactly one). */
export function onlyTrack(doc: AnnotationDocument): Track {
  const tracks = [...doc.tracks.values()];
  if (tracks.length !== 1) throw new Error(`expected one track, found ${tracks.length}`);
  return tracks[0]!;
}

/**
 * The value with every number replaced by a matcher for numbers close to it (9 decimals), for
 * comparing computed shapes with toEqual despite floating-point rounding.
 */
export function approx<T>(value: T, digits = 9): T {
  if (typeof value === 'number') return expect.closeTo(value, digits) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => approx(v, digits)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, approx(v, digits)])) as T;
  }
  return value;
}

/** An event record for tests; pts = frame × 512 unless given (1/12800 time base, 25 fps). */
export function testEvent(
  id: string,
  startFrame: number,
  endFrame: number,
  description: string,
  extra: Partial<AnnotationEvent> = {},
): AnnotationEvent {
  return {
    id: id as EventId,
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    labelId: null,
    startFrame: frameIndex(startFrame),
    startPts: (startFrame * 512) as Pts,
    endFrame: frameIndex(endFrame),
    endPts: (endFrame * 512) as Pts,
    description,
    createdAt: TEST_NOW,
    modifiedAt: TEST_NOW,
    ...extra,
  };
}

/** What the event exports are made from: these events on TEST_EVIDENCE, pts = frame × 512. */
export function eventsInput(events: AnnotationEvent[]): EventsExportInput {
  return {
    evidence: TEST_EVIDENCE,
    document: buildDocument({ events, labels: DEFAULT_LABELS }),
    framePts: (frame) => frame * 512,
    frameCount: TEST_EVIDENCE.frameCount,
  };
}

/** A second camera of the same incident, for cases of several videos (issue 15). */
export const TEST_EVIDENCE_B: Evidence = {
  ...TEST_EVIDENCE,
  sha256: sha256('b'.repeat(64)),
  fileName: 'cam-b.mp4',
  size: 5678,
  codec: 'hevc',
  width: 1920,
  height: 1080,
  timeBase: { num: 1, den: 90000 },
  startPts: pts(3600),
  frameCount: 450,
  addedAt: '2026-01-02T00:00:00.000Z',
};

/** TEST_CASE with TEST_EVIDENCE_B added (no sync yet). */
export const TEST_TWO_VIDEO_CASE: Case = {
  ...TEST_CASE,
  addedVideos: [
    {
      sha256: TEST_EVIDENCE_B.sha256,
      fileName: TEST_EVIDENCE_B.fileName,
      addedAt: TEST_EVIDENCE_B.addedAt,
      clock: null,
    },
  ],
};

/** A set of TEST_EVIDENCE_B. */
export const TEST_SET_B: AnnotationSet = {
  ...TEST_SET,
  id: 'set_test_b' as SetId,
  evidenceSha256: TEST_EVIDENCE_B.sha256,
  name: 'Set 1',
  annotator: 'Second Examiner',
  createdAt: '2026-01-02T00:00:00.000Z',
  modifiedAt: '2026-01-02T00:00:00.000Z',
};
