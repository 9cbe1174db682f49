import type { Label, Track } from '../../core/annotations/model';
import type { TrackId } from '../../core/ids';
import type { MeasurementResult } from '../../core/measure/compute-measurement';
import type { Measurement } from '../../core/measure/records';
import {
  formatValue,
  measurementTitle as reportTitle,
} from '../../core/report/court-report-measurements';

/**
 * How measurements read on screen: the report's words and decimals, a value always with its
 * 95 % interval and unit, a title with the frames it spans.
 */

/** "3.42 m (95 %: 3.38–3.46)". */
export function formatMeasured(
  result: Pick<MeasurementResult, 'value' | 'interval95' | 'unit'>,
): string {
  const [low, high] = result.interval95.map((v) => formatValue(v, result.unit));
  return `${formatValue(result.value, result.unit)} ${result.unit} (95 %: ${low}–${high})`;
}

/** The report's title with its frames: "Average speed of vehicle #1, frames 10–40". */
export function measurementTitle(
  measurement: Measurement,
  tracks: ReadonlyMap<TrackId, Track>,
  labels: readonly Label[],
): string {
  const frames =
    measurement.kind === 'distance'
      ? `frame ${measurement.frame}`
      : `frames ${measurement.fromFrame}–${measurement.toFrame}`;
  return `${reportTitle(measurement, tracks, labels)}, ${frames}`;
}
