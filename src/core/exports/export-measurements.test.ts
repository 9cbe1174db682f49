import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildAnnotationsExport } from './export-json';
import { parseAnnotationsExport } from './annotations-import';
import { importedToRecords } from './imported-records';
import { buildDocument, type AnnotationDocument } from '../annotations/history';
import { frameIndex, sha256, type TrackId } from '../ids';
import { computeMeasurement } from '../measure/compute-measurement';
import {
  ROAD_CALIBRATION,
  ROAD_TRUTH,
  measurementOf,
  roadSources,
  roadTrack,
  span,
} from '../measure/measure-test-support';
import schema from '../schemas/annotations.schema.json';
import { TEST_CASE, TEST_EVIDENCE, TEST_SET } from '../test-support';

const validate = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  discriminator: true,
}).compile(schema);

const EVIDENCE = { ...TEST_EVIDENCE, width: ROAD_TRUTH.width, height: ROAD_TRUTH.height };
const VEHICLE = 'track_vehicle' as TrackId;
const OFFICER = 'track_officer' as TrackId;
const FRAMES = [0, 10, 20, 30, 40];
const framePts = (frame: number) => frame * 512;

/** The road calibrated, both objects drawn, and four measurements, one of a deleted object. */
function measuredDocument(): AnnotationDocument {
  return buildDocument({
    labels: TEST_CASE.labels,
    tracks: [roadTrack('vehicle', FRAMES), roadTrack('officer', FRAMES)],
    calibrations: [ROAD_CALIBRATION],
    measurements: [
      measurementOf({
        id: 'measurement_1' as never,
        kind: 'speed',
        trackIds: [VEHICLE],
        ...span(0, 40),
        createdAt: '2026-01-01T00:00:01.000Z',
      }),
      measurementOf({
        id: 'measurement_2' as never,
        kind: 'separation',
        trackIds: [VEHICLE, OFFICER],
        ...span(0, 40),
        toleranceM: 2,
        createdAt: '2026-01-01T00:00:02.000Z',
      }),
      measurementOf({
        id: 'measurement_3' as never,
        kind: 'distance',
        frame: frameIndex(12),
        imagePoints: [ROAD_CALIBRATION.points[0]!.image, ROAD_CALIBRATION.points[2]!.image],
        createdAt: '2026-01-01T00:00:03.000Z',
      }),
      measurementOf({
        id: 'measurement_4' as never,
        kind: 'path',
        trackIds: ['track_gone' as TrackId],
        ...span(0, 40),
        createdAt: '2026-01-01T00:00:04.000Z',
      }),
    ],
  });
}

function exportOf(
  document: AnnotationDocument,
  measurementResults?: Parameters<typeof buildAnnotationsExport>[0]['measurementResults'],
) {
  const out = buildAnnotationsExport({
    measurementResults,
    evidence: EVIDENCE,
    caseRecord: TEST_CASE,
    annotationSet: TEST_SET,
    document,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'FFmpeg', version: '0' },
    audit: [],
    now: '2026-02-02T00:00:00.000Z',
    framePts,
    frameMd5: () => null,
  });
  const valid = validate(JSON.parse(JSON.stringify(out)));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return out;
}

describe('native JSON export: calibration and measurements', { timeout: 60_000 }, () => {
  const out = exportOf(measuredDocument());

  it('holds the calibration: points, uncertainties, the homography anyone can refit, residuals', () => {
    const c = out.calibration!;
    expect(c.points).toHaveLength(ROAD_CALIBRATION.points.length);
    expect(c.points[0]).toMatchObject({
      image: ROAD_CALIBRATION.points[0]!.image,
      world: ROAD_CALIBRATION.points[0]!.world,
    });
    expect(c.points.every((p) => p.residualPx !== null && p.residualPx < 1e-6)).toBe(true);
    expect(c).toMatchObject({
      pointSigmaPx: 0.5,
      worldSigmaM: 0.02,
      positionSigmaPx: 1,
      distortion: null,
      fitProblem: null,
      evidenceSha256: EVIDENCE.sha256,
    });
    c.homography!.imageToWorld.forEach((v, i) =>
      expect(v).toBeCloseTo(ROAD_TRUTH.imageToGround[i]!, 6),
    );
    expect(c.homography!.rmsPx).toBeLessThan(1e-6);
  });

  it('holds every measurement with kind, value, interval95 [low, high], unit, frames and trackIds', () => {
    expect(out.measurements.map((m) => [m.kind, m.unit])).toEqual([
      ['speed', 'km/h'],
      ['separation', 'm'],
      ['distance', 'm'],
      ['path', 'm'],
    ]);
    const [speed, apart, ruler, gone] = out.measurements;
    const kmh = ROAD_TRUTH.vehicle.speedKmh;
    expect(Math.abs(speed!.value! - kmh) / kmh).toBeLessThan(0.03);
    expect(speed!.interval95![0]).toBeLessThanOrEqual(kmh);
    expect(speed!.interval95![1]).toBeGreaterThanOrEqual(kmh);
    expect(speed).toMatchObject({
      frames: FRAMES,
      trackIds: [VEHICLE],
      seed: 1,
      samples: 300,
      problem: null,
    });
    expect(speed!.series).toHaveLength(4);
    expect(speed!.method).toContain('pts');
    expect(apart!.trackIds).toEqual([VEHICLE, OFFICER]);
    expect(apart!.together).toEqual([expect.objectContaining({ fromFrame: 0, toFrame: 30 })]);
    expect(ruler!.frames).toEqual([12]);
    // The value is the one computeMeasurement gives from the same records.
    const again = computeMeasurement(
      measurementOf({ kind: 'speed', trackIds: [VEHICLE], ...span(0, 40) }),
      { ...roadSources([roadTrack('vehicle', FRAMES)]), framePts },
    );
    expect(speed!.value).toBe(again.value);
    expect(speed!.interval95).toEqual(again.interval95);
    // One that cannot be computed says why, and has no value.
    expect(gone).toMatchObject({
      value: null,
      interval95: null,
      frames: [],
      problem: 'An object this measurement uses no longer exists.',
    });
  });

  it('carries results computed beforehand (in the app: in a worker) as they were given', () => {
    const document = measuredDocument();
    const speed = document.measurements.get('measurement_1' as never)!;
    const result = computeMeasurement(speed, {
      calibration: ROAD_CALIBRATION,
      tracks: document.tracks,
      labels: document.labels,
      evidence: EVIDENCE,
      framePts,
    });
    const given = { ...result, value: 99.5 };
    const precomputed = new Map([
      ['measurement_1' as never, { result: given }],
      ['measurement_2' as never, { problem: 'Stopped on purpose.' }],
    ]);
    const exported = exportOf(document, precomputed).measurements;
    expect(exported[0]!.value).toBe(99.5);
    expect(exported[1]).toMatchObject({ value: null, problem: 'Stopped on purpose.' });
    // The others are computed here, as without precomputed results.
    expect(exported[2]!.value).toBeCloseTo(out.measurements[2]!.value!, 12);
  });

  it('has no calibration and no measurements for a set without them', () => {
    const bare = exportOf(buildDocument({ labels: TEST_CASE.labels }));
    expect(bare.calibration).toBeNull();
    expect(bare.measurements).toEqual([]);
  });
});

describe(
  'native JSON export → import: calibration and measurements come back in a new set',
  { timeout: 60_000 },
  () => {
    it('reads them back as records of the new set, its objects mapped to the new tracks', async () => {
      const parsed = await parseAnnotationsExport(JSON.stringify(exportOf(measuredDocument())));
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      if (!parsed.ok) return;
      const target = {
        caseId: TEST_CASE.id,
        setId: 'set_new' as typeof TEST_SET.id,
        labels: TEST_CASE.labels,
        now: '2026-03-03T00:00:00.000Z',
        evidenceSha256: EVIDENCE.sha256,
      };
      const records = importedToRecords(parsed.document, target);
      expect(records.calibrations).toEqual([
        {
          id: expect.stringMatching(/^calibration_/),
          caseId: TEST_CASE.id,
          setId: 'set_new',
          evidenceSha256: EVIDENCE.sha256,
          points: ROAD_CALIBRATION.points,
          pointSigmaPx: 0.5,
          worldSigmaM: 0.02,
          positionSigmaPx: 1,
          distortionK: null,
          groundAnchors: { byLabel: {}, byTrack: {} },
          createdAt: target.now,
          modifiedAt: target.now,
        },
      ]);
      expect(records.measurements.map((m) => m.kind)).toEqual(['speed', 'separation', 'distance']);
      expect(records.warnings).toEqual([
        'Measurement 4 (path) was left out: an object it measures is not in the file.',
      ]);
      const [vehicle, officer] = records.tracks;
      expect(records.measurements[0]!.trackIds).toEqual([vehicle!.id]);
      expect(records.measurements[1]!.trackIds).toEqual([vehicle!.id, officer!.id]);
      expect(records.measurements[1]).toMatchObject({
        setId: 'set_new',
        fromFrame: 0,
        toFrame: 40,
        toleranceM: 2,
        monteCarlo: { seed: 1, samples: 300 },
      });
      // Recomputed in the new set, the speed is the exported one.
      const sources = {
        ...roadSources(records.tracks),
        calibration: records.calibrations[0]!,
        framePts,
      };
      const exported = exportOf(measuredDocument()).measurements[0]!;
      expect(computeMeasurement(records.measurements[0]!, sources).value).toBe(exported.value);
    });

    it('carries the ground points the examiner set, by label name and by track, and back', async () => {
      const officerLabel = TEST_CASE.labels.find((l) => l.id === 'label_officer')!;
      const calibration = {
        ...ROAD_CALIBRATION,
        groundAnchors: {
          byLabel: { [officerLabel.id]: { u: 0.5, v: 0.5 } },
          byTrack: { [VEHICLE]: { u: 0.25, v: 0 }, ['track_gone' as TrackId]: { u: 1, v: 1 } },
        },
      };
      const measured = measuredDocument();
      const document = buildDocument({
        labels: TEST_CASE.labels,
        tracks: measured.tracks.values(),
        measurements: measured.measurements.values(),
        calibrations: [calibration],
      });
      const out = exportOf(document);
      // A track no longer in the set is not written.
      expect(out.calibration!.groundAnchors).toEqual({
        byLabel: [{ label: officerLabel.name, u: 0.5, v: 0.5 }],
        byTrack: [{ trackId: VEHICLE, u: 0.25, v: 0 }],
      });
      const speed = out.measurements[0]!;
      expect(speed.method).toContain(
        'was set by the examiner at 25 % across, 0 % down its box (not its bottom centre).',
      );
      const parsed = await parseAnnotationsExport(JSON.stringify(out));
      if (!parsed.ok) throw new Error(parsed.problems.join(' '));
      const records = importedToRecords(parsed.document, {
        caseId: TEST_CASE.id,
        setId: 'set_new' as typeof TEST_SET.id,
        labels: TEST_CASE.labels,
        now: '2026-03-03T00:00:00.000Z',
        evidenceSha256: EVIDENCE.sha256,
      });
      const [vehicle] = records.tracks;
      expect(records.calibrations[0]!.groundAnchors).toEqual({
        byLabel: { [officerLabel.id]: { u: 0.5, v: 0.5 } },
        byTrack: { [vehicle!.id]: { u: 0.25, v: 0 } },
      });
      const sources = {
        ...roadSources(records.tracks),
        calibration: records.calibrations[0]!,
        framePts,
      };
      expect(computeMeasurement(records.measurements[0]!, sources).value).toBe(speed.value);
      // An anchor outside its box is refused by the schema, naming the path.
      const json = JSON.parse(JSON.stringify(out));
      json.calibration.groundAnchors.byTrack[0].u = 1.5;
      const bad = await parseAnnotationsExport(JSON.stringify(json));
      expect(bad.ok ? [] : bad.problems).toEqual([
        expect.stringMatching(/^calibration\.groundAnchors\.byTrack\[0\]\.u /),
      ]);
    });

    it('leaves the calibration out when the file was made on another video', async () => {
      const parsed = await parseAnnotationsExport(JSON.stringify(exportOf(measuredDocument())));
      if (!parsed.ok) throw new Error(parsed.problems.join(' '));
      const records = importedToRecords(parsed.document, {
        caseId: TEST_CASE.id,
        setId: TEST_SET.id,
        labels: TEST_CASE.labels,
        now: '2026-03-03T00:00:00.000Z',
        evidenceSha256: undefined,
      });
      expect(records.calibrations).toEqual([]);
      expect(records.warnings).toContain(
        'The scene calibration was left out: the file was made on another video (its pixels are of that one).',
      );
    });

    it('refuses, naming the path, a measurement that does not match the schema', async () => {
      const json = JSON.parse(JSON.stringify(exportOf(measuredDocument())));
      json.measurements[0].unit = 'mph';
      json.calibration.pointSigmaPx = -2;
      const parsed = await parseAnnotationsExport(JSON.stringify(json));
      expect(parsed.ok ? [] : parsed.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^measurements\[0\]\.unit /),
          expect.stringMatching(/^calibration\.pointSigmaPx /),
        ]),
      );
      // A frame the video does not have is refused.
      const beyond = JSON.parse(JSON.stringify(exportOf(measuredDocument())));
      beyond.measurements[1].toFrame = 5000;
      const late = await parseAnnotationsExport(JSON.stringify(beyond));
      expect(late.ok ? [] : late.problems).toEqual([
        expect.stringMatching(/^measurements\[1\]\.toFrame /),
      ]);
      // An unknown evidence hash is refused by the schema too.
      json.measurements[0].unit = 'km/h';
      json.calibration.pointSigmaPx = 1;
      json.calibration.evidenceSha256 = sha256('b'.repeat(64)).toUpperCase();
      const upper = await parseAnnotationsExport(JSON.stringify(json));
      expect(upper.ok ? [] : upper.problems).toEqual([
        expect.stringMatching(/^calibration\.evidenceSha256 /),
      ]);
    });
  },
);
