import Konva from 'konva';
import { ObjectLayer } from './object-layer';
import type { StageIntents, StageObject } from './stage-types';

/**
 * Frame stills: the frame at its own pixel size (upright, as the stage shows it), clean and
 * with its overlays, as PNG bytes.
 *
 * - The picture is copied pixel for pixel: one image pixel per frame pixel, no smoothing, no
 *   filter, lossless PNG.
 * - The overlay is the stage's own (ObjectLayer, shape-nodes): the same colours, dashes for
 *   computed positions, titles on dark tags, drawn in frame pixels. It is drawn as the stage
 *   draws it on a screen of pixel ratio `overlayScale` showing the frame one image pixel per
 *   frame pixel: outlines and titles are `overlayScale` times their screen size, so they stay
 *   legible on large frames (1 up to 1079 lines, 2 for 1080p, 4 for 4K; whole numbers, so
 *   lines stay crisp). Nothing is selected on a still: no handles, no thick outline.
 */

export interface FrameStillImages {
  readonly width: number;
  readonly height: number;
  /** The frame alone. */
  readonly clean: Uint8Array;
  /** The frame with the objects drawn on it. */
  readonly annotated: Uint8Array;
}

/** What the stage shows a frame as: a bitmap or canvas at the upright frame's pixel size. */
export type StillFrameImage = ImageBitmap | HTMLCanvasElement | OffscreenCanvas;

/** Screen pixels per frame pixel of outlines and titles on a still of this size (≥ 1). */
export function overlayScale(width: number, height: number): number {
  return Math.max(1, Math.floor(Math.min(width, height) / 540));
}

const NO_INTENTS: StageIntents = {
  shapeDrawn: () => {},
  shapeEdited: () => {},
  objectSelected: () => {},
  pointerMoved: () => {},
  zoomChanged: () => {},
  draftChanged: () => {},
  pointPicked: () => {},
  rulerDrawn: () => {},
};

/** A canvas of the frame's size holding the frame, copied pixel for pixel. */
function frameCanvas(image: StillFrameImage): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the browser gave no 2D canvas to draw the still on');
  context.imageSmoothingEnabled = false;
  context.drawImage(image, 0, 0);
  return canvas;
}

/**
 * The objects drawn by the stage's own object layer on a transparent canvas, at least
 * width × height, one canvas pixel per frame pixel.
 */
function overlayCanvas(
  width: number,
  height: number,
  objects: readonly StageObject[],
): HTMLCanvasElement {
  const scale = overlayScale(width, height);
  // The stage is in "screen" pixels, each `scale` frame pixels; it is rendered at pixel
  // ratio `scale`, so one canvas pixel is one frame pixel again.
  const stageWidth = Math.ceil(width / scale);
  const stageHeight = Math.ceil(height / scale);
  const stage = new Konva.Stage({
    container: document.createElement('div'),
    width: stageWidth,
    height: stageHeight,
  });
  try {
    const layer = new Konva.Layer({ listening: false });
    const frameGroup = new Konva.Group({ scaleX: 1 / scale, scaleY: 1 / scale });
    const objectLayer = new ObjectLayer(layer, frameGroup, {
      intents: NO_INTENTS,
      tool: () => 'select',
      panKeyHeld: () => false,
      pointerInFrame: () => null,
      screenPx: () => scale,
    });
    objectLayer.setListening(false);
    frameGroup.add(objectLayer.objectsGroup, objectLayer.tagsGroup);
    layer.add(frameGroup);
    stage.add(layer);
    objectLayer.setObjects(objects.map((o) => ({ ...o, selected: false })));
    objectLayer.transformer.destroy(); // not on the layer: a still has no handles
    return layer.toCanvas({
      x: 0,
      y: 0,
      width: stageWidth,
      height: stageHeight,
      pixelRatio: scale,
      imageSmoothingEnabled: false,
    });
  } finally {
    stage.destroy();
  }
}

export interface RedactionBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Fills each box solid black, rounded out to whole pixels. A block, not a blur: a blur of a
 * face or a plate can sometimes be undone; a block cannot.
 */
function blockOut(canvas: HTMLCanvasElement, boxes: readonly RedactionBox[]): void {
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#000000';
  for (const box of boxes) {
    const x = Math.floor(box.x);
    const y = Math.floor(box.y);
    context.fillRect(x, y, Math.ceil(box.x + box.width) - x, Math.ceil(box.y + box.height) - y);
  }
}

function pngBytes(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) return reject(new Error('the browser could not encode the still as PNG'));
      blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
    }, 'image/png');
  });
}

/**
 * The clean and the annotated still of a frame. The frame is read at once (before any
 * await), so a bitmap released right after the call has already been copied.
 */
export async function renderFrameStills(
  image: StillFrameImage,
  objects: readonly StageObject[],
  /** Boxes to block out of both stills (redaction), in frame pixels. */
  redactions: readonly RedactionBox[] = [],
): Promise<FrameStillImages> {
  const { width, height } = image;
  if (!width || !height) throw new RangeError('the frame has no pixels');
  const clean = frameCanvas(image);
  const annotated = frameCanvas(image);
  for (const canvas of [clean, annotated]) blockOut(canvas, redactions);
  const context = annotated.getContext('2d')!;
  // Same size or larger, drawn at (0, 0) without scaling: no resampling, the rest cut off.
  context.drawImage(overlayCanvas(width, height, objects), 0, 0);
  const [cleanPng, annotatedPng] = await Promise.all([pngBytes(clean), pngBytes(annotated)]);
  return { width, height, clean: cleanPng, annotated: annotatedPng };
}

/**
 * One picture as a PNG at its own size, with the redaction boxes blocked out: the enhanced
 * still (the frame through the View panel's filters), which carries no overlay.
 */
export async function renderPictureStill(
  image: StillFrameImage,
  redactions: readonly RedactionBox[] = [],
): Promise<Uint8Array> {
  if (!image.width || !image.height) throw new RangeError('the frame has no pixels');
  const canvas = frameCanvas(image);
  blockOut(canvas, redactions);
  return pngBytes(canvas);
}
