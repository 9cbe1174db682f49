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
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  const areaA = (a.x1 - a.x0) * (a.y1 - a.y0);
  const areaB = (b.x1 - b.x0) * (b.y1 - b.y0);
  const inter = w > 0 && h > 0 ? w * h : 0;
  const union = areaA + areaB - inter;
  if (union <= 0) return a.x0 === b.x0 && a.y0 === b.y0 && a.x1 === b.x1 && a.y1 === b.y1 ? 1 : 0;
  return inter / union;
}

/** Box to box by IoU, point to point by distance; a box and a point are not alike (0). */
export function geometrySimilarity(a: Geometry, b: Geometry, pointTolerancePx: number): number {
  if (a.kind === 'box' && b.kind === 'box') return boxIoU(a, b);
  if (a.kind === 'point' && b.kind === 'point') {
    const d = Math.hypot(a.x - b.x, a.y - b.y);
    return Math.max(0, 1 - d / pointTolerancePx);
  }
  return 0;
}

/** The similarity of two shapes; 0 when either is a callout. */
export function shapeSimilarity(a: Shape, b: Shape, pointTolerancePx: number): number {
  const ga = geometryOf(a);
  const gb = geometryOf(b);
  return ga && gb ? geometrySimilarity(ga, gb, pointTolerancePx) : 0;
}
