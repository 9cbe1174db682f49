import { formatTick, secondTicks, xAt, type Interval } from '../state/case-timeline';
import { C, MONO } from './timeline-draw';

/**
 * Painting the case timeline (CaseTimeline.svelte): an axis of case seconds, then one lane
 * per video with its extent, its sound and its events. The background is repainted when
 * these change; the foreground (playhead, pointer) on every frame step.
 */

/** Row heights in CSS pixels; the heads beside the canvas use the same. */
export const CT_ROW = { axis: 18, lane: 28 };
export const laneY = (i: number): number => CT_ROW.axis + i * CT_ROW.lane;
export const caseTimelineHeight = (lanes: number): number => CT_ROW.axis + lanes * CT_ROW.lane;

const LEAD = '#4da3ff';
const UNSYNCED = '#e0a040';
const BAR = '#2b2b2b';
const BAR_EDGE = '#555555';
const GRID = 'rgba(255, 255, 255, 0.06)';

export interface CaseEventSpan extends Interval {
  readonly color: string;
  readonly text: string;
}

export interface CaseLaneScene {
  /** Where its frames lie on the case timeline; null: its file is not open. */
  readonly extent: Interval | null;
  /** Min and max (-1..1) of its sound per pixel column (NaN: none there); null: no waveform. */
  readonly wave: { readonly min: Float32Array; readonly max: Float32Array } | null;
  readonly events: readonly CaseEventSpan[];
  readonly lead: boolean;
  /** Not synchronised: drawn as if at offset 0, outlined dashed in amber. */
  readonly unsynced: boolean;
}

export interface CaseScene {
  readonly width: number;
  readonly height: number;
  readonly span: Interval;
  readonly lanes: readonly CaseLaneScene[];
}

/** x0..x1 of an interval, cut to the canvas, at least a pixel wide; null when off it. */
function spanX(t: Interval, scene: { span: Interval; width: number }): [number, number] | null {
  const x0 = Math.max(0, xAt(t.start, scene.span, scene.width));
  const x1 = Math.min(scene.width, xAt(t.end, scene.span, scene.width));
  if (x1 < 0 || x0 > scene.width) return null;
  return [x0, Math.max(x1, x0 + 1)];
}

export function drawCaseBackground(ctx: CanvasRenderingContext2D, scene: CaseScene): void {
  const { width, height } = scene;
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = C.ruler;
  ctx.fillRect(0, 0, width, CT_ROW.axis);
  const { step, ticks } = secondTicks(scene.span, width);
  ctx.font = MONO;
  ctx.textBaseline = 'top';
  for (const t of ticks) {
    const x = Math.round(xAt(t, scene.span, width));
    ctx.fillStyle = GRID;
    ctx.fillRect(x, CT_ROW.axis, 1, height - CT_ROW.axis);
    ctx.fillStyle = C.tick;
    ctx.fillRect(x, CT_ROW.axis - 7, 1, 7);
    ctx.fillStyle = C.text;
    ctx.fillText(formatTick(t, step), x + 3, 3);
  }
  scene.lanes.forEach((lane, i) => drawLane(ctx, scene, lane, laneY(i)));
  ctx.fillStyle = C.line;
  for (let i = 0; i < scene.lanes.length; i++) ctx.fillRect(0, laneY(i), width, 1);
}

function drawLane(
  ctx: CanvasRenderingContext2D,
  scene: CaseScene,
  lane: CaseLaneScene,
  y: number,
): void {
  if (!lane.extent) return;
  const bar = spanX(lane.extent, scene);
  if (!bar) return;
  const top = y + 2;
  const h = CT_ROW.lane - 3;
  const w = bar[1] - bar[0];
  ctx.fillStyle = BAR;
  ctx.fillRect(bar[0], top, w, h);
  ctx.save();
  ctx.beginPath();
  ctx.rect(bar[0], top, w, h);
  ctx.clip();
  // Events: a light wash over their whole span, a solid strip along the top.
  for (const event of lane.events) {
    const x = spanX(event, scene);
    if (!x) continue;
    ctx.globalAlpha = 0.22;
    ctx.fillStyle = event.color;
    ctx.fillRect(x[0], top, x[1] - x[0], h);
    ctx.globalAlpha = 1;
    ctx.fillRect(x[0], top, x[1] - x[0], 4);
  }
  if (lane.wave) drawWave(ctx, lane.wave, bar, top + 5, h - 6);
  drawEventTitles(ctx, scene, lane.events, top);
  ctx.restore();
  // Its edge: the lead in the views' blue; a video not synchronised dashed amber.
  ctx.lineWidth = 1;
  ctx.strokeStyle = lane.lead ? LEAD : lane.unsynced ? UNSYNCED : BAR_EDGE;
  if (lane.unsynced) ctx.setLineDash([4, 3]);
  ctx.strokeRect(bar[0] + 0.5, top + 0.5, Math.max(0, w - 1), h - 1);
  ctx.setLineDash([]);
}

/** One vertical stroke per pixel column from its min to its max, on an axis line. */
function drawWave(
  ctx: CanvasRenderingContext2D,
  wave: NonNullable<CaseLaneScene['wave']>,
  bar: [number, number],
  top: number,
  h: number,
): void {
  const half = h / 2;
  const mid = Math.round(top + half);
  ctx.fillStyle = C.waveAxis;
  ctx.fillRect(bar[0], mid, bar[1] - bar[0], 1);
  ctx.fillStyle = C.wave;
  const last = Math.min(wave.min.length, Math.ceil(bar[1]));
  for (let x = Math.floor(bar[0]); x < last; x++) {
    const lo = wave.min[x]!;
    const hi = wave.max[x]!;
    if (Number.isNaN(lo) || Number.isNaN(hi)) continue;
    const y0 = mid - Math.max(0, hi) * half;
    const y1 = mid - Math.min(0, lo) * half;
    // Silence is the axis alone, so sound and silence are told apart at a glance.
    if (y1 - y0 < 1) continue;
    ctx.fillRect(x, y0, 1, y1 - y0);
  }
}

/** An event's description at its start where it has room (user text, drawn as text). */
function drawEventTitles(
  ctx: CanvasRenderingContext2D,
  scene: CaseScene,
  events: readonly CaseEventSpan[],
  top: number,
): void {
  ctx.font = '10px system-ui, "DejaVu Sans", sans-serif';
  ctx.textBaseline = 'top';
  for (const event of events) {
    const x = spanX(event, scene);
    if (!x || x[1] - x[0] < 40 || !event.text) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x[0] + 2, top, x[1] - x[0] - 4, 14);
    ctx.clip();
    ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
    ctx.fillRect(x[0] + 2, top + 4, ctx.measureText(event.text).width + 4, 11);
    ctx.fillStyle = '#e6e6e6';
    ctx.fillText(event.text, x[0] + 4, top + 4.5);
    ctx.restore();
  }
}

/**
 * The lead's frame on screen (its display interval shaded when wide enough to see, a line
 * at its start, the instant) and the instant under the pointer, named on the axis.
 */
export function drawCaseForeground(
  ctx: CanvasRenderingContext2D,
  scene: { width: number; height: number; span: Interval },
  leadFrame: Interval | null,
  hover: number | null,
): void {
  const { width, height, span } = scene;
  if (hover !== null) {
    const x = Math.round(xAt(hover, span, width));
    ctx.fillStyle = C.hover;
    ctx.fillRect(x, CT_ROW.axis, 1, height - CT_ROW.axis);
    const text = `${hover.toFixed(3)} s`;
    ctx.font = MONO;
    const w = ctx.measureText(text).width + 8;
    const left = Math.min(Math.max(0, x - w / 2), width - w);
    ctx.fillStyle = '#3a3a3a';
    ctx.fillRect(left, 1, w, CT_ROW.axis - 3);
    ctx.fillStyle = '#e6e6e6';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, left + 4, CT_ROW.axis / 2);
  }
  if (!leadFrame) return;
  const x0 = xAt(leadFrame.start, span, width);
  const x1 = xAt(leadFrame.end, span, width);
  if (x1 - x0 >= 3) {
    ctx.fillStyle = C.slot;
    ctx.fillRect(x0, 0, x1 - x0, height);
  }
  const x = Math.round(x0);
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.fillRect(x - 1, 0, 3, height);
  ctx.fillStyle = C.playhead;
  ctx.fillRect(x, 0, 1, height);
  ctx.beginPath();
  ctx.moveTo(x - 5, 0);
  ctx.lineTo(x + 6, 0);
  ctx.lineTo(x + 0.5, 7);
  ctx.closePath();
  ctx.fill();
}
