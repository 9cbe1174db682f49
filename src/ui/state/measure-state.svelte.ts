import { SvelteMap } from 'svelte/reactivity';
import type { Point, Track } from '../../core/annotations/model';
import type { MeasurementId, TrackId } from '../../core/ids';
import type { Measurement, SceneCalibration } from '../../core/measure/records';
import type { VideoSource } from '../../media/video-source';
import { addClickedPoint, addStraightLinePoint } from './calibration-editing';
import { MeasureWorker } from './measure-in-worker';
import type { MeasureOutcome } from './measure-protocol';
import { measureRequestOf, openCalibration, openMeasurements } from './measure-sources';
import type { Workspace } from './workspace.svelte';

/** The inputs a measurement's outcome was computed from (records are replaced, never changed). */
interface ComputedFrom {
  readonly measurement: Measurement;
  readonly calibration: SceneCalibration | null;
  readonly tracks: readonly (Track | undefined)[];
  readonly source: VideoSource | null;
}

/**
 * What a click on the frame adds while calibrating: a reference point, a corner of a known
 * rectangle, or a point on a line straight in the world (for the lens distortion).
 */
export type PickMode = 'point' | 'rectangle' | 'line';

/**
 * Measurement on screen: each measurement's outcome (computed in a worker, recomputed only
 * when its own inputs change: the measurement, the calibration, its tracks, the frame table),
 * and the view choices of measuring (the calibration panel, the ground grid, the second
 * object, how clicks on the frame are taken). Nothing here is saved: the records are.
 */
export class MeasureState {
  /** Outcomes by measurement; a measurement without one is being computed. */
  readonly outcomes = new SvelteMap<MeasurementId, MeasureOutcome>();
  /** The "Scene calibration" panel is open: clicks on the frame add reference points. */
  calibrating = $state(false);
  /** The reference points being edited in the panel (CSV lines), kept while it is open. */
  referenceText = $state('');
  pickMode = $state<PickMode>('point');
  /** Lines the examiner marked as straight in the world, for the lens distortion (one a line). */
  straightLinesText = $state('');
  /** The lens distortion k typed in the panel (null: not corrected), for the grid preview. */
  draftDistortionK = $state<number | null>(null);
  /** Corners of a known rectangle clicked so far (up to four). */
  rectangleCorners = $state.raw<Point[]>([]);
  /** The 1 m ground grid over the frame. */
  gridVisible = $state(false);
  /** The second object of "Distance between objects" (the first is the selected one). */
  secondTrackId = $state<TrackId | null>(null);
  /** The measurement whose chart and guides are shown. */
  chosenId = $state<MeasurementId | null>(null);

  /** Called after a click on the frame added to the panel (it puts the caret after it). */
  onPicked: (() => void) | null = null;

  #worker = new MeasureWorker();
  // Bookkeeping, never shown: a plain Map on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #computedFrom = new Map<MeasurementId, ComputedFrom>();

  /**
   * Brings the outcomes up to date with the shown set's records: measurements whose inputs
   * changed are computed again (in one worker request), the others keep their outcome.
   */
  async refresh(ws: Workspace): Promise<void> {
    const measurements = openMeasurements(ws);
    const calibration = openCalibration(ws);
    const inputsOf = (m: Measurement): ComputedFrom => ({
      measurement: m,
      calibration,
      tracks: m.trackIds.map((id) => ws.document.tracks.get(id)),
      source: ws.source,
    });
    const stale = measurements.filter((m) => {
      const before = this.#computedFrom.get(m.id);
      return !before || !sameInputs(before, inputsOf(m));
    });
    const ids = measurements.map((m) => m.id);
    const present = { has: (id: MeasurementId) => ids.includes(id) };
    for (const id of [...this.#computedFrom.keys()]) {
      if (!present.has(id)) this.#computedFrom.delete(id);
    }
    for (const id of [...this.outcomes.keys()]) if (!present.has(id)) this.outcomes.delete(id);
    for (const m of stale) this.outcomes.delete(m.id);
    if (stale.length === 0) return;
    const request = measureRequestOf(ws, stale);
    if (!request) return;
    const outcomes = await this.#worker.compute(request);
    if (!outcomes) return; // a newer refresh took over
    for (const outcome of outcomes) {
      const m = stale.find((s) => s.id === outcome.id);
      if (!m) continue;
      this.outcomes.set(outcome.id, outcome);
      this.#computedFrom.set(outcome.id, inputsOf(m));
    }
  }

  /**
   * Shift+click in the Objects list: the second object of "Distance between objects" (the
   * selected one is the first); the selected object itself, or the second again, lets go.
   */
  chooseSecond(ws: Workspace, id: TrackId): void {
    if (!ws.selectedTrackId) ws.selectTrack(id);
    else this.secondTrackId = id === this.secondTrackId || id === ws.selectedTrackId ? null : id;
  }

  /** A click on the frame while calibrating, added as the pick mode says. */
  pick(at: Point): void {
    if (!this.calibrating) return;
    if (this.pickMode === 'point') this.referenceText = addClickedPoint(this.referenceText, at);
    else if (this.pickMode === 'line') {
      this.straightLinesText = addStraightLinePoint(this.straightLinesText, at);
    } else if (this.rectangleCorners.length < 4) {
      this.rectangleCorners = [...this.rectangleCorners, at];
    }
    this.onPicked?.();
  }

  /**
   * A measurement's outcome computed before it was saved (the Measure panel computes first,
   * so a measurement that cannot be computed is never saved): kept, not computed again.
   */
  accept(ws: Workspace, measurement: Measurement, outcome: MeasureOutcome): void {
    this.#computedFrom.set(measurement.id, {
      measurement,
      calibration: openCalibration(ws),
      tracks: measurement.trackIds.map((id) => ws.document.tracks.get(id)),
      source: ws.source,
    });
    this.outcomes.set(measurement.id, outcome);
  }

  /** Forgets everything (another case or video): outcomes, choices, the work under way. */
  reset(): void {
    this.#worker.dispose();
    this.#computedFrom.clear();
    this.outcomes.clear();
    this.calibrating = false;
    this.referenceText = '';
    this.straightLinesText = '';
    this.draftDistortionK = null;
    this.rectangleCorners = [];
    this.secondTrackId = null;
    this.chosenId = null;
  }
}

function sameInputs(a: ComputedFrom, b: ComputedFrom): boolean {
  return (
    a.measurement === b.measurement &&
    a.calibration === b.calibration &&
    a.source === b.source &&
    a.tracks.length === b.tracks.length &&
    a.tracks.every((t, i) => t === b.tracks[i])
  );
}
