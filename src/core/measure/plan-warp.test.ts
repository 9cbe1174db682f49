import { describe, expect, it } from 'vitest';
import { distortionFor, redistort } from './distortion';
import type { Mat3 } from './matrix';
import { warpGround, type RgbaImage } from './plan-warp';

/** A frame whose pixel (i, j) is red i, green j, blue 7. */
function ramp(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) data.set([i, j, 7, 255], (j * width + i) * 4);
  }
  return { width, height, data };
}

const pixel = (data: Uint8ClampedArray, width: number, x: number, y: number) => [
  ...data.slice((y * width + x) * 4, (y * width + x) * 4 + 4),
];

/** 10 image px per metre, image y = world y × 10 (the plan flips it back). */
const TEN: Mat3 = [10, 0, 0, 0, 10, 0, 0, 0, 1];

describe('the ground warp', () => {
  it('maps each plan pixel centre to its frame pixel centre: a flip of the frame here', () => {
    const frame = ramp(40, 30);
    const map = { width: 40, height: 30, minX: 0, maxY: 3, pxPerM: 10 };
    const out = warpGround(frame, 40, 30, TEN, null, map);
    for (const [x, y] of [
      [0, 0],
      [13, 7],
      [39, 29],
    ] as const) {
      // Plan row y is world y = 3 − (y + ½)/10, image row 29 − y.
      expect(pixel(out, 40, x, y)).toEqual([x, 29 - y, 7, 255]);
    }
  });

  it('samples bilinearly between pixel centres', () => {
    // Two pixels, red 0 and 200, centred on image x 0.5 and 1.5.
    const frame = {
      width: 2,
      height: 1,
      data: new Uint8ClampedArray([0, 0, 0, 255, 200, 0, 0, 255]),
    };
    const at = (imageX: number) => {
      // One plan pixel whose centre is world (imageX / 10, 0.05): image (imageX, 0.5).
      const map = { width: 1, height: 1, minX: imageX / 10 - 0.05, maxY: 0.1, pxPerM: 10 };
      return warpGround(frame, 2, 1, TEN, null, map)[0];
    };
    expect(at(0.5)).toBe(0);
    expect(at(0.75)).toBe(50);
    expect(at(1)).toBe(100);
    expect(at(1.5)).toBe(200);
    expect(at(1.9)).toBe(200); // past the last centre: the edge pixel
  });

  it('leaves ground outside the frame, and beyond the horizon, transparent', () => {
    const frame = ramp(40, 30);
    const map = { width: 80, height: 30, minX: -2, maxY: 3, pxPerM: 10 };
    const out = warpGround(frame, 40, 30, TEN, null, map);
    expect(pixel(out, 80, 5, 5)[3]).toBe(0); // world x < 0
    expect(pixel(out, 80, 25, 5)[3]).toBe(255);
    expect(pixel(out, 80, 75, 5)[3]).toBe(0); // world x > 4
    // w = 1 − y/2: on and beyond the horizon (world y ≥ 2) nothing is drawn.
    const perspective: Mat3 = [10, 0, 0, 0, 10, 0, 0, -0.5, 1];
    const far = warpGround(frame, 40, 30, perspective, null, map);
    expect(pixel(far, 80, 25, 5)[3]).toBe(0); // world y 2.45
    expect(pixel(far, 80, 25, 25)[3]).toBe(255); // world y 0.45
  });

  it('distorts each point again before sampling when the calibration corrects a distortion', () => {
    const frame = ramp(200, 100);
    const d = distortionFor(-0.2, 200, 100);
    const map = { width: 20, height: 10, minX: 0, maxY: 10, pxPerM: 1 };
    const out = warpGround(frame, 200, 100, TEN, d, map);
    // Plan (15, 2): world (15.5, 7.5), undistorted image (155, 75).
    const at = redistort(d, { x: 155, y: 75 });
    const [r, g] = pixel(out, 20, 15, 2);
    expect(r).toBe(Math.round(at.x - 0.5));
    expect(g).toBe(Math.round(at.y - 0.5));
    expect(Math.abs(at.x - 155)).toBeGreaterThan(1); // the distortion moved it
  });

  it('reads a frame whose bytes are scaled from the calibration’s pixels', () => {
    const frame = ramp(20, 15); // half size
    const map = { width: 40, height: 30, minX: 0, maxY: 3, pxPerM: 10 };
    const out = warpGround(frame, 40, 30, TEN, null, map);
    // Calibration pixel centre (27.5, 10.5) is (13.75, 5.25) in the half-size bytes.
    const [r, g] = pixel(out, 40, 27, 29 - 10);
    expect(r).toBe(Math.round(13.25));
    expect(g).toBe(Math.round(4.75));
  });
});
