import Konva from 'konva';
import type { Point } from '../core/annotations/model';
import { insertVertex, shapeArea, verticesOf } from '../core/annotations/shapes';
import { createShapeNode, shapeFromNode, tagTitle, updateShapeNode } from './shape-nodes';
import type { StageIntents, StageObject, StageTool } from './stage-types';
import { addVertexHandles } from './vertex-handles';

const CORNER_ANCHORS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
const ALL_ANCHORS = [
  ...CORNER_ANCHORS,
  'top-center',
  'middle-right',
  'middle-left',
  'bottom-center',
];

interface ObjectNodes {
  object: StageObject;
  node: Konva.Shape | Konva.Group;
  tag: Konva.Label;
}

/** What the object layer needs from the stage around it. */
export interface ObjectLayerHost {
  readonly intents: StageIntents;
  tool(): StageTool;
  /** Space is held: presses pan the frame instead of grabbing shapes. */
  panKeyHeld(): boolean;
  pointerInFrame(): Point | null;
  /** Frame pixels per screen pixel (1 / zoom). */
  screenPx(): number;
}

/**
 * The objects on the stage: one Konva node and title tag per object (reused by id, so 200
 * shapes update cheaply), selection by click, moving by drag, the transformer for resizing
 * and turning, and vertex handles. Reports each finished gesture as one "shape edited".
 */
export class ObjectLayer {
  readonly objectsGroup = new Konva.Group();
  readonly tagsGroup = new Konva.Group({ listening: false });
  readonly anchorsGroup = new Konva.Group();
  readonly transformer = new Konva.Transformer({
    ignoreStroke: true,
    flipEnabled: false,
    rotationSnaps: [0, 90, 180, 270],
    anchorSize: 9,
    borderDash: [4, 3],
  });
  readonly #nodes = new Map<string, ObjectNodes>();
  #objects: readonly StageObject[] = [];
  /** The object being dragged or transformed: left alone by updates until the gesture ends. */
  #editingId: string | null = null;
  /** An edit is being abandoned: the gesture's end must not be reported. */
  #abandoning = false;

  constructor(
    /** The layer drawn on; its hit regions are redrawn at once after each change. */
    private readonly layer: Konva.Layer,
    /** The group holding everything in frame pixels (titles are placed relative to it). */
    private readonly frameGroup: Konva.Group,
    private readonly host: ObjectLayerHost,
  ) {
    this.transformer.on('transformstart', () => (this.#editingId = this.#selectedId()));
    this.transformer.on('transformend', () => this.#endNodeEdit());
  }

  setObjects(objects: readonly StageObject[]): void {
    this.#objects = objects;
    this.render();
  }

  /** Shapes and handles answer the pointer only with Select; drawing tools draw over them. */
  setListening(listening: boolean): void {
    this.objectsGroup.listening(listening);
    this.anchorsGroup.listening(listening);
  }

  /**
   * Ends a drag or transform under way without reporting it, and puts the shape back: the
   * picture it was made on is no longer on screen.
   */
  abandonEdit(): void {
    const entry = this.#editingId ? this.#nodes.get(this.#editingId) : undefined;
    this.#editingId = null;
    if (!entry) return;
    this.#abandoning = true;
    try {
      this.transformer.stopTransform();
      for (const node of [entry.node, ...this.anchorsGroup.getChildren()]) {
        if (node.isDragging()) node.stopDrag();
      }
    } finally {
      this.#abandoning = false;
    }
    this.render();
  }

  #selectedId(): string | null {
    return this.#objects.find((o) => o.selected)?.id ?? null;
  }

  /** Brings Konva nodes in line with the objects, reusing nodes by id (cheap for 200 shapes). */
  render(): void {
    const screenPx = this.host.screenPx();
    const seen = new Set<string>();
    // Bigger shapes below smaller ones (a click inside a car's box can still reach the window
    // frame inside it); the selected object on top of all.
    const ordered = [...this.#objects].sort(
      (a, b) => Number(a.selected) - Number(b.selected) || shapeArea(b.shape) - shapeArea(a.shape),
    );
    for (const object of ordered) {
      seen.add(object.id);
      let entry = this.#nodes.get(object.id);
      if (entry && entry.object.shape.kind !== object.shape.kind) {
        entry.node.destroy();
        entry.tag.destroy();
        entry = undefined;
      }
      if (!entry) entry = this.#createObjectNodes(object);
      entry.object = object;
      if (object.id !== this.#editingId) {
        updateShapeNode(entry.node, object.shape, { ...object, screenPx });
      }
      entry.node.draggable(this.host.tool() === 'select' && !object.locked);
      entry.node.moveToTop();
      this.#placeTag(entry, screenPx);
    }
    for (const [id, entry] of this.#nodes) {
      if (seen.has(id)) continue;
      entry.node.destroy();
      entry.tag.destroy();
      this.#nodes.delete(id);
    }
    this.#renderSelection(screenPx);
    // Drawn now, hit regions included, not at the next animation frame: a press right after
    // a change (a handle that just appeared, a tool just chosen) must already reach it.
    this.layer.draw();
  }

  #createObjectNodes(object: StageObject): ObjectNodes {
    const node = createShapeNode(object.shape);
    node.id(object.id);
    const tag = new Konva.Label().add(
      // A dark tag behind the title keeps it legible over any footage colour.
      new Konva.Tag({ fill: 'rgba(0, 0, 0, 0.7)', cornerRadius: 2 }),
      new Konva.Text({ fontSize: 12, padding: 3, fontFamily: 'system-ui, sans-serif' }),
    );
    const entry: ObjectNodes = { object, node, tag };
    // Konva's event typings do not accept a Shape | Group union; both are Nodes.
    const target: Konva.Node = node;
    target.on('pointerdown', (e) => {
      if (e.evt.button !== 0 || this.host.panKeyHeld()) return;
      e.cancelBubble = true; // not a pan of the frame
      if (!entry.object.selected) this.host.intents.objectSelected(entry.object.id);
    });
    // Double-click on a selected polygon's or polyline's outline adds a vertex there.
    target.on('dblclick', () => {
      const p = this.host.pointerInFrame();
      const { object: o } = entry;
      if (!p || !o.selected || o.locked || this.host.tool() !== 'select') return;
      const more = insertVertex(o.shape, p);
      if (more !== o.shape) this.host.intents.shapeEdited(o.id, more);
    });
    target.on('dragstart', () => {
      // Space held: the press pans the frame, it does not move the shape.
      if (this.host.panKeyHeld()) return target.stopDrag();
      this.#editingId = entry.object.id;
    });
    target.on('dragend', () => {
      if (this.#editingId === entry.object.id) this.#endNodeEdit();
    });
    this.objectsGroup.add(node);
    this.tagsGroup.add(tag);
    this.#nodes.set(object.id, entry);
    return entry;
  }

  #placeTag(entry: ObjectNodes, screenPx: number): void {
    const box = entry.node.getClientRect({ relativeTo: this.frameGroup, skipStroke: true });
    const text = entry.tag.getText() as Konva.Text;
    text.setAttrs({ text: tagTitle(entry.object), fill: entry.object.color });
    entry.tag.setAttrs({
      x: box.x,
      y: box.y - 20 * screenPx,
      scaleX: screenPx,
      scaleY: screenPx,
      visible: entry.object.shape.kind !== 'text',
    });
  }

  /** Handles for the selected object: the transformer, and an anchor per vertex. */
  #renderSelection(screenPx: number): void {
    // Mid-drag the handles stay as they are: destroying a dragged handle would end the drag
    // (Konva fires dragend) and save a half-way shape. They are rebuilt when it ends.
    if (this.#editingId) return;
    this.anchorsGroup.destroyChildren();
    const id = this.#selectedId();
    const entry = id ? this.#nodes.get(id) : undefined;
    const editable = entry && this.host.tool() === 'select' && !entry.object.locked;
    const kind = entry?.object.shape.kind;
    if (!editable || !entry || kind === 'arrow') {
      this.transformer.nodes([]);
    } else {
      // Shapes with vertices are resized vertex by vertex (their own handles), so the box
      // only turns them; text keeps its proportions.
      const hasVertices = verticesOf(entry.object.shape) !== null;
      this.transformer.setAttrs({
        rotateEnabled: kind !== 'text' && kind !== 'points',
        keepRatio: kind === 'text',
        enabledAnchors: hasVertices ? [] : kind === 'text' ? CORNER_ANCHORS : ALL_ANCHORS,
      });
      this.transformer.nodes([entry.node]);
      this.transformer.forceUpdate();
    }
    if (!editable || !entry) return;
    addVertexHandles(this.anchorsGroup, {
      shape: entry.object.shape,
      node: entry.node,
      style: { ...entry.object, screenPx },
      onEditStart: () => (this.#editingId = entry.object.id),
      onRedraw: () => this.layer.batchDraw(),
      onEditEnd: (shape) => {
        if (this.#abandoning) return;
        this.#editingId = null;
        this.host.intents.shapeEdited(entry.object.id, shape);
        this.render();
      },
    });
  }

  /** A drag or transform of a whole object ended: report the shape it now shows. */
  #endNodeEdit(): void {
    if (this.#abandoning) return;
    const id = this.#editingId;
    this.#editingId = null;
    const entry = id ? this.#nodes.get(id) : undefined;
    if (entry)
      this.host.intents.shapeEdited(entry.object.id, shapeFromNode(entry.node, entry.object.shape));
    // Until the app answers with the new shape, show the one it has (an edit may be refused).
    this.render();
  }
}
