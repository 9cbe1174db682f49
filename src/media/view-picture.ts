import { applyView } from '../vision/view-pipeline';
import type { ViewSettings } from '../vision/view-settings';
import type { DecodedFrame } from './video-source';
import { chromaSubsampling } from './yuv-to-rgba';

/**
 * A decoded frame through the View panel's filters, in its own pixel format: the picture an
 * enhanced still shows, whose MD5 is what `ffmpeg -vf '<chain>' -f framemd5` prints for the
 * same frame (the filters use FFmpeg's arithmetic; vision/view-pipeline.ts).
 */
export function viewedPicture(
  frame: Pick<DecodedFrame, 'pixelFormat' | 'width' | 'height' | 'data'>,
  view: ViewSettings,
): Uint8Array {
  const chroma = chromaSubsampling(frame.pixelFormat);
  if (chroma === undefined) {
    throw new Error(`frames in pixel format ${frame.pixelFormat} cannot be filtered yet`);
  }
  const { width, height, data } = frame;
  return applyView({ width, height, chroma, data }, view);
}
