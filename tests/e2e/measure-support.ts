/**
 * Native JSON pieces for e2e tests that import a scene calibration and measurements into a
 * set (the data layer without the Measure panel): what the exporter writes, with values left
 * for the app to compute.
 */

interface ExportLike {
  exportedAt: string;
  evidence: { sha256: string };
}

interface ReferencePointLike {
  image: { x: number; y: number };
  world: { x: number; y: number };
}

/** An exported measurement's fields with no result yet (spread, then set kind, id, inputs). */
export function measurementBase(json: ExportLike) {
  return {
    trackIds: [] as string[],
    fromFrame: null as number | null,
    toFrame: null as number | null,
    frame: null as number | null,
    imagePoints: [] as { x: number; y: number }[],
    toleranceM: null as number | null,
    halfFrameTiming: false,
    seed: 7,
    samples: 200,
    value: null,
    interval95: null,
    frames: [],
    method: null,
    problem: null,
    series: [],
    together: [],
    createdAt: json.exportedAt,
    modifiedAt: json.exportedAt,
  };
}

/** An exported calibration of the export's video from these points (0.5 px, 0.01 m, 1 px). */
export function calibrationOf(json: ExportLike, points: readonly ReferencePointLike[]) {
  return {
    id: 'calibration_file',
    evidenceSha256: json.evidence.sha256,
    points: points.map((p) => ({ ...p, residualPx: null, residualM: null })),
    pointSigmaPx: 0.5,
    worldSigmaM: 0.01,
    positionSigmaPx: 1,
    distortion: null,
    homography: null,
    fitProblem: null,
    createdAt: json.exportedAt,
    modifiedAt: json.exportedAt,
  };
}
