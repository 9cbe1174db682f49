/// <reference lib="webworker" />
import { md5 } from 'hash-wasm';
import type { RenderRequest, RenderResponse } from './render-protocol';
import { canConvertToRgba, colorMatrixFor, yuvToRgba } from './yuv-to-rgba';

/**
 * Turns raw frames into screen-ready bitmaps and takes their MD5, off the UI thread: a 1080p
 * frame costs tens of milliseconds here, which would otherwise stall key presses.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<RenderRequest>) => {
  const { id, pixelFormat, width, height, colorSpace, data } = event.data;
  try {
    if (!canConvertToRgba(pixelFormat)) {
      throw new Error(`Frames in pixel format ${pixelFormat} cannot be shown yet.`);
    }
    const digest = await md5(data);
    const rgba = yuvToRgba(data, pixelFormat, width, height, colorMatrixFor(colorSpace, height));
    const bitmap = await createImageBitmap(
      new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height),
    );
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
