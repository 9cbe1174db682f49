import Konva from 'konva';
import type { Point, Shape } from '../core/model';
import { insertVertex, shapeArea, verticesOf } from '../core/shapes';
import { addVertexHandles } from './vertex-handles';
import {
  CLICK_TOOLS,
  closesPolygon,
  draftPreview,
  DRAG_TOOLS,
  finishClickDraft,
  finishDragDraft,
  type Draft,
  type DrawingTool,
} from './drafting';
import { createShapeNode, shapeFromNode, updateShapeNode } from './shape-nodes';
import {
  fitViewport,
  oneToOne,
  panBy,
  toFrame,
  zoomAt,
  ZOOM_STEP,
  type Viewport,
} from './viewport';

/** What the stage draws for one object on the current frame. */
export interface StageObject {
  readonly id: string;
  /** e.g. "officer #2" */
  readonly title: string;
  readonly color: string;
  readonly shape: Shape;
  /** Drawn by a person on this frame (solid) or computed from keyframes (dashed). */
  readonly drawn: boolean;
  /** The track drawing and editing act on: a thicker outline, with handles. */
  readonly selected: boolean;
  /** Cannot be moved or edited on the stage. */
  readonly locked: boolean;
  /** Occluded on this frame: drawn translucent. */
  readonly occluded: boolean;
}

export type StageTool = 'select' | DrawingTool;

export interface StageIntents {
  /** A new shape, in frame pixels (not yet validated). */
  shapeDrawn(shape: Shape): void;
  /** An object moved, resized, turned or reshaped; one call per finished gesture. */
  shapeEdited(id: string, shape: Shape): void;
  /** An object was clicked or grabbed (null: empty frame clicked). */
  objectSelected(id: string | null): void;
  /** The frame pixel under the pointer (integers, upright frame), null off the frame. */
  pointerMoved(pixel: Point | null): void;
  /** Zoom now in force (1 = one frame pixel per screen pixel). */
  zoomChanged(scale: number): void;
}

/** What the rest of the app may ask of the stage. */
export interface StageControl {
  /** Drops a shape being drawn; false when there was none. */
  cancelDraft(): boolean;
  /** Finishes a polygon, polyline or points being drawn; false when there was none. */
  finishDraft(): boolean;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  oneToOne(): void;
  /** Space held: dragging pans. Returns, on release, whether a pan happened meanwhile. */
  setPanKey(held: boolean): boolean;
}

const CORNER_ANCHORS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
const ALL_ANCHORS = [
  ...CORNER_ANCHORS,
  'top-center',
  'middle-right',
  'middle-left',
  'bottom-center',
];

// Only the left button drags shapes; the middle button pans the frame.
Konva.dragButtons = [0];

/** Smaller drags than this (screen pixels) are clicks, not shapes. */
const MIN_DRAG_PX = 3;
/** Screen pixels within which a click hits a polygon's first vertex (closing it). */
const CLOSE_HIT_PX = 8;

interface ObjectNodes {
  object: StageObject;
  node: Konva.Shape | Konva.Group;
  tag: Konva.Label;
}

type Gesture =
  | { kind: 'pan'; last: Point; moved: boolean; clickSelectsNothing: boolean }
  | { kind: 'drag-draw'; start: Point; startScreen: Point };

/**
 * The Konva view: the frame with its overlays, zoom and pan, drawing and editing. Everything
 * in the overlay is in frame pixels; it only draws and reports intents, never changing
 * annotations itself.
 */
export class StageView implements StageControl {
  readonly #stage: Konva.Stage;
  readonly #frameLayer = new Konva.Layer({ listening: false });
  readonly #overlayLayer = new Konva.Layer();
  readonly #frameImage = new Konva.Image({ image: undefined, x: 0, y: 0 });
  /** Hold everything in frame pixels; their scale and offset are the viewport. */
  readonly #frameGroup = new Konva.Group();
  readonly #overlayGroup = new Konva.Group();
  readonly #objectsGroup = new Konva.Group();
  readonly #tagsGroup = new Konva.Group({ listening: false });
  readonly #anchorsGroup = new Konva.Group();
  readonly #draftGroup = new Konva.Group({ listening: false });
  readonly #transformer = new Konva.Transformer({
    ignoreStroke: true,
    flipEnabled: false,
    rotationSnaps: [0, 90, 180, 270],
    anchorSize: 9,
    borderDash: [4, 3],
  });
  readonly #nodes = new Map<string, ObjectNodes>();
  #objects: readonly StageObject[] = [];
  #frameSize = { width: 0, height: 0 };
  #view: Viewport = { scale: 1, x: 0, y: 0, fitted: true };
  #tool: StageTool = 'select';
  #draftColor = '#ffffff';
  #calloutText = 'Note';
  #draft: Draft | null = null;
  #gesture: Gesture | null = null;
  /** The object being dragged or transformed: left alone by updates until the gesture ends. */
  #editingId: string | null = null;
  #panKey = { held: false, used: false };

  constructor(
    container: HTMLDivElement,
    private readonly intents: StageIntents,
  ) {
    this.#stage = new Konva.Stage({
      container,
      width: container.clientWidth || 1,
      height: container.clientHeight || 1,
    });
    // Honest pixels: zoomed frames show pixel blocks, never invented detail.
    this.#frameLayer.imageSmoothingEnabled(false);
    this.#frameGroup.add(this.#frameImage);
    this.#frameLayer.add(this.#frameGroup);
    this.#overlayGroup.add(
      this.#objectsGroup,
      this.#tagsGroup,
      this.#draftGroup,
      this.#anchorsGroup,
    );
    this.#overlayLayer.add(this.#overlayGroup, this.#transformer);
    this.#stage.add(this.#frameLayer, this.#overlayLayer);
    this.#stage.on('pointerdown', (e) => this.#onPointerDown(e));
    this.#stage.on('pointermove', () => this.#onPointerMove());
    this.#stage.on('pointerup', () => this.#onPointerUp());
    this.#stage.on('pointerleave', () => this.intents.pointerMoved(null));
    this.#stage.on('wheel', (e) => this.#onWheel(e));
    this.#transformer.on('transformstart', () => (this.#editingId = this.#selectedId()));
    this.#transformer.on('transformend', () => this.#endNodeEdit());
    // The browser's own double-click (two clicks close in time AND place); Konva's fires for
    // two quick clicks anywhere, which would end a polygon after its second corner.
    container.addEventListener('dblclick', () => this.finishDraft());
    // The middle button pans; keep the browser's autoscroll out of the way.
    container.addEventListener('mousedown', (e) => {
      if (e.button === 1) e.preventDefault();
    });
  }

  setTool(tool: StageTool, draftColor: string, calloutText: string): void {
    if (tool !== this.#tool) this.cancelDraft();
    this.#tool = tool;
    this.#draftColor = draftColor;
    this.#calloutText = calloutText;
    // Shapes answer the pointer only with Select; drawing tools draw over them.
    this.#objectsGroup.listening(tool === 'select');
    this.#anchorsGroup.listening(tool === 'select');
    this.#updateCursor();
    this.#renderObjects();
  }

  /** Shows a frame (an image at the frame's own pixel size); null clears the stage. */
  setFrame(image: ImageBitmap | HTMLCanvasElement | null): void {
    this.#frameImage.image(image ?? undefined);
    if (
      image &&
      (image.width !== this.#frameSize.width || image.height !== this.#frameSize.height)
    ) {
      this.#frameSize = { width: image.width, height: image.height };
      this.fit();
    }
    this.#frameLayer.batchDraw();
  }

  setObjects(objects: readonly StageObject[]): void {
    this.#objects = objects;
    this.#renderObjects();
  }

  /** "Overlays off" shows the clean frame. */
  setOverlaysVisible(visible: boolean): void {
    this.#overlayLayer.visible(visible);
  }

  /** Follows the container's size; call on resize. */
  resize(width: number, height: number): void {
    this.#stage.size({ width: Math.max(1, width), height: Math.max(1, height) });
    if (this.#view.fitted) this.fit();
  }

  destroy(): void {
    this.#stage.destroy();
  }

  // ---- StageControl ----

  cancelDraft(): boolean {
    const had = this.#draft !== null;
    this.#draft = null;
    this.#gesture = null;
    this.#renderDraft();
    return had;
  }

  finishDraft(): boolean {
    const draft = this.#draft;
    if (!draft || !CLICK_TOOLS.includes(draft.tool)) return false;
    const shape = finishClickDraft(draft);
    this.cancelDraft();
    if (shape) this.intents.shapeDrawn(shape);
    return true;
  }

  zoomIn(): void {
    this.#setView(zoomAt(this.#view, ZOOM_STEP, this.#centre()));
  }

  zoomOut(): void {
    this.#setView(zoomAt(this.#view, 1 / ZOOM_STEP, this.#centre()));
  }

  fit(): void {
    this.#setView(fitViewport(this.#frameSize, this.#stage.size()));
  }

  oneToOne(): void {
    this.#setView(oneToOne(this.#view, this.#stage.size()));
  }

  setPanKey(held: boolean): boolean {
    const used = this.#panKey.used;
    this.#panKey = { held, used: held ? this.#panKey.used : false };
    this.#updateCursor();
    return used;
  }

  // ---- view ----

  #centre(): Point {
    return { x: this.#stage.width() / 2, y: this.#stage.height() / 2 };
  }

  #setView(view: Viewport): void {
    this.#view = view;
    for (const group of [this.#frameGroup, this.#overlayGroup]) {
      group.position({ x: view.x, y: view.y });
      group.scale({ x: view.scale, y: view.scale });
    }
    // Outline widths, handles and titles are in screen pixels: redo them for the new zoom.
    this.#renderObjects();
    this.#renderDraft();
    this.#stage.batchDraw();
    this.intents.zoomChanged(view.scale);
  }

  #updateCursor(): void {
    const style = this.#stage.container().style;
    if (this.#panKey.held || this.#gesture?.kind === 'pan') style.cursor = 'grab';
    else style.cursor = this.#tool === 'select' ? 'default' : 'crosshair';
  }

  /** Pointer position in frame pixels. */
  #pointerInFrame(): Point | null {
    const screen = this.#stage.getPointerPosition();
    return screen ? toFrame(this.#view, screen) : null;
  }

  // ---- objects ----

  #selectedId(): string | null {
    return this.#objects.find((o) => o.selected)?.id ?? null;
  }

  /** Brings Konva nodes in line with the objects, reusing nodes by id (cheap for 200 shapes). */
  #renderObjects(): void {
    const screenPx = 1 / this.#view.scale;
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
      entry.node.draggable(this.#tool === 'select' && !object.locked);
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
    this.#overlayLayer.draw();
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
      if (e.evt.button !== 0 || this.#panKey.held) return;
      e.cancelBubble = true; // not a pan of the frame
      if (!entry.object.selected) this.intents.objectSelected(entry.object.id);
    });
    // Double-click on a selected polygon's or polyline's outline adds a vertex there.
    target.on('dblclick', () => {
      const p = this.#pointerInFrame();
      const { object: o } = entry;
      if (!p || !o.selected || o.locked || this.#tool !== 'select') return;
      const more = insertVertex(o.shape, p);
      if (more !== o.shape) this.intents.shapeEdited(o.id, more);
    });
    target.on('dragstart', () => {
      // Space held: the press pans the frame, it does not move the shape.
      if (this.#panKey.held) return target.stopDrag();
      this.#editingId = entry.object.id;
    });
    target.on('dragend', () => {
      if (this.#editingId === entry.object.id) this.#endNodeEdit();
    });
    this.#objectsGroup.add(node);
    this.#tagsGroup.add(tag);
    this.#nodes.set(object.id, entry);
    return entry;
  }

  #placeTag(entry: ObjectNodes, screenPx: number): void {
    const box = entry.node.getClientRect({ relativeTo: this.#overlayGroup, skipStroke: true });
    const text = entry.tag.getText() as Konva.Text;
    text.setAttrs({ text: entry.object.title, fill: entry.object.color });
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
    this.#anchorsGroup.destroyChildren();
    const id = this.#selectedId();
    const entry = id ? this.#nodes.get(id) : undefined;
    const editable = entry && this.#tool === 'select' && !entry.object.locked;
    const kind = entry?.object.shape.kind;
    if (!editable || !entry || kind === 'arrow') {
      this.#transformer.nodes([]);
    } else {
      // Shapes with vertices are resized vertex by vertex (their own handles), so the box
      // only turns them; text keeps its proportions.
      const hasVertices = verticesOf(entry.object.shape) !== null;
      this.#transformer.setAttrs({
        rotateEnabled: kind !== 'text' && kind !== 'points',
        keepRatio: kind === 'text',
        enabledAnchors: hasVertices ? [] : kind === 'text' ? CORNER_ANCHORS : ALL_ANCHORS,
      });
      this.#transformer.nodes([entry.node]);
      this.#transformer.forceUpdate();
    }
    if (!editable || !entry) return;
    addVertexHandles(this.#anchorsGroup, {
      shape: entry.object.shape,
      node: entry.node,
      style: { ...entry.object, screenPx },
      onEditStart: () => (this.#editingId = entry.object.id),
      onRedraw: () => this.#overlayLayer.batchDraw(),
      onEditEnd: (shape) => {
        this.#editingId = null;
        this.intents.shapeEdited(entry.object.id, shape);
        this.#renderObjects();
      },
    });
  }

  /** A drag or transform of a whole object ended: report the shape it now shows. */
  #endNodeEdit(): void {
    const id = this.#editingId;
    this.#editingId = null;
    const entry = id ? this.#nodes.get(id) : undefined;
    if (entry)
      this.intents.shapeEdited(entry.object.id, shapeFromNode(entry.node, entry.object.shape));
    // Until the app answers with the new shape, show the one it has (an edit may be refused).
    this.#renderObjects();
  }

  // ---- drawing ----

  #renderDraft(): void {
    this.#draftGroup.destroyChildren();
    const draft = this.#draft;
    const preview = draft ? draftPreview(draft, this.#frameSize) : null;
    if (draft && preview) {
      const node = createShapeNode(preview);
      const screenPx = 1 / this.#view.scale;
      updateShapeNode(node, preview, {
        color: this.#draftColor,
        drawn: false,
        selected: false,
        screenPx,
      });
      this.#draftGroup.add(node);
      // The placed vertices, so a polygon's first vertex can be aimed at to close it.
      for (const v of CLICK_TOOLS.includes(draft.tool) ? draft.vertices : []) {
        this.#draftGroup.add(
          new Konva.Circle({ x: v.x, y: v.y, radius: 3.5 * screenPx, fill: this.#draftColor }),
        );
      }
    }
    this.#overlayLayer.batchDraw();
  }

  #onPointerDown(e: Konva.KonvaEventObject<PointerEvent>): void {
    const screen = this.#stage.getPointerPosition();
    const p = this.#pointerInFrame();
    if (!screen || !p || !this.#frameSize.width) return;
    const button = e.evt.button;
    const wantsPan = button === 1 || (button === 0 && this.#panKey.held);
    // With Select, only a press on the bare frame pans: handles and shapes are for editing.
    const onBareFrame = e.target === this.#stage;
    if (wantsPan || (button === 0 && this.#tool === 'select' && onBareFrame)) {
      // Select on the empty frame: a click lets go of the selection, a drag pans.
      this.#gesture = { kind: 'pan', last: screen, moved: false, clickSelectsNothing: !wantsPan };
      if (this.#panKey.held) this.#panKey.used = true;
      this.#updateCursor();
      return;
    }
    if (button !== 0 || this.#tool === 'select') return;
    const tool = this.#tool;
    if (tool === 'text') {
      const fontSize = Math.max(12, Math.round(this.#frameSize.height / 24));
      this.intents.shapeDrawn({ kind: 'text', x: p.x, y: p.y, text: this.#calloutText, fontSize });
      return;
    }
    if (DRAG_TOOLS.includes(tool)) {
      this.#draft = { tool, vertices: [p], pointer: p };
      this.#gesture = { kind: 'drag-draw', start: p, startScreen: screen };
    } else if (this.#draft && closesPolygon(this.#draft, p, CLOSE_HIT_PX / this.#view.scale)) {
      this.finishDraft();
      return;
    } else {
      const vertices = this.#draft?.tool === tool ? this.#draft.vertices : [];
      this.#draft = { tool, vertices: [...vertices, p], pointer: p };
    }
    this.#renderDraft();
  }

  #onPointerMove(): void {
    const screen = this.#stage.getPointerPosition();
    const p = this.#pointerInFrame();
    if (!screen || !p) return;
    const { width, height } = this.#frameSize;
    const inside = p.x >= 0 && p.y >= 0 && p.x < width && p.y < height;
    this.intents.pointerMoved(inside ? { x: Math.floor(p.x), y: Math.floor(p.y) } : null);
    const gesture = this.#gesture;
    if (gesture?.kind === 'pan') {
      const dx = screen.x - gesture.last.x;
      const dy = screen.y - gesture.last.y;
      if (!gesture.moved && Math.hypot(dx, dy) < MIN_DRAG_PX) return;
      this.#gesture = { ...gesture, last: screen, moved: true };
      this.#setView(panBy(this.#view, dx, dy));
      return;
    }
    if (this.#draft) {
      this.#draft = { ...this.#draft, pointer: p };
      this.#renderDraft();
    }
  }

  #onPointerUp(): void {
    const gesture = this.#gesture;
    this.#gesture = null;
    this.#updateCursor();
    if (gesture?.kind === 'pan') {
      if (!gesture.moved && gesture.clickSelectsNothing) this.intents.objectSelected(null);
      return;
    }
    if (gesture?.kind !== 'drag-draw' || !this.#draft) return;
    const screen = this.#stage.getPointerPosition() ?? gesture.startScreen;
    const dragged = Math.hypot(screen.x - gesture.startScreen.x, screen.y - gesture.startScreen.y);
    const shape = dragged >= MIN_DRAG_PX ? finishDragDraft(this.#draft, this.#frameSize) : null;
    this.cancelDraft();
    if (shape) this.intents.shapeDrawn(shape);
  }

  #onWheel(e: Konva.KonvaEventObject<WheelEvent>): void {
    e.evt.preventDefault();
    const anchor = this.#stage.getPointerPosition() ?? this.#centre();
    // One mouse-wheel notch (100) is one zoom step; a trackpad's small deltas zoom gently.
    const notches = Math.max(-3, Math.min(3, -e.evt.deltaY / 100));
    const factor = ZOOM_STEP ** notches;
    this.#setView(zoomAt(this.#view, factor, anchor));
  }
}
