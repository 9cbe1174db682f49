import truth from '../../../tests/fixtures/measure/road-25fps.truth.json';
import { frameIndex, type TrackId } from '../ids';
import type { Keyframe, Track } from '../annotations/model';
import { TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET, box, key, trackOf } from '../test-support';
import type { MeasureSources } from './compute-measurement';
import type { Measurement, SceneCalibration } from './records';

/**
 * Records for measurement tests, from the rendered road clip's truth
 * (scripts/make-measure-fixture.mjs): its reference points, and tracks whose boxes are the
 * rendered ones rounded to whole pixels, as a person would draw them (25 fps, pts = frame × 512
 * in the 1/12800 time base of TEST_EVIDENCE).
 */
export const ROAD_TRUTH = truth;

export const ROAD_CALIBRATION: SceneCalibration = {
  id: 'calibration_road' as SceneCalibration['id'],
  caseId: TEST_CASE.id,
  setId: TEST_SET.id,
  evidenceSha256: TEST_EVIDENCE.sha256,
  points: truth.referencePoints.map((p) => ({
    image: { x: p.image[0]!, y: p.image[1]! },
    world: { x: p.world[0]!, y: p.world[1]! },
  })),
  pointSigmaPx: 0.5,
  worldSigmaM: 0.02,
  positionSigmaPx: 1,
  distortionK: null,
  createdAt: TEST_NOW,
  modifiedAt: TEST_NOW,
};

/** A drawn keyframe of the object's rendered box on frame n, to whole pixels. */
export function roadKeyframe(
  object: 'vehicle' | 'officer',
  n: number,
  flags: Partial<Keyframe> = {},
): Keyframe {
  const b = truth.positions[n]![object].box;
  const [x, y] = [Math.round(b.x), Math.round(b.y)];
  return key(n, box(x, y, Math.round(b.x + b.width) - x, Math.round(b.y + b.height) - y), flags);
}

export function roadTrack(
  object: 'vehicle' | 'officer',
  frames: readonly number[],
  extra: readonly Keyframe[] = [],
): Track {
  const keyframes = [...frames.map((n) => roadKeyframe(object, n)), ...extra].sort(
    (a, b) => a.frame - b.frame,
  );
  return {
    ...trackOf(...keyframes),
    id: `track_${object}` as TrackId,
    number: object === 'vehicle' ? 1 : 2,
    labelId: object === 'vehicle' ? trackOf().labelId : ('label_officer' as Track['labelId']),
  };
}

export function roadSources(tracks: readonly Track[]): MeasureSources {
  return {
    calibration: ROAD_CALIBRATION,
    tracks: new Map(tracks.map((t) => [t.id, t])),
    labels: TEST_CASE.labels,
    evidence: { ...TEST_EVIDENCE, width: truth.width, height: truth.height },
    framePts: null,
  };
}

/** A measurement record with these inputs (the rest at test defaults). */
export function measurementOf(
  inputs: Partial<Measurement> & Pick<Measurement, 'kind'>,
): Measurement {
  return {
    id: 'measurement_test' as Measurement['id'],
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    trackIds: [],
    fromFrame: null,
    toFrame: null,
    frame: null,
    imagePoints: [],
    toleranceM: null,
    halfFrameTiming: false,
    monteCarlo: { seed: 1, samples: 300 },
    createdAt: TEST_NOW,
    modifiedAt: TEST_NOW,
    ...inputs,
  };
}

export const span = (from: number, to: number) => ({
  fromFrame: frameIndex(from),
  toFrame: frameIndex(to),
});
