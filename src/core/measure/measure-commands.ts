import {
  newCalibrationId,
  newMeasurementId,
  type CaseId,
  type LabelId,
  type SetId,
  type Sha256,
  type TrackId,
} from '../ids';
import type { AnnotationDocument, Command } from '../annotations/history';
import { groundAnchorProblem, NO_GROUND_ANCHORS, type GroundAnchor } from './ground-point';
import { calibrationFor, type Measurement, type SceneCalibration } from './records';
import { DEFAULT_MONTE_CARLO } from './uncertainty';

/**
 * The edits of measurement as commands of record changes, like events and notes: undoable,
 * stored with the undo history and audited (one entry per change). They check only what a
 * record must be to be stored at all; whether the calibration fits or a measurement can be
 * computed is said by fitHomography and computeMeasurement, in words, before the UI saves.
 */

/** What the examiner states in the calibration dialog. */
export type CalibrationInputs = Pick<
  SceneCalibration,
  'points' | 'pointSigmaPx' | 'worldSigmaM' | 'positionSigmaPx' | 'distortionK'
>;

/** Default uncertainty of a person's placing of a ground point (px), until the examiner sets it. */
export const DEFAULT_POSITION_SIGMA_PX = 2;

const finiteAtLeastZero = (n: number) => Number.isFinite(n) && n >= 0;

/** Plain words for why these inputs cannot be stored; null when they can. */
export function calibrationInputsProblem(inputs: CalibrationInputs): string | null {
  const sigmas: [string, number][] = [
    ['The point uncertainty', inputs.pointSigmaPx],
    ['The world uncertainty', inputs.worldSigmaM],
    ['The position uncertainty', inputs.positionSigmaPx],
  ];
  for (const [name, value] of sigmas) {
    if (!finiteAtLeastZero(value)) return `${name} must be a number of 0 or more.`;
  }
  const coordinates = inputs.points.flatMap((p) => [p.image.x, p.image.y, p.world.x, p.world.y]);
  if (!coordinates.every(Number.isFinite)) return 'Every reference point needs four numbers.';
  if (inputs.distortionK !== null && !Number.isFinite(inputs.distortionK)) {
    return 'The distortion must be a number.';
  }
  return null;
}

/**
 * The set's calibration of this evidence, created or replaced (one per evidence item): a new
 * record when there is none, else the same record with the new inputs (undo restores the old).
 */
export function saveCalibration(
  doc: AnnotationDocument,
  input: {
    caseId: CaseId;
    setId: SetId;
    evidenceSha256: Sha256;
    inputs: CalibrationInputs;
    now: string;
  },
): Command {
  const problem = calibrationInputsProblem(input.inputs);
  if (problem) throw new RangeError(problem);
  const existing = calibrationFor(doc.calibrations.values(), input.evidenceSha256);
  const inputs: CalibrationInputs = {
    points: input.inputs.points.map((p) => ({
      image: { x: p.image.x, y: p.image.y },
      world: { x: p.world.x, y: p.world.y },
    })),
    pointSigmaPx: input.inputs.pointSigmaPx,
    worldSigmaM: input.inputs.worldSigmaM,
    positionSigmaPx: input.inputs.positionSigmaPx,
    distortionK: input.inputs.distortionK,
  };
  if (existing) {
    const after: SceneCalibration = { ...existing, ...inputs, modifiedAt: input.now };
    return {
      name: 'edit calibration',
      changes: [{ kind: 'calibration', id: existing.id, before: existing, after }],
    };
  }
  const calibration: SceneCalibration = {
    id: newCalibrationId(),
    caseId: input.caseId,
    setId: input.setId,
    evidenceSha256: input.evidenceSha256,
    ...inputs,
    createdAt: input.now,
    modifiedAt: input.now,
  };
  return {
    name: 'create calibration',
    changes: [{ kind: 'calibration', id: calibration.id, before: null, after: calibration }],
  };
}

/** Whose ground point an anchor sets: one object, or every object of a label. */
export type GroundAnchorTarget = { readonly track: TrackId } | { readonly label: LabelId };

/**
 * The calibration with the ground point of a track or of a label's objects set (`anchor`) or
 * back to the default (null): an edit of the calibration, undoable and audited like the
 * others. Throws RangeError on an anchor outside the box.
 */
export function setGroundAnchor(
  calibration: SceneCalibration,
  target: GroundAnchorTarget,
  anchor: GroundAnchor | null,
  now: string,
): Command {
  if (anchor) {
    const problem = groundAnchorProblem(anchor);
    if (problem) throw new RangeError(problem);
  }
  const anchors = calibration.groundAnchors ?? NO_GROUND_ANCHORS;
  const edit = <K extends string>(
    map: Readonly<Record<K, GroundAnchor>>,
    key: K,
  ): Record<K, GroundAnchor> => {
    const next = { ...map } as Record<K, GroundAnchor>;
    if (anchor) next[key] = { u: anchor.u, v: anchor.v };
    else delete next[key];
    return next;
  };
  const groundAnchors =
    'track' in target
      ? { byLabel: { ...anchors.byLabel }, byTrack: edit(anchors.byTrack, target.track) }
      : { byLabel: edit(anchors.byLabel, target.label), byTrack: { ...anchors.byTrack } };
  const after: SceneCalibration = { ...calibration, groundAnchors, modifiedAt: now };
  return {
    name: 'set ground point',
    changes: [{ kind: 'calibration', id: calibration.id, before: calibration, after }],
  };
}

export function deleteCalibration(calibration: SceneCalibration): Command {
  return {
    name: 'delete calibration',
    changes: [{ kind: 'calibration', id: calibration.id, before: calibration, after: null }],
  };
}

/** A measurement's inputs, as the Measure panel or the Ruler gives them. */
export type MeasurementInputs = Pick<Measurement, 'kind' | 'trackIds'> &
  Partial<
    Pick<
      Measurement,
      'fromFrame' | 'toFrame' | 'frame' | 'imagePoints' | 'toleranceM' | 'halfFrameTiming'
    >
  > & { readonly monteCarlo?: Measurement['monteCarlo'] };

/** Plain words for why a measurement's inputs do not hang together; null when they do. */
export function measurementInputsProblem(
  m: Omit<Measurement, 'id' | 'caseId' | 'setId' | 'createdAt' | 'modifiedAt'>,
): string | null {
  const tracks = new Set(m.trackIds).size;
  switch (m.kind) {
    case 'distance':
      if (m.frame === null) return 'A distance is measured on one frame: say which.';
      if (
        m.imagePoints.length === 2 ? tracks !== 0 : !(m.imagePoints.length === 0 && tracks === 2)
      ) {
        return 'A distance is between two points on the frame or between two objects.';
      }
      break;
    case 'displacement':
    case 'path':
    case 'speed':
    case 'separation': {
      const wanted = m.kind === 'separation' ? 2 : 1;
      if (tracks !== wanted || m.trackIds.length !== wanted) {
        return m.kind === 'separation'
          ? 'Choose two different objects.'
          : 'Choose one object to measure.';
      }
      if (m.fromFrame === null || m.toFrame === null) return 'Give the first and last frame.';
      if (m.toFrame <= m.fromFrame) return 'The last frame must come after the first frame.';
      break;
    }
  }
  if (m.toleranceM !== null && !(m.kind === 'separation' && finiteAtLeastZero(m.toleranceM))) {
    return 'A tolerance is a distance of 0 m or more, for the distance between two objects.';
  }
  const { seed, samples } = m.monteCarlo;
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(samples) || samples < 100) {
    return 'The Monte Carlo seed must be a whole number and the samples at least 100.';
  }
  return null;
}

function measurementOf(
  base: Pick<Measurement, 'id' | 'caseId' | 'setId' | 'createdAt' | 'modifiedAt'>,
  inputs: MeasurementInputs,
): Measurement {
  const measurement: Measurement = {
    ...base,
    kind: inputs.kind,
    trackIds: [...inputs.trackIds],
    fromFrame: inputs.fromFrame ?? null,
    toFrame: inputs.toFrame ?? null,
    frame: inputs.frame ?? null,
    imagePoints: (inputs.imagePoints ?? []).map((p) => ({ x: p.x, y: p.y })),
    toleranceM: inputs.toleranceM ?? null,
    halfFrameTiming: inputs.halfFrameTiming ?? false,
    monteCarlo: { ...(inputs.monteCarlo ?? DEFAULT_MONTE_CARLO) },
  };
  const problem = measurementInputsProblem(measurement);
  if (problem) throw new RangeError(problem);
  return measurement;
}

/** A new measurement (its result is computed, never stored). Throws RangeError on bad inputs. */
export function createMeasurement(input: {
  caseId: CaseId;
  setId: SetId;
  inputs: MeasurementInputs;
  now: string;
}): Command {
  const measurement = measurementOf(
    {
      id: newMeasurementId(),
      caseId: input.caseId,
      setId: input.setId,
      createdAt: input.now,
      modifiedAt: input.now,
    },
    input.inputs,
  );
  return {
    name: `measure ${measurement.kind}`,
    changes: [{ kind: 'measurement', id: measurement.id, before: null, after: measurement }],
  };
}

export function updateMeasurement(
  measurement: Measurement,
  inputs: MeasurementInputs,
  now: string,
): Command {
  const after = measurementOf({ ...measurement, modifiedAt: now }, inputs);
  return {
    name: 'edit measurement',
    changes: [{ kind: 'measurement', id: measurement.id, before: measurement, after }],
  };
}

export function deleteMeasurement(measurement: Measurement): Command {
  return {
    name: 'delete measurement',
    changes: [{ kind: 'measurement', id: measurement.id, before: measurement, after: null }],
  };
}
