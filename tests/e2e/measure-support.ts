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

/**
 * The 3×3 homography mapping four points exactly (the 8×8 linear system, Gauss–Jordan): the
 * tests' own truth, solved apart from the app's fit.
 */
export function homographyOf(points: readonly ReferencePointLike[]): number[] {
  const rows: number[][] = [];
  for (const { image: p, world: q } of points) {
    rows.push([p.x, p.y, 1, 0, 0, 0, -p.x * q.x, -p.y * q.x, q.x]);
    rows.push([0, 0, 0, p.x, p.y, 1, -p.x * q.y, -p.y * q.y, q.y]);
  }
  for (let c = 0; c < 8; c++) {
    const pivot = rows
      .slice(c)
      .reduce((best, r, i) => (Math.abs(r[c]!) > Math.abs(rows[best]![c]!) ? c + i : best), c);
    [rows[c], rows[pivot]] = [rows[pivot]!, rows[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = rows[r]![c]! / rows[c]![c]!;
      rows[r] = rows[r]!.map((v, k) => v - f * rows[c]![k]!);
    }
  }
  return [...rows.map((r, i) => r[8]! / r[i]!), 1];
}

export function toWorld(h: number[], x: number, y: number): { x: number; y: number } {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return { x: (h[0]! * x + h[1]! * y + h[2]!) / w, y: (h[3]! * x + h[4]! * y + h[5]!) / w };
}
