import { describe, expect, it } from 'vitest';
import type { ReferencePoint } from './homography';
import { project, type Mat3, type Vec2 } from './matrix';
import {
  distanceBetween,
  movedTogether,
  separation,
  trackMotion,
  type MeasureContext,
  type PositionSample,
} from './measurements';
import { seededRandom } from './random';
import { estimateMany, quantile } from './uncertainty';

/** Ground (m) → image (px) of a camera looking down a road at an angle: the known truth. */
const TRUTH: Mat3 = [42, -18, 610, 3, 9.5, 520, 0.0004, -0.021, 1];
const pixel = (w: Vec2): Vec2 => project(TRUTH, w)!;
const reference = (wx: number, wy: number): ReferencePoint => ({
  image: pixel({ x: wx, y: wy }),
  world: { x: wx, y: wy },
});
const REFERENCE = [
  reference(0, 0),
  reference(4.5, 0),
  reference(4.5, 12),
  reference(0, 12),
  reference(2, 6),
];

const context = (sigmaPx = 0.5, worldSigmaM = 0.02, seed = 7): MeasureContext => ({
  calibration: { points: REFERENCE, pointSigmaPx: sigmaPx, worldSigmaM },
  positionSigmaPx: sigmaPx,
  monteCarlo: { seed, samples: 400 },
});

/** An object at `speed` m/s along +y from `start`, seen every `every` frames at 25 fps. */
function moving(
  start: Vec2,
  speed: number,
  frames: number,
  every: number,
  noisePx = 0.4,
  seed = 1,
) {
  const random = seededRandom(seed);
  const samples: PositionSample[] = [];
  for (let frame = 0; frame <= frames; frame += every) {
    const seconds = frame / 25;
    const p = pixel({ x: start.x, y: start.y + speed * seconds });
    samples.push({
      frame,
      seconds,
      image: { x: p.x + noisePx * random.normal(), y: p.y + noisePx * random.normal() },
    });
  }
  return samples;
}

describe('measurement on a calibrated ground plane', () => {
  it('measures a known distance within 2 %, its interval holding the truth', () => {
    const d = distanceBetween(context(), pixel({ x: 1, y: 2 }), pixel({ x: 4, y: 6 }));
    expect(Math.abs(d.value - 5) / 5).toBeLessThan(0.02);
    expect(d.interval95[0]).toBeLessThanOrEqual(5);
    expect(d.interval95[1]).toBeGreaterThanOrEqual(5);
  });

  it('measures a known speed within 3 % (36 km/h), with displacement and path', () => {
    const samples = moving({ x: 2, y: 1 }, 10, 25, 5); // 10 m/s for 1 s
    const motion = trackMotion(context(), samples);
    expect(Math.abs(motion.speed.value - 36) / 36).toBeLessThan(0.03);
    expect(motion.speed.interval95[0]).toBeLessThanOrEqual(36);
    expect(motion.speed.interval95[1]).toBeGreaterThanOrEqual(36);
    expect(Math.abs(motion.displacement.value - 10) / 10).toBeLessThan(0.02);
    expect(motion.path.value).toBeGreaterThanOrEqual(motion.displacement.value);
    expect(motion.intervals.map((i) => [i.fromFrame, i.toFrame])).toEqual([
      [0, 5],
      [5, 10],
      [10, 15],
      [15, 20],
      [20, 25],
    ]);
  });

  it('widens the interval as the stated uncertainties grow', () => {
    const samples = moving({ x: 2, y: 1 }, 10, 25, 5);
    const width = (sigmaPx: number, sigmaM: number) => {
      const [low, high] = trackMotion(context(sigmaPx, sigmaM), samples).speed.interval95;
      return high - low;
    };
    expect(width(0.5, 0.02)).toBeLessThan(width(2, 0.05));
    expect(width(2, 0.05)).toBeLessThan(width(5, 0.2));
  });

  it('adds ±½ frame of timing uncertainty when asked', () => {
    const samples = moving({ x: 2, y: 1 }, 10, 25, 5);
    const exact = trackMotion(context(), samples).speed.interval95;
    const between = trackMotion(context(), samples, 0.5 / 25).speed.interval95;
    expect(between[1] - between[0]).toBeGreaterThan(exact[1] - exact[0]);
  });

  it('is reproducible from its seed, and differs with another', () => {
    const samples = moving({ x: 2, y: 1 }, 10, 25, 5);
    const a = trackMotion(context(), samples).speed;
    const b = trackMotion(context(), samples).speed;
    const c = trackMotion(context(0.5, 0.02, 8), samples).speed;
    expect(b).toEqual(a);
    expect(c.value).toBe(a.value);
    expect(c.interval95).not.toEqual(a.interval95);
  });

  it('finds where two objects moved together ("dragged"), and for how long', () => {
    // The vehicle reverses at 3 m/s for 2 s; the officer holds on 0.6 m beside it for the
    // first 1.2 s, then lets go and stands still.
    const vehicle = moving({ x: 2, y: 1 }, 3, 50, 5, 0.2, 3);
    const officer = vehicle.map((s) => {
      const seconds = Math.min(s.seconds, 1.2);
      const p = pixel({ x: 2.6, y: 1 + 3 * seconds });
      return { ...s, image: p };
    });
    const apart = separation(context(), vehicle, officer);
    expect(apart).toHaveLength(11);
    expect(Math.abs(apart[0]!.distance.value - 0.6)).toBeLessThan(0.05);
    const spans = movedTogether(context(), vehicle, officer, 1.0);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ fromFrame: 0, toFrame: 30 });
    expect(spans[0]!.seconds).toBeCloseTo(1.2, 9);
    expect(Math.abs(spans[0]!.travelled.value - 3.6) / 3.6).toBeLessThan(0.03);
  });

  it('refuses what cannot be measured, in words', () => {
    const one = moving({ x: 2, y: 1 }, 10, 0, 5);
    expect(() => trackMotion(context(), one)).toThrow(/at least two measured positions/);
    const a = moving({ x: 2, y: 1 }, 10, 10, 10);
    const b = moving({ x: 3, y: 1 }, 10, 15, 15);
    expect(() => separation(context(), a.slice(1), b.slice(1))).toThrow(/no frame on which both/);
  });
});

describe('Monte Carlo', () => {
  it('quantiles interpolate as numpy does', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.025)).toBeCloseTo(0.25, 12);
  });

  it('a normal draw has the stated spread: its 95 % interval is ±1.96 σ', () => {
    const [e] = estimateMany({ seed: 1, samples: 20000 }, 1, (random) => [
      random ? 3 * random.normal() : 0,
    ]);
    expect(e!.interval95[0]).toBeCloseTo(-1.96 * 3, 0);
    expect(e!.interval95[1]).toBeCloseTo(1.96 * 3, 0);
  });

  it('says so when too many draws fail', () => {
    let i = 0;
    expect(() =>
      estimateMany({ seed: 1, samples: 100 }, 1, (random) => (random && i++ % 2 ? null : [1])),
    ).toThrow(/50 of 100 draws could not be computed/);
  });
});
