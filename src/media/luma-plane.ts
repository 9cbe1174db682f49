import { canConvertToRgba } from './yuv-to-rgba';
import type { DecodedFrame } from './video-source';

/**
 * A decoded frame's luma as the tracker reads it (src/vision): its Y plane, copied out of the
 * window's buffer (a view cannot be transferred to a worker without taking the whole window
 * with it). Every raw format the player reads is planar with Y first, full frame size, upright
 * as FFmpeg turned it; null for any other. Limited or full range does not matter to a
 * normalised correlation.
 */
export function lumaPlane(frame: DecodedFrame): Uint8Array | null {
  if (!canConvertToRgba(frame.pixelFormat)) return null;
  const bytes = frame.width * frame.height;
  if (frame.data.length < bytes) return null;
  return frame.data.slice(0, bytes);
}
