import type { DecodedFrame } from '../media/video-source';
import { canConvertToRgba, colorMatrixFor } from '../media/yuv-to-rgba';
import { yuvToRgba } from '../media/yuv-to-rgba';

/** Paints a decoded frame into a canvas of the frame's own pixel size. */
export function frameToCanvas(frame: DecodedFrame, colorSpace: string): HTMLCanvasElement {
  if (!canConvertToRgba(frame.pixelFormat)) {
    throw new Error(`Frames in pixel format ${frame.pixelFormat} cannot be shown yet.`);
  }
  const canvas = document.createElement('canvas');
  canvas.width = frame.width;
  canvas.height = frame.height;
  const rgba = yuvToRgba(
    frame.data,
    frame.pixelFormat,
    frame.width,
    frame.height,
    colorMatrixFor(colorSpace, frame.height),
  );
  canvas
    .getContext('2d')!
    .putImageData(
      new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, frame.width, frame.height),
      0,
      0,
    );
  return canvas;
}
