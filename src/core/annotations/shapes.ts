import type { EllipseShape, Point, RectangleShape, Shape } from './model';

/** Frame size in pixels (the upright frame). */
export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** A point kept inside the frame. */
/**
 * Frame pixels of the upright frame: a video turned by ±90° (its display rotation) shows its
 * coded size swapped.
 */
export function uprightSize(video: {
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
}): FrameSize {
  return Math.abs(video.rotation) % 180 === 90
    ? { width: video.height, height: video.width }
    : { width: video.width, height: video.height };
}

export const clampPoint = (p: Point, frame: FrameSize): Point => ({
  x: clamp(p.x, 0, frame.width),
  y: clamp(p.y, 0, frame.height),
});

/** A rectangle from two corners in frame pixels, in any drag direction, clamped to the frame. */
export function rectangleFromCorners(a: Point, b: Point, frame: FrameSize): RectangleShape {
  const p = clampPoint(a, frame);
  const q = clampPoint(b, frame);
  const x = Math.min(p.x, q.x);
  const y = Math.min(p.y, q.y);
  return {
    kind: 'rectangle',
    x,
    y,
    width: Math.max(p.x, q.x) - x,
    height: Math.max(p.y, q.y) - y,
    rotation: 0,
  };
}

/** The ellipse inscribed in the box two corners span, clamped to the frame. */
export function ellipseFromCorners(a: Point, b: Point, frame: FrameSize): EllipseShape {
  const box = rectangleFromCorners(a, b, frame);
  return {
    kind: 'ellipse',
    cx: box.x + box.width / 2,
    cy: box.y + box.height / 2,
    rx: box.width / 2,
    ry: box.height / 2,
    rotation: 0,
  };
}

/** Fewest vertices each kind needs to mean anything. */
export const MIN_VERTICES = { polygon: 3, polyline: 2, points: 1 } as const;

/** Whether a shape is big enough to keep (a stray click makes no box). */
export function isUsableShape(shape: Shape): boolean {
  switch (shape.kind) {
    case 'rectangle':
      return shape.width >= 1 && shape.height >= 1;
    case 'ellipse':
      return shape.rx >= 0.5 && shape.ry >= 0.5;
    case 'polygon':
    case 'polyline':
    case 'points':
      return shape.points.length >= MIN_VERTICES[shape.kind];
    case 'arrow':
      return Math.hypot(shape.to.x - shape.from.x, shape.to.y - shape.from.y) >= 2;
    case 'text':
      return shape.text.trim().length > 0 && shape.fontSize > 0;
  }
}

/** The shape moved by dx, dy frame pixels. */
export function translateShape(shape: Shape, dx: number, dy: number): Shape {
  const move = (p: Point): Point => ({ x: p.x + dx, y: p.y + dy });
  switch (shape.kind) {
    case 'rectangle':
    case 'text':
      return { ...shape, x: shape.x + dx, y: shape.y + dy };
    case 'ellipse':
      return { ...shape, cx: shape.cx + dx, cy: shape.cy + dy };
    case 'polygon':
    case 'polyline':
    case 'points':
      return { ...shape, points: shape.points.map(move) };
    case 'arrow':
      return { ...shape, from: move(shape.from), to: move(shape.to) };
  }
}

/** The shape's vertices, for kinds edited vertex by vertex; null for the others. */
export function verticesOf(shape: Shape): readonly Point[] | null {
  switch (shape.kind) {
    case 'polygon':
    case 'polyline':
    case 'points':
      return shape.points;
    case 'arrow':
      return [shape.from, shape.to];
    default:
      return null;
  }
}

/** The shape with vertex i moved to p (kinds with vertices only; others unchanged). */
export function withVertex(shape: Shape, i: number, p: Point): Shape {
  switch (shape.kind) {
    case 'polygon':
    case 'polyline':
    case 'points':
      return { ...shape, points: shape.points.map((q, j) => (j === i ? p : q)) };
    case 'arrow':
      return i === 0 ? { ...shape, from: p } : { ...shape, to: p };
    default:
      return shape;
  }
}

/** A short plain-words summary in frame pixels, for lists and the inspector. */
export function describeShape(shape: Shape): string {
  const f = (v: number) => v.toFixed(1);
  switch (shape.kind) {
    case 'rectangle':
      return `box x ${f(shape.x)} y ${f(shape.y)} w ${f(shape.width)} h ${f(shape.height)}${
        shape.rotation ? ` ∠${f(shape.rotation)}°` : ''
      }`;
    case 'ellipse':
      return `ellipse c ${f(shape.cx)},${f(shape.cy)} r ${f(shape.rx)}×${f(shape.ry)}${
        shape.rotation ? ` ∠${f(shape.rotation)}°` : ''
      }`;
    case 'polygon':
    case 'polyline':
    case 'points':
      return `${shape.kind} · ${shape.points.length} ${shape.points.length === 1 ? 'vertex' : 'vertices'}`;
    case 'arrow':
      return `arrow ${f(shape.from.x)},${f(shape.from.y)} → ${f(shape.to.x)},${f(shape.to.y)}`;
    case 'text':
      return `text “${shape.text}” at ${f(shape.x)},${f(shape.y)}`;
  }
}

/** Area in square frame pixels of what a shape encloses (0 for lines, points and callouts). */
export function shapeArea(shape: Shape): number {
  switch (shape.kind) {
    case 'rectangle':
      return shape.width * shape.height;
    case 'ellipse':
      return Math.PI * shape.rx * shape.ry;
    case 'polygon': {
      // The shoelace formula.
      let twice = 0;
      shape.points.forEach((p, i) => {
        const q = shape.points[(i + 1) % shape.points.length]!;
        twice += p.x * q.y - q.x * p.y;
      });
      return Math.abs(twice) / 2;
    }
    default:
      return 0;
  }
}

/** Distance from p to the segment a–b, and where along it (0..1) the nearest point lies. */
function toSegment(p: Point, a: Point, b: Point): { distance: number; t: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return { distance: Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)), t };
}

/**
 * A polygon or polyline with a new vertex at p, put into the edge nearest to p (a polygon's
 * closing edge included). Other kinds are returned unchanged.
 */
export function insertVertex(shape: Shape, p: Point): Shape {
  if (shape.kind !== 'polygon' && shape.kind !== 'polyline') return shape;
  const points = shape.points;
  const edges = shape.kind === 'polygon' ? points.length : points.length - 1;
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < edges; i++) {
    const { distance } = toSegment(p, points[i]!, points[(i + 1) % points.length]!);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return { ...shape, points: [...points.slice(0, best + 1), p, ...points.slice(best + 1)] };
}

/** The shape without vertex i; null when it would have too few to mean anything. */
export function removeVertex(shape: Shape, i: number): Shape | null {
  if (shape.kind !== 'polygon' && shape.kind !== 'polyline' && shape.kind !== 'points') return null;
  if (shape.points.length - 1 < MIN_VERTICES[shape.kind]) return null;
  return { ...shape, points: shape.points.filter((_, j) => j !== i) };
}

/**
 * The smallest upright box holding the shape, in frame pixels (what a redaction blocks out).
 * Rotated boxes and ellipses by their turned extent; text by an estimate of its size.
 */
export function boundingBox(shape: Shape): { x: number; y: number; width: number; height: number } {
  const box = (xs: readonly number[], ys: readonly number[]) => {
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
  };
  const turn = (degrees: number) => (degrees * Math.PI) / 180;
  switch (shape.kind) {
    case 'rectangle': {
      const cx = shape.x + shape.width / 2;
      const cy = shape.y + shape.height / 2;
      const [cos, sin] = [Math.cos(turn(shape.rotation)), Math.sin(turn(shape.rotation))];
      const corners = [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
      ].map(([sx, sy]) => {
        const dx = (sx! * shape.width) / 2;
        const dy = (sy! * shape.height) / 2;
        return { x: cx + dx * cos - dy * sin, y: cy + dx * sin + dy * cos };
      });
      return box(
        corners.map((c) => c.x),
        corners.map((c) => c.y),
      );
    }
    case 'ellipse': {
      const [cos, sin] = [Math.cos(turn(shape.rotation)), Math.sin(turn(shape.rotation))];
      const hx = Math.hypot(shape.rx * cos, shape.ry * sin);
      const hy = Math.hypot(shape.rx * sin, shape.ry * cos);
      return { x: shape.cx - hx, y: shape.cy - hy, width: 2 * hx, height: 2 * hy };
    }
    case 'arrow':
      return box([shape.from.x, shape.to.x], [shape.from.y, shape.to.y]);
    case 'text':
      return {
        x: shape.x,
        y: shape.y,
        width: shape.text.length * shape.fontSize * 0.6,
        height: shape.fontSize * 1.2,
      };
    default:
      return box(
        shape.points.map((p) => p.x),
        shape.points.map((p) => p.y),
      );
  }
}
