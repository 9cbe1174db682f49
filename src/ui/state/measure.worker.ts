/// <reference lib="webworker" />
import { computeMeasurement, MeasurementError } from '../../core/measure/compute-measurement';
import type { MeasureOutcome, MeasureRequest, MeasureResponse } from './measure-protocol';

/**
 * Computes measurements off the main thread: each is 1000 or so Monte Carlo draws, every draw
 * refitting the homography (about a millisecond a draw), which would freeze the page.
 */
self.onmessage = (event: MessageEvent<MeasureRequest>) => {
  const request = event.data;
  const framePts = request.framePts;
  const sources = {
    calibration: request.calibration,
    tracks: new Map(request.tracks.map((t) => [t.id, t])),
    labels: request.labels,
    evidence: request.evidence,
    framePts: framePts ? (frame: number) => framePts[frame] ?? null : null,
  };
  const outcomes: MeasureOutcome[] = request.measurements.map((measurement) => {
    try {
      return { id: measurement.id, ok: true, result: computeMeasurement(measurement, sources) };
    } catch (error) {
      const message =
        error instanceof MeasurementError || error instanceof Error ? error.message : String(error);
      return { id: measurement.id, ok: false, message };
    }
  });
  const response: MeasureResponse = { outcomes };
  (self as DedicatedWorkerGlobalScope).postMessage(response);
};
