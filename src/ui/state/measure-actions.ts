import type { Point } from '../../core/annotations/model';
import { uprightSize } from '../../core/annotations/shapes';
import type { FrameIndex, LabelId, MeasurementId, TrackId } from '../../core/ids';
import {
  DEFAULT_ANCHOR,
  groundAnchorOf,
  NO_GROUND_ANCHORS,
  type GroundAnchor,
} from '../../core/measure/ground-point';
import { distortionFor, undistort } from '../../core/measure/distortion';
import { CalibrationError, fitHomography, type HomographyFit } from '../../core/measure/homography';
import {
  createMeasurement,
  deleteMeasurement,
  saveCalibration,
  setGroundAnchor,
  type CalibrationInputs,
  type MeasurementInputs,
} from '../../core/measure/measure-commands';
import type { Measurement } from '../../core/measure/records';
import { nowIso } from '../../core/time/clock';
import { MeasureWorker } from './measure-in-worker';
import { measureRequestOf, openCalibration } from './measure-sources';
import type { Workspace } from './workspace.svelte';

/**
 * The measuring a person does, as functions of the Workspace: fitting and saving the scene
 * calibration, making and deleting measurements. Each returns what is wrong in plain words
 * (shown in a role=alert) and changes nothing then.
 */

export type FitPreview =
  | { readonly ok: true; readonly fit: HomographyFit }
  | { readonly ok: false; readonly problem: string };

/** The homography these inputs give (points undistorted first where k is set), or why not. */
export function previewFit(ws: Workspace, inputs: CalibrationInputs): FitPreview {
  const size = ws.evidence ? uprightSize(ws.evidence) : null;
  const k = inputs.distortionK;
  const straighten = (p: Point) =>
    size && k !== null && k !== 0 ? undistort(distortionFor(k, size.width, size.height), p) : p;
  try {
    const fit = fitHomography(
      inputs.points.map((p) => ({ image: straighten(p.image), world: p.world })),
    );
    return { ok: true, fit };
  } catch (error) {
    if (error instanceof CalibrationError) return { ok: false, problem: error.message };
    throw error;
  }
}

/** Saves the open video's scene calibration in the shown set, if it fits; else says why. */
export function saveSceneCalibration(ws: Workspace, inputs: CalibrationInputs): string | null {
  const owner = ws.owner;
  const evidence = ws.evidence;
  if (!owner || !evidence) return 'Open a video and its case first.';
  if (ws.readOnly) return 'This annotation set is final: it cannot be changed.';
  const preview = previewFit(ws, inputs);
  if (!preview.ok) return preview.problem;
  try {
    ws.execute(
      saveCalibration(ws.document, {
        ...owner,
        evidenceSha256: evidence.sha256,
        inputs,
        now: nowIso(),
      }),
    );
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
  return null;
}

/** One worker for the Measure panel's "compute before saving" (a newer click supersedes). */
const trial = new MeasureWorker();

/**
 * Computes a new measurement and saves it only if it can be computed: a measurement that
 * cannot (no calibration, an object with no drawn position in the range…) is refused in
 * words and nothing is saved. Resolves to the problem, or null once saved.
 */
export async function measure(ws: Workspace, inputs: MeasurementInputs): Promise<string | null> {
  const owner = ws.owner;
  if (!owner) return 'Open a video and its case first.';
  if (ws.readOnly) return 'This annotation set is final: it cannot be changed.';
  // First, as nothing else can be measured without it.
  if (!openCalibration(ws)) {
    return 'This video has no scene calibration yet: calibrate the scene (Calibrate scene) before measuring.';
  }
  let command;
  try {
    command = createMeasurement({ ...owner, inputs, now: nowIso() });
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
  // createMeasurement has checked the inputs (measurementInputsProblem) or thrown above.
  const measurement = command.changes[0]!.after as Measurement;
  const request = measureRequestOf(ws, [measurement]);
  if (!request) return 'Open a video and its case first.';
  const documentBefore = ws.document;
  const outcomes = await trial.compute(request);
  if (!outcomes) return null; // superseded by a newer click: that one answers
  const outcome = outcomes[0]!;
  if (!outcome.ok) return outcome.message;
  if (ws.document !== documentBefore || ws.owner?.setId !== owner.setId) {
    return 'The annotations changed while measuring: measure again.';
  }
  ws.measure.accept(ws, measurement, outcome);
  ws.execute(command);
  ws.measure.chosenId = measurement.id;
  return null;
}

/** The Ruler: the distance on the ground between two points of the picture on screen. */
export async function measureWithRuler(ws: Workspace, from: Point, to: Point): Promise<void> {
  const frame = ws.player.shown?.frame.index;
  if (frame === undefined || !ws.player.ready) return;
  const problem = await measure(ws, {
    kind: 'distance',
    trackIds: [],
    frame: frame as FrameIndex,
    imagePoints: [from, to],
  });
  // The Ruler has no panel of its own: its refusals are the app's alert.
  if (problem) ws.alert = `The ruler could not measure: ${problem}`;
}

export function removeMeasurement(ws: Workspace, id: MeasurementId): void {
  const measurement = ws.document.measurements.get(id);
  if (measurement) ws.execute(deleteMeasurement(measurement));
}

const sameAnchor = (a: GroundAnchor, b: GroundAnchor) => a.u === b.u && a.v === b.v;

/**
 * Sets where the selected object (`every`: every object of its label) touches the ground, on
 * the open video's calibration. An anchor the object would have anyway (its label's or the
 * default; for a label, the default) removes the entry instead. Returns the problem in words,
 * or null once saved (undoable, audited as an edit of the calibration).
 */
export function setGroundPoint(
  ws: Workspace,
  trackId: TrackId,
  every: boolean,
  anchor: GroundAnchor,
): string | null {
  if (!ws.owner) return 'Open a video and its case first.';
  if (ws.readOnly) return 'This annotation set is final: it cannot be changed.';
  const calibration = openCalibration(ws);
  if (!calibration) return 'Calibrate the scene first: a ground point belongs to its calibration.';
  const track = ws.document.tracks.get(trackId);
  if (!track) return 'Select an object first (click it on the frame or in Objects).';
  const anchors = calibration.groundAnchors ?? NO_GROUND_ANCHORS;
  const target: { track: TrackId } | { label: LabelId } = every
    ? { label: track.labelId }
    : { track: track.id };
  const inherited = every
    ? DEFAULT_ANCHOR
    : groundAnchorOf({ groundAnchors: { ...anchors, byTrack: {} } }, track);
  const wanted = sameAnchor(anchor, inherited) ? null : anchor;
  const stored = every ? anchors.byLabel[track.labelId] : anchors.byTrack[track.id];
  // Nothing to change: no command, no audit entry.
  if (wanted === null ? stored === undefined : stored && sameAnchor(stored, wanted)) return null;
  try {
    ws.execute(setGroundAnchor(calibration, target, wanted, nowIso()));
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
  return null;
}
