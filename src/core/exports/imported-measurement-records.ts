import {
  frameIndex,
  newCalibrationId,
  newMeasurementId,
  type FrameIndex,
  type TrackId,
} from '../ids';
import type { Measurement, SceneCalibration } from '../annotations/model';
import { calibrationInputsProblem, measurementInputsProblem } from '../measure/measure-commands';
import type { ImportedAnnotations } from './imported-annotations';
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
      calibrations.push({
        id: newCalibrationId(),
        caseId,
        setId,
        evidenceSha256: target.evidenceSha256,
        ...c,
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
