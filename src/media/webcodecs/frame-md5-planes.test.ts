import { md5 } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import {
  isPlanarFormat,
  planesMd5,
  rotateYuv420p,
  yuv420pBytes,
  type PlanarFrame,
} from './frame-md5-planes';

/** A tight yuv420p picture whose byte i is (7i + 3) mod 256: Y, then U, then V. */
function tightPicture(width: number, height: number): Uint8Array {
  const cw = (width + 1) >> 1;
  const ch = (height + 1) >> 1;
  return Uint8Array.from({ length: width * height + 2 * cw * ch }, (_, i) => (i * 7 + 3) % 256);
}

/**
 * Lays out a tight yuv420p picture the way a decoder might: each plane at its own offset, rows
 * padded to `pad` extra bytes (filled with 0xEE, which must never reach the hash), U and V
 * interleaved for NV12.
 */
function padded(
  tight: Uint8Array,
  width: number,
  height: number,
  format: 'I420' | 'NV12',
  pad: number,
): { data: Uint8Array; frame: PlanarFrame } {
  const cw = (width + 1) >> 1;
  const ch = (height + 1) >> 1;
  const ySize = width * height;
  const yStride = width + pad;
  if (format === 'I420') {
    const cStride = cw + pad;
    const uOffset = yStride * height + 16;
    const vOffset = uOffset + cStride * ch + 16;
    const data = new Uint8Array(vOffset + cStride * ch).fill(0xee);
    for (let r = 0; r < height; r++)
      data.set(tight.subarray(r * width, (r + 1) * width), r * yStride);
    for (let r = 0; r < ch; r++) {
      data.set(tight.subarray(ySize + r * cw, ySize + (r + 1) * cw), uOffset + r * cStride);
      const v = ySize + cw * ch;
      data.set(tight.subarray(v + r * cw, v + (r + 1) * cw), vOffset + r * cStride);
    }
    const layout = [
      { offset: 0, stride: yStride },
      { offset: uOffset, stride: cStride },
      { offset: vOffset, stride: cStride },
    ];
    return {
      data,
      frame: { format, width, height, layout, visible: { x: 0, y: 0, width, height } },
    };
  }
  const uvStride = 2 * cw + pad;
  const uvOffset = yStride * height + 8;
  const data = new Uint8Array(uvOffset + uvStride * ch).fill(0xee);
  for (let r = 0; r < height; r++)
    data.set(tight.subarray(r * width, (r + 1) * width), r * yStride);
  for (let r = 0; r < ch; r++) {
    for (let c = 0; c < cw; c++) {
      data[uvOffset + r * uvStride + 2 * c] = tight[ySize + r * cw + c]!;
      data[uvOffset + r * uvStride + 2 * c + 1] = tight[ySize + cw * ch + r * cw + c]!;
    }
  }
  const layout = [
    { offset: 0, stride: yStride },
    { offset: uvOffset, stride: uvStride },
  ];
  return { data, frame: { format, width, height, layout, visible: { x: 0, y: 0, width, height } } };
}

describe('planesMd5', () => {
  it('gives the MD5 native FFmpeg prints for an odd-sized yuv420p picture (chroma rounded up)', async () => {
    // `ffmpeg -f rawvideo -pix_fmt yuv420p -s 5x3 -i pic.yuv -f framemd5 -` on tightPicture(5, 3)
    // printed size 27 (15 + 2 x 3x2) and this digest.
    const { data, frame } = padded(tightPicture(5, 3), 5, 3, 'I420', 0);
    expect(data.byteLength).toBeGreaterThanOrEqual(27);
    expect(yuv420pBytes(data, frame)).toEqual(tightPicture(5, 3));
    expect(await planesMd5(data, frame)).toBe('4b0da2e00a8a878848e1e8b7cecb8928');
  });

  it('leaves stride padding and the gaps between planes out of the hash', async () => {
    const tight = tightPicture(6, 4);
    const { data, frame } = padded(tight, 6, 4, 'I420', 10);
    expect(yuv420pBytes(data, frame)).toEqual(tight);
    expect(await planesMd5(data, frame)).toBe(await md5(tight));
  });

  it('de-interleaves NV12 into U then V, for even and odd sizes', async () => {
    for (const [w, h] of [
      [6, 4],
      [7, 5],
    ] as const) {
      const tight = tightPicture(w, h);
      const { data, frame } = padded(tight, w, h, 'NV12', 3);
      expect(yuv420pBytes(data, frame)).toEqual(tight);
      expect(await planesMd5(data, frame)).toBe(await md5(tight));
    }
  });

  it('crops to the visible rectangle (1920x1088 coded, 1920x1080 shown, here in miniature)', () => {
    // Coded 8x6, visible 4x4 at (2, 2): Y rows 2..5 columns 2..5, chroma rows 1..2 columns 1..2.
    const coded = tightPicture(8, 6);
    for (const format of ['I420', 'NV12'] as const) {
      const { data, frame } = padded(coded, 8, 6, format, 4);
      const cropped = yuv420pBytes(data, {
        ...frame,
        visible: { x: 2, y: 2, width: 4, height: 4 },
      });
      const y = [2, 3, 4, 5].flatMap((r) => [...coded.subarray(r * 8 + 2, r * 8 + 6)]);
      const u = [1, 2].flatMap((r) => [...coded.subarray(48 + r * 4 + 1, 48 + r * 4 + 3)]);
      const v = [1, 2].flatMap((r) => [...coded.subarray(60 + r * 4 + 1, 60 + r * 4 + 3)]);
      expect([...cropped]).toEqual([...y, ...u, ...v]);
    }
  });

  it('crops an odd visible size out of an even coded picture with rounded-up chroma', () => {
    const coded = tightPicture(8, 6);
    const { data, frame } = padded(coded, 8, 6, 'I420', 0);
    const cropped = yuv420pBytes(data, { ...frame, visible: { x: 0, y: 0, width: 5, height: 3 } });
    expect(cropped.byteLength).toBe(5 * 3 + 2 * 3 * 2);
    expect([...cropped.subarray(15, 18)]).toEqual([...coded.subarray(48, 51)]);
  });

  it('turns the planes as FFmpeg’s autorotate does before hashing (odd size, per plane)', async () => {
    // Native FFmpeg on tightPicture(5, 3): -vf transpose=clock, hflip,vflip, transpose=cclock.
    const expected = {
      90: 'e581ee285e637fa46eee2df1eef50dad',
      180: '3956c55b2b1a0cd264e9381a3d66f7f4',
      270: '90da711f807809cd80542ba535cc1de0',
    } as const;
    for (const format of ['I420', 'NV12'] as const) {
      const { data, frame } = padded(tightPicture(5, 3), 5, 3, format, 2);
      for (const rotation of [90, 180, 270] as const) {
        expect(await planesMd5(data, { ...frame, rotation })).toBe(expected[rotation]);
      }
      expect(await planesMd5(data, { ...frame, rotation: 0 })).toBe(
        '4b0da2e00a8a878848e1e8b7cecb8928',
      );
    }
    // A 3x2 Y plane turned clockwise: the bottom row becomes the first column.
    const turned = rotateYuv420p(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 3, 2, 90);
    expect([...turned.subarray(0, 6)]).toEqual([4, 1, 5, 2, 6, 3]);
  });

  it('refuses layouts it cannot hash honestly', () => {
    const { data, frame } = padded(tightPicture(6, 4), 6, 4, 'I420', 0);
    expect(() => yuv420pBytes(data, { ...frame, layout: frame.layout.slice(0, 2) })).toThrow(
      /3 plane layouts/,
    );
    expect(() =>
      yuv420pBytes(data, { ...frame, visible: { x: 1, y: 0, width: 4, height: 4 } }),
    ).toThrow(/odd position/);
    expect(() =>
      yuv420pBytes(data, { ...frame, visible: { x: 0, y: 0, width: 8, height: 4 } }),
    ).toThrow(/leaves the 6x4 picture/);
    expect(() => yuv420pBytes(data.subarray(0, 30), frame)).toThrow(/past the end/);
  });

  it('names only I420 and NV12 as hashable like yuv420p', () => {
    expect(['I420', 'NV12', 'I420A', 'I420P10', 'RGBA', null].map(isPlanarFormat)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
