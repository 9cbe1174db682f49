import {
  frameIndex,
  newCalibrationId,
  newMeasurementId,
  type FrameIndex,
  type LabelId,
  type TrackId,
} from '../ids';
import type { Label, Measurement, SceneCalibration } from '../annotations/model';
import {
  groundAnchorProblem,
  type GroundAnchor,
  type GroundAnchors,
} from '../measure/ground-point';
import { calibrationInputsProblem, measurementInputsProblem } from '../measure/measure-commands';
import type { ImportedAnnotations, ImportedCalibration } from './imported-annotations';
import type { ImportTarget, Warnings } from './imported-records';

/**
 * An import's scene calibration and measurements as records of the new set: the calibration
 * is of the open video (the caller checks the file was made on it); each measurement's objects
 * are the new set's tracks made from the file's. What cannot be carried over (an object the
 * file does not hold, inputs that do not hang together) is left out with a warning.
 */
export function measurementRecords(
  imported: ImportedAnnotations,
  target: ImportTarget,
  trackIdOf: ReadonlyMap<number, TrackId>,
  warnings: Warnings,
  /** The new set's label of a name the file uses (added to the case if it lacks it). */
  labelOf: (name: string) => Label,
): { calibrations: SceneCalibration[]; measurements: Measurement[] } {
  const { caseId, setId, now } = target;
  const calibrations: SceneCalibration[] = [];
  const c = imported.calibration;
  if (c && !target.evidenceSha256) {
    warnings.add(
      'The scene calibration was left out: the file was made on another video (its pixels are of that one).',
    );
  } else if (c && target.evidenceSha256) {
    const problem = calibrationInputsProblem(c);
    if (problem) warnings.add(`The scene calibration was left out: ${problem}`);
    else {
      const { groundAnchors, ...inputs } = c;
      calibrations.push({
        id: newCalibrationId(),
        caseId,
        setId,
        evidenceSha256: target.evidenceSha256,
        ...inputs,
        groundAnchors: anchorsOf(groundAnchors, trackIdOf, labelOf, warnings),
        createdAt: now,
        modifiedAt: now,
      });
    }
  }
  const frame = (n: number | null): FrameIndex | null => (n === null ? null : frameIndex(n));
  const measurements: Measurement[] = [];
  (imported.measurements ?? []).forEach((m, i) => {
    const trackIds = m.trackSourceIds.map((n) => trackIdOf.get(n));
    const which = `Measurement ${i + 1} (${m.kind})`;
    if (trackIds.some((id) => id === undefined)) {
      warnings.add(`${which} was left out: an object it measures is not in the file.`);
      return;
    }
    const record: Measurement = {
      id: newMeasurementId(),
      caseId,
      setId,
      kind: m.kind,
      trackIds: trackIds as TrackId[],
      fromFrame: frame(m.fromFrame),
      toFrame: frame(m.toFrame),
      frame: frame(m.frame),
      imagePoints: m.imagePoints.map((p) => ({ x: p.x, y: p.y })),
      toleranceM: m.toleranceM,
      halfFrameTiming: m.halfFrameTiming,
      monteCarlo: { seed: m.monteCarlo.seed, samples: m.monteCarlo.samples },
      createdAt: now,
      modifiedAt: now,
    };
    const problem = measurementInputsProblem(record);
    if (problem) warnings.add(`${which} was left out: ${problem}`);
    else measurements.push(record);
  });
  return { calibrations, measurements };
}

/** The file's ground points as the new set's: a track not kept or an anchor out of its box is left out. */
function anchorsOf(
  anchors: ImportedCalibration['groundAnchors'],
  trackIdOf: ReadonlyMap<number, TrackId>,
  labelOf: (name: string) => Label,
  warnings: Warnings,
): GroundAnchors {
  const byLabel: Record<LabelId, GroundAnchor> = {};
  const byTrack: Record<TrackId, GroundAnchor> = {};
  const fits = (a: GroundAnchor, which: string) => {
    const problem = groundAnchorProblem(a);
    if (problem) warnings.add(`The ground point of ${which} was left out: ${problem}`);
    return !problem;
  };
  for (const { label, anchor } of anchors?.byLabel ?? []) {
    if (fits(anchor, label)) byLabel[labelOf(label).id] = { u: anchor.u, v: anchor.v };
  }
  for (const { sourceId, anchor } of anchors?.byTrack ?? []) {
    const id = trackIdOf.get(sourceId);
    if (!id) warnings.add('A ground point was left out: its object is not in the file.');
    else if (fits(anchor, `track ${sourceId}`)) byTrack[id] = { u: anchor.u, v: anchor.v };
  }
  return { byLabel, byTrack };
}
