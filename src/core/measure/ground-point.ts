import type { Keyframe, Shape } from '../annotations/model';
import type { Vec2 } from './matrix';

/**
 * Where an object touches the ground, in frame pixels: what measurement maps onto the ground
 * plane. By default the bottom-centre of a box or ellipse (turned with it), a point as it is
 * (the first, for several), the bottom-centre of a polygon's or polyline's upright bounding
 * box, an arrow's head. Text has none.
 */
export function groundPointOf(shape: Shape): Vec2 | null {
  const turn = (rotation: number, cx: number, cy: number, dy: number): Vec2 => {
    const r = (rotation * Math.PI) / 180;
    return { x: cx - dy * Math.sin(r), y: cy + dy * Math.cos(r) };
  };
  switch (shape.kind) {
    case 'rectangle':
      return turn(
        shape.rotation,
        shape.x + shape.width / 2,
        shape.y + shape.height / 2,
        shape.height / 2,
      );
    case 'ellipse':
      return turn(shape.rotation, shape.cx, shape.cy, shape.ry);
    case 'points':
      return shape.points[0] ?? null;
    case 'polygon':
    case 'polyline': {
      if (shape.points.length === 0) return null;
      const xs = shape.points.map((p) => p.x);
      return {
        x: (Math.min(...xs) + Math.max(...xs)) / 2,
        y: Math.max(...shape.points.map((p) => p.y)),
      };
    }
    case 'arrow':
      return shape.to;
    case 'text':
      return null;
  }
}

/**
 * A keyframe a person set (drawn or propagated) and not outside the view: the only positions
 * measurement uses. Interpolated, held and computed positions are Framewise's guesses.
 */
export const isMeasuredKeyframe = (k: Keyframe): boolean =>
  !k.outside && (k.origin === 'drawn' || k.origin === 'propagated');
