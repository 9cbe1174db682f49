import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../evidence/audit';
import { buildAnnotationsExport } from './export-json';
import { applyCommand, emptyDocument } from '../annotations/history';
import type { SetId } from '../ids';
import { DEFAULT_LABELS } from '../annotations/model';
import schema from '../schemas/annotations.schema.json';
import { createNote } from '../annotations/event-note-commands';
import {
  at,
  deepFreeze,
  drawTrack,
  TEST_CASE,
  TEST_EVIDENCE,
  TEST_NOW,
  TEST_SET,
} from '../test-support';
import { parseAnnotationsExport } from './annotations-import';
import { upgradeAnnotations } from './annotations-migrations';
import { importedToRecords } from './imported-records';

type Json = Record<string, unknown>;

const validate = new Ajv({ strict: true, allowUnionTypes: true, discriminator: true }).compile(
  schema,
);
const EMPTY_ACQUISITION = {
  source: '',
  acquiredBy: '',
  dvrMakeModel: '',
  cameraChannel: '',
  notes: '',
};
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

const rect = (x: number) => ({ kind: 'rectangle', x, y: 0, width: 10, height: 10 });

/**
 * A version 1 export as Framewise 0.1 wrote it (git: src/core/export-json.ts at 2e68c65): a
 * track drawn on 10 (MD5 known), flagged outside on 20 (no MD5: a computed shape), and a
 * second track in view to the end.
 */
const V1 = deepFreeze({
  format: 'framewise.annotations',
  version: 1,
  generator: { name: 'Framewise', version: '0.1.0' },
  exportedAt: '2025-11-01T10:00:00.000Z',
  evidence: {
    fileName: 'cctv.mp4',
    size: 1234,
    sha256: 'a'.repeat(64),
    codec: 'h264',
    width: 704,
    height: 576,
    rotation: 0,
    pixelFormat: 'yuv420p',
    timeBase: '1/12800',
    startPts: 512,
    frameCount: 300,
  },
  case: { id: 'case_old', name: 'Old case' },
  labels: [{ id: 'label_officer', name: 'officer', color: '#4da3ff' }],
  tracks: [
    {
      id: 'track_1',
      number: 1,
      label: 'officer',
      keyframes: [
        {
          frame: 10,
          pts: 5120,
          seconds: 0.4,
          frameMd5: MD5,
          source: 'drawn',
          outside: false,
          occluded: false,
          shape: rect(0),
        },
        {
          frame: 20,
          pts: 10240,
          seconds: 0.8,
          frameMd5: null,
          source: 'drawn',
          outside: true,
          occluded: false,
          shape: rect(0),
        },
      ],
      positions: [
        { frame: 10, pts: 5120, seconds: 0.4, source: 'drawn', occluded: false, shape: rect(0) },
        {
          frame: 11,
          pts: 5632,
          seconds: 0.44,
          source: 'interpolated',
          occluded: false,
          shape: rect(0),
        },
      ],
    },
    {
      id: 'track_2',
      number: 2,
      label: 'officer',
      keyframes: [
        {
          frame: 30,
          pts: 15360,
          seconds: 1.2,
          frameMd5: null,
          source: 'drawn',
          outside: false,
          occluded: true,
          shape: rect(5),
        },
      ],
      positions: [
        { frame: 30, pts: 15360, seconds: 1.2, source: 'drawn', occluded: true, shape: rect(5) },
      ],
    },
  ],
});

/** A version 2 export (git: HEAD before version 3): a v3 export without what v3 added. */
function v2Export(): Json {
  let doc = emptyDocument(DEFAULT_LABELS);
  doc = applyCommand(doc, drawTrack(doc, 40));
  doc = applyCommand(
    doc,
    createNote({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      at: { ...at(45), pts: null },
      kind: 'observation',
      text: 'door',
      now: TEST_NOW,
    }),
  );
  const v3 = buildAnnotationsExport({
    evidence: TEST_EVIDENCE,
    caseRecord: TEST_CASE,
    annotationSet: TEST_SET,
    document: doc,
    generator: { name: 'Framewise', version: '0.2.0' },
    decoder: { name: 'x', version: 'y' },
    audit: [],
    now: '2026-01-05T00:00:00.000Z',
    framePts: (frame) => frame * 512,
    frameMd5: () => null,
  });
  const json = JSON.parse(JSON.stringify(v3)) as Json & { evidence: Json; case: Json };
  for (const key of ['startSeconds', 'decoder', 'acquisition']) delete json.evidence[key];
  delete json.case.referenceNumber;
  for (const key of ['annotationSet', 'frames', 'audit']) delete json[key];
  return deepFreeze({ ...json, version: 2 });
}

describe('version 1 → 6', () => {
  const { value, from } = upgradeAnnotations(V1);
  const tracks = value.tracks as Json[];

  it('gives rectangles their rotation, labels and tracks empty attributes, keyframes provenance', () => {
    expect(from).toBe(1);
    expect(value.version).toBe(6);
    expect(value.labels).toEqual([
      { id: 'label_officer', name: 'officer', color: '#4da3ff', attributes: [] },
    ]);
    expect(tracks[0]).toMatchObject({
      attributes: {},
      keyframes: [
        { frame: 10, source: 'drawn', shape: { ...rect(0), rotation: 0 }, attributes: {} },
        // No MD5: a keyframe made for a flag, holding the computed shape (storage/migrations.ts).
        { frame: 20, source: 'computed', shape: { ...rect(0), rotation: 0 }, attributes: {} },
      ],
      positions: [
        { frame: 10, source: 'drawn', shape: { ...rect(0), rotation: 0 } },
        { frame: 11, source: 'interpolated' },
      ],
      heldAfterLastKeyframe: null, // it ends outside
    });
    expect(tracks[1]).toMatchObject({
      keyframes: [{ source: 'computed' }],
      positions: [{ source: 'computed' }],
      heldAfterLastKeyframe: { fromFrame: 31, toFrame: 299 },
    });
    expect(value.events).toEqual([]);
    expect(value.notes).toEqual([]);
  });

  it('adds what version 3 records, empty where the old file did not say', () => {
    expect(value.evidence).toMatchObject({
      startPts: 512,
      startSeconds: 0.04,
      decoder: { name: '', version: '' },
      acquisition: EMPTY_ACQUISITION,
    });
    expect(value.case).toEqual({
      id: 'case_old',
      name: 'Old case',
      referenceNumber: '',
      clock: null,
    });
    expect(value.annotationSet).toEqual({
      id: 'set_old',
      name: 'Set 1',
      annotator: '',
      status: 'in progress',
      createdAt: '2025-11-01T10:00:00.000Z',
      modifiedAt: '2025-11-01T10:00:00.000Z',
    });
    expect(value.frames).toEqual([
      { frame: 10, pts: 5120, seconds: 0.4, md5: MD5 },
      { frame: 20, pts: 10240, seconds: 0.8, md5: null },
      { frame: 30, pts: 15360, seconds: 1.2, md5: null },
    ]);
    expect(value.audit).toEqual({ entries: [], headHash: GENESIS_HASH, count: 0 });
  });

  it('gives a document the version 3 schema accepts, and the file imports', async () => {
    expect(validate(value)).toBe(true);
    const result = await parseAnnotationsExport(JSON.stringify(V1));
    expect(result.ok && result.document.upgradedFrom).toBe(1);
  });
});

describe('version 2 → 3', () => {
  const v2 = v2Export();
  const { value, from } = upgradeAnnotations(v2);

  it('keeps labels, tracks, events and notes as they were, and adds the rest', () => {
    expect(from).toBe(2);
    for (const key of ['labels', 'tracks', 'events', 'notes', 'generator', 'exportedAt']) {
      expect(value[key]).toEqual(v2[key]);
    }
    expect(value.evidence).toMatchObject({ startSeconds: 0, decoder: { name: '', version: '' } });
    expect(value.annotationSet).toMatchObject({ id: 'set_test', name: 'Set 1', annotator: '' });
    // pts from the keyframe (the file has no frame table); the note on 45 gives none.
    expect(value.frames).toEqual([
      { frame: 40, pts: 20480, seconds: 1.6, md5: null },
      { frame: 45, pts: null, seconds: null, md5: null },
    ]);
    expect(validate(value)).toBe(true);
  });

  it('imports as records of a new set', async () => {
    const result = await parseAnnotationsExport(JSON.stringify(v2));
    if (!result.ok) throw new Error(result.problems.join(' | '));
    expect(result.document.upgradedFrom).toBe(2);
    const records = importedToRecords(result.document, {
      caseId: TEST_CASE.id,
      setId: 'set_new' as SetId,
      labels: DEFAULT_LABELS,
      now: TEST_NOW,
    });
    expect(records.tracks).toHaveLength(1);
    expect(records.notes.map((n) => [n.frame, n.pts, n.text])).toEqual([[45, null, 'door']]);
  });
});

describe('version 3 → 4', () => {
  it('says a calibration from before its uncertainty was a reading, ± 1 s, no zone', () => {
    const clock = {
      frame: 4,
      dvrTime: '2025-09-12 08:01:00.400',
      offsetSeconds: 2,
      offsetNote: '',
    };
    const v3 = deepFreeze({ version: 3, case: { id: 'case_a', clock }, tracks: [] });
    const { value, from } = upgradeAnnotations(v3);
    expect(from).toBe(3);
    expect(value).toEqual({
      version: 6,
      case: {
        id: 'case_a',
        clock: { ...clock, method: 'reading', uncertaintySeconds: 1, utcOffsetMinutes: null },
      },
      tracks: [],
      calibration: null,
      measurements: [],
    });
    // No calibration stays none.
    const uncalibrated = deepFreeze({ version: 3, case: { id: 'case_a', clock: null } });
    expect(upgradeAnnotations(uncalibrated).value.case).toEqual({ id: 'case_a', clock: null });
  });
});

describe('the upgrades on unchecked JSON', () => {
  it('never change their input (it is frozen here) and leave a version 6 file as it is', () => {
    expect(() => upgradeAnnotations(V1)).not.toThrow();
    const v6 = { version: 6, tracks: [] };
    expect(upgradeAnnotations(v6).value).toBe(v6);
  });

  it('bring version 5 to 6: a calibration has no ground points set (all bottom-centre)', () => {
    const calibration = { id: 'calibration_a', points: [] };
    const v5 = deepFreeze({ version: 5, calibration, measurements: [] });
    const { value, from } = upgradeAnnotations(v5);
    expect(from).toBe(5);
    expect(value).toEqual({
      version: 6,
      calibration: { ...calibration, groundAnchors: { byLabel: [], byTrack: [] } },
      measurements: [],
    });
    expect(upgradeAnnotations(deepFreeze({ version: 5, calibration: null })).value).toEqual({
      version: 6,
      calibration: null,
    });
  });

  it('bring version 4 to 6: no scene calibration, no measurements, input unchanged', () => {
    const v4 = deepFreeze({ version: 4, tracks: [], notes: [] });
    const { value, from } = upgradeAnnotations(v4);
    expect(from).toBe(4);
    expect(value).toEqual({
      version: 6,
      tracks: [],
      notes: [],
      calibration: null,
      measurements: [],
    });
    expect(v4).toEqual({ version: 4, tracks: [], notes: [] });
  });

  it('leave what they do not understand for the schema to name', async () => {
    const odd = { ...V1, tracks: 'x', labels: [1, { name: 'a' }] };
    const { value } = upgradeAnnotations(odd);
    expect(value.tracks).toBe('x');
    expect(value.labels).toEqual([1, { name: 'a', attributes: [] }]);
    const result = await parseAnnotationsExport(JSON.stringify(odd));
    expect(result.ok ? [] : result.problems).toEqual(
      expect.arrayContaining([
        'tracks must be a list of at most 1,000,000 tracks; it is "x".',
        'labels[0] must be a label; it is 1.',
      ]),
    );
  });
});
