import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { frameIndex, pts, type CaseId, type LabelId, type TrackId } from '../core/ids';
import { appendEntries, entriesForCommand } from '../core/evidence/audit';
import { createEvent } from '../core/annotations/event-note-commands';
import { emptyDocument, type Change } from '../core/annotations/history';
import { positionAt } from '../core/annotations/interpolation';
import { firstSetOf, intoFirstSet } from '../core/annotations/annotation-sets';
import {
  DEFAULT_LABELS,
  EMPTY_ACQUISITION,
  type AnnotationEvent,
  type Case,
  type Track,
} from '../core/annotations/model';
import {
  at,
  deepFreeze,
  drawTrack,
  TEST_EVIDENCE,
  TEST_NOW,
  setOf,
  withoutSetId,
} from '../core/test-support';
import { FramewiseDatabase } from './database';
import {
  migrateCaseV1,
  migrateCaseV3,
  migrateCaseV9,
  migrateCaseV10,
  migrateEvidenceV3,
  migrateTrackV1,
  type CaseV1,
  type CaseV3,
  type CaseV9,
  type CaseV10,
  type TrackV1,
} from './migrations';
import { Repository } from './repository';

/** A track as Framewise 0.1 stored it: rectangles without rotation, no attributes, no origin. */
const trackV1 = (): TrackV1 => ({
  id: 'track_v1' as TrackId,
  caseId: 'case_v1' as CaseId,
  number: 3,
  labelId: 'label_vehicle' as LabelId,
  keyframes: [
    {
      frame: frameIndex(10),
      pts: pts(5120),
      frameMd5: 'd41d8cd98f00b204e9800998ecf8427e',
      shape: { kind: 'rectangle', x: 1.5, y: 2, width: 30, height: 40.25 },
      outside: false,
      occluded: true,
    },
    {
      frame: frameIndex(20),
      pts: null,
      frameMd5: null,
      shape: { kind: 'rectangle', x: 21.5, y: 2, width: 30, height: 40.25 },
      outside: true,
      occluded: false,
    },
  ],
  createdAt: '2025-06-01T00:00:00.000Z',
  modifiedAt: '2025-06-02T00:00:00.000Z',
});

const caseV1 = (): CaseV1 => ({
  id: 'case_v1' as CaseId,
  name: 'Old case',
  evidenceSha256: TEST_EVIDENCE.sha256,
  evidenceFileName: TEST_EVIDENCE.fileName,
  labels: [
    { id: 'label_vehicle' as LabelId, name: 'vehicle', color: '#ff5c5c' },
    { id: 'label_person' as LabelId, name: 'person', color: '#4da3ff' },
  ],
  createdAt: '2025-06-01T00:00:00.000Z',
  modifiedAt: '2025-06-02T00:00:00.000Z',
});

const EXPECTED_TRACK = {
  id: 'track_v1',
  caseId: 'case_v1',
  number: 3,
  labelId: 'label_vehicle',
  attributes: {},
  keyframes: [
    {
      frame: 10,
      pts: 5120,
      frameMd5: 'd41d8cd98f00b204e9800998ecf8427e',
      shape: { kind: 'rectangle', x: 1.5, y: 2, width: 30, height: 40.25, rotation: 0 },
      origin: 'drawn',
      outside: false,
      occluded: true,
      attributes: {},
    },
    {
      frame: 20,
      pts: null,
      frameMd5: null,
      shape: { kind: 'rectangle', x: 21.5, y: 2, width: 30, height: 40.25, rotation: 0 },
      // No frame MD5: v1 made this keyframe for the flag, holding a computed shape.
      origin: 'computed',
      outside: true,
      occluded: false,
      attributes: {},
    },
  ],
  createdAt: '2025-06-01T00:00:00.000Z',
  modifiedAt: '2025-06-02T00:00:00.000Z',
};

/** The v1 track once in its case's first set (database version 7). */
const EXPECTED_TRACK_V7 = () => ({ ...EXPECTED_TRACK, setId: 'set_v1' });

const EXPECTED_CASE = {
  ...caseV1(),
  labels: [
    // A label of the default set gets its attributes; the case's own label gets none.
    {
      id: 'label_vehicle',
      name: 'vehicle',
      color: '#ff5c5c',
      attributes: DEFAULT_LABELS[1]!.attributes,
    },
    { id: 'label_person', name: 'person', color: '#4da3ff', attributes: [] },
  ],
};

/** The same case after every upgrade (v4: reference number and notes, empty). */
const EXPECTED_CASE_V4 = { ...EXPECTED_CASE, referenceNumber: '', notes: '' };

/**
 * The same case as the current version stores it (v10: no clock calibration yet; v13: no
 * video added, no synchronisation).
 */
const EXPECTED_CASE_V12 = { ...EXPECTED_CASE_V4, clock: null };
const EXPECTED_CASE_NOW = {
  ...EXPECTED_CASE_V12,
  addedVideos: [],
  sync: { anchors: [], soundSuggestions: [] },
};

/** Evidence as versions 1 to 3 stored it: no acquisition notes. */
const EVIDENCE_V3: Omit<typeof TEST_EVIDENCE, 'acquisition'> = Object.fromEntries(
  Object.entries(TEST_EVIDENCE).filter(([key]) => key !== 'acquisition'),
) as Omit<typeof TEST_EVIDENCE, 'acquisition'>;

describe('record migrations v9 → v10', () => {
  it('migrateCaseV9 adds no clock calibration, leaving its input alone', () => {
    const input = deepFreeze({ ...EXPECTED_CASE_V4 } as unknown as CaseV9);
    const before = structuredClone(input);
    expect(migrateCaseV9(input)).toEqual(EXPECTED_CASE_V12);
    expect(input).toEqual(before);
  });
});

describe('record migrations v10 → v11', () => {
  it('migrateCaseV10 calls a calibration from before a reading, ± 1 s, no zone; input untouched', () => {
    const clock = {
      frame: 3,
      dvrTime: '2025-09-12 08:01:00.400',
      offsetSeconds: 2,
      offsetNote: '',
    };
    const input = deepFreeze({ ...EXPECTED_CASE_V12, clock } as unknown as CaseV10);
    const before = structuredClone(input);
    expect(migrateCaseV10(input)).toEqual({
      ...EXPECTED_CASE_V12,
      clock: { ...clock, method: 'reading', uncertaintySeconds: 1, utcOffsetMinutes: null },
    });
    expect(input).toEqual(before);
    expect(migrateCaseV10(deepFreeze({ ...EXPECTED_CASE_NOW } as unknown as CaseV10))).toEqual(
      EXPECTED_CASE_NOW,
    );
  });
});

describe('record migrations v3 → v4', () => {
  it('migrateCaseV3 adds an empty reference number and notes, leaving its input alone', () => {
    const input = deepFreeze({ ...EXPECTED_CASE } as unknown as CaseV3);
    const before = structuredClone(input);
    expect(migrateCaseV3(input)).toEqual(EXPECTED_CASE_V4);
    expect(input).toEqual(before);
  });

  it('migrateEvidenceV3 adds empty acquisition notes, leaving its input alone', () => {
    const input = deepFreeze({ ...EVIDENCE_V3 });
    const before = structuredClone(input);
    const migrated = migrateEvidenceV3(input);
    expect(migrated).toEqual(TEST_EVIDENCE);
    expect(input).toEqual(before);
    expect(migrated.acquisition).not.toBe(EMPTY_ACQUISITION);
  });
});

describe('record migrations v1 → v2', () => {
  it('migrateTrackV1 gives rectangles rotation 0, keyframes their provenance, no attribute values', () => {
    const input = trackV1();
    const before = structuredClone(input);
    const migrated = migrateTrackV1(deepFreeze(input));
    expect(migrated).toEqual(EXPECTED_TRACK);
    expect(input).toEqual(before);
    // The migrated track behaves as a v2 track.
    const inSet = intoFirstSet(migrated);
    expect(positionAt(inSet, frameIndex(15))).toMatchObject({
      source: 'interpolated',
      occluded: true,
    });
    expect(positionAt(inSet, frameIndex(20))).toBeNull();
  });

  it('migrateTrackV1 shares nothing mutable with its input', () => {
    const input = deepFreeze(trackV1());
    const migrated = migrateTrackV1(input);
    expect(migrated.keyframes).not.toBe(input.keyframes);
    expect(migrated.keyframes[0]!.shape).not.toBe(input.keyframes[0]!.shape);
    expect(Object.isFrozen(migrated)).toBe(false);
  });

  it('migrateCaseV1 gives default labels their attributes and others none', () => {
    const input = caseV1();
    const before = structuredClone(input);
    const migrated = migrateCaseV1(deepFreeze(input));
    expect(migrated).toEqual(EXPECTED_CASE);
    expect(input).toEqual(before);
    expect(migrated.labels).not.toBe(input.labels);
  });

  it('migrates a track without keyframes and a case without labels', () => {
    const bare = deepFreeze({ ...trackV1(), keyframes: [] });
    expect(migrateTrackV1(bare)).toEqual({ ...EXPECTED_TRACK, keyframes: [] });
    const noLabels = deepFreeze({ ...caseV1(), labels: [] });
    expect(migrateCaseV1(noLabels)).toEqual({ ...EXPECTED_CASE, labels: [] });
  });
});

describe('database upgrade v1 → v2', () => {
  const names: string[] = [];

  afterEach(async () => {
    for (const name of names.splice(0)) await Dexie.delete(name);
  });

  /** A database as Framewise 0.1 left it: only the version 1 schema, v1 records. */
  async function createV1Database(): Promise<string> {
    const name = `test-upgrade-${crypto.randomUUID()}`;
    names.push(name);
    const old = new Dexie(name);
    old.version(1).stores({
      evidence: 'sha256',
      cases: 'id, evidenceSha256, modifiedAt',
      tracks: 'id, caseId',
    });
    await old.open();
    await old.table('evidence').put(EVIDENCE_V3);
    await old.table('cases').put(caseV1());
    await old.table('tracks').put(trackV1());
    await old.table('tracks').put({ ...trackV1(), id: 'track_v1_b', number: 4 });
    expect(old.verno).toBe(1);
    old.close();
    return name;
  }

  it('upgrades v1 to the current version: cases and tracks migrated, evidence kept, new tables', async () => {
    const name = await createV1Database();
    const db = new FramewiseDatabase(name);
    try {
      await db.open();
      expect(db.verno).toBe(13);
      expect(await db.cases.get('case_v1' as CaseId)).toEqual(EXPECTED_CASE_NOW);
      expect(await db.tracks.get('track_v1' as TrackId)).toEqual(EXPECTED_TRACK_V7());
      expect(await db.tracks.get('track_v1_b' as TrackId)).toEqual({
        ...EXPECTED_TRACK_V7(),
        id: 'track_v1_b',
        number: 4,
      });
      // The case's annotations are its first set; nobody is named (no log, no examiner).
      expect(await db.sets.toArray()).toEqual([
        {
          id: 'set_v1',
          caseId: 'case_v1',
          evidenceSha256: EXPECTED_CASE.evidenceSha256,
          name: 'Set 1',
          annotator: '',
          status: 'in progress',
          createdAt: EXPECTED_CASE.createdAt,
          modifiedAt: EXPECTED_CASE.modifiedAt,
        },
      ]);
      expect(await db.evidence.get(TEST_EVIDENCE.sha256)).toEqual(TEST_EVIDENCE);
      expect(await db.events.count()).toBe(0);
      expect(await db.notes.count()).toBe(0);
      expect(await db.histories.count()).toBe(0);
      expect(db.tables.map((t) => t.name).sort()).toEqual([
        'audit',
        'auditHeads',
        'calibrations',
        'cases',
        'deletions',
        'events',
        'evidence',
        'fileHandles',
        'histories',
        'measurements',
        'notes',
        'sets',
        'settings',
        'tracks',
      ]);
      expect(await db.audit.count()).toBe(0);

      // The repository reads the migrated records as any v2 case.
      const records = await new Repository(db).recordsOf(setOf('case_v1' as CaseId));
      expect(records.tracks.map((t) => t.id).sort()).toEqual(['track_v1', 'track_v1_b']);
      expect(records.history).toEqual({ past: [], future: [] });
    } finally {
      db.close();
    }
  });

  it('leaves already migrated records alone when opened again', async () => {
    const name = await createV1Database();
    const first = new FramewiseDatabase(name);
    await first.open();
    first.close();
    const again = new FramewiseDatabase(name);
    try {
      await again.open();
      expect(await again.tracks.get('track_v1' as TrackId)).toEqual(EXPECTED_TRACK_V7());
      expect(await again.sets.count()).toBe(1);
      expect(await again.cases.get('case_v1' as CaseId)).toEqual(EXPECTED_CASE_NOW);
    } finally {
      again.close();
    }
  });
});

describe('database upgrade v3 → current', () => {
  const names: string[] = [];

  afterEach(async () => {
    for (const name of names.splice(0)) await Dexie.delete(name);
  });

  it('keeps events, notes, history and the audit log; adds details, acquisition, heads and sets', async () => {
    const name = `test-upgrade-v3-${crypto.randomUUID()}`;
    names.push(name);
    // A database as version 3 left it, declared here by hand (as Framewise then declared it).
    const old = new Dexie(name);
    old.version(1).stores({
      evidence: 'sha256',
      cases: 'id, evidenceSha256, modifiedAt',
      tracks: 'id, caseId',
    });
    old.version(2).stores({ events: 'id, caseId', notes: 'id, caseId', history: 'caseId' });
    old.version(3).stores({ audit: '&id, caseId, [caseId+seq]', settings: '&key' });
    await old.open();
    const caseV3 = { ...EXPECTED_CASE };
    const create = drawTrack(emptyDocument(DEFAULT_LABELS), 4);
    const event = createEvent({
      caseId: EXPECTED_CASE.id as CaseId,
      setId: setOf(EXPECTED_CASE.id as CaseId),
      labelId: null,
      start: at(2),
      end: at(9),
      description: 'vehicle reverses',
      now: TEST_NOW,
    });
    const log = await appendEntries(
      null,
      entriesForCommand(create, {
        caseId: EXPECTED_CASE.id as CaseId,
        at: TEST_NOW,
        examiner: 'A. Examiner',
        appVersion: '0.1.0',
        kind: 'do',
      }),
    );
    await old.table('evidence').put(EVIDENCE_V3);
    await old.table('cases').put(caseV3);
    const eventV3 = withoutSetId(event.changes[0]!.after as AnnotationEvent);
    await old.table('events').put(eventV3);
    // A version 3 undo step: its records of this case, without a set.
    const inCase = (c: Change) => ({
      ...c,
      after: c.after && { ...(c.after as Track), caseId: EXPECTED_CASE.id },
    });
    const createV3 = {
      ...create,
      changes: create.changes.map((c) => ({ ...inCase(c), after: withoutSetId(inCase(c).after!) })),
    };
    await old.table('history').put({ caseId: EXPECTED_CASE.id, past: [createV3], future: [] });
    await old.table('audit').bulkPut(log);
    await old.table('settings').put({ key: 'examiner', value: 'A. Examiner' });
    old.close();

    const db = new FramewiseDatabase(name);
    try {
      await db.open();
      expect(db.verno).toBe(13);
      expect(await db.cases.get(EXPECTED_CASE.id as CaseId)).toEqual(EXPECTED_CASE_NOW);
      expect(await db.evidence.get(TEST_EVIDENCE.sha256)).toEqual(TEST_EVIDENCE);
      const setId = setOf(EXPECTED_CASE.id as CaseId);
      expect(await db.events.toArray()).toEqual([{ ...eventV3, setId }]);
      // The records inside the undo step joined the set too.
      const createInSet = {
        ...create,
        changes: create.changes.map((c) => ({
          ...inCase(c),
          after: { ...inCase(c).after!, setId },
        })),
      };
      expect(await db.histories.get(setId)).toEqual({
        setId,
        caseId: EXPECTED_CASE.id,
        past: [createInSet],
        future: [],
      });
      // The first set's annotator is who created the case, as its audit log says.
      expect(await db.sets.get(setId)).toMatchObject({ annotator: 'A. Examiner', name: 'Set 1' });
      expect(await db.audit.toArray()).toEqual(log);
      expect(await db.auditHeads.get(EXPECTED_CASE.id as CaseId)).toEqual({
        caseId: EXPECTED_CASE.id,
        seq: log.at(-1)!.seq,
        hash: log.at(-1)!.hash,
      });
      expect(await db.settings.get('examiner')).toEqual({ key: 'examiner', value: 'A. Examiner' });
    } finally {
      db.close();
    }
  });
});

describe('record migrations v6 → v7 (annotation sets)', () => {
  it('firstSetOf and intoFirstSet give the same set id for a case, leaving their input alone', () => {
    const record = deepFreeze({ ...EXPECTED_CASE_V4 } as unknown as Case);
    const set = firstSetOf(record, undefined, 'Browser Examiner');
    expect(set).toMatchObject({ id: 'set_v1', caseId: 'case_v1', annotator: 'Browser Examiner' });
    const track = deepFreeze(migrateTrackV1(trackV1()));
    const before = structuredClone(track);
    const joined = intoFirstSet(track);
    expect(joined.setId).toBe(set.id);
    expect(track).toEqual(before);
    expect(joined).not.toBe(track);
  });
});
