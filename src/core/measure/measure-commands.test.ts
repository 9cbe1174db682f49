import { describe, expect, it } from 'vitest';
import { frameIndex, type LabelId, type TrackId } from '../ids';
import {
  applyCommand,
  emptyDocument,
  invert,
  recordCommand,
  undoStep,
} from '../annotations/history';
import { entriesForCommand } from '../evidence/audit';
import { TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET, deepFreeze } from '../test-support';
import {
  createMeasurement,
  deleteCalibration,
  deleteMeasurement,
  saveCalibration,
  setGroundAnchor,
  updateMeasurement,
  type CalibrationInputs,
} from './measure-commands';
import { ROAD_CALIBRATION } from './measure-test-support';
import { calibrationFor, type SceneCalibration } from './records';

const INPUTS: CalibrationInputs = {
  points: ROAD_CALIBRATION.points,
  pointSigmaPx: 0.5,
  worldSigmaM: 0.02,
  positionSigmaPx: 1,
  distortionK: null,
};
const where = { caseId: TEST_CASE.id, setId: TEST_SET.id, evidenceSha256: TEST_EVIDENCE.sha256 };
const LATER = '2026-01-02T00:00:00.000Z';
const VEHICLE = 'track_vehicle' as TrackId;

describe('scene calibration commands', () => {
  it('creates one calibration per evidence item, then edits it in place; undo restores each step', () => {
    const empty = deepFreeze(emptyDocument());
    const create = saveCalibration(empty, { ...where, inputs: INPUTS, now: TEST_NOW });
    expect(create.name).toBe('create calibration');
    const once = deepFreeze(applyCommand(empty, create));
    const first = calibrationFor(once.calibrations.values(), TEST_EVIDENCE.sha256)!;
    expect(first).toMatchObject({ ...where, ...INPUTS, createdAt: TEST_NOW, modifiedAt: TEST_NOW });

    const edit = saveCalibration(once, {
      ...where,
      inputs: { ...INPUTS, pointSigmaPx: 2 },
      now: LATER,
    });
    expect(edit.name).toBe('edit calibration');
    const twice = applyCommand(once, edit);
    expect(twice.calibrations.size).toBe(1);
    expect(twice.calibrations.get(first.id)).toMatchObject({
      pointSigmaPx: 2,
      modifiedAt: LATER,
      createdAt: TEST_NOW,
    });

    expect(applyCommand(twice, invert(edit)).calibrations.get(first.id)).toEqual(first);
    expect(applyCommand(once, invert(create)).calibrations.size).toBe(0);
    expect(applyCommand(once, deleteCalibration(first)).calibrations.size).toBe(0);
  });

  it('does not keep the caller’s point objects (records are replaced whole, never shared)', () => {
    const points = [{ image: { x: 1, y: 2 }, world: { x: 3, y: 4 } }];
    const cmd = saveCalibration(emptyDocument(), {
      ...where,
      inputs: { ...INPUTS, points },
      now: TEST_NOW,
    });
    points[0]!.image.x = 99;
    const after = cmd.changes[0]!.after as SceneCalibration;
    expect(after.points[0]!.image.x).toBe(1);
  });

  it('refuses uncertainties that are not numbers of 0 or more, and points that are not numbers', () => {
    const save = (inputs: CalibrationInputs) => () =>
      saveCalibration(emptyDocument(), { ...where, inputs, now: TEST_NOW });
    expect(save({ ...INPUTS, pointSigmaPx: -1 })).toThrow(
      'The point uncertainty must be a number of 0 or more.',
    );
    expect(save({ ...INPUTS, worldSigmaM: NaN })).toThrow('The world uncertainty');
    expect(
      save({ ...INPUTS, points: [{ image: { x: NaN, y: 0 }, world: { x: 0, y: 0 } }] }),
    ).toThrow('Every reference point needs four numbers.');
    expect(save({ ...INPUTS, distortionK: Infinity })).toThrow('The distortion must be a number.');
  });

  it('is audited as calibration.create / calibration.edit / calibration.delete', () => {
    const create = saveCalibration(emptyDocument(), { ...where, inputs: INPUTS, now: TEST_NOW });
    const meta = {
      caseId: TEST_CASE.id,
      at: TEST_NOW,
      examiner: 'E',
      appVersion: 'test',
      kind: 'do',
    } as const;
    expect(entriesForCommand(create, meta)[0]).toMatchObject({
      action: 'calibration.create',
      targetKind: 'calibration',
      targetId: create.changes[0]!.kind === 'calibration' ? create.changes[0]!.id : null,
      detail: 'create calibration',
    });
    const record = applyCommand(emptyDocument(), create).calibrations.values().next().value!;
    expect(entriesForCommand(deleteCalibration(record), meta)[0]!.action).toBe(
      'calibration.delete',
    );
    expect(entriesForCommand(invert(create), { ...meta, kind: 'undo' })[0]).toMatchObject({
      action: 'calibration.delete',
      detail: 'create calibration (undo)',
    });
  });
});

describe('setGroundAnchor', () => {
  const CAR = 'label_car' as LabelId;
  const meta = {
    caseId: TEST_CASE.id,
    at: LATER,
    examiner: 'E',
    appVersion: 'test',
    kind: 'do',
  } as const;

  it('sets a track’s or a label’s ground point on the calibration, undoably and audited', () => {
    const doc = deepFreeze(applyCommand(emptyDocument(), create()));
    const before = doc.calibrations.values().next().value!;
    // Stored before anchors existed: no field at all.
    expect(before.groundAnchors).toBeUndefined();
    const byTrack = setGroundAnchor(before, { track: VEHICLE }, { u: 0.5, v: 0 }, LATER);
    expect(byTrack.name).toBe('set ground point');
    const one = deepFreeze(applyCommand(doc, byTrack));
    const after = one.calibrations.get(before.id)!;
    expect(after).toMatchObject({
      groundAnchors: { byLabel: {}, byTrack: { [VEHICLE]: { u: 0.5, v: 0 } } },
      modifiedAt: LATER,
      createdAt: TEST_NOW,
      points: before.points,
    });
    const byLabel = setGroundAnchor(after, { label: CAR }, { u: 0.3, v: 1 }, LATER);
    const two = deepFreeze(applyCommand(one, byLabel));
    expect(two.calibrations.get(before.id)!.groundAnchors).toEqual({
      byLabel: { [CAR]: { u: 0.3, v: 1 } },
      byTrack: { [VEHICLE]: { u: 0.5, v: 0 } },
    });
    // Null: back to the default (the entry goes).
    const reset = setGroundAnchor(
      two.calibrations.get(before.id)!,
      { track: VEHICLE },
      null,
      LATER,
    );
    expect(applyCommand(two, reset).calibrations.get(before.id)!.groundAnchors).toEqual({
      byLabel: { [CAR]: { u: 0.3, v: 1 } },
      byTrack: {},
    });
    // Undo restores each step.
    expect(applyCommand(two, invert(byLabel)).calibrations.get(before.id)).toEqual(after);
    expect(applyCommand(one, invert(byTrack)).calibrations.get(before.id)).toEqual(before);
    expect(entriesForCommand(byTrack, meta)[0]).toMatchObject({
      action: 'calibration.edit',
      targetKind: 'calibration',
      targetId: before.id,
      detail: 'set ground point',
    });
  });

  it('refuses an anchor outside the box', () => {
    const calibration = create().changes[0]!.after as SceneCalibration;
    for (const anchor of [
      { u: -0.01, v: 1 },
      { u: 0.5, v: 1.01 },
      { u: NaN, v: 0 },
    ]) {
      expect(() => setGroundAnchor(calibration, { track: VEHICLE }, anchor, LATER)).toThrow(
        'A ground point is given as across and down, each from 0 to 1.',
      );
    }
  });

  function create() {
    return saveCalibration(emptyDocument(), { ...where, inputs: INPUTS, now: TEST_NOW });
  }
});

describe('measurement commands', () => {
  const speed = {
    kind: 'speed' as const,
    trackIds: [VEHICLE],
    fromFrame: frameIndex(0),
    toFrame: frameIndex(49),
  };

  it('stores the inputs with a seed and sample count, not a result; undo and redo through the history', () => {
    const create = createMeasurement({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      inputs: speed,
      now: TEST_NOW,
    });
    const doc = applyCommand(emptyDocument(), create);
    const m = [...doc.measurements.values()][0]!;
    expect(m).toEqual({
      id: m.id,
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      kind: 'speed',
      trackIds: [VEHICLE],
      fromFrame: 0,
      toFrame: 49,
      frame: null,
      imagePoints: [],
      toleranceM: null,
      halfFrameTiming: false,
      monteCarlo: { seed: 20261206, samples: 1000 },
      createdAt: TEST_NOW,
      modifiedAt: TEST_NOW,
    });
    expect(create.name).toBe('measure speed');

    const edit = updateMeasurement(
      m,
      { ...speed, toFrame: frameIndex(30), halfFrameTiming: true },
      LATER,
    );
    const history = recordCommand(recordCommand({ past: [], future: [] }, create), edit);
    const edited = applyCommand(doc, edit);
    expect(edited.measurements.get(m.id)).toMatchObject({
      toFrame: 30,
      halfFrameTiming: true,
      modifiedAt: LATER,
    });
    const undo = undoStep(history)!;
    expect(applyCommand(edited, undo.command).measurements.get(m.id)).toEqual(m);
    expect(applyCommand(doc, deleteMeasurement(m)).measurements.size).toBe(0);
    expect(
      entriesForCommand(deleteMeasurement(m), {
        caseId: TEST_CASE.id,
        at: LATER,
        examiner: 'E',
        appVersion: 't',
        kind: 'do',
      })[0]!.action,
    ).toBe('measurement.delete');
  });

  it('refuses inputs that do not hang together, in words', () => {
    const make = (inputs: Parameters<typeof createMeasurement>[0]['inputs']) => () =>
      createMeasurement({ caseId: TEST_CASE.id, setId: TEST_SET.id, inputs, now: TEST_NOW });
    expect(make({ ...speed, trackIds: [] })).toThrow('Choose one object to measure.');
    expect(make({ ...speed, toFrame: frameIndex(0) })).toThrow(
      'The last frame must come after the first frame.',
    );
    expect(make({ ...speed, fromFrame: null })).toThrow('Give the first and last frame.');
    expect(make({ ...speed, kind: 'separation', trackIds: [VEHICLE, VEHICLE] })).toThrow(
      'Choose two different objects.',
    );
    expect(
      make({
        kind: 'distance',
        trackIds: [],
        imagePoints: [
          { x: 1, y: 1 },
          { x: 2, y: 2 },
        ],
      }),
    ).toThrow('A distance is measured on one frame');
    expect(make({ kind: 'distance', trackIds: [VEHICLE], frame: frameIndex(3) })).toThrow(
      'A distance is between two points on the frame or between two objects.',
    );
    expect(make({ ...speed, toleranceM: 1 })).toThrow(/tolerance/);
    expect(make({ ...speed, monteCarlo: { seed: 1.5, samples: 1000 } })).toThrow(/seed/);
    expect(make({ ...speed, monteCarlo: { seed: 1, samples: 10 } })).toThrow(/at least 100/);
  });
});
