/// <reference lib="webworker" />
import { md5 } from 'hash-wasm';
import type { RenderRequest, RenderResponse } from './render-protocol';
import { canConvertToRgba, colorMatrixFor, yuvToRgba, type ColorMatrix } from './yuv-to-rgba';

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

scope.onmessage = async (event: MessageEvent<RenderRequest>) => {
  const { id, pixelFormat, width, height, colorSpace, data, md5: known } = event.data;
  try {
    if (!canConvertToRgba(pixelFormat)) {
      throw new Error(`Frames in pixel format ${pixelFormat} cannot be shown yet.`);
    }
    const digest = known ?? (await md5(data));
    const matrix = colorMatrixFor(colorSpace, height);
    const bitmap = await (videoFrameFormat(pixelFormat)
      ? bitmapViaVideoFrame(data, pixelFormat, width, height, matrix)
      : bitmapViaJs(data, pixelFormat, width, height, matrix));
    const response: RenderResponse = { id, kind: 'done', bitmap, md5: digest };
    scope.postMessage(response, [bitmap]);
  } catch (error) {
    const response: RenderResponse = {
      id,
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    };
    scope.postMessage(response);
  }
};
