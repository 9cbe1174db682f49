import type { AnnotationDocument } from '../annotations/history';
import type { Evidence } from '../annotations/model';
import type { MeasurementId, Sha256 } from '../ids';
import {
  computeMeasurement,
  distortionOf,
  type MeasurementResult,
} from '../measure/compute-measurement';
import { undistort } from '../measure/distortion';
import { NO_GROUND_ANCHORS, type GroundAnchor, type GroundAnchors } from '../measure/ground-point';
import { fitHomography } from '../measure/homography';
import { calibrationFor, type Measurement } from '../measure/records';
import type { ExportedCalibration, ExportedMeasurement } from './export-json-format';

/**
 * The measurement sections of the native JSON export: the calibration with everything needed
 * to refit it (points as clicked, uncertainties, distortion) and what was derived from it
 * (homography, residuals), and every measurement's inputs beside its value as computed at
 * export time, with the frames it used and its method in words.
 */

export function exportedCalibration(
  document: AnnotationDocument,
  evidence: Evidence,
): ExportedCalibration | null {
  const calibration = calibrationFor(document.calibrations.values(), evidence.sha256);
  if (!calibration) return null;
  const distortion = distortionOf(calibration, evidence);
  const straightened = calibration.points.map((p) => ({
    image: distortion ? undistort(distortion, p.image) : p.image,
    world: p.world,
  }));
  let fit: ReturnType<typeof fitHomography> | null = null;
  let fitProblem: string | null = null;
  try {
    fit = fitHomography(straightened);
  } catch (error) {
    fitProblem = error instanceof Error ? error.message : String(error);
  }
  return {
    id: calibration.id,
    evidenceSha256: calibration.evidenceSha256,
    points: calibration.points.map((p, i) => ({
      image: { x: p.image.x, y: p.image.y },
      world: { x: p.world.x, y: p.world.y },
      residualPx: fit ? fit.residuals[i]!.imagePx : null,
      residualM: fit ? fit.residuals[i]!.worldM : null,
    })),
    pointSigmaPx: calibration.pointSigmaPx,
    worldSigmaM: calibration.worldSigmaM,
    positionSigmaPx: calibration.positionSigmaPx,
    distortion: distortion
      ? { k: distortion.k, centre: { ...distortion.centre }, scale: distortion.scale }
      : null,
    groundAnchors: exportedAnchors(document, calibration.groundAnchors ?? NO_GROUND_ANCHORS),
    homography: fit
      ? {
          imageToWorld: [...fit.imageToWorld],
          worldToImage: [...fit.worldToImage],
          rmsPx: fit.rmsPx,
          rmsM: fit.rmsM,
        }
      : null,
    fitProblem,
    createdAt: calibration.createdAt,
    modifiedAt: calibration.modifiedAt,
  };
}

/** The anchors of labels and tracks the document holds, in a stable order. */
function exportedAnchors(
  document: AnnotationDocument,
  anchors: GroundAnchors,
): ExportedCalibration['groundAnchors'] {
  const entries = <K extends string>(map: Readonly<Record<K, GroundAnchor>>) =>
    (Object.entries(map) as [K, GroundAnchor][]).sort(([a], [b]) => a.localeCompare(b));
  return {
    byLabel: entries(anchors.byLabel).flatMap(([id, a]) => {
      const label = document.labels.find((l) => l.id === id);
      return label ? [{ label: label.name, u: a.u, v: a.v }] : [];
    }),
    byTrack: entries(anchors.byTrack).flatMap(([id, a]) =>
      document.tracks.has(id) ? [{ trackId: id, u: a.u, v: a.v }] : [],
    ),
  };
}

const unitOf = (kind: Measurement['kind']) => (kind === 'speed' ? 'km/h' : 'm');

/** A measurement computed beforehand (in a worker): its result, or why it has none. */
export type PrecomputedMeasurement =
  { readonly result: MeasurementResult } | { readonly problem: string };

/**
 * The set's measurements with their values, oldest first. Each is computed here unless
 * `precomputed` has it (the app computes them in a worker: 1000 Monte Carlo draws each).
 */
export function exportedMeasurements(
  document: AnnotationDocument,
  evidence: Evidence,
  framePts: (frame: number) => number | null,
  precomputed: ReadonlyMap<MeasurementId, PrecomputedMeasurement> = new Map(),
): ExportedMeasurement[] {
  const sources = {
    calibration: calibrationFor(document.calibrations.values(), evidence.sha256 as Sha256),
    tracks: document.tracks,
    labels: document.labels,
    evidence,
    framePts,
  };
  return [...document.measurements.values()]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((m) => {
      let result: MeasurementResult | null = null;
      let problem: string | null = null;
      const done = precomputed.get(m.id);
      if (done) {
        if ('result' in done) result = done.result;
        else problem = done.problem;
      } else {
        try {
          result = computeMeasurement(m, sources);
        } catch (error) {
          problem = error instanceof Error ? error.message : String(error);
        }
      }
      return {
        id: m.id,
        kind: m.kind,
        trackIds: [...m.trackIds],
        fromFrame: m.fromFrame,
        toFrame: m.toFrame,
        frame: m.frame,
        imagePoints: m.imagePoints.map((p) => ({ x: p.x, y: p.y })),
        toleranceM: m.toleranceM,
        halfFrameTiming: m.halfFrameTiming,
        seed: m.monteCarlo.seed,
        samples: m.monteCarlo.samples,
        value: result ? result.value : null,
        interval95: result ? [result.interval95[0], result.interval95[1]] : null,
        unit: result ? result.unit : unitOf(m.kind),
        frames: result ? [...result.frames] : [],
        method: result ? result.method : null,
        problem,
        series: (result?.series ?? []).map((s) => ({
          fromFrame: s.fromFrame,
          frame: s.frame,
          seconds: s.seconds,
          value: s.value,
          interval95: [s.interval95[0], s.interval95[1]],
        })),
        together: (result?.together ?? []).map((t) => ({
          fromFrame: t.fromFrame,
          toFrame: t.toFrame,
          seconds: t.seconds,
          travelledM: t.travelled.value,
          travelledInterval95: [t.travelled.interval95[0], t.travelled.interval95[1]],
        })),
        createdAt: m.createdAt,
        modifiedAt: m.modifiedAt,
      };
    });
}
