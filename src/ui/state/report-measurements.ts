/**
 * The court report's Measurements section from the open case: the shown set's calibration of
 * the open video and its measurements, computed off the main thread (MeasureWorker; a Monte
 * Carlo run takes about a second each), each speed or separation charted as a PNG, and the plan
 * view. A measurement that cannot be computed is listed with its reason, never dropped.
 */
import type {
  MeasurementOutcome,
  MeasurementsSectionInput,
  ReportImage,
  ReportMeasurement,
} from '../../core/report/court-report-measurements';
import { measurementTitle } from '../../core/report/court-report-measurements';
import { ptsToSeconds } from '../../core/time/time-base';
import { MeasureWorker } from './measure-in-worker';
import type { MeasureOutcome } from './measure-protocol';
import { measureRequestOf, openCalibration, openMeasurements } from './measure-sources';
import { hasChart } from './measure-chart-data';
import type { Workspace } from './workspace.svelte';

/** Each measurement's outcome, by the worker; null if a newer request stopped it. */
async function computeAll(ws: Workspace): Promise<readonly MeasureOutcome[] | null> {
  const request = measureRequestOf(ws);
  if (!request || request.measurements.length === 0) return [];
  const worker = new MeasureWorker();
  try {
    return await worker.compute(request);
  } finally {
    worker.dispose();
  }
}

/**
 * The section's input; null when the set has neither a calibration nor measurements. The plan
 * view is drawn by the caller (court-report.ts) and passed in.
 */
export async function reportMeasurements(
  ws: Workspace,
  planView: ReportImage | null,
): Promise<MeasurementsSectionInput | null> {
  const evidence = ws.evidence;
  const calibration = openCalibration(ws);
  const measurements = openMeasurements(ws);
  if (!evidence || (!calibration && measurements.length === 0)) return null;
  const outcomes = await computeAll(ws);
  if (outcomes === null) throw new Error('the measurements were not computed (stopped)');
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const { tracks, labels } = ws.document;
  const secondsOf = (frame: number) => {
    const pts = ws.ptsOf(frame);
    return pts === null ? null : ptsToSeconds(pts, evidence.timeBase);
  };
  // Chart.js is loaded only when a report has a chart to draw.
  const charts = measurements.length > 0 ? await import('./measure-charts') : null;
  const entries: ReportMeasurement[] = [];
  for (const measurement of measurements) {
    const done = byId.get(measurement.id);
    const outcome: MeasurementOutcome = !done
      ? { ok: false, message: 'The measurement was not computed.' }
      : done.ok
        ? { ok: true, result: done.result }
        : { ok: false, message: done.message };
    const chart =
      charts && outcome.ok && hasChart(outcome.result)
        ? await charts.renderMeasurementChart(
            outcome.result,
            measurementTitle(measurement, tracks, labels),
            { toleranceM: measurement.toleranceM, secondsOf },
          )
        : null;
    entries.push({ measurement, outcome, chart });
  }
  return {
    calibration,
    evidence: {
      width: evidence.width,
      height: evidence.height,
      rotation: evidence.rotation,
      timeBase: evidence.timeBase,
    },
    measurements: entries,
    planView,
    tracks,
    labels,
  };
}
