import Konva from 'konva';
import type { RectangleShape } from '../core/model';

/** What the stage draws for one object on the current frame. */
export interface StageObject {
  readonly id: string;
  /** e.g. "officer #2" */
  readonly title: string;
  readonly color: string;
  readonly shape: RectangleShape;
  /** Drawn by a person on this frame (solid) or computed from keyframes (dashed). */
  readonly drawn: boolean;
  /** The track drawing adds keyframes to: a thicker outline. */
  readonly selected: boolean;
}

export type StageTool = 'select' | 'rectangle';

export interface StageIntents {
  /** Two corners of a new rectangle, in frame pixels (not clamped, any order). */
  rectangleDrawn(a: { x: number; y: number }, b: { x: number; y: number }): void;
}

/** Smaller drags than this (screen pixels) are clicks, not boxes. */
const MIN_DRAG_PX = 3;

/**
 * The Konva view: the frame fitted to the container, overlays in frame-pixel coordinates.
 * It only draws and reports intents; it never changes annotations itself.
 */
export class StageView {
  readonly #stage: Konva.Stage;
  readonly #frameLayer = new Konva.Layer({ listening: false });
  readonly #overlayLayer = new Konva.Layer();
  readonly #frameImage = new Konva.Image({ image: undefined, x: 0, y: 0 });
  /** Holds everything in frame pixels; its scale and offset are the fit-to-view transform. */
  readonly #frameGroup = new Konva.Group();
  readonly #overlayGroup = new Konva.Group();
  readonly #objectsGroup = new Konva.Group({ listening: false });
  readonly #draft = new Konva.Rect({
    visible: false,
    strokeWidth: 1.5,
    strokeScaleEnabled: false,
    dash: [6, 4],
    listening: false,
  });
  #frameSize = { width: 0, height: 0 };
  #tool: StageTool = 'select';
  #dragStart: { x: number; y: number } | null = null;
  #draftColor = '#ffffff';

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
    this.#overlayGroup.add(this.#objectsGroup, this.#draft);
    this.#overlayLayer.add(this.#overlayGroup);
    this.#stage.add(this.#frameLayer, this.#overlayLayer);
    this.#stage.on('pointerdown', (e) => this.#onPointerDown(e));
    this.#stage.on('pointermove', () => this.#onPointerMove());
    this.#stage.on('pointerup', () => this.#onPointerUp());
  }

  setTool(tool: StageTool, draftColor: string): void {
    this.#tool = tool;
    this.#draftColor = draftColor;
    this.#stage.container().style.cursor = tool === 'rectangle' ? 'crosshair' : 'default';
  }

  /** Shows a frame (an image at the frame's own pixel size); null clears the stage. */
  setFrame(image: ImageBitmap | HTMLCanvasElement | null): void {
    this.#frameImage.image(image ?? undefined);
    if (image) this.#frameSize = { width: image.width, height: image.height };
    this.#fit();
    this.#frameLayer.batchDraw();
  }

  setObjects(objects: readonly StageObject[]): void {
    this.#objectsGroup.destroyChildren();
    const scale = this.#frameGroup.scaleX() || 1;
    for (const object of objects) {
      const { x, y, width, height } = object.shape;
      this.#objectsGroup.add(
        new Konva.Rect({
          x,
          y,
          width,
          height,
          stroke: object.color,
          strokeWidth: object.selected ? 4 : 2,
          strokeScaleEnabled: false,
          dash: object.drawn ? [] : [8, 4],
          name: 'object',
          id: object.id,
        }),
        // A dark tag behind the title keeps it legible over any footage colour.
        new Konva.Label({ x, y: y - 18 / scale, scaleX: 1 / scale, scaleY: 1 / scale }).add(
          new Konva.Tag({ fill: 'rgba(0, 0, 0, 0.7)', cornerRadius: 2 }),
          new Konva.Text({
            text: object.title,
            fontSize: 12,
            padding: 3,
            fontFamily: 'system-ui, sans-serif',
            fill: object.color,
          }),
        ),
      );
    }
    this.#overlayLayer.batchDraw();
  }

  /** Follows the container's size; call on resize. */
  resize(width: number, height: number): void {
    this.#stage.size({ width: Math.max(1, width), height: Math.max(1, height) });
    this.#fit();
  }

  destroy(): void {
    this.#stage.destroy();
  }

  #fit(): void {
    const { width, height } = this.#frameSize;
    if (!width || !height) return;
    const scale = Math.min(this.#stage.width() / width, this.#stage.height() / height);
    const x = (this.#stage.width() - width * scale) / 2;
    const y = (this.#stage.height() - height * scale) / 2;
    for (const group of [this.#frameGroup, this.#overlayGroup]) {
      group.position({ x, y });
      group.scale({ x: scale, y: scale });
    }
    this.#stage.batchDraw();
  }

  /** Pointer position in frame pixels. */
  #pointerInFrame(): { x: number; y: number } | null {
    return this.#overlayGroup.getRelativePointerPosition();
  }

  #onPointerDown(e: Konva.KonvaEventObject<PointerEvent>): void {
    if (this.#tool !== 'rectangle' || e.evt.button !== 0 || !this.#frameSize.width) return;
    this.#dragStart = this.#pointerInFrame();
    if (!this.#dragStart) return;
    this.#draft.setAttrs({
      ...this.#dragStart,
      width: 0,
      height: 0,
      stroke: this.#draftColor,
      visible: true,
    });
    this.#overlayLayer.batchDraw();
  }

  #onPointerMove(): void {
    if (!this.#dragStart) return;
    const p = this.#pointerInFrame();
    if (!p) return;
    this.#draft.setAttrs({
      x: Math.min(p.x, this.#dragStart.x),
      y: Math.min(p.y, this.#dragStart.y),
      width: Math.abs(p.x - this.#dragStart.x),
      height: Math.abs(p.y - this.#dragStart.y),
    });
    this.#overlayLayer.batchDraw();
  }

  #onPointerUp(): void {
    const start = this.#dragStart;
    this.#dragStart = null;
    this.#draft.visible(false);
    this.#overlayLayer.batchDraw();
    const end = this.#pointerInFrame();
    if (!start || !end) return;
    const scale = this.#frameGroup.scaleX();
    const dragged = Math.max(Math.abs(end.x - start.x), Math.abs(end.y - start.y)) * scale;
    if (dragged >= MIN_DRAG_PX) this.intents.rectangleDrawn(start, end);
  }
}
