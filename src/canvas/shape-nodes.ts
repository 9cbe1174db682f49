import Konva from 'konva';
import type { Point, Shape } from '../core/annotations/model';
import type { TrackedLook } from './stage-types';

/**
 * One Konva node per shape kind, in frame pixels, and the way back: the shape a node shows
 * after the user moved, resized or turned it. Outline widths and handle sizes are in screen
 * pixels (`screenPx` = frame pixels per screen pixel), so they stay the same at any zoom.
 */

export interface ShapeStyle {
  readonly color: string;
  /** Drawn by a person on this frame: solid; computed: dashed. */
  readonly drawn: boolean;
  /** Computed by holding the last keyframe (see StageObject.held): dotted. */
  readonly held?: boolean;
  /** Proposed (or confirmed) by the assisted tracker: dash-dot. */
  readonly tracked?: TrackedLook;
  /** Occluded (hidden behind something): drawn translucent. */
  readonly occluded?: boolean;
  readonly selected: boolean;
  /** Frame pixels per screen pixel (1 / zoom). */
  readonly screenPx: number;
}

const flat = (points: readonly Point[]) => points.flatMap((p) => [p.x, p.y]);

/**
 * The outline's dash pattern (screen pixels): solid where a person drew it on this frame,
 * dash-dot where the tracker proposed it, long dashes where it is interpolated between
 * keyframes, sparse dots where it is held (the last keyframe carried on: it may be far from
 * where the object really is).
 */
export function outlineDash(style: Pick<ShapeStyle, 'drawn' | 'held' | 'tracked'>): number[] {
  if (style.drawn) return [];
  if (style.tracked) return [10, 3, 2, 3];
  return style.held ? [2, 6] : [8, 5];
}

/**
 * The title on an object's tag: a held or tracked position says so in words, on stage and
 * stills ("vehicle #1 · tracked 0.82", "… · tracked ✓" once a person confirmed it).
 */
export function tagTitle(object: {
  readonly title: string;
  readonly held?: boolean;
  readonly tracked?: TrackedLook;
}): string {
  if (object.tracked) {
    const how = object.tracked.confirmed ? '✓' : object.tracked.confidence.toFixed(2);
    return `${object.title} · tracked ${how}`;
  }
  return object.held ? `${object.title} · held` : object.title;
}

function strokeAttrs(style: ShapeStyle) {
  return {
    stroke: style.color,
    strokeWidth: style.selected ? 3.5 : 2,
    strokeScaleEnabled: false,
    dash: outlineDash(style),
    // In screen pixels (strokeScaleEnabled is off): the same grab width at any zoom.
    hitStrokeWidth: 12,
  };
}

/** An invisible fill, so a click anywhere inside a closed shape selects it. */
const HIT_INSIDE = { fill: 'rgba(0, 0, 0, 0)' };

/** Makes the node for a shape kind; `updateShapeNode` then sets its geometry and style. */
export function createShapeNode(shape: Shape): Konva.Shape | Konva.Group {
  switch (shape.kind) {
    case 'rectangle':
      return new Konva.Rect();
    case 'ellipse':
      return new Konva.Ellipse({ radiusX: 1, radiusY: 1 });
    case 'polygon':
      return new Konva.Line({ closed: true });
    case 'polyline':
      return new Konva.Line({ closed: false });
    case 'points':
      return new Konva.Group();
    case 'arrow':
      return new Konva.Arrow({ points: [0, 0, 1, 1] });
    case 'text':
      return new Konva.Text({ fontFamily: 'system-ui, sans-serif', fontStyle: 'bold' });
  }
}

/** Sets a node's geometry and style; resets any move, scale or turn left by an edit. */
export function updateShapeNode(
  node: Konva.Shape | Konva.Group,
  shape: Shape,
  style: ShapeStyle,
): void {
  node.setAttrs({
    x: 0,
    y: 0,
    scaleX: 1,
    scaleY: 1,
    rotation: 0,
    offsetX: 0,
    offsetY: 0,
    opacity: style.occluded ? 0.45 : 1,
  });
  const stroke = strokeAttrs(style);
  switch (shape.kind) {
    case 'rectangle':
      // Turned about its centre, as stored.
      node.setAttrs({
        ...stroke,
        ...HIT_INSIDE,
        x: shape.x + shape.width / 2,
        y: shape.y + shape.height / 2,
        width: shape.width,
        height: shape.height,
        offsetX: shape.width / 2,
        offsetY: shape.height / 2,
        rotation: shape.rotation,
      });
      return;
    case 'ellipse':
      node.setAttrs({
        ...stroke,
        ...HIT_INSIDE,
        x: shape.cx,
        y: shape.cy,
        radiusX: shape.rx,
        radiusY: shape.ry,
        rotation: shape.rotation,
      });
      return;
    case 'polygon':
      // No tint over the footage (honest pixels); the invisible fill still takes clicks.
      node.setAttrs({ ...stroke, ...HIT_INSIDE, points: flat(shape.points) });
      return;
    case 'polyline':
      node.setAttrs({ ...stroke, points: flat(shape.points) });
      return;
    case 'points': {
      const group = node as Konva.Group;
      group.destroyChildren();
      for (const p of shape.points) {
        group.add(
          new Konva.Circle({
            x: p.x,
            y: p.y,
            radius: (style.selected ? 5 : 4) * style.screenPx,
            // Computed points are hollow (dashes would not show on a 4 px dot).
            fill: style.drawn ? style.color : 'rgba(0, 0, 0, 0.4)',
            stroke: style.drawn ? '#000000' : style.color,
            strokeWidth: style.drawn ? 1 : 2,
            dash: style.held ? [2, 3] : [],
            strokeScaleEnabled: false,
            hitStrokeWidth: 12,
          }),
        );
      }
      return;
    }
    case 'arrow':
      node.setAttrs({
        ...stroke,
        fill: style.color,
        points: flat([shape.from, shape.to]),
        pointerLength: 14 * style.screenPx,
        pointerWidth: 12 * style.screenPx,
      });
      return;
    case 'text':
      node.setAttrs({
        x: shape.x,
        y: shape.y,
        text: shape.text,
        fontSize: shape.fontSize,
        fill: style.color,
        // A dark outline keeps the words legible over any footage.
        stroke: '#000000',
        strokeWidth: 3,
        strokeScaleEnabled: false,
        fillAfterStrokeEnabled: true,
        // A computed (not drawn here) callout is fainter, as dashes would not show on letters.
        opacity: style.drawn ? 1 : 0.6,
      });
      return;
  }
}

/**
 * The shape a node shows now, in frame pixels, after the user dragged or transformed it:
 * its move, scale and turn are baked into the shape's own numbers.
 */
export function shapeFromNode(node: Konva.Node, before: Shape): Shape {
  const scaleX = node.scaleX();
  const scaleY = node.scaleY();
  const normal = (deg: number) => ((deg % 360) + 360) % 360;
  switch (before.kind) {
    case 'rectangle': {
      const width = Math.abs(before.width * scaleX);
      const height = Math.abs(before.height * scaleY);
      return {
        kind: 'rectangle',
        x: node.x() - width / 2,
        y: node.y() - height / 2,
        width,
        height,
        rotation: normal(node.rotation()),
      };
    }
    case 'ellipse':
      return {
        kind: 'ellipse',
        cx: node.x(),
        cy: node.y(),
        rx: Math.abs(before.rx * scaleX),
        ry: Math.abs(before.ry * scaleY),
        rotation: normal(node.rotation()),
      };
    case 'text':
      return {
        ...before,
        x: node.x(),
        y: node.y(),
        fontSize: Math.max(4, before.fontSize * Math.abs(scaleY)),
      };
    case 'polygon':
    case 'polyline':
    case 'points': {
      const transform = node.getTransform();
      return { kind: before.kind, points: before.points.map((p) => transform.point(p)) };
    }
    case 'arrow': {
      const transform = node.getTransform();
      return { kind: 'arrow', from: transform.point(before.from), to: transform.point(before.to) };
    }
  }
}
