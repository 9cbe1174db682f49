import type { AnnotationsExport } from './export-json-format';
import type { ImportedCalibration, ImportedMeasurement } from './imported-annotations';

/**
 * The scene calibration and measurements of a native export, as inputs to add to a new set:
 * the calibration's points and uncertainties (its homography and residuals are fitted again),
 * each measurement's inputs with its objects named by track number (their ids are the file's).
 * Values computed in the file are not read back: the new set computes its own.
 */
export function importedMeasuring(doc: AnnotationsExport): {
  calibration: ImportedCalibration | null;
  measurements: ImportedMeasurement[];
} {
  const numberOf = new Map(doc.tracks.map((t) => [t.id, t.number]));
  const c = doc.calibration;
  return {
    calibration: c && {
      points: c.points.map((p) => ({
        image: { x: p.image.x, y: p.image.y },
        world: { x: p.world.x, y: p.world.y },
      })),
      pointSigmaPx: c.pointSigmaPx,
      worldSigmaM: c.worldSigmaM,
      positionSigmaPx: c.positionSigmaPx,
      distortionK: c.distortion?.k ?? null,
      groundAnchors: {
        byLabel: (c.groundAnchors?.byLabel ?? []).map((a) => ({
          label: a.label,
          anchor: { u: a.u, v: a.v },
        })),
        // A track not in the file becomes -1: left out on import.
        byTrack: (c.groundAnchors?.byTrack ?? []).map((a) => ({
          sourceId: numberOf.get(a.trackId) ?? -1,
          anchor: { u: a.u, v: a.v },
        })),
      },
    },
    measurements: doc.measurements.map((m) => ({
      kind: m.kind,
      // A track not in the file (deleted before the export) becomes -1: left out on import.
      trackSourceIds: m.trackIds.map((id) => numberOf.get(id) ?? -1),
      fromFrame: m.fromFrame,
      toFrame: m.toFrame,
      frame: m.frame,
      imagePoints: m.imagePoints.map((p) => ({ x: p.x, y: p.y })),
      toleranceM: m.toleranceM,
      halfFrameTiming: m.halfFrameTiming,
      monteCarlo: { seed: m.seed, samples: m.samples },
    })),
  };
}
