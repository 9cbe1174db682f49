import { calibrationFor } from '../../core/measure/records';
import type { Measurement, SceneCalibration } from '../../core/measure/records';
import type { MeasureRequest } from './measure-protocol';
import type { AnnotationDocument } from '../../core/annotations/history';
import type { Evidence } from '../../core/annotations/model';
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
  return measurementsOf(ws.document);
}

/** A set's measurements, oldest first. */
export function measurementsOf(document: AnnotationDocument): Measurement[] {
  return [...document.measurements.values()].sort(
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
  return setMeasureRequest(
    ws.document,
    evidence,
    frames ? frames.map((f) => f.reportedPts) : null,
    measurements,
  );
}

/**
 * The worker's request for `measurements` of any set (`document`) of a video: its calibration
 * of that video, its tracks, the case's labels, the video's geometry, and each frame's pts
 * from its frame table (null when its file is not open: then each keyframe's own pts).
 */
export function setMeasureRequest(
  document: AnnotationDocument,
  evidence: Evidence,
  framePts: readonly (number | null)[] | null,
  measurements: readonly Measurement[],
): MeasureRequest {
  return {
    measurements,
    calibration: calibrationFor(document.calibrations.values(), evidence.sha256),
    tracks: [...document.tracks.values()],
    labels: document.labels,
    evidence: {
      width: evidence.width,
      height: evidence.height,
      rotation: evidence.rotation,
      timeBase: evidence.timeBase,
    },
    framePts,
  };
}
