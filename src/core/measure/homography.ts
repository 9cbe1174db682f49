import {
  determinant3,
  invert3,
  multiply3,
  normalised3,
  project,
  solveLinear,
  symmetricEigen,
  type Mat3,
  type Vec2,
} from './matrix';

/**
 * The ground-plane homography: image pixels (of the upright frame) to metres on the ground,
 * fitted as OpenCV's `findHomography(image, world, 0)` fits it, so that anyone can refit it
 * from the listed points and get the same matrix:
 * 1. normalised DLT: each axis of both point sets moved to its centroid and scaled by its
 *    mean absolute deviation (OpenCV's runKernel), the 9×9 normal matrix LᵀL built, and h the
 *    eigenvector of its smallest eigenvalue, denormalised and scaled so h33 = 1;
 * 2. with more than 4 points, up to 10 Levenberg–Marquardt steps on h11..h32 minimising the
 *    error on the ground (metres), as OpenCV's HomographyRefineCallback does.
 * OpenCV reads the points as 32-bit floats, so its matrix agrees to about 6 significant digits.
 *
 * Degenerate inputs are refused in plain words (CalibrationError): fewer than 4 points, the
 * same point twice, three of four points on one line, points in a different order on the
 * ground than in the image (the quadrilateral folds), a point beyond the horizon, and any
 * configuration whose normal matrix has more than one near-zero eigenvalue.
 */

export interface ReferencePoint {
  /** Frame pixels of the upright frame. */
  readonly image: Vec2;
  /** Metres on the ground plane. */
  readonly world: Vec2;
}

export interface PointResidual {
  /** The world point projected into the image, its distance from the clicked pixel. */
  readonly imagePx: number;
  /** The clicked pixel projected onto the ground, its distance from the world point. */
  readonly worldM: number;
}

export interface HomographyFit {
  readonly imageToWorld: Mat3;
  readonly worldToImage: Mat3;
  readonly residuals: readonly PointResidual[];
  readonly rmsPx: number;
  readonly rmsM: number;
  /**
   * Second-smallest over largest eigenvalue of the normalised DLT's normal matrix: near 0
   * means the points do not pin the plane down (a second solution is almost as good).
   */
  readonly conditioning: number;
}

export class CalibrationError extends Error {}

export const MIN_POINTS = 4;
/** Below this, the normalised problem has a second near-solution: refused as ill-conditioned. */
const MIN_CONDITIONING = 1e-9;
/** sin of the smallest angle at which three points still count as spanning a triangle (0.3°). */
const MIN_TRIANGLE_SINE = 0.005;
const REFINE_ITERATIONS = 10;

const ordinal = (i: number) => `${i + 1}`;

/** The sine of the angle at a between b and c; 0 when two of them coincide. */
function triangleSine(a: Vec2, b: Vec2, c: Vec2): number {
  const [ux, uy, vx, vy] = [b.x - a.x, b.y - a.y, c.x - a.x, c.y - a.y];
  const lengths = Math.hypot(ux, uy) * Math.hypot(vx, vy);
  return lengths === 0 ? 0 : Math.abs(ux * vy - uy * vx) / lengths;
}

/** Whether three points are (nearly) on one line: the flattest angle of their triangle. */
function nearlyCollinear(a: Vec2, b: Vec2, c: Vec2): boolean {
  return (
    Math.min(triangleSine(a, b, c), triangleSine(b, c, a), triangleSine(c, a, b)) <
    MIN_TRIANGLE_SINE
  );
}

function checkPoints(points: readonly ReferencePoint[]): void {
  if (points.length < MIN_POINTS) {
    throw new CalibrationError(
      `A ground-plane calibration needs at least ${MIN_POINTS} reference points; there ${points.length === 1 ? 'is' : 'are'} ${points.length}.`,
    );
  }
  for (const [i, p] of points.entries()) {
    const values = [p.image.x, p.image.y, p.world.x, p.world.y];
    if (!values.every(Number.isFinite)) {
      throw new CalibrationError(
        `Reference point ${ordinal(i)} has a coordinate that is not a number.`,
      );
    }
    for (let j = 0; j < i; j++) {
      const q = points[j]!;
      if (q.image.x === p.image.x && q.image.y === p.image.y) {
        throw new CalibrationError(
          `Reference points ${ordinal(j)} and ${ordinal(i)} are the same pixel.`,
        );
      }
      if (q.world.x === p.world.x && q.world.y === p.world.y) {
        throw new CalibrationError(
          `Reference points ${ordinal(j)} and ${ordinal(i)} are the same place on the ground.`,
        );
      }
    }
  }
  const allOnOneLine = (key: 'image' | 'world') => {
    // The two points furthest apart define the line; every other point must be near it.
    let [a, b, far] = [0, 1, -1];
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const d = Math.hypot(
          points[i]![key].x - points[j]![key].x,
          points[i]![key].y - points[j]![key].y,
        );
        if (d > far) [a, b, far] = [i, j, d];
      }
    }
    return points.every(
      (p, k) => k === a || k === b || nearlyCollinear(points[a]![key], points[b]![key], p[key]),
    );
  };
  if (allOnOneLine('image')) {
    throw new CalibrationError(
      'The reference points lie on one line in the image: a calibration needs points spread over the ground, not along a line.',
    );
  }
  if (allOnOneLine('world')) {
    throw new CalibrationError(
      'The reference points lie on one line on the ground: a calibration needs points spread over the ground, not along a line.',
    );
  }
  if (points.length === 4) {
    const triples = [
      [0, 1, 2],
      [1, 2, 3],
      [0, 2, 3],
      [0, 1, 3],
    ] as const;
    let negative = 0;
    for (const [i, j, k] of triples) {
      const [a, b, c] = [points[i]!, points[j]!, points[k]!];
      for (const key of ['image', 'world'] as const) {
        if (nearlyCollinear(a[key], b[key], c[key])) {
          throw new CalibrationError(
            `Reference points ${ordinal(i)}, ${ordinal(j)} and ${ordinal(k)} lie (nearly) on one line ${key === 'image' ? 'in the image' : 'on the ground'}: with four points, no three may be in line.`,
          );
        }
      }
      const orientation = (key: 'image' | 'world') =>
        determinant3([a[key].x, a[key].y, 1, b[key].x, b[key].y, 1, c[key].x, c[key].y, 1]);
      if (orientation('image') * orientation('world') < 0) negative++;
    }
    if (negative !== 0 && negative !== 4) {
      throw new CalibrationError(
        'The reference points are in a different order on the ground than in the image (the shape folds over itself): check that each line pairs the right pixel with the right place.',
      );
    }
  }
}

/** Centroid and mean absolute deviation per axis, as OpenCV normalises. */
function normaliser(points: readonly Vec2[]): { c: Vec2; s: Vec2 } {
  const n = points.length;
  const c = {
    x: points.reduce((t, p) => t + p.x, 0) / n,
    y: points.reduce((t, p) => t + p.y, 0) / n,
  };
  const dx = points.reduce((t, p) => t + Math.abs(p.x - c.x), 0);
  const dy = points.reduce((t, p) => t + Math.abs(p.y - c.y), 0);
  return { c, s: { x: n / dx, y: n / dy } };
}

/** The normalised direct linear transform; h33 = 1. */
function directLinearTransform(points: readonly ReferencePoint[]): {
  h: Mat3;
  conditioning: number;
} {
  const src = normaliser(points.map((p) => p.image));
  const dst = normaliser(points.map((p) => p.world));
  const ltl = Array.from({ length: 9 }, () => new Array<number>(9).fill(0));
  for (const p of points) {
    const X = (p.image.x - src.c.x) * src.s.x;
    const Y = (p.image.y - src.c.y) * src.s.y;
    const x = (p.world.x - dst.c.x) * dst.s.x;
    const y = (p.world.y - dst.c.y) * dst.s.y;
    const lx = [X, Y, 1, 0, 0, 0, -x * X, -x * Y, -x];
    const ly = [0, 0, 0, X, Y, 1, -y * X, -y * Y, -y];
    for (let j = 0; j < 9; j++) {
      for (let k = 0; k < 9; k++) ltl[j]![k]! += lx[j]! * lx[k]! + ly[j]! * ly[k]!;
    }
  }
  const { values, vectors } = symmetricEigen(ltl);
  const conditioning = values[1]! / values[8]!;
  const h0 = vectors[0]! as unknown as Mat3;
  const invDst: Mat3 = [1 / dst.s.x, 0, dst.c.x, 0, 1 / dst.s.y, dst.c.y, 0, 0, 1];
  const srcNorm: Mat3 = [src.s.x, 0, -src.c.x * src.s.x, 0, src.s.y, -src.c.y * src.s.y, 0, 0, 1];
  return { h: normalised3(multiply3(multiply3(invDst, h0), srcNorm)), conditioning };
}

/** Ground error of each point under h (h33 = 1), with its Jacobian in h11..h32. */
function groundErrors(h: readonly number[], points: readonly ReferencePoint[], jacobian: boolean) {
  const errors: number[] = [];
  const rows: number[][] = [];
  for (const p of points) {
    const { x: X, y: Y } = p.image;
    const w = h[6]! * X + h[7]! * Y + 1;
    const ww = Math.abs(w) > Number.EPSILON ? 1 / w : 0;
    const xi = (h[0]! * X + h[1]! * Y + h[2]!) * ww;
    const yi = (h[3]! * X + h[4]! * Y + h[5]!) * ww;
    errors.push(xi - p.world.x, yi - p.world.y);
    if (jacobian) {
      rows.push([X * ww, Y * ww, ww, 0, 0, 0, -X * ww * xi, -Y * ww * xi]);
      rows.push([0, 0, 0, X * ww, Y * ww, ww, -X * ww * yi, -Y * ww * yi]);
    }
  }
  return { errors, rows };
}

const sumOfSquares = (values: readonly number[]) => values.reduce((t, v) => t + v * v, 0);

/** Levenberg–Marquardt on h11..h32, minimising the squared error on the ground. */
function refine(start: Mat3, points: readonly ReferencePoint[]): Mat3 {
  let h = start.slice(0, 8);
  let { errors, rows } = groundErrors(h, points, true);
  let cost = sumOfSquares(errors);
  let lambda = 1e-3;
  for (let iteration = 0; iteration < REFINE_ITERATIONS && cost > 0; iteration++) {
    const jtj = Array.from({ length: 8 }, (_, i) =>
      Array.from({ length: 8 }, (__, j) => rows.reduce((t, r) => t + r[i]! * r[j]!, 0)),
    );
    const jte = Array.from({ length: 8 }, (_, i) =>
      rows.reduce((t, r, k) => t + r[i]! * errors[k]!, 0),
    );
    let improved = false;
    for (let attempt = 0; attempt < 10 && !improved; attempt++) {
      const damped = jtj.map((row, i) => row.map((v, j) => (i === j ? v * (1 + lambda) : v)));
      const step = solveLinear(
        damped,
        jte.map((v) => -v),
      );
      if (!step) break;
      const candidate = h.map((v, i) => v + step[i]!);
      const next = groundErrors(candidate, points, true);
      const nextCost = sumOfSquares(next.errors);
      if (nextCost < cost) {
        [h, errors, rows, cost] = [candidate, next.errors, next.rows, nextCost];
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
      } else {
        lambda *= 10;
      }
    }
    if (!improved) break;
  }
  return [...h, 1] as unknown as Mat3;
}

/** Fits the ground-plane homography of the reference points; CalibrationError if it cannot. */
export function fitHomography(points: readonly ReferencePoint[]): HomographyFit {
  checkPoints(points);
  const dlt = directLinearTransform(points);
  if (!(dlt.conditioning >= MIN_CONDITIONING)) {
    throw new CalibrationError(
      'The reference points do not determine the ground plane (the fit is ill-conditioned): spread them over the ground, with no three in line.',
    );
  }
  const imageToWorld = points.length > MIN_POINTS ? refine(dlt.h, points) : dlt.h;
  const worldToImage = invert3(imageToWorld);
  if (!worldToImage || !imageToWorld.every(Number.isFinite)) {
    throw new CalibrationError(
      'The reference points do not determine the ground plane: the fit has no inverse.',
    );
  }
  const side = (p: Vec2) =>
    Math.sign(imageToWorld[6] * p.x + imageToWorld[7] * p.y + imageToWorld[8]);
  const first = side(points[0]!.image);
  const beyond = points.findIndex((p) => side(p.image) !== first);
  if (beyond >= 0) {
    throw new CalibrationError(
      `Reference point ${ordinal(beyond)} falls beyond the horizon of the others: check its pixel and its place on the ground.`,
    );
  }
  const residuals = points.map((p): PointResidual => {
    const onGround = project(imageToWorld, p.image)!;
    const inImage = project(worldToImage, p.world);
    return {
      worldM: Math.hypot(onGround.x - p.world.x, onGround.y - p.world.y),
      imagePx: inImage ? Math.hypot(inImage.x - p.image.x, inImage.y - p.image.y) : Infinity,
    };
  });
  const rms = (values: number[]) => Math.sqrt(sumOfSquares(values) / values.length);
  return {
    imageToWorld,
    worldToImage: normalised3(worldToImage),
    residuals,
    rmsPx: rms(residuals.map((r) => r.imagePx)),
    rmsM: rms(residuals.map((r) => r.worldM)),
    conditioning: dlt.conditioning,
  };
}

/** A pixel of the upright frame on the ground, in metres (null beyond the horizon). */
export const imageToGround = (fit: HomographyFit, p: Vec2): Vec2 | null =>
  project(fit.imageToWorld, p);
