import { describe, expect, it } from 'vitest';
import { lumaPlane } from './luma-plane';
import type { DecodedFrame } from './video-source';
import type { FrameIndex, Pts } from '../core/ids';

const frameOf = (pixelFormat: string, data: Uint8Array): DecodedFrame => ({
  index: 0 as FrameIndex,
  pts: 0 as Pts,
  key: true,
  type: 'I',
  pixelFormat,
  width: 4,
  height: 2,
  data,
  decoder: 'ffmpeg',
});

describe('lumaPlane', () => {
  it('copies the Y plane of a planar frame, not a view of the window', () => {
    // yuv420p 4x2: 8 luma bytes, then 2 + 2 chroma bytes.
    const data = Uint8Array.from({ length: 12 }, (_, i) => i * 10);
    const luma = lumaPlane(frameOf('yuv420p', data));
    expect(Array.from(luma!)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(luma!.buffer).not.toBe(data.buffer);
  });

  it('reads grey frames whole and refuses formats it does not know', () => {
    const grey = Uint8Array.from({ length: 8 }, (_, i) => i);
    expect(Array.from(lumaPlane(frameOf('gray', grey))!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(lumaPlane(frameOf('rgb24', new Uint8Array(24)))).toBeNull();
    expect(lumaPlane(frameOf('yuv420p', new Uint8Array(4)))).toBeNull();
  });
});
