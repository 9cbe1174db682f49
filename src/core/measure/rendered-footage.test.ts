import { describe, expect, it } from 'vitest';
import truth from '../../../tests/fixtures/measure/road-25fps.truth.json';
import { groundPointOf } from './ground-point';
import { fitHomography } from './homography';
import {
  movedTogether,
  trackMotion,
  type MeasureContext,
  type PositionSample,
} from './measurements';

/**
 * The rendered road clip's truth (scripts/make-measure-fixture.mjs): measuring the boxes a
 * person would draw there, rounded to whole pixels, gives the known speed and distances.
 */
const context: MeasureContext = {
  calibration: {
    points: truth.referencePoints.map((p) => ({
      image: { x: p.image[0]!, y: p.image[1]! },
      world: { x: p.world[0]!, y: p.world[1]! },
    })),
    pointSigmaPx: 0.5,
    worldSigmaM: 0.02,
  },
  positionSigmaPx: 1,
  monteCarlo: { seed: 1, samples: 300 },
};

/** The box a person draws around an object on frame n: its rendered box, to whole pixels. */
function drawn(object: 'vehicle' | 'officer', frames: number[]): PositionSample[] {
  return frames.map((n) => {
    const at = truth.positions[n]!;
    const box = at[object].box;
    const ground = groundPointOf({
      kind: 'rectangle',
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.x + box.width) - Math.round(box.x),
      height: Math.round(box.y + box.height) - Math.round(box.y),
      rotation: 0,
    })!;
    return { frame: n, seconds: at.seconds, image: ground };
  });
}

describe('measuring the rendered road clip', () => {
  it('the reference points fit the known homography', () => {
    const fit = fitHomography(context.calibration.points);
    const known = truth.imageToGround;
    fit.imageToWorld.forEach((v, i) => expect(v).toBeCloseTo(known[i]!, 6));
  });

  it('gives the vehicle speed within 3 % and its interval holds the truth', () => {
    const motion = trackMotion(context, drawn('vehicle', [0, 10, 20, 30, 40, 49]));
    const kmh = truth.vehicle.speedKmh;
    expect(Math.abs(motion.speed.value - kmh) / kmh).toBeLessThan(0.03);
    expect(motion.speed.interval95[0]).toBeLessThanOrEqual(kmh);
    expect(motion.speed.interval95[1]).toBeGreaterThanOrEqual(kmh);
    const metres = (truth.vehicle.speedMetresPerSecond * 49) / truth.fps;
    expect(Math.abs(motion.displacement.value - metres) / metres).toBeLessThan(0.02);
  });

  it('finds that the officer moved with the vehicle for 1.2 s', () => {
    const frames = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45];
    const spans = movedTogether(context, drawn('vehicle', frames), drawn('officer', frames), 2);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ fromFrame: 0, toFrame: 30 });
    expect(spans[0]!.seconds).toBeCloseTo(truth.officer.movesWithVehicleForSeconds, 9);
  });
});
