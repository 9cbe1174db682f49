import type { Label, Track } from '../../core/annotations/model';
import { trackTitle } from '../../core/annotations/tracks';
import type { TrackId } from '../../core/ids';
import type { MeasurementResult } from '../../core/measure/compute-measurement';
import type { Measurement, MeasurementKind } from '../../core/measure/records';

/** How measurements read on screen: a value always with its 95 % interval and unit. */

const DECIMALS: Record<MeasurementResult['unit'], number> = { m: 2, 'km/h': 1 };

export function formatValue(value: number, unit: MeasurementResult['unit']): string {
  return `${value.toFixed(DECIMALS[unit])} ${unit}`;
}

/** "3.42 m (95 %: 3.38–3.46)". */
export function formatMeasured(
  result: Pick<MeasurementResult, 'value' | 'interval95' | 'unit'>,
): string {
  const d = DECIMALS[result.unit];
  const [low, high] = result.interval95;
  return `${result.value.toFixed(d)} ${result.unit} (95 %: ${low.toFixed(d)}–${high.toFixed(d)})`;
}

const KIND_NAMES: Record<MeasurementKind, string> = {
  distance: 'Distance',
  displacement: 'Displacement',
  path: 'Path length',
  speed: 'Average speed',
  separation: 'Distance between',
};

/** "Average speed of vehicle #1, frames 10–40"; "Distance on frame 12 (ruler)". */
export function measurementTitle(
  measurement: Measurement,
  tracks: ReadonlyMap<TrackId, Track>,
  labels: readonly Label[],
): string {
  const names = measurement.trackIds.map((id) => {
    const track = tracks.get(id);
    return track ? trackTitle(labels, track) : 'a deleted object';
  });
  if (measurement.kind === 'distance') {
    return names.length === 2
      ? `Distance between ${names[0]} and ${names[1]} on frame ${measurement.frame}`
      : `Distance on frame ${measurement.frame} (ruler)`;
  }
  const span = `frames ${measurement.fromFrame}–${measurement.toFrame}`;
  if (measurement.kind === 'separation') {
    return `${KIND_NAMES.separation} ${names[0]} and ${names[1]}, ${span}`;
  }
  return `${KIND_NAMES[measurement.kind]} of ${names[0]}, ${span}`;
}
