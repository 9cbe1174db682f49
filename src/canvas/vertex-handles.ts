import Konva from 'konva';
import type { Shape } from '../core/annotations/model';
import { removeVertex, verticesOf, withVertex } from '../core/annotations/shapes';
import { updateShapeNode, type ShapeStyle } from './shape-nodes';

/** What the vertex handles of the selected object work on. */
export interface VertexHandleTarget {
  readonly shape: Shape;
  /** The node showing the shape: redrawn live while a handle moves. */
  readonly node: Konva.Shape | Konva.Group;
  readonly style: ShapeStyle;
  /** A handle's drag started (the stage leaves the handles alone until it ends). */
  onEditStart(): void;
  /** Something changed on screen: ask for a redraw. */
  onRedraw(): void;
  /** The gesture ended with this shape (one undo step). */
  onEditEnd(shape: Shape): void;
}

/**
 * One round handle per vertex (polygon, polyline, points, arrow ends): drag it to move the
 * vertex; double-click it, or Alt+click, to remove it (when enough are left). Handles are
 * sized in screen pixels.
 */
export function addVertexHandles(group: Konva.Group, target: VertexHandleTarget): void {
  const before = target.shape;
  verticesOf(before)?.forEach((vertex, index) => {
    const handle = new Konva.Circle({
      x: vertex.x,
      y: vertex.y,
      radius: 5 * target.style.screenPx,
      fill: '#ffffff',
      stroke: '#000000',
      strokeWidth: 1,
      strokeScaleEnabled: false,
      hitStrokeWidth: 8,
      draggable: true,
      name: 'vertex',
    });
    const remove = () => {
      const fewer = removeVertex(before, index);
      if (fewer) target.onEditEnd(fewer);
    };
    handle.on('pointerdown', (e) => (e.cancelBubble = true));
    handle.on('click', (e) => {
      if (e.evt.altKey) remove();
    });
    handle.on('dblclick', remove);
    handle.on('dragstart', () => target.onEditStart());
    handle.on('dragmove', () => {
      updateShapeNode(target.node, withVertex(before, index, handle.position()), target.style);
      target.onRedraw();
    });
    handle.on('dragend', () => target.onEditEnd(withVertex(before, index, handle.position())));
    group.add(handle);
  });
}
