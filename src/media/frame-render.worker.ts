/// <reference lib="webworker" />
import { md5 } from 'hash-wasm';
import type { RenderRequest, RenderResponse } from './render-protocol';
import {
  canConvertToRgba,
  chromaSubsampling,
  colorMatrixFor,
  isFullRange,
  yuvToRgba,
  type ColorMatrix,
} from './yuv-to-rgba';
import { viewedPicture } from './view-picture';
import { changesPixels, viewProblemOn, type ViewSettings } from '../vision/view-settings';
import { GlViewRenderer } from './view-gl';
import type { ViewRenderer } from './render-protocol';

/**
 * Turns raw frames into screen-ready bitmaps and takes their MD5, off the UI thread: a 1080p
 * frame costs tens of milliseconds here, which would otherwise stall key presses.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Planar YUV layouts the browser converts natively (libyuv), about twice our JS speed. */
const VIDEO_FRAME_FORMATS: Record<string, { format: VideoPixelFormat; fullRange: boolean }> = {
  yuv420p: { format: 'I420', fullRange: false },
  yuvj420p: { format: 'I420', fullRange: true },
  yuv422p: { format: 'I422', fullRange: false },
  yuvj422p: { format: 'I422', fullRange: true },
  yuv444p: { format: 'I444', fullRange: false },
  yuvj444p: { format: 'I444', fullRange: true },
};

const videoFrameFormat = (pixelFormat: string) =>
  typeof VideoFrame === 'function' ? VIDEO_FRAME_FORMATS[pixelFormat] : undefined;

async function bitmapViaVideoFrame(
  data: Uint8Array,
  pixelFormat: string,
  width: number,
  height: number,
  matrix: ColorMatrix,
): Promise<ImageBitmap> {
  const { format, fullRange } = VIDEO_FRAME_FORMATS[pixelFormat]!;
  const standard = matrix === 'bt709' ? 'bt709' : 'smpte170m';
  const frame = new VideoFrame(data, {
    format,
    codedWidth: width,
    codedHeight: height,
    timestamp: 0,
    colorSpace: { matrix: standard, primaries: standard, transfer: standard, fullRange },
  });
  try {
    return await createImageBitmap(frame);
  } finally {
    frame.close();
  }
}

function bitmapViaJs(
  data: Uint8Array,
  pixelFormat: string,
  width: number,
  height: number,
  matrix: ColorMatrix,
): Promise<ImageBitmap> {
  const rgba = yuvToRgba(data, pixelFormat, width, height, matrix);
  return createImageBitmap(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height));
}

/** Raw frame → bitmap, natively where the browser can, else in JavaScript. */
function bitmapOf(
  data: Uint8Array,
  pixelFormat: string,
  width: number,
  height: number,
  matrix: ColorMatrix,
): Promise<ImageBitmap> {
  return videoFrameFormat(pixelFormat)
    ? bitmapViaVideoFrame(data, pixelFormat, width, height, matrix)
    : bitmapViaJs(data, pixelFormat, width, height, matrix);
}

/** The worker's WebGL2 renderer: made at the first filtered frame; null once it failed. */
let gl: GlViewRenderer | null | undefined;

function glRenderer(): GlViewRenderer | null {
  if (gl === undefined) gl = GlViewRenderer.create();
  if (gl?.lost) {
    gl.dispose();
    gl = null;
  }
  return gl;
}

interface ViewPicture {
  readonly bitmap: ImageBitmap;
  readonly renderer: ViewRenderer;
}

/**
 * The picture with the view filters, on the GPU (media/view-gl.ts, WebGL2) where the worker
 * has one and the page did not ask for the CPU (a software GL, slower than the CPU path, only
 * when the page asks for 'webgl2'); else on the CPU: vision/view-pipeline.ts (FFmpeg's
 * arithmetic) on a copy of the raw frame, converted to a bitmap exactly as the clean one is.
 * Null when the view changes no pixel (interpolation alone is the stage's business).
 */
async function viewBitmapOf(
  request: RenderRequest,
  view: ViewSettings | null | undefined,
  matrix: ColorMatrix,
): Promise<ViewPicture | null> {
  if (!view || !changesPixels(view)) return null;
  const { data, pixelFormat, width, height } = request;
  const chroma = chromaSubsampling(pixelFormat) ?? null;
  // Refused on either path (the View panel refuses it first; this is for any other caller).
  const problem = viewProblemOn(view, { height, chromaY: chroma?.y ?? 0 });
  if (problem) throw new Error(problem);
  const fullRange = isFullRange(pixelFormat);
  const choice = request.viewRendererChoice;
  const renderer = choice === 'cpu' || fullRange === undefined ? null : glRenderer();
  if (renderer && fullRange !== undefined && (!renderer.software || choice === 'webgl2')) {
    try {
      const bitmap = renderer.render({ width, height, chroma, data }, fullRange, matrix, view);
      if (bitmap) return { bitmap, renderer: 'webgl2' };
    } catch (error) {
      console.warn('The view filters could not be drawn with WebGL2; drawing on the CPU.', error);
      renderer.dispose();
      gl = null;
    }
  }
  const filtered = viewedPicture(request, view);
  return { bitmap: await bitmapOf(filtered, pixelFormat, width, height, matrix), renderer: 'cpu' };
}

scope.onmessage = async (event: MessageEvent<RenderRequest>) => {
  const { id, pixelFormat, width, height, colorSpace, data, md5: known, view } = event.data;
  try {
    if (!canConvertToRgba(pixelFormat)) {
      throw new Error(`Frames in pixel format ${pixelFormat} cannot be shown yet.`);
    }
    // The MD5 is of the decoded bytes, taken before any view filter reads them.
    const digest = known ?? (await md5(data));
    const matrix = colorMatrixFor(colorSpace, height);
    const started = performance.now();
    const viewPicture = await viewBitmapOf(event.data, view, matrix);
    const viewMs = performance.now() - started;
    const viewBitmap = viewPicture?.bitmap ?? null;
    // While a filter is shown, the clean picture waits until something asks for it.
    const bitmap =
      viewBitmap && !event.data.withClean
        ? null
        : await bitmapOf(data, pixelFormat, width, height, matrix);
    const response: RenderResponse = {
      id,
      kind: 'done',
      bitmap,
      md5: digest,
      viewBitmap,
      viewMs,
      viewRenderer: viewPicture?.renderer ?? null,
    };
    scope.postMessage(
      response,
      [bitmap, viewBitmap].filter((b) => b !== null),
    );
  } catch (error) {
    const response: RenderResponse = {
      id,
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    };
    scope.postMessage(response);
  }
};
