import { describe, expect, it } from 'vitest';
import { colorMatrixFor, rawFrameBytes, yuvToRgba } from './yuv-to-rgba';

/** A width x height yuv420p frame filled with one colour. */
function solid420(width: number, height: number, y: number, u: number, v: number): Uint8Array {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const data = new Uint8Array(rawFrameBytes('yuv420p', width, height));
  data.fill(y, 0, width * height);
  data.fill(u, width * height, width * height + cw * ch);
  data.fill(v, width * height + cw * ch);
  return data;
}

describe('yuvToRgba', () => {
  it('maps limited-range black, white and grey exactly', () => {
    expect([
      ...yuvToRgba(solid420(2, 2, 16, 128, 128), 'yuv420p', 2, 2, 'bt601').slice(0, 4),
    ]).toEqual([0, 0, 0, 255]);
    expect([
      ...yuvToRgba(solid420(2, 2, 235, 128, 128), 'yuv420p', 2, 2, 'bt709').slice(0, 4),
    ]).toEqual([255, 255, 255, 255]);
    expect([
      ...yuvToRgba(solid420(3, 3, 126, 128, 128), 'yuv420p', 3, 3, 'bt601').slice(-4),
    ]).toEqual([128, 128, 128, 255]);
  });

  it('gives BT.601 red for the studio-swing red triplet', () => {
    // Y=81 U=90 V=240 is pure red in limited-range BT.601.
    const [r, g, b] = yuvToRgba(solid420(2, 2, 81, 90, 240), 'yuv420p', 2, 2, 'bt601');
    expect(r).toBeGreaterThanOrEqual(253);
    expect(g).toBeLessThanOrEqual(2);
    expect(b).toBeLessThanOrEqual(2);
  });

  it('handles odd sizes and 4:2:2 full-range (MJPEG) frames', () => {
    expect(rawFrameBytes('yuv420p', 3, 3)).toBe(9 + 2 * 4);
    expect(rawFrameBytes('yuvj422p', 4, 2)).toBe(8 + 2 * 4);
    const data = new Uint8Array(16).fill(128);
    data.fill(0, 0, 8);
    expect([...yuvToRgba(data, 'yuvj422p', 4, 2, 'bt601').slice(0, 4)]).toEqual([0, 0, 0, 255]);
  });

  it('refuses a short buffer and an unknown format', () => {
    expect(() => yuvToRgba(new Uint8Array(3), 'yuv420p', 2, 2, 'bt601')).toThrow(/shorter/);
    expect(() => yuvToRgba(new Uint8Array(64), 'nv12', 2, 2, 'bt601')).toThrow(/unsupported/);
  });

  it('picks the matrix from the stream tag, else the picture height', () => {
    expect(colorMatrixFor('bt709', 576)).toBe('bt709');
    expect(colorMatrixFor('smpte170m', 1080)).toBe('bt601');
    expect(colorMatrixFor('', 1080)).toBe('bt709');
    expect(colorMatrixFor('unknown', 480)).toBe('bt601');
  });
});
