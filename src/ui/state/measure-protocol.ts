import type { Label, Track } from '../../core/annotations/model';
import type { MeasurementId } from '../../core/ids';
import type { MeasureSources, MeasurementResult } from '../../core/measure/compute-measurement';
import type { Measurement, SceneCalibration } from '../../core/measure/records';

/** What the measurement worker is sent: the stored inputs, in plain cloneable data. */
export interface MeasureRequest {
  readonly measurements: readonly Measurement[];
  readonly calibration: SceneCalibration | null;
  readonly tracks: readonly Track[];
  readonly labels: readonly Label[];
  readonly evidence: MeasureSources['evidence'];
  /** Each frame's pts from the frame table (null where the stream gives none). */
  readonly framePts: readonly (number | null)[] | null;
}

export type MeasureOutcome =
  | { readonly id: MeasurementId; readonly ok: true; readonly result: MeasurementResult }
  | { readonly id: MeasurementId; readonly ok: false; readonly message: string };

export interface MeasureResponse {
  readonly outcomes: readonly MeasureOutcome[];
}
