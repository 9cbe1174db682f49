import { calibrationFor } from '../../core/measure/records';
import type { Measurement, SceneCalibration } from '../../core/measure/records';
import type { MeasureRequest } from './measure-protocol';
import type { Workspace } from './workspace.svelte';

/**
 * What a measurement is computed from, taken from the open case: the shown set's calibration
 * of the open video, its tracks and labels, the video's geometry and its frames' pts.
 */

/** The shown set's scene calibration of the open video, if any. */
export function openCalibration(ws: Workspace): SceneCalibration | null {
  const sha256 = ws.evidence?.sha256;
  return sha256 ? calibrationFor(ws.document.calibrations.values(), sha256) : null;
}

/** The shown set's measurements, oldest first (the order they were made and are listed in). */
export function openMeasurements(ws: Workspace): Measurement[] {
  return [...ws.document.measurements.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/** The worker's request for `measurements` (all of the shown set's by default). */
export function measureRequestOf(
  ws: Workspace,
  measurements: readonly Measurement[] = openMeasurements(ws),
): MeasureRequest | null {
  const evidence = ws.evidence;
  if (!evidence) return null;
  const frames = ws.source?.table.frames;
  return {
    measurements,
    calibration: openCalibration(ws),
    tracks: [...ws.document.tracks.values()],
    labels: ws.document.labels,
    evidence: {
      width: evidence.width,
      height: evidence.height,
      rotation: evidence.rotation,
      timeBase: evidence.timeBase,
    },
    framePts: frames ? frames.map((f) => f.reportedPts) : null,
  };
}
