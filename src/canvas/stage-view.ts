import Konva from 'konva';
import type { Point } from '../core/annotations/model';
import { ObjectLayer } from './object-layer';
import {
  CLICK_TOOLS,
  closesPolygon,
  draftPreview,
  DRAG_TOOLS,
  finishClickDraft,
  finishDragDraft,
  type Draft,
} from './drafting';
import { GuideLayer, type StageGuides } from './guide-layer';
import { createShapeNode, updateShapeNode } from './shape-nodes';
import {
  fitViewport,
  oneToOne,
  panBy,
  toFrame,
  zoomAt,
  ZOOM_STEP,
  type Viewport,
} from './viewport';

import type { DraftState, StageControl, StageIntents, StageObject, StageTool } from './stage-types';

export type { DraftState, StageControl, StageIntents, StageObject, StageTool };
export type { StageGuides };

// Only the left button drags shapes; the middle button pans the frame.
Konva.dragButtons = [0];

/** Smaller drags than this (screen pixels) are clicks, not shapes. */
const MIN_DRAG_PX = 3;
/** Screen pixels within which a click hits a polygon's first vertex (closing it). */
const CLOSE_HIT_PX = 8;
/** The Ruler's colour while it is dragged (the saved ruler is drawn as a guide). */
const RULER_COLOR = '#ffd43b';

type Gesture =
  | { kind: 'pan'; last: Point; moved: boolean; clickSelectsNothing: boolean; pick: Point | null }
  | { kind: 'drag-draw'; start: Point; startScreen: Point }
  | { kind: 'ruler'; start: Point; startScreen: Point; pointer: Point };

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
  readonly #draftGroup = new Konva.Group({ listening: false });
  readonly #objects: ObjectLayer;
  readonly #guides = new GuideLayer();
  /** A click on the frame picks a point (a scene calibration is open) instead of drawing. */
  #picking = false;
  #frameSize = { width: 0, height: 0 };
  #view: Viewport = { scale: 1, x: 0, y: 0, fitted: true };
  #tool: StageTool = 'select';
  #draftColor = '#ffffff';
  #calloutText = 'Note';
  #draft: Draft | null = null;
  #gesture: Gesture | null = null;
  #panKey = { held: false, used: false };
  /** False while the picture is not the frame named: nothing may be drawn or edited on it. */
  #editable = true;
  /** The draft last reported by draftChanged ("tool:vertices", empty for none). */
  #reportedDraft = '';

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
    this.#objects = new ObjectLayer(this.#overlayLayer, this.#overlayGroup, {
      intents,
      tool: () => this.#tool,
      panKeyHeld: () => this.#panKey.held,
      pointerInFrame: () => this.#pointerInFrame(),
      screenPx: () => 1 / this.#view.scale,
    });
    const objects = this.#objects;
    this.#overlayGroup.add(
      this.#guides.group,
      objects.objectsGroup,
      objects.tagsGroup,
      this.#draftGroup,
      objects.anchorsGroup,
    );
    this.#overlayLayer.add(this.#overlayGroup, objects.transformer);
    this.#stage.add(this.#frameLayer, this.#overlayLayer);
    this.#stage.on('pointerdown', (e) => this.#onPointerDown(e));
    this.#stage.on('pointermove', () => this.#onPointerMove());
    this.#stage.on('pointerup', () => this.#onPointerUp());
    this.#stage.on('pointerleave', () => this.intents.pointerMoved(null));
    this.#stage.on('wheel', (e) => this.#onWheel(e));
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
    this.#objects.setListening(this.#objectsListen());
    this.#updateCursor();
    this.#objects.render();
  }

  /** Shapes answer the pointer only with Select, on the frame named, and when not picking. */
  #objectsListen(): boolean {
    return this.#tool === 'select' && this.#editable && !this.#picking;
  }

  /**
   * Picking: each click on the frame is reported as a point (pointPicked) and nothing is
   * drawn or selected; a drag still pans. For clicking reference points of a calibration.
   */
  setPicking(picking: boolean): void {
    if (picking === this.#picking) return;
    this.#picking = picking;
    if (picking) this.cancelDraft();
    this.#objects.setListening(this.#objectsListen());
    this.#objects.render();
    this.#updateCursor();
  }

  /** The measurement guides to draw (grid, reference points, rulers). */
  setGuides(guides: StageGuides): void {
    this.#guides.set(guides);
    this.#guides.render(1 / this.#view.scale);
    this.#overlayLayer.batchDraw();
  }

  /**
   * Whether the picture on screen is the frame named. While it is not, drawing and editing
   * are refused and any under way is dropped (it would land on the frame named, not on the
   * picture it was made on); zoom and pan still work.
   */
  setEditable(editable: boolean): void {
    if (editable === this.#editable) return;
    this.#editable = editable;
    if (!editable) this.#abandonGestures();
    this.#objects.setListening(this.#objectsListen());
    this.#objects.render();
    this.#updateCursor();
  }

  /** Shows a frame (an image at the frame's own pixel size); null clears the stage. */
  setFrame(image: ImageBitmap | HTMLCanvasElement | null): void {
    // A shape being drawn or edited belongs to the picture it was begun on.
    if ((image ?? undefined) !== this.#frameImage.image()) this.#abandonGestures();
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

  /**
   * How a zoomed frame's pixels are drawn: nearest (each frame pixel a sharp square, the
   * default: honest pixels) or smoothed (the browser's high-quality, bicubic-like, filter),
   * asked for in the View panel and then said in the badge over the stage.
   */
  setInterpolation(kind: 'nearest' | 'bicubic'): void {
    const smooth = kind === 'bicubic';
    if (this.#frameLayer.imageSmoothingEnabled() === smooth) return;
    this.#frameLayer.imageSmoothingEnabled(smooth);
    const context = this.#frameLayer.getContext()._context;
    context.imageSmoothingQuality = 'high';
    this.#frameLayer.batchDraw();
  }

  setObjects(objects: readonly StageObject[]): void {
    this.#objects.setObjects(objects);
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

  #abandonGestures(): void {
    if (this.#draft || this.#gesture?.kind === 'drag-draw' || this.#gesture?.kind === 'ruler') {
      this.cancelDraft();
    }
    this.#objects.abandonEdit();
    this.#updateCursor();
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
    this.#objects.render();
    this.#guides.render(1 / view.scale);
    this.#renderDraft();
    this.#stage.batchDraw();
    this.intents.zoomChanged(view.scale);
  }

  #updateCursor(): void {
    const style = this.#stage.container().style;
    if (this.#panKey.held || this.#gesture?.kind === 'pan') style.cursor = 'grab';
    else if (this.#picking) style.cursor = this.#editable ? 'copy' : 'progress';
    else if (this.#tool === 'select') style.cursor = 'default';
    else style.cursor = this.#editable ? 'crosshair' : 'progress';
  }

  /** Pointer position in frame pixels. */
  #pointerInFrame(): Point | null {
    const screen = this.#stage.getPointerPosition();
    return screen ? toFrame(this.#view, screen) : null;
  }

  // ---- drawing ----

  /** Tells the app when a click tool's vertex count changes (for the drawing hint). */
  #reportDraft(): void {
    const draft = this.#draft && CLICK_TOOLS.includes(this.#draft.tool) ? this.#draft : null;
    const key = draft ? `${draft.tool}:${draft.vertices.length}` : '';
    if (key === this.#reportedDraft) return;
    this.#reportedDraft = key;
    this.intents.draftChanged(draft ? { tool: draft.tool, vertices: draft.vertices.length } : null);
  }

  #renderDraft(): void {
    this.#reportDraft();
    this.#draftGroup.destroyChildren();
    const gesture = this.#gesture;
    if (gesture?.kind === 'ruler') {
      const screenPx = 1 / this.#view.scale;
      this.#draftGroup.add(
        new Konva.Line({
          points: [gesture.start.x, gesture.start.y, gesture.pointer.x, gesture.pointer.y],
          stroke: RULER_COLOR,
          strokeWidth: 2 * screenPx,
          dash: [6 * screenPx, 4 * screenPx],
        }),
      );
      for (const end of [gesture.start, gesture.pointer]) {
        this.#draftGroup.add(
          new Konva.Circle({ x: end.x, y: end.y, radius: 3.5 * screenPx, fill: RULER_COLOR }),
        );
      }
    }
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
    const picks = button === 0 && !wantsPan && this.#picking;
    if (wantsPan || picks || (button === 0 && this.#tool === 'select' && onBareFrame)) {
      // Select on the empty frame: a click lets go of the selection, a drag pans. Picking:
      // a click picks the point, a drag pans.
      this.#gesture = {
        kind: 'pan',
        last: screen,
        moved: false,
        clickSelectsNothing: !wantsPan && !picks,
        pick: picks && this.#editable ? p : null,
      };
      if (this.#panKey.held) this.#panKey.used = true;
      this.#updateCursor();
      return;
    }
    if (button !== 0 || this.#tool === 'select' || !this.#editable) return;
    const tool = this.#tool;
    if (tool === 'ruler') {
      this.#gesture = { kind: 'ruler', start: p, startScreen: screen, pointer: p };
      this.#renderDraft();
      return;
    }
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
    if (gesture?.kind === 'ruler') {
      this.#gesture = { ...gesture, pointer: p };
      this.#renderDraft();
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
      if (!gesture.moved && gesture.pick) this.intents.pointPicked(gesture.pick);
      return;
    }
    if (gesture?.kind === 'ruler') {
      this.#renderDraft();
      const screen = this.#stage.getPointerPosition() ?? gesture.startScreen;
      const dragged = Math.hypot(
        screen.x - gesture.startScreen.x,
        screen.y - gesture.startScreen.y,
      );
      if (dragged >= MIN_DRAG_PX) this.intents.rulerDrawn(gesture.start, gesture.pointer);
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
