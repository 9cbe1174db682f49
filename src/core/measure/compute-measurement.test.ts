import { describe, expect, it } from 'vitest';
import { frameIndex, type TrackId } from '../ids';
import { computeMeasurement, MeasurementError } from './compute-measurement';
import { groundPointOf } from './ground-point';
import { fitHomography } from './homography';
import { project } from './matrix';
import {
  ROAD_CALIBRATION,
  ROAD_TRUTH,
  measurementOf,
  roadKeyframe,
  roadSources,
  roadTrack,
  span,
} from './measure-test-support';

const VEHICLE = 'track_vehicle' as TrackId;
const OFFICER = 'track_officer' as TrackId;
const kmh = ROAD_TRUTH.vehicle.speedKmh;

/** The frame table's pts of the 50 frames at 25 fps (pts = frame × 512 in 1/12800). */
const TABLE = (frame: number) => (frame < 50 ? frame * 512 : null);

describe('computeMeasurement', { timeout: 60_000 }, () => {
  it('gives the vehicle speed within 3 % with the truth inside its interval, from drawn keyframes only', () => {
    // A computed keyframe (a flag change) on frame 25 lies on the path, but is not a person's.
    const computed = roadKeyframe('vehicle', 25, { origin: 'computed' });
    const track = roadTrack('vehicle', [0, 10, 20, 30, 40, 49], [computed]);
    const result = computeMeasurement(
      measurementOf({ kind: 'speed', trackIds: [VEHICLE], ...span(0, 49) }),
      roadSources([track]),
    );
    expect(result.unit).toBe('km/h');
    expect(Math.abs(result.value - kmh) / kmh).toBeLessThan(0.03);
    expect(result.interval95[0]).toBeLessThanOrEqual(kmh);
    expect(result.interval95[1]).toBeGreaterThanOrEqual(kmh);
    expect(result.frames).toEqual([0, 10, 20, 30, 40, 49]);
    expect(result.trackIds).toEqual([VEHICLE]);
    expect(result.series.map((s) => [s.fromFrame, s.frame])).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 40],
      [40, 49],
    ]);
    expect(result.method).toContain('pts');
    expect(result.method).toContain('Lens distortion was not corrected');
    expect(result.method).toContain('seed 1');
  });

  it('takes times from the frame table when there is one, and is the same for the same seed', () => {
    const track = roadTrack('vehicle', [0, 49]);
    const m = measurementOf({ kind: 'speed', trackIds: [VEHICLE], ...span(0, 49) });
    const a = computeMeasurement(m, { ...roadSources([track]), framePts: TABLE });
    const b = computeMeasurement(m, roadSources([track]));
    expect(a).toEqual(b);
    // A frame table that says the frames are twice as far apart halves the speed.
    const slow = (frame: number) => frame * 1024;
    const c = computeMeasurement(m, { ...roadSources([track]), framePts: slow });
    expect(c.value).toBeCloseTo(a.value / 2, 9);
  });

  it('maps the ground point the examiner set, and says so in the method', () => {
    const track = roadTrack('vehicle', [0, 40]);
    const m = measurementOf({ kind: 'displacement', trackIds: [VEHICLE], ...span(0, 40) });
    const plain = computeMeasurement(m, roadSources([track]));
    expect(plain.method).not.toContain('set by the examiner');
    const top = { u: 0.5, v: 0 };
    const calibration = {
      ...ROAD_CALIBRATION,
      groundAnchors: { byLabel: {}, byTrack: { [VEHICLE]: top } },
    };
    const moved = computeMeasurement(m, { ...roadSources([track]), calibration });
    // What the geometry says: the two top-centres through the fitted homography.
    const h = fitHomography(ROAD_CALIBRATION.points).imageToWorld;
    const [a, b] = track.keyframes.map((k) => project(h, groundPointOf(k.shape, top)!)!);
    expect(moved.value).toBeCloseTo(Math.hypot(b!.x - a!.x, b!.y - a!.y), 9);
    expect(Math.abs(moved.value - plain.value)).toBeGreaterThan(0.01);
    expect(moved.method).toContain(
      'The ground point of vehicle #1 was set by the examiner at 50 % across, 0 % down its box (not its bottom centre).',
    );
    // A label's anchor applies to its objects; the track's own wins over it.
    const byLabel = {
      ...ROAD_CALIBRATION,
      groundAnchors: { byLabel: { [track.labelId]: top }, byTrack: {} },
    };
    expect(computeMeasurement(m, { ...roadSources([track]), calibration: byLabel }).value).toBe(
      moved.value,
    );
    const both = {
      ...ROAD_CALIBRATION,
      groundAnchors: {
        byLabel: { [track.labelId]: top },
        byTrack: { [VEHICLE]: { u: 0.5, v: 1 } },
      },
    };
    expect(computeMeasurement(m, { ...roadSources([track]), calibration: both }).value).toBe(
      plain.value,
    );
  });

  it('gives displacement and path in metres within 2 %', () => {
    const track = roadTrack('vehicle', [0, 20, 49]);
    const metres = (ROAD_TRUTH.vehicle.speedMetresPerSecond * 49) / ROAD_TRUTH.fps;
    for (const kind of ['displacement', 'path'] as const) {
      const r = computeMeasurement(
        measurementOf({ kind, trackIds: [VEHICLE], ...span(0, 49) }),
        roadSources([track]),
      );
      expect(r.unit).toBe('m');
      expect(Math.abs(r.value - metres) / metres).toBeLessThan(0.02);
      expect(r.frames).toEqual([0, 20, 49]);
    }
  });

  it('widens the speed interval by half a frame at each end when asked', () => {
    const track = roadTrack('vehicle', [0, 10]);
    const m = measurementOf({ kind: 'speed', trackIds: [VEHICLE], ...span(0, 10) });
    const sources = { ...roadSources([track]), framePts: TABLE };
    const exact = computeMeasurement(m, sources);
    const between = computeMeasurement({ ...m, halfFrameTiming: true }, sources);
    const width = (r: typeof exact) => r.interval95[1] - r.interval95[0];
    expect(width(between)).toBeGreaterThan(width(exact));
    expect(between.method).toContain('half a frame interval');
    expect(() => computeMeasurement({ ...m, halfFrameTiming: true }, roadSources([track]))).toThrow(
      /frame interval/,
    );
  });

  it('measures the distance between two objects on every shared frame and when they moved together', () => {
    const frames = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45];
    const tracks = [roadTrack('vehicle', frames), roadTrack('officer', frames.slice(0, -1))];
    const result = computeMeasurement(
      measurementOf({
        kind: 'separation',
        trackIds: [VEHICLE, OFFICER],
        ...span(0, 49),
        toleranceM: 2,
      }),
      roadSources(tracks),
    );
    expect(result.unit).toBe('m');
    expect(result.frames).toEqual(frames.slice(0, -1));
    expect(result.series).toHaveLength(9);
    expect(result.value).toBe(Math.min(...result.series.map((s) => s.value)));
    expect(result.together).toHaveLength(1);
    expect(result.together[0]).toMatchObject({ fromFrame: 0, toFrame: 30 });
    expect(result.together[0]!.seconds).toBeCloseTo(
      ROAD_TRUTH.officer.movesWithVehicleForSeconds,
      9,
    );
  });

  it('measures a ruler distance and the distance between two objects on one frame', () => {
    const a = ROAD_TRUTH.positions[0]!.vehicle.ground;
    const ref = ROAD_CALIBRATION.points;
    // Two reference points whose ground distance is known exactly.
    const ruler = computeMeasurement(
      measurementOf({
        kind: 'distance',
        frame: frameIndex(3),
        imagePoints: [ref[0]!.image, ref[1]!.image],
      }),
      roadSources([]),
    );
    const known = Math.hypot(ref[0]!.world.x - ref[1]!.world.x, ref[0]!.world.y - ref[1]!.world.y);
    expect(ruler.value).toBeCloseTo(known, 6);
    expect(ruler.frames).toEqual([3]);
    const between = computeMeasurement(
      measurementOf({ kind: 'distance', frame: frameIndex(0), trackIds: [VEHICLE, OFFICER] }),
      roadSources([roadTrack('vehicle', [0]), roadTrack('officer', [0])]),
    );
    const truthGap = Math.hypot(a[0]! - ROAD_TRUTH.positions[0]!.officer.ground[0]!, 0);
    expect(Math.abs(between.value - truthGap) / truthGap).toBeLessThan(0.05);
  });

  it('corrects lens distortion when a k is set, and says so', () => {
    const track = roadTrack('vehicle', [0, 49]);
    const m = measurementOf({ kind: 'displacement', trackIds: [VEHICLE], ...span(0, 49) });
    const plain = computeMeasurement(m, roadSources([track]));
    const corrected = computeMeasurement(m, {
      ...roadSources([track]),
      calibration: { ...ROAD_CALIBRATION, distortionK: -0.1 },
    });
    expect(corrected.value).not.toBeCloseTo(plain.value, 3);
    expect(corrected.method).toContain('k = -0.1');
  });

  describe('refuses in plain words', () => {
    const track = roadTrack('vehicle', [0, 10, 20]);
    const speed = measurementOf({ kind: 'speed', trackIds: [VEHICLE], ...span(0, 20) });
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(MeasurementError);
        return (error as Error).message;
      }
      throw new Error('no refusal');
    };

    it('a video with no calibration', () => {
      expect(
        refusal(() => computeMeasurement(speed, { ...roadSources([track]), calibration: null })),
      ).toMatch(/no scene calibration/);
    });

    it('a calibration of too few points', () => {
      const three = { ...ROAD_CALIBRATION, points: ROAD_CALIBRATION.points.slice(0, 3) };
      expect(
        refusal(() => computeMeasurement(speed, { ...roadSources([track]), calibration: three })),
      ).toMatch(/3 reference points; it needs at least 4/);
    });

    it('a calibration that cannot be fitted (collinear points)', () => {
      const line = {
        ...ROAD_CALIBRATION,
        points: [0, 1, 2, 3].map((i) => ({
          image: { x: i * 10, y: i * 10 },
          world: { x: i, y: i },
        })),
      };
      expect(
        refusal(() => computeMeasurement(speed, { ...roadSources([track]), calibration: line })),
      ).toMatch(/line/);
    });

    it('an object with no drawn keyframe in the range (interpolated or computed ones do not count)', () => {
      const onlyComputed = roadTrack(
        'vehicle',
        [0],
        [roadKeyframe('vehicle', 30, { origin: 'computed' })],
      );
      const m = { ...speed, ...span(25, 40) };
      expect(refusal(() => computeMeasurement(m, roadSources([onlyComputed])))).toBe(
        'vehicle #1 has no drawn position from frame 25 to frame 40: draw or confirm it on the frames to measure.',
      );
    });

    it('an object with a single drawn position in the range', () => {
      expect(
        refusal(() => computeMeasurement({ ...speed, ...span(5, 15) }, roadSources([track]))),
      ).toMatch(/only one drawn position .* a movement needs two/);
    });

    it('an object that was deleted', () => {
      expect(refusal(() => computeMeasurement(speed, roadSources([])))).toMatch(/no longer exists/);
    });

    it('two objects never drawn on the same frame', () => {
      const m = measurementOf({ kind: 'separation', trackIds: [VEHICLE, OFFICER], ...span(0, 20) });
      const tracks = [roadTrack('vehicle', [0, 10]), roadTrack('officer', [5, 15])];
      expect(refusal(() => computeMeasurement(m, roadSources(tracks)))).toMatch(
        /no frame from 0 to 20 on which both positions were drawn/,
      );
    });
  });
});
