import {
  frameCenterX,
  frameLeftX,
  pixelsPerFrame,
  textColorOn,
  tickSpacing,
  type Span,
  type ViewRange,
} from '../../core/annotations/timeline';
import type { TrackedSpan } from '../../core/annotations/tracked-runs';

/**
 * Painting the timeline on two stacked canvases: the background (ruler, events, tracks, here)
 * is repainted only when annotations, selection, zoom or size change; the foreground
 * (timeline-playhead.ts) on every frame step, so playback never repaints 10 000 tracks.
 */

/** Row heights in CSS pixels; the label column beside the canvas uses the same. */
export const ROW = {
  ruler: 22,
  marks: 16,
  events: 18,
  wave: 30,
  selected: 18,
  lane: 12,
  laneGap: 2,
  lanesPad: 4,
};
/** Lanes are tall enough for the object's title on its bar and beside the lane. */
export const MAX_LANES = 5;
export const LANES_HEIGHT = MAX_LANES * (ROW.lane + ROW.laneGap) + ROW.lanesPad;
export const TIMELINE_HEIGHT =
  ROW.ruler + ROW.marks + ROW.events + ROW.wave + ROW.selected + LANES_HEIGHT;
export const Y = {
  marks: ROW.ruler,
  events: ROW.ruler + ROW.marks,
  wave: ROW.ruler + ROW.marks + ROW.events,
  selected: ROW.ruler + ROW.marks + ROW.events + ROW.wave,
  lanes: ROW.ruler + ROW.marks + ROW.events + ROW.wave + ROW.selected,
};
/** The top of a lane, in CSS pixels from the top of the timeline. */
export const laneTop = (lane: number): number =>
  Y.lanes + ROW.lanesPad / 2 + lane * (ROW.lane + ROW.laneGap);

/** Neutral greys from app.css; saturated colour only for what is drawn on the footage. */
export const C = {
  bg: '#1e1e1e',
  ruler: '#262626',
  line: '#3a3a3a',
  tick: '#707070',
  text: '#a8a8a8',
  playhead: '#f0f0f0',
  slot: 'rgba(255, 255, 255, 0.10)',
  hover: 'rgba(255, 255, 255, 0.35)',
  noLabel: '#8a8a8a',
  /** The waveform: a light neutral grey, so it reads without competing with the overlays. */
  wave: '#b4b4b4',
  waveAxis: '#4a4a4a',
  /** Tracked spans: violet while proposed, green once a person confirmed them. */
  trackedProposed: '#b197fc',
  trackedConfirmed: '#69db7c',
};

/** A stripe under a bar where the tracker proposed the positions (see C.tracked*). */
function drawTrackedStripes(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  spans: readonly TrackedSpan[],
  y: number,
  height: number,
): void {
  for (const span of spans) {
    const x = spanX(span, scene);
    if (!x) continue;
    ctx.fillStyle = span.confirmed ? C.trackedConfirmed : C.trackedProposed;
    ctx.fillRect(x[0], y, x[1] - x[0], height);
  }
}
export const FONT = '11px system-ui, "DejaVu Sans", sans-serif';
export const MONO = '11px ui-monospace, "DejaVu Sans Mono", monospace';
const SMALL = '10px system-ui, "DejaVu Sans", sans-serif';
/** Narrower bars carry no title (the lane's heading names them). */
const MIN_TITLED_BAR = 36;

export interface EventBar extends Span {
  readonly color: string;
  readonly text: string;
}

export interface SelectedRow {
  readonly spans: readonly Span[];
  /** Where the tracker proposed its positions (marked under the bar), confirmed or not. */
  readonly tracked: readonly TrackedSpan[];
  readonly keyframes: readonly { frame: number; origin: string; outside: boolean }[];
  readonly color: string;
}

export interface LaneObject {
  readonly spans: readonly Span[];
  readonly tracked: readonly TrackedSpan[];
  /** "officer #2": written on its bar where the bar is wide enough. */
  readonly title: string;
  readonly color: string;
  readonly lane: number;
  readonly dim: boolean;
  readonly selected: boolean;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly view: ViewRange;
  readonly events: readonly EventBar[];
  readonly selected: SelectedRow | null;
  readonly lanes: readonly LaneObject[];
  /** The sound's min and max (-1..1) per pixel column (NaN: no sound there); null: none. */
  readonly wave: { readonly min: Float32Array; readonly max: Float32Array } | null;
}

/** A canvas sized for the device's pixels, with a context drawing in CSS pixels. */
export function prepare(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  dpr: number,
): CanvasRenderingContext2D | null {
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx?.clearRect(0, 0, width, height);
  return ctx;
}

/** x0..x1 of a span's slots, cut to the canvas; null when it is off screen. */
function spanX(span: Span, scene: Scene): [number, number] | null {
  const { view, width } = scene;
  if (span.end < view.first || span.start > view.last) return null;
  const x0 = Math.max(0, frameLeftX(span.start, view, width));
  const x1 = Math.min(width, frameLeftX(span.end + 1, view, width));
  return [x0, Math.max(x1, x0 + 1)]; // at least a pixel, so one-frame spans show
}

export function drawBackground(ctx: CanvasRenderingContext2D, scene: Scene): void {
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, scene.width, scene.height);
  drawRuler(ctx, scene);
  drawEvents(ctx, scene);
  if (scene.wave) drawWave(ctx, scene, scene.wave);
  if (scene.selected) drawSelected(ctx, scene, scene.selected);
  drawLanes(ctx, scene);
  ctx.fillStyle = C.line;
  for (const y of [Y.marks, Y.events, Y.wave, Y.selected, Y.lanes])
    ctx.fillRect(0, y, scene.width, 1);
}

function drawRuler(ctx: CanvasRenderingContext2D, { width, view }: Scene): void {
  ctx.fillStyle = C.ruler;
  ctx.fillRect(0, 0, width, ROW.ruler);
  const { major, minor } = tickSpacing(pixelsPerFrame(view, width));
  ctx.fillStyle = C.tick;
  const bottom = ROW.ruler;
  for (let f = Math.ceil(view.first / minor) * minor; f <= view.last; f += minor) {
    const tall = f % major === 0 ? 8 : 4;
    ctx.fillRect(Math.round(frameCenterX(f, view, width)), bottom - tall, 1, tall);
  }
  ctx.fillStyle = C.text;
  ctx.font = MONO;
  ctx.textBaseline = 'top';
  for (let f = Math.ceil(view.first / major) * major; f <= view.last; f += major) {
    ctx.fillText(String(f), Math.round(frameCenterX(f, view, width)) + 3, 2);
  }
}

function drawEvents(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const top = Y.events + 2;
  const h = ROW.events - 5;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  for (const event of scene.events) {
    const x = spanX(event, scene);
    if (!x) continue;
    ctx.fillStyle = event.color;
    ctx.fillRect(x[0], top, x[1] - x[0], h);
    if (x[1] - x[0] < 16 || !event.text) continue;
    // The description, clipped to its bar (user text: drawn as text, never markup).
    ctx.save();
    ctx.beginPath();
    ctx.rect(x[0] + 3, top, x[1] - x[0] - 6, h);
    ctx.clip();
    ctx.fillStyle = textColorOn(event.color);
    ctx.fillText(event.text, x[0] + 4, top + h / 2 + 0.5);
    ctx.restore();
  }
}

/** The waveform: one vertical stroke per pixel column from its min to its max, on an axis. */
function drawWave(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  wave: NonNullable<Scene['wave']>,
): void {
  const half = (ROW.wave - 4) / 2;
  const mid = Y.wave + 2 + half;
  ctx.fillStyle = C.waveAxis;
  ctx.fillRect(0, Math.round(mid), scene.width, 1);
  ctx.fillStyle = C.wave;
  const columns = Math.min(wave.min.length, Math.ceil(scene.width));
  for (let x = 0; x < columns; x++) {
    const lo = wave.min[x]!;
    const hi = wave.max[x]!;
    if (Number.isNaN(lo) || Number.isNaN(hi)) continue;
    const top = mid - Math.max(0, hi) * half;
    const bottom = mid - Math.min(0, lo) * half;
    // Silence is the axis alone, so sound and silence are told apart at a glance.
    if (bottom - top < 1) continue;
    ctx.fillRect(x, top, 1, bottom - top);
  }
}

function drawSelected(ctx: CanvasRenderingContext2D, scene: Scene, row: SelectedRow): void {
  const mid = Y.selected + (ROW.selected - 1) / 2;
  ctx.globalAlpha = 0.5;
  ctx.fillStyle = row.color;
  for (const span of row.spans) {
    const x = spanX(span, scene);
    if (x) ctx.fillRect(x[0], mid - 3, x[1] - x[0], 6);
  }
  ctx.globalAlpha = 1;
  drawTrackedStripes(ctx, scene, row.tracked, mid + 4, 3);
  const { view, width } = scene;
  const r = 5;
  ctx.lineWidth = 1.5;
  for (const key of row.keyframes) {
    if (key.frame < view.first || key.frame > view.last) continue;
    // A tracked run has a keyframe on every frame: its stripe marks it, not a diamond each.
    if (key.origin === 'tracked') continue;
    const cx = Math.round(frameCenterX(key.frame, view, width)) + 0.5;
    if (key.outside) {
      // Where it left the view: a small grey cross, not a diamond (nothing was drawn there).
      ctx.strokeStyle = C.text;
      ctx.beginPath();
      ctx.moveTo(cx - 3, mid - 3);
      ctx.lineTo(cx + 3, mid + 3);
      ctx.moveTo(cx + 3, mid - 3);
      ctx.lineTo(cx - 3, mid + 3);
      ctx.stroke();
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(cx, mid - r);
    ctx.lineTo(cx + r, mid);
    ctx.lineTo(cx, mid + r);
    ctx.lineTo(cx - r, mid);
    ctx.closePath();
    // Filled: a person drew it there; hollow: propagated or computed (not drawn there).
    if (key.origin === 'drawn') {
      ctx.fillStyle = row.color;
      ctx.fill();
      ctx.strokeStyle = C.bg;
    } else {
      ctx.fillStyle = C.bg;
      ctx.fill();
      ctx.strokeStyle = row.color;
    }
    ctx.stroke();
  }
}

/** One path per colour, so 10 000 tracks cost a few fills rather than 10 000. */
function drawLanes(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const paths = new Map<string, { path: Path2D; color: string; alpha: number }>();
  const outline = new Path2D();
  for (const object of scene.lanes) {
    const id = `${object.color}|${object.dim}`;
    let entry = paths.get(id);
    if (!entry) {
      entry = { path: new Path2D(), color: object.color, alpha: object.dim ? 0.3 : 0.85 };
      paths.set(id, entry);
    }
    const y = laneTop(object.lane);
    for (const span of object.spans) {
      const x = spanX(span, scene);
      if (!x) continue;
      entry.path.rect(x[0], y, x[1] - x[0], ROW.lane);
      if (object.selected) outline.rect(x[0] + 0.5, y - 0.5, x[1] - x[0] - 1, ROW.lane + 1);
    }
  }
  for (const { path, color, alpha } of paths.values()) {
    ctx.globalAlpha = alpha;
    ctx.fillStyle = color;
    ctx.fill(path);
  }
  ctx.globalAlpha = 1;
  for (const object of scene.lanes) {
    drawTrackedStripes(ctx, scene, object.tracked, laneTop(object.lane) + ROW.lane - 2, 2);
  }
  ctx.strokeStyle = C.playhead;
  ctx.lineWidth = 1;
  ctx.stroke(outline);
  drawLaneTitles(ctx, scene);
}

/** Each object's title on the first bar of it in view that is wide enough to hold some. */
function drawLaneTitles(ctx: CanvasRenderingContext2D, scene: Scene): void {
  ctx.font = SMALL;
  ctx.textBaseline = 'middle';
  for (const object of scene.lanes) {
    const y = laneTop(object.lane);
    for (const span of object.spans) {
      const x = spanX(span, scene);
      if (!x || x[1] - x[0] < MIN_TITLED_BAR) continue;
      // User text (a label name): drawn as text, clipped to its bar.
      ctx.save();
      ctx.beginPath();
      ctx.rect(x[0] + 2, y, x[1] - x[0] - 4, ROW.lane);
      ctx.clip();
      ctx.globalAlpha = object.dim ? 0.6 : 1;
      ctx.fillStyle = textColorOn(object.color);
      ctx.fillText(object.title, x[0] + 3, y + ROW.lane / 2 + 0.5);
      ctx.restore();
      break;
    }
  }
}
