import { describe, expect, it } from 'vitest';
import { distortionFor, estimateDistortion, redistort, undistort } from './distortion';
import { fitHomography } from './homography';
import { extentOf, groundGrid } from './ground-grid';
import { project, type Mat3 } from './matrix';

describe('lens distortion (division model)', () => {
  const d = distortionFor(-0.2, 1280, 720);

  it('undistort and redistort are inverse, and the centre stays put', () => {
    for (const p of [
      { x: 10, y: 10 },
      { x: 1200, y: 700 },
      { x: 640, y: 100 },
    ]) {
      const back = redistort(d, undistort(d, p));
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
    }
    expect(undistort(d, { x: 640, y: 360 })).toEqual({ x: 640, y: 360 });
  });

  it('finds the k that straightens lines a barrel lens bent', () => {
    // Straight lines in the scene, seen through a lens with k = −0.2 (redistorted).
    const lines = [100, 300, 620].map((y) =>
      Array.from({ length: 9 }, (_, i) => redistort(d, { x: 80 + i * 140, y })),
    );
    expect(estimateDistortion(lines, 1280, 720)).toBeCloseTo(-0.2, 3);
    expect(() => estimateDistortion([[{ x: 1, y: 1 }]], 1280, 720)).toThrow(/three or more/);
  });
});

describe('ground grid', () => {
  it('draws metre lines through the inverse homography, dropping what is beyond the horizon', () => {
    const truth: Mat3 = [42, -18, 610, 3, 9.5, 520, 0.0004, -0.021, 1];
    const world = [
      { x: 0, y: 0 },
      { x: 4.5, y: 0 },
      { x: 4.5, y: 12 },
      { x: 0, y: 12 },
    ];
    const fit = fitHomography(world.map((w) => ({ image: project(truth, w)!, world: w })));
    const extent = extentOf(world, 1);
    expect(extent).toEqual({ minX: -1, maxX: 6, minY: -1, maxY: 13 });
    const grid = groundGrid(fit, extent);
    expect(grid).toHaveLength(8 + 15);
    // The line x = 0 passes through the image of (0, 0) and (0, 12).
    const line = grid[1]!;
    const start = project(truth, { x: 0, y: -1 })!;
    expect(line[0]!.x).toBeCloseTo(start.x, 6);
    // A ground line running past the horizon (w ≤ 0 where y ≥ 1/0.021 ≈ 47.6 m) is cut there.
    const far = groundGrid(fit, { minX: 0, maxX: 0, minY: 0, maxY: 100 }, 100);
    expect(far[0]!.length).toBeLessThan(41);
  });
});
