import type { Point, Shape, ShapeKind } from '../core/annotations/model';
import {
  ellipseFromCorners,
  MIN_VERTICES,
  rectangleFromCorners,
  type FrameSize,
} from '../core/annotations/shapes';

/**
 * A shape being drawn, before it is handed to the app. Pure data and rules, so every tool's
 * behaviour can be tested without a canvas:
 * - drag tools (rectangle, ellipse, arrow): press, drag, release;
 * - click tools (polygon, polyline, points): a click per vertex; double-click or Enter
 *   finishes; a click on the first vertex closes a polygon; Esc drops it;
 * - text: one click places the callout.
 */
export type DrawingTool = ShapeKind;

export const DRAG_TOOLS: readonly DrawingTool[] = ['rectangle', 'ellipse', 'arrow'];
export const CLICK_TOOLS: readonly DrawingTool[] = ['polygon', 'polyline', 'points'];

export interface Draft {
  readonly tool: DrawingTool;
  /** Vertices placed so far (click tools), or the press point (drag tools). */
  readonly vertices: readonly Point[];
  /** Where the pointer is now, for the rubber band. */
  readonly pointer: Point;
}

/** The shape the draft would make if finished now (with the pointer as the last point). */
export function draftPreview(draft: Draft, frame: FrameSize): Shape | null {
  const [first] = draft.vertices;
  if (!first) return null;
  switch (draft.tool) {
    case 'rectangle':
      return rectangleFromCorners(first, draft.pointer, frame);
    case 'ellipse':
      return ellipseFromCorners(first, draft.pointer, frame);
    case 'arrow':
      return { kind: 'arrow', from: first, to: draft.pointer };
    case 'polygon':
    case 'polyline':
      // While drawing, an open line through the vertices to the pointer.
      return { kind: 'polyline', points: [...draft.vertices, draft.pointer] };
    case 'points':
      return { kind: 'points', points: draft.vertices };
    case 'text':
      return null;
  }
}

/** The shape a click tool's draft makes when finished; null if it has too few vertices. */
export function finishClickDraft(draft: Draft): Shape | null {
  const points = dropRepeats(draft.vertices);
  switch (draft.tool) {
    case 'polygon':
    case 'polyline':
    case 'points':
      return points.length >= MIN_VERTICES[draft.tool] ? { kind: draft.tool, points } : null;
    default:
      return null;
  }
}

/** A drag tool's shape from press to release. */
export function finishDragDraft(draft: Draft, frame: FrameSize): Shape | null {
  return draft.tool === 'polygon' || draft.tool === 'polyline' || draft.tool === 'points'
    ? null
    : draftPreview(draft, frame);
}

/**
 * Vertices closer than this many frame pixels to the previous one are the same click (a
 * double-click's second press).
 */
const SAME_POINT = 0.5;

function dropRepeats(points: readonly Point[]): Point[] {
  const kept: Point[] = [];
  for (const p of points) {
    const last = kept.at(-1);
    if (!last || Math.hypot(p.x - last.x, p.y - last.y) > SAME_POINT) kept.push(p);
  }
  return kept;
}

/** True when a click at `p` should close the polygon: it hits the first vertex. */
export function closesPolygon(draft: Draft, p: Point, hitRadius: number): boolean {
  const first = draft.vertices[0];
  return (
    draft.tool === 'polygon' &&
    draft.vertices.length >= MIN_VERTICES.polygon &&
    !!first &&
    Math.hypot(p.x - first.x, p.y - first.y) <= hitRadius
  );
}
