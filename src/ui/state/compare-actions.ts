/**
 * Comparing two annotation sets of the video on screen (issue 17): each set's tracks and
 * events (the one on screen as edited, any other as stored), compared in a worker by core's
 * `compareSets`; then walking the differences, each on its frame with both sets drawn over it.
 */
import { buildDocument } from '../../core/annotations/history';
import type { ComparedSet, Difference } from '../../core/compare/compare-sets';
import type { SetId } from '../../core/ids';
import { parseRate } from '../../core/time/time-base';
import type { CompareRequest, CompareResponse } from './compare-protocol';
import type { Workspace } from './workspace.svelte';

/** A set's tracks, events and labels: the one on screen as it stands, another as stored. */
export async function comparedSetOf(ws: Workspace, setId: SetId): Promise<ComparedSet> {
  let document = ws.document;
  if (setId !== ws.annotationSet?.id) {
    await ws.writer.settled();
    const records = await ws.repository.recordsOf(setId);
    document = buildDocument({ ...records, labels: ws.document.labels });
  }
  return {
    tracks: [...document.tracks.values()],
    events: [...document.events.values()],
    labels: document.labels,
  };
}

export function compareInWorker(request: CompareRequest): Promise<CompareResponse> {
  const worker = new Worker(new URL('./compare.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<CompareResponse>((resolve) => {
    worker.onmessage = (event: MessageEvent<CompareResponse>) => resolve(event.data);
    worker.onerror = (event) =>
      resolve({ ok: false, message: event.message || 'the comparison stopped' });
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/** Why the chosen settings cannot be compared, in words; null when they can. */
export function comparisonProblem(ws: Workspace): string | null {
  const c = ws.comparison;
  if (!c.referenceId || !c.comparedId) return 'Choose a reference set and a compared set.';
  if (c.referenceId === c.comparedId) {
    return 'The reference set and the compared set are the same set: choose two different sets.';
  }
  const iou = Number(c.iouThreshold);
  if (!Number.isFinite(iou) || iou <= 0 || iou > 1) {
    return `The IoU threshold must be a number above 0 and at most 1 (it is ${c.iouThreshold}).`;
  }
  const tolerance = Number(c.eventTolerance);
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 1000) {
    return `The event tolerance must be a whole number of frames from 0 to 1000 (it is ${c.eventTolerance}).`;
  }
  return null;
}

export async function runComparison(ws: Workspace): Promise<void> {
  const c = ws.comparison;
  const problem = comparisonProblem(ws);
  c.clear();
  if (problem) {
    c.problem = problem;
    return;
  }
  const [referenceSet, comparedSet] = [c.referenceId, c.comparedId].map((id) =>
    ws.sets.find((s) => s.id === id),
  );
  if (!referenceSet || !comparedSet) return;
  c.running = true;
  try {
    const reference = await comparedSetOf(ws, referenceSet.id);
    const compared = await comparedSetOf(ws, comparedSet.id);
    const facts = ws.source?.facts;
    const fps = parseRate(facts?.averageFrameRate) ?? parseRate(facts?.nominalFrameRate);
    const response = await compareInWorker({
      reference,
      compared,
      options: {
        iouThreshold: Number(c.iouThreshold),
        eventToleranceFrames: Number(c.eventTolerance),
        fps,
      },
    });
    if (!response.ok) {
      c.problem = `The sets could not be compared: ${response.message}.`;
      return;
    }
    c.result = response.result;
    c.ms = Math.round(response.ms);
    c.sets = { reference, compared };
    c.names = { reference: referenceSet.name, compared: comparedSet.name };
  } catch (error) {
    c.problem = `The sets could not be compared: ${error instanceof Error ? error.message : String(error)}.`;
  } finally {
    c.running = false;
  }
}

/** Shows a difference: its first frame on screen, both sets drawn over it. */
export function showDifference(ws: Workspace, difference: Difference): void {
  ws.comparison.selected = difference;
  ws.player.pause();
  ws.player.goTo(difference.frame);
}

/** Opens (or closes) the panel; first time, the earliest set is the reference, the shown one compared. */
export function openComparison(ws: Workspace): void {
  const c = ws.comparison;
  c.open = !c.open;
  if (!c.open) return;
  const ids = new Set(ws.sets.map((s) => s.id as string));
  if (!ids.has(c.referenceId)) c.referenceId = ws.sets[0]?.id ?? '';
  if (!ids.has(c.comparedId)) {
    const other = ws.sets.find((s) => s.id !== c.referenceId);
    c.comparedId =
      (ws.annotationSet?.id !== c.referenceId ? ws.annotationSet?.id : other?.id) ?? '';
  }
}
