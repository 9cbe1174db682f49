import type { MeasurementResult, SeriesPoint } from '../../core/measure/compute-measurement';

/**
 * What a measurement's chart shows, as plain numbers (no Chart.js, no pixels), so tests can
 * check the series: speed over time (km/h, one step per interval between drawn positions) or
 * separation over time (m, one point per frame where both were drawn), each with its 95 %
 * band; for a separation, the moved-together tolerance and spans. x is seconds from the
 * video's timestamps (pts); the y axis starts at 0 (a speed or a distance is never negative,
 * and an axis from 0 does not exaggerate a change).
 */

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface MeasurementChartData {
  readonly kind: 'speed' | 'separation';
  /** The series' length: speed intervals, or frames where both positions were drawn. */
  readonly count: number;
  readonly unit: 'km/h' | 'm';
  readonly xTitle: string;
  readonly yTitle: string;
  /** The central value: a step per interval (speed) or a point per frame (separation). */
  readonly line: readonly XY[];
  /** The 95 % band's lower and upper edges, at the same x as `line`. */
  readonly low: readonly XY[];
  readonly high: readonly XY[];
  /** The moved-together tolerance (m), drawn dashed; null when not asked. */
  readonly tolerance: number | null;
  /** The spans moved together, in seconds, shaded. */
  readonly spans: readonly { readonly from: number; readonly to: number }[];
  /** Axis ranges: x over the series, y from 0 to the top of the band (and tolerance). */
  readonly xMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

export interface ChartOptions {
  /** The moved-together tolerance of a separation (m). */
  readonly toleranceM?: number | null;
  /** A frame's seconds from its pts (for where the first speed interval starts). */
  readonly secondsOf?: ((frame: number) => number | null) | null;
}

/** Whether a result has a series to chart (a speed or a separation). */
export const hasChart = (result: MeasurementResult): boolean =>
  (result.kind === 'speed' || result.kind === 'separation') && result.series.length > 0;

/** Each speed interval's start in seconds: the previous interval's end, else from its pts. */
function intervalStarts(series: readonly SeriesPoint[], options: ChartOptions): (number | null)[] {
  return series.map((p, i) => {
    const before = series[i - 1];
    if (before && before.frame === p.fromFrame) return before.seconds;
    return options.secondsOf?.(p.fromFrame) ?? null;
  });
}

export function measurementChartData(
  result: MeasurementResult,
  options: ChartOptions = {},
): MeasurementChartData {
  if (!hasChart(result)) {
    throw new Error(`A ${result.kind} measurement has no series to chart.`);
  }
  const line: XY[] = [];
  const low: XY[] = [];
  const high: XY[] = [];
  const push = (x: number, p: SeriesPoint) => {
    line.push({ x, y: p.value });
    low.push({ x, y: p.interval95[0] });
    high.push({ x, y: p.interval95[1] });
  };
  const speed = result.kind === 'speed';
  if (speed) {
    const starts = intervalStarts(result.series, options);
    result.series.forEach((p, i) => {
      // A step: the interval's speed from its start to its end (its end alone if the start
      // has no known time).
      const start = starts[i];
      if (start !== null && start !== undefined) push(start, p);
      push(p.seconds, p);
    });
  } else {
    for (const p of result.series) push(p.seconds, p);
  }
  const tolerance = speed ? null : (options.toleranceM ?? null);
  const secondsOfFrame = new Map(result.series.map((p) => [p.frame, p.seconds]));
  const spans = speed
    ? []
    : result.together.flatMap((s) => {
        const from = secondsOfFrame.get(s.fromFrame);
        const to = secondsOfFrame.get(s.toFrame);
        return from === undefined || to === undefined ? [] : [{ from, to }];
      });
  const xs = line.map((p) => p.x);
  const top = Math.max(...high.map((p) => p.y), ...line.map((p) => p.y), tolerance ?? 0);
  return {
    kind: speed ? 'speed' : 'separation',
    count: result.series.length,
    unit: speed ? 'km/h' : 'm',
    xTitle: 'Time (s, from the video\u2019s timestamps)',
    yTitle: speed ? 'Speed (km/h)' : 'Separation on the ground (m)',
    line,
    low,
    high,
    tolerance,
    spans,
    xMin: Math.min(...xs),
    xMax: Math.max(...xs),
    yMax: top > 0 ? top : 1,
  };
}

/** The chart in one sentence, for its accessible name. */
export function chartSummary(data: MeasurementChartData, title: string): string {
  const values = data.line.map((p) => p.y);
  const decimals = data.unit === 'm' ? 2 : 1;
  const what = data.kind === 'speed' ? 'speed' : 'separation';
  const count = `${data.count} ${data.kind === 'speed' ? 'intervals' : 'frames'}`;
  return (
    `${title}: ${what} over time from ${data.xMin.toFixed(2)} s to ${data.xMax.toFixed(2)} s, ` +
    `between ${Math.min(...values).toFixed(decimals)} and ${Math.max(...values).toFixed(decimals)} ${data.unit}` +
    ` (${count}), with the 95 % interval` +
    (data.tolerance === null ? '' : `; tolerance ${data.tolerance} m`) +
    (data.spans.length > 0 ? `; ${data.spans.length} span(s) moved together` : '') +
    '.'
  );
}
