import { describe, expect, it } from 'vitest';
import { CalibrationError, fitHomography, imageToGround, type ReferencePoint } from './homography';
import { invert3, project, type Mat3 } from './matrix';
import reference from './testdata/opencv-homographies.json';

const point = (ix: number, iy: number, wx: number, wy: number): ReferencePoint => ({
  image: { x: ix, y: iy },
  world: { x: wx, y: wy },
});

/** Ground → image of a camera looking down at an angle (a known truth). */
const TRUTH: Mat3 = [42, -18, 610, 3, 9.5, 520, 0.0004, -0.021, 1];
const seen = (wx: number, wy: number): ReferencePoint => {
  const p = project(TRUTH, { x: wx, y: wy })!;
  return point(p.x, p.y, wx, wy);
};

describe('fitHomography', () => {
  it('recovers a pure scale by hand: a 100 px square is a 2 m square', () => {
    const fit = fitHomography([
      point(0, 0, 0, 0),
      point(100, 0, 2, 0),
      point(100, 100, 2, 2),
      point(0, 100, 0, 2),
    ]);
    const expected = [0.02, 0, 0, 0, 0.02, 0, 0, 0, 1];
    fit.imageToWorld.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    expect(fit.rmsPx).toBeLessThan(1e-9);
    expect(imageToGround(fit, { x: 50, y: 25 })).toEqual({
      x: expect.closeTo(1, 12),
      y: expect.closeTo(0.5, 12),
    });
  });

  it('recovers a perspective camera exactly from four and from nine points', () => {
    const truthInverse = invert3(TRUTH)!;
    const expected = truthInverse.map((v) => v / truthInverse[8]);
    for (const world of [
      [
        [0, 0],
        [4.5, 0],
        [4.5, 12],
        [0, 12],
      ],
      [0, 3, 6].flatMap((x) => [0, 5, 10].map((y) => [x, y])),
    ]) {
      const fit = fitHomography(world.map(([x, y]) => seen(x!, y!)));
      fit.imageToWorld.forEach((v, i) =>
        expect(v).toBeCloseTo(expected[i]!, Math.abs(expected[i]!) < 1e-3 ? 9 : 6),
      );
      expect(fit.rmsPx).toBeLessThan(1e-6);
      expect(fit.rmsM).toBeLessThan(1e-8);
    }
  });

  it("fits the same matrix as OpenCV's findHomography (reference made with OpenCV)", () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(3);
    for (const c of reference.cases) {
      const fit = fitHomography(
        c.points.map((p) => point(p.image[0]!, p.image[1]!, p.world[0]!, p.world[1]!)),
      );
      // OpenCV reads the points as 32-bit floats: compare where a metre lands, not digits.
      for (const [x, y] of [
        [600, 500],
        [800, 700],
        [550, 900],
      ] as const) {
        const ours = project(fit.imageToWorld, { x, y })!;
        const theirs = project(c.opencv as unknown as Mat3, { x, y })!;
        expect(Math.hypot(ours.x - theirs.x, ours.y - theirs.y), c.name).toBeLessThan(1e-4);
      }
    }
  });

  it('reports each residual and the RMS when points disagree', () => {
    const points = [seen(0, 0), seen(4.5, 0), seen(4.5, 12), seen(0, 12), seen(2, 6)];
    const nudged = points.map((p, i) => (i === 4 ? point(p.image.x + 3, p.image.y, 2, 6) : p));
    const fit = fitHomography(nudged);
    expect(fit.residuals).toHaveLength(5);
    expect(fit.rmsPx).toBeGreaterThan(0.3);
    expect(fit.rmsPx).toBeLessThan(3);
    expect(fit.residuals.every((r) => r.worldM > 0 && r.imagePx > 0)).toBe(true);
  });

  it('refuses degenerate inputs in plain words', () => {
    const refuse = (points: ReferencePoint[], words: RegExp) => {
      expect(() => fitHomography(points)).toThrow(CalibrationError);
      expect(() => fitHomography(points)).toThrow(words);
    };
    refuse([seen(0, 0), seen(1, 0), seen(1, 1)], /at least 4 reference points; there are 3/);
    refuse([seen(0, 0), seen(1, 0), seen(2, 0), seen(3, 0), seen(4, 0)], /on one line/);
    refuse(
      [seen(0, 0), seen(1, 0), seen(2, 0), seen(0, 5)],
      /points 1, 2 and 3 lie \(nearly\) on one line/,
    );
    refuse([seen(0, 0), seen(0, 0), seen(1, 1), seen(0, 5)], /are the same pixel/);
    const swapped = [seen(0, 0), seen(4.5, 0), seen(4.5, 12), seen(0, 12)];
    swapped[1] = point(swapped[1]!.image.x, swapped[1]!.image.y, 4.5, 12);
    swapped[2] = point(swapped[2]!.image.x, swapped[2]!.image.y, 4.5, 0);
    refuse(swapped, /different order on the ground than in the image/);
    refuse([seen(0, 0), seen(1, 0), point(NaN, 3, 1, 1), seen(0, 5)], /not a number/);
    // Nearly in line: 0.1° off a straight road edge.
    const slight = Math.tan((0.1 * Math.PI) / 180) * 10;
    refuse(
      [point(0, 0, 0, 0), point(10, slight, 1, 0), point(20, 0, 2, 0), point(5, 40, 0, 3)],
      /nearly/,
    );
  });
});
