import type { Shape } from '../annotations/model';
import { boundingBox } from '../annotations/shapes';

/**
 * How alike two shapes on one frame are, 0 to 1: the similarity every metric of this room
 * thresholds (TrackEval's `similarity_scores`).
 */

/** What is said beside any result, so nobody reads box IoU as mask IoU. */
export const SIMILARITY_NOTE =
  'Boxes are compared by intersection over union (IoU). Rotated boxes, ellipses, polygons ' +
  'and polylines are compared by the IoU of their upright bounding boxes, not of their ' +
  'outlines. Points are compared by distance: similarity = max(0, 1 − d / tolerance), d ' +
  'between the centroids of their points. Arrows and text are presentation callouts and ' +
  'are not compared.';

/** A shape reduced to what is compared: an upright box, or one point. */
export type Geometry =
  | {
      readonly kind: 'box';
      readonly x0: number;
      readonly y0: number;
      readonly x1: number;
      readonly y1: number;
    }
  | { readonly kind: 'point'; readonly x: number; readonly y: number };

/** Null for callouts (arrow, text): they mark up a still, they do not annotate an object. */
export function geometryOf(shape: Shape): Geometry | null {
  switch (shape.kind) {
    case 'arrow':
    case 'text':
      return null;
    case 'points': {
      // Several points (e.g. two hands) are compared by where they are on the whole.
      const n = shape.points.length;
      const x = shape.points.reduce((sum, p) => sum + p.x, 0) / n;
      const y = shape.points.reduce((sum, p) => sum + p.y, 0) / n;
      return { kind: 'point', x, y };
    }
    case 'rectangle':
      // An upright box exactly; shapes.ts gives a rotated one its turned extent.
      if (shape.rotation % 360 === 0) {
        const [x, y] = [shape.x, shape.y];
        return { kind: 'box', x0: x, y0: y, x1: x + shape.width, y1: y + shape.height };
      }
      return boxOf(shape);
    default:
      return boxOf(shape);
  }
}

function boxOf(shape: Shape): Geometry {
  const b = boundingBox(shape);
  return { kind: 'box', x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
}

type Box = Extract<Geometry, { kind: 'box' }>;

/** Intersection over union; two boxes of no area (a level polyline) count 1 only when equal. */
export function boxIoU(a: Box, b: Box): number {
  return boxIoUOf(a.x0, a.y0, a.x1, a.y1, b.x0, b.y0, b.x1, b.y1);
}

/**
 * boxIoU on bare corners: sequence.ts keeps a frame's boxes in typed arrays and calls this
 * without making an object per box (the one formula, so both give the same doubles).
 */
export function boxIoUOf(
  ax0: number,
  ay0: number,
  ax1: number,
  ay1: number,
  bx0: number,
  by0: number,
  bx1: number,
  by1: number,
): number {
  const w = Math.min(ax1, bx1) - Math.max(ax0, bx0);
  const h = Math.min(ay1, by1) - Math.max(ay0, by0);
  const areaA = (ax1 - ax0) * (ay1 - ay0);
  const areaB = (bx1 - bx0) * (by1 - by0);
  const inter = w > 0 && h > 0 ? w * h : 0;
  const union = areaA + areaB - inter;
  if (union <= 0) return ax0 === bx0 && ay0 === by0 && ax1 === bx1 && ay1 === by1 ? 1 : 0;
  return inter / union;
}

/** Box to box by IoU, point to point by distance; a box and a point are not alike (0). */
export function geometrySimilarity(a: Geometry, b: Geometry, pointTolerancePx: number): number {
  if (a.kind === 'box' && b.kind === 'box') return boxIoU(a, b);
  if (a.kind === 'point' && b.kind === 'point')
    return pointSimilarityOf(a.x, a.y, b.x, b.y, pointTolerancePx);
  return 0;
}

/** Two points: max(0, 1 − distance / tolerance). */
export function pointSimilarityOf(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  pointTolerancePx: number,
): number {
  const d = Math.hypot(ax - bx, ay - by);
  return Math.max(0, 1 - d / pointTolerancePx);
}

/** The similarity of two shapes; 0 when either is a callout. */
export function shapeSimilarity(a: Shape, b: Shape, pointTolerancePx: number): number {
  const ga = geometryOf(a);
  const gb = geometryOf(b);
  return ga && gb ? geometrySimilarity(ga, gb, pointTolerancePx) : 0;
}
