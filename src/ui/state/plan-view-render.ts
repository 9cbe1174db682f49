import { boundingBox } from '../../core/annotations/shapes';
import { uprightSize } from '../../core/annotations/shapes';
import { planView, planViewSvg, type PlanView } from '../../core/measure/plan-view';
import { openCalibration } from './measure-sources';
import type { PlanWarpRequest, PlanWarpResponse } from './plan-warp-protocol';
import type { Workspace } from './workspace.svelte';

/**
 * The plan view of the open video (core/measure/plan-view.ts): the shown set's calibration,
 * its tracks' measured ground paths, and the frame on screen warped onto the ground in a
 * worker of its own (plan-warp.worker.ts). Returns the PNG, the standalone SVG (embedding the
 * warped ground as a PNG), and the plan's geometry.
 */
export interface RenderedPlanView {
  readonly png: Uint8Array;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly plan: PlanView;
  /** Milliseconds the per-pixel warp took in the worker. */
  readonly warpMs: number;
}

/** Frame pixels added around a redacted object's box (as stills do). */
const REDACTION_MARGIN = 4;

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

function warpInWorker(request: PlanWarpRequest): Promise<Extract<PlanWarpResponse, { ok: true }>> {
  const worker = new Worker(new URL('./plan-warp.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PlanWarpResponse>) => {
      worker.terminate();
      const response = event.data;
      if (response.ok) resolve(response);
      else reject(new Error(`The plan view could not be drawn: ${response.message}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(
        new Error(`The plan view could not be drawn: ${event.message || 'the worker stopped'}.`),
      );
    };
    worker.postMessage(request, [request.bitmap]);
  });
}

export async function renderPlanView(ws: Workspace): Promise<RenderedPlanView> {
  // Everything is read now, before any await: the frame on screen may change meanwhile.
  const calibration = openCalibration(ws);
  const evidence = ws.evidence;
  if (!calibration || !evidence) {
    throw new Error('Calibrate the scene first: the plan view needs the ground plane.');
  }
  const shown = ws.player.shown;
  if (!shown) {
    throw new Error(
      'No frame is on screen: wait until the frame is shown, then open the plan view again.',
    );
  }
  let plan: PlanView;
  try {
    plan = planView({
      calibration,
      evidence,
      tracks: ws.document.tracks.values(),
      labels: ws.document.labels,
      frame: shown.frame.index,
    });
  } catch (error) {
    throw new Error(
      `The scene calibration cannot be used for a plan view: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const redactions = ws.visible
    .filter((r) => ws.redactedTrackIds.has(r.track.id))
    .map((r) => {
      const b = boundingBox(r.shape);
      const m = REDACTION_MARGIN;
      return { x: b.x - m, y: b.y - m, width: b.width + 2 * m, height: b.height + 2 * m };
    });
  // A copy of the picture goes to the worker (the one on screen stays with the stage).
  const bitmap = await shown.cleanCopy();
  const { width: frameWidth, height: frameHeight } = uprightSize(evidence);
  const warped = await warpInWorker({
    bitmap,
    frameWidth,
    frameHeight,
    worldToImage: plan.fit.worldToImage,
    distortion: plan.distortion,
    map: {
      width: plan.mapWidth,
      height: plan.mapHeight,
      minX: plan.extent.minX,
      maxY: plan.extent.maxY,
      pxPerM: plan.pxPerM,
    },
    width: plan.width,
    height: plan.height,
    items: plan.items,
    redactions,
  });
  return {
    png: warped.png,
    svg: planViewSvg(plan, `data:image/png;base64,${base64(warped.groundPng)}`),
    width: plan.width,
    height: plan.height,
    plan,
    warpMs: warped.warpMs,
  };
}
