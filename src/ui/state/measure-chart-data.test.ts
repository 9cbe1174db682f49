import { describe, expect, it } from 'vitest';
import { computeMeasurement } from '../../core/measure/compute-measurement';
import {
  measurementOf,
  roadSources,
  roadTrack,
  span,
} from '../../core/measure/measure-test-support';
import { chartSummary, hasChart, measurementChartData } from './measure-chart-data';

const frames = [0, 10, 20, 30, 40, 49];
const vehicle = roadTrack('vehicle', frames);
const officer = roadTrack('officer', frames);
const sources = roadSources([vehicle, officer]);
const monteCarlo = { seed: 3, samples: 80 };
/** The road clip is 25 fps: frame n at n / 25 s. */
const secondsOf = (frame: number) => frame / 25;

const speed = computeMeasurement(
  measurementOf({ kind: 'speed', trackIds: [vehicle.id], ...span(0, 49), monteCarlo }),
  sources,
);
const apart = computeMeasurement(
  measurementOf({
    kind: 'separation',
    trackIds: [vehicle.id, officer.id],
    ...span(0, 49),
    toleranceM: 100,
    monteCarlo,
  }),
  sources,
);

describe('measurementChartData', () => {
  it('draws a speed as one step per interval, from its start to its end, with its band', () => {
    const data = measurementChartData(speed, { secondsOf });
    expect(data).toMatchObject({ kind: 'speed', unit: 'km/h', count: 5, tolerance: null });
    expect(data.yTitle).toBe('Speed (km/h)');
    expect(data.xTitle).toMatch(/^Time \(s/);
    const expected = speed.series.flatMap((p) => [
      { x: secondsOf(p.fromFrame), y: p.value },
      { x: p.seconds, y: p.value },
    ]);
    expect(data.line).toEqual(expected);
    expect(data.line.map((p) => p.x)).toEqual([0, 0.4, 0.4, 0.8, 0.8, 1.2, 1.2, 1.6, 1.6, 1.96]);
    expect(data.low.map((p) => p.y)).toEqual(
      speed.series.flatMap((p) => [p.interval95[0], p.interval95[0]]),
    );
    expect(data.high.map((p) => p.y)).toEqual(
      speed.series.flatMap((p) => [p.interval95[1], p.interval95[1]]),
    );
    expect([data.xMin, data.xMax]).toEqual([0, 1.96]);
    expect(data.yMax).toBe(Math.max(...speed.series.map((p) => p.interval95[1])));
    expect(data.spans).toEqual([]);
  });

  it('starts the first step at its end when the start frame has no known time', () => {
    const data = measurementChartData(speed);
    expect(data.line[0]).toEqual({ x: 0.4, y: speed.series[0]!.value });
    expect(data.line).toHaveLength(9);
  });

  it('draws a separation as a point per frame, with the tolerance and the spans together', () => {
    const data = measurementChartData(apart, { toleranceM: 100 });
    expect(data).toMatchObject({ kind: 'separation', unit: 'm', count: 6, tolerance: 100 });
    expect(data.line).toEqual(apart.series.map((p) => ({ x: p.seconds, y: p.value })));
    expect(data.low).toEqual(apart.series.map((p) => ({ x: p.seconds, y: p.interval95[0] })));
    expect(apart.together.length).toBeGreaterThan(0);
    expect(data.spans).toEqual(
      apart.together.map((s) => ({ from: secondsOf(s.fromFrame), to: secondsOf(s.toFrame) })),
    );
    // The axis reaches the tolerance line even when the objects stay far below it.
    expect(data.yMax).toBe(100);
    expect(chartSummary(data, 'Closest separation')).toMatch(
      /^Closest separation: separation over time from 0\.00 s to 1\.96 s, between \d+\.\d\d and \d+\.\d\d m \(6 frames\), with the 95 % interval; tolerance 100 m; 1 span\(s\) moved together\.$/,
    );
  });

  it('has no chart for a single value', () => {
    const distance = computeMeasurement(
      measurementOf({
        kind: 'displacement',
        trackIds: [vehicle.id],
        ...span(0, 49),
        monteCarlo,
      }),
      sources,
    );
    expect(hasChart(distance)).toBe(false);
    expect(hasChart(speed)).toBe(true);
    expect(() => measurementChartData(distance)).toThrow(/no series to chart/);
  });
});
