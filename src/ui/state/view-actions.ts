/**
 * Stepping with one field shown (issue 18): on interlaced footage ← and → go field by field
 * (twice the frame rate, in the order the fields were filmed: vision/field-steps.ts); on
 * progressive footage, or with both fields shown, they go frame by frame as always.
 */
import { firstFieldOf, stepField } from '../../vision/field-steps';
import { chromaSubsampling } from '../../media/yuv-to-rgba';
import type { VideoSource } from '../../media/video-source';
import type { Workspace } from './workspace.svelte';

/**
 * Before `source` becomes the lead video: the View panel hears of its picture (what of the
 * view it cannot show is set back, and said in the notice under the top bar) and the player
 * is given the view it will show it with, so its first frame is never asked for with a view
 * it cannot show.
 */
export function fitViewToLead(ws: Workspace, source: VideoSource): void {
  const { height, pixelFormat } = source.facts;
  const changed = ws.view.setPicture({ height, chromaY: chromaSubsampling(pixelFormat)?.y ?? 0 });
  if (changed) ws.notice = changed;
  ws.player.setView(ws.view.rendered, ws.frameCompare.pinned !== null);
}

/** The field filmed first when ← → step by field now; null when they step by frame. */
export function fieldStepping(ws: Workspace): 'top' | 'bottom' | null {
  if (ws.view.settings.fields === 'both' || !ws.source) return null;
  return firstFieldOf(ws.source.facts.fieldOrder);
}

/** One step back (−1) or on (+1): a field when fieldStepping, else a frame. */
export function stepFrameOrField(ws: Workspace, delta: 1 | -1): void {
  const first = fieldStepping(ws);
  const field = ws.view.settings.fields;
  if (!first || field === 'both') return ws.player.step(delta);
  const at = { frame: ws.player.wanted, field };
  const next = stepField(at, delta, first, ws.player.frameCount);
  if (next.field !== field) ws.view.change({ fields: next.field });
  if (next.frame !== ws.player.wanted) ws.player.goTo(next.frame);
}
