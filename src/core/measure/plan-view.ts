import type { Evidence, Label, Track } from '../annotations/model';
import { labelOf, trackTitle } from '../annotations/tracks';
import { exportFileName } from '../exports/export-json';
import { distortionOf } from './compute-measurement';
import { undistort, type Distortion } from './distortion';
import { groundPointOf, isMeasuredKeyframe } from './ground-point';
import type { GroundExtent } from './ground-grid';
import { fitHomography, type HomographyFit } from './homography';
import { project, type Vec2 } from './matrix';
import { drawingSvg, textWidth, type PlanItem, type TextAnchor } from './plan-drawing';
import type { SceneCalibration } from './records';

/**
 * The plan view (issue 13): the ground plane seen from above, with each object's measured
 * ground path in metres, its frames ticked, the reference points and a scale bar.
 *
 * Orientation: world x to the right and world y UP the page, as a map reads (the plan's
 * pixel y is flipped against world y). The image is a title band, the map, and a legend band
 * under it; the map's plan pixel (px, py), counted from the map's top-left corner, covers the
 * ground square whose centre is (minX + (px + ½)/s, maxY − (py + ½)/s), s pixels per metre.
 *
 * Positions are those measurement uses: drawn or propagated keyframes only, each object's
 * ground point undistorted (when a distortion is set) and mapped by the homography fitted
 * to the undistorted reference points, as compute-measurement.ts does.
 */

export interface PlanPoint {
  readonly frame: number;
  /** Metres on the ground. */
  readonly world: Vec2;
}

export interface PlanTrack {
  readonly id: string;
  readonly title: string;
  /** The label's colour (#rrggbb). */
  readonly color: string;
  /** Measured positions in frame order. */
  readonly points: readonly PlanPoint[];
  /** Measured positions left out because they fall on or beyond the horizon. */
  readonly beyondHorizon: number;
}

export interface PlanTick {
  readonly frame: number;
  readonly at: Vec2;
  readonly from: Vec2;
  readonly to: Vec2;
  readonly labelAt: Vec2;
  readonly anchor: TextAnchor;
}

export interface ScaleBar {
  readonly metres: number;
  readonly px: number;
}

export interface PlanView {
  /** The whole image (title band, map, legend band), in pixels. */
  readonly width: number;
  readonly height: number;
  readonly pxPerM: number;
  /** The ground the map shows (m): exactly mapWidth × mapHeight pixels at pxPerM. */
  readonly extent: GroundExtent;
  readonly mapTop: number;
  readonly mapWidth: number;
  readonly mapHeight: number;
  /** Undistorted image pixels → metres, and back. */
  readonly fit: HomographyFit;
  readonly distortion: Distortion | null;
  readonly tracks: readonly PlanTrack[];
  readonly referencePoints: readonly Vec2[];
  readonly scaleBar: ScaleBar;
  /** The grid's spacing (m). */
  readonly gridStep: number;
  /** The frame whose picture is warped onto the ground. */
  readonly frame: number;
  readonly title: string;
  readonly subtitle: string;
  /** What is drawn, in order (the ground image where its item is). */
  readonly items: readonly PlanItem[];
}

export interface PlanViewInput {
  readonly calibration: SceneCalibration;
  readonly evidence: Pick<Evidence, 'width' | 'height' | 'rotation' | 'timeBase' | 'fileName'>;
  readonly tracks: Iterable<Track>;
  readonly labels: readonly Label[];
  /** The frame on screen, whose picture becomes the ground. */
  readonly frame: number;
}

export const MAX_LONG_SIDE_PX = 1600;
export const MIN_LONG_SIDE_PX = 400;
/** Narrower maps are widened (more ground either side) so the title and legend fit. */
export const MIN_MAP_WIDTH_PX = 560;
export const TITLE_BAND_PX = 50;
const LEGEND_LINE_PX = 20;
const LEGEND_PAD_PX = 10;
const NOTE_LINE_PX = 15;
/** Frame ticks closer than this on the plan are thinned out (px). */
export const MIN_TICK_SPACING_PX = 34;

const BAND = '#1e1e1e';
const BAND_TEXT = '#e6e6e6';
const BAND_MUTED = '#b4b4b4';
const GREY = '#4a4a4a';
const HALO = '#101010';

/** The largest 1, 2 or 5 × 10ⁿ metres not over `max` (the scale bar's and grid's steps). */
export function niceLength(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [5, 2, 1]) if (m * power <= max * (1 + 1e-9)) return m * power;
  return power;
}

/** World metres → plan pixels (whole image; y flipped: world y up the page). */
export const worldToPlan = (plan: PlanView, p: Vec2): Vec2 => ({
  x: (p.x - plan.extent.minX) * plan.pxPerM,
  y: plan.mapTop + (plan.extent.maxY - p.y) * plan.pxPerM,
});

/** Plan pixels (whole image) → world metres. */
export const planToWorld = (plan: PlanView, p: Vec2): Vec2 => ({
  x: plan.extent.minX + p.x / plan.pxPerM,
  y: plan.extent.maxY - (p.y - plan.mapTop) / plan.pxPerM,
});

/** The homography fitted to the calibration's reference points (undistorted when set). */
export function planFit(
  calibration: SceneCalibration,
  evidence: PlanViewInput['evidence'],
): { fit: HomographyFit; distortion: Distortion | null } {
  const distortion = distortionOf(calibration, evidence);
  const straight = (p: Vec2) => (distortion ? undistort(distortion, p) : p);
  const fit = fitHomography(
    calibration.points.map((p) => ({ image: straight(p.image), world: p.world })),
  );
  return { fit, distortion };
}

/** Each track's measured ground points in frame order; tracks with none are left out. */
export function planTracks(
  tracks: Iterable<Track>,
  labels: readonly Label[],
  fit: HomographyFit,
  distortion: Distortion | null,
  referenceImage: Vec2,
): PlanTrack[] {
  const h = fit.imageToWorld;
  const side = (p: Vec2) => Math.sign(h[6] * p.x + h[7] * p.y + h[8]);
  const ours = side(referenceImage);
  const out: PlanTrack[] = [];
  for (const track of [...tracks].sort((a, b) => a.number - b.number)) {
    const points: PlanPoint[] = [];
    let beyondHorizon = 0;
    for (const k of [...track.keyframes].sort((a, b) => a.frame - b.frame)) {
      if (!isMeasuredKeyframe(k)) continue;
      const ground = groundPointOf(k.shape);
      if (!ground) continue;
      const image = distortion ? undistort(distortion, ground) : ground;
      const world = side(image) === ours ? project(h, image) : null;
      if (world && Number.isFinite(world.x) && Number.isFinite(world.y)) {
        points.push({ frame: k.frame, world });
      } else beyondHorizon++;
    }
    if (points.length === 0) continue;
    out.push({
      id: track.id,
      title: trackTitle(labels, track),
      color: labelOf(labels, track)?.color ?? '#ffffff',
      points,
      beyondHorizon,
    });
  }
  return out;
}

/** The ground the plan shows: every point, a margin of a tenth of the span (≥ 1 m), whole metres. */
export function planExtent(points: readonly Vec2[]): GroundExtent {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const margin = Math.max(1, 0.1 * Math.max(maxX - minX, maxY - minY));
  return {
    minX: Math.floor(minX - margin),
    maxX: Math.ceil(maxX + margin),
    minY: Math.floor(minY - margin),
    maxY: Math.ceil(maxY + margin),
  };
}

/**
 * The frame's finest view of the ground near the reference points (image px per metre, the
 * larger of the two ground directions): the plan is not drawn finer than the frame shows it.
 */
export function nativePxPerM(fit: HomographyFit, world: readonly Vec2[]): number {
  let best = 0;
  const step = 0.1;
  for (const p of world) {
    const a = project(fit.worldToImage, p);
    const bx = project(fit.worldToImage, { x: p.x + step, y: p.y });
    const by = project(fit.worldToImage, { x: p.x, y: p.y + step });
    if (!a) continue;
    for (const b of [bx, by]) {
      const d = b ? Math.hypot(b.x - a.x, b.y - a.y) / step : NaN;
      if (Number.isFinite(d)) best = Math.max(best, d);
    }
  }
  return best > 0 ? best : 50;
}

/**
 * Pixels per metre: the frame's own resolution, held between MIN_LONG_SIDE_PX and
 * MAX_LONG_SIDE_PX on the image's long side (`bands`: the title and legend's height).
 */
export function planScale(extent: GroundExtent, native: number, bands: number): number {
  const [w, h] = [extent.maxX - extent.minX, extent.maxY - extent.minY];
  const most = Math.min(MAX_LONG_SIDE_PX / w, (MAX_LONG_SIDE_PX - bands) / h);
  const least = MIN_LONG_SIDE_PX / Math.max(w, h);
  return Math.min(most, Math.max(least, native));
}

/** Which of the points keep their tick: the first, the last, none closer than `spacing`. */
export function thinTicks(points: readonly Vec2[], spacing = MIN_TICK_SPACING_PX): number[] {
  const kept: number[] = [];
  const far = (i: number, j: number) =>
    Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y) >= spacing;
  points.forEach((_, i) => {
    if (kept.length === 0 || far(i, kept.at(-1)!)) kept.push(i);
  });
  const last = points.length - 1;
  if (last > 0 && kept.at(-1) !== last) {
    if (kept.length > 1 && !far(last, kept.at(-1)!)) kept.pop();
    kept.push(last);
  }
  return kept;
}

/** Tick marks across a path at the kept points, labelled on the side away from `avoid`. */
function ticksOf(
  points: readonly Vec2[],
  frames: readonly number[],
  avoid: Vec2 | null,
): PlanTick[] {
  return thinTicks(points).map((i) => {
    const p = points[i]!;
    const a = points[Math.max(0, i - 1)]!;
    const b = points[Math.min(points.length - 1, i + 1)]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    let n = length > 1e-9 ? { x: -(b.y - a.y) / length, y: (b.x - a.x) / length } : { x: 0, y: -1 };
    if (avoid && (p.x - avoid.x) * n.x + (p.y - avoid.y) * n.y < 0) n = { x: -n.x, y: -n.y };
    const anchor: TextAnchor = n.x > 0.35 ? 'start' : n.x < -0.35 ? 'end' : 'middle';
    const drop = n.y > 0.35 ? 9 : n.y < -0.35 ? 0 : 4;
    return {
      frame: frames[i]!,
      at: p,
      from: { x: p.x - n.x * 6, y: p.y - n.y * 6 },
      to: { x: p.x + n.x * 6, y: p.y + n.y * 6 },
      labelAt: { x: p.x + n.x * 11, y: p.y + n.y * 11 + drop },
      anchor,
    };
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Words wrapped into lines no wider than `width` pixels at `size` (estimated). */
export function wrapText(value: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of value.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && textWidth(next, size) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

const NOTE_SIZE = 10.5;

/** The lines of the legend band (swatches, then notes), wrapped to the image's width. */
function legendLines(tracks: readonly PlanTrack[], notes: readonly string[], width: number) {
  const entries = tracks.map((t) => {
    const frames = t.points.map((p) => p.frame);
    const span =
      frames.length === 1 ? `frame ${frames[0]}` : `frames ${frames[0]}–${frames.at(-1)}`;
    return {
      color: t.color,
      text: `${t.title} (${plural(frames.length, 'position', 'positions')}, ${span})`,
    };
  });
  const rows: { color: string; text: string; x: number }[][] = [[]];
  let x = LEGEND_PAD_PX;
  for (const e of entries) {
    const w = 18 + textWidth(e.text, 12) + 16;
    if (x + w > width - LEGEND_PAD_PX && rows.at(-1)!.length > 0) {
      rows.push([]);
      x = LEGEND_PAD_PX;
    }
    rows.at(-1)!.push({ ...e, x });
    x += w;
  }
  const wrapped = notes.flatMap((n) => wrapText(n, NOTE_SIZE, width - 2 * LEGEND_PAD_PX));
  return { rows: entries.length === 0 ? [] : rows, notes: wrapped };
}

/** A text shortened with "…" to fit `width` pixels at `size` (estimated). */
function fitted(text: string, size: number, width: number, bold: boolean): string {
  const chars = [...text];
  if (textWidth(text, size, bold) <= width) return text;
  const keep = Math.max(1, Math.floor(width / (size * (bold ? 0.66 : 0.62))) - 1);
  return `${chars.slice(0, keep).join('')}…`;
}

/** The plan view of a calibrated scene; CalibrationError (in words) if the points do not fit. */
export function planView(input: PlanViewInput): PlanView {
  const { fit, distortion } = planFit(input.calibration, input.evidence);
  const reference = input.calibration.points.map((p) => p.world);
  const firstImage = input.calibration.points[0]!.image;
  const tracks = planTracks(
    input.tracks,
    input.labels,
    fit,
    distortion,
    distortion ? undistort(distortion, firstImage) : firstImage,
  );
  let extent = planExtent([...reference, ...tracks.flatMap((t) => t.points.map((p) => p.world))]);

  const beyond = tracks.reduce((t, track) => t + track.beyondHorizon, 0);
  const notes = [
    `Ground: frame ${input.frame} warped through the homography (grey: ground the camera does not see); only the ground is true to scale, anything standing on it is stretched away from the camera. Axes: x to the right, y up, in metres.`,
    `Ticks mark measured positions (drawn or propagated keyframes) with their frame numbers; crosses the numbered reference points.${beyond > 0 ? ` ${plural(beyond, 'position', 'positions')} beyond the horizon left out.` : ''}`,
  ];
  // The legend's height depends on the width, which depends on the scale: lay out twice.
  const legendHeight = (width: number) => {
    const lines = legendLines(tracks, notes, width);
    return (
      LEGEND_PAD_PX * 2 + lines.rows.length * LEGEND_LINE_PX + lines.notes.length * NOTE_LINE_PX
    );
  };
  const native = nativePxPerM(fit, reference);
  let pxPerM = planScale(extent, native, TITLE_BAND_PX + legendHeight(MIN_MAP_WIDTH_PX));
  let mapWidth = Math.round((extent.maxX - extent.minX) * pxPerM);
  if (mapWidth < MIN_MAP_WIDTH_PX) {
    const extra = (MIN_MAP_WIDTH_PX / pxPerM - (extent.maxX - extent.minX)) / 2;
    extent = { ...extent, minX: extent.minX - extra, maxX: extent.maxX + extra };
    mapWidth = MIN_MAP_WIDTH_PX;
  }
  const mapHeight = Math.round((extent.maxY - extent.minY) * pxPerM);
  // Exactly whole pixels: the extent follows the rounded map size.
  pxPerM = mapWidth / (extent.maxX - extent.minX);
  extent = { ...extent, minY: extent.maxY - mapHeight / pxPerM };
  const mapTop = TITLE_BAND_PX;
  const width = mapWidth;
  const height = mapTop + mapHeight + legendHeight(width);

  const title = input.evidence.fileName;
  const subtitle = `Plan view — ground plane from the homography (${plural(input.calibration.points.length, 'reference point', 'reference points')})`;
  const scaleMetres = niceLength((0.3 * mapWidth) / pxPerM);
  const gridStep = niceLength(Math.max(extent.maxX - extent.minX, extent.maxY - extent.minY) / 8);
  const base = {
    width,
    height,
    pxPerM,
    extent,
    mapTop,
    mapWidth,
    mapHeight,
    fit,
    distortion,
    tracks,
    referencePoints: reference,
    scaleBar: { metres: scaleMetres, px: scaleMetres * pxPerM },
    gridStep,
    frame: input.frame,
    title,
    subtitle,
  };
  return { ...base, items: planItems({ ...base, items: [] }, notes) };
}

const text = (
  at: Vec2,
  value: string,
  size: number,
  fill: string,
  anchor: TextAnchor = 'start',
  bold = false,
  halo: string | null = HALO,
): PlanItem => ({ kind: 'text', at, text: value, size, fill, anchor, bold, halo });

const rect = (
  x: number,
  y: number,
  width: number,
  height: number,
  fill: string,
  opacity = 1,
  stroke: string | null = null,
): PlanItem => ({ kind: 'rect', x, y, width, height, fill, opacity, stroke });

const line = (from: Vec2, to: Vec2, stroke: string, width: number, opacity = 1): PlanItem => ({
  kind: 'line',
  from,
  to,
  stroke,
  width,
  opacity,
});

const metres = (v: number) => `${Number(v.toFixed(3))} m`;

/** Everything drawn, back to front: bands, ground, grid, paths, ticks, points, scale bar. */
function planItems(plan: PlanView, notes: readonly string[]): PlanItem[] {
  const { width, height, mapTop, mapWidth, mapHeight, extent, gridStep } = plan;
  const items: PlanItem[] = [
    rect(0, 0, width, height, BAND),
    rect(0, mapTop, mapWidth, mapHeight, GREY),
    { kind: 'ground', x: 0, y: mapTop, width: mapWidth, height: mapHeight },
  ];
  const toPlan = (p: Vec2) => worldToPlan(plan, p);

  // The grid, labelled in metres along the map's top and left edges.
  for (let x = Math.ceil(extent.minX / gridStep) * gridStep; x <= extent.maxX; x += gridStep) {
    const px = toPlan({ x, y: 0 }).x;
    items.push(line({ x: px, y: mapTop }, { x: px, y: mapTop + mapHeight }, '#ffffff', 1, 0.22));
    if (px > 24 && px < mapWidth - 24)
      items.push(text({ x: px, y: mapTop + 13 }, metres(x), 10, '#ffffff', 'middle'));
  }
  for (let y = Math.ceil(extent.minY / gridStep) * gridStep; y <= extent.maxY; y += gridStep) {
    const py = toPlan({ x: 0, y }).y;
    items.push(line({ x: 0, y: py }, { x: mapWidth, y: py }, '#ffffff', 1, 0.22));
    if (py > mapTop + 24 && py < mapTop + mapHeight - 40)
      items.push(text({ x: 4, y: py - 3 }, metres(y), 10, '#ffffff'));
  }

  // Each track's path: a dark halo, then its colour; a dot at every measured position.
  const planPoints = plan.tracks.map((t) => t.points.map((p) => toPlan(p.world)));
  plan.tracks.forEach((track, i) => {
    const points = planPoints[i]!;
    if (points.length > 1) {
      items.push({ kind: 'path', points, stroke: HALO, width: 5, track: null });
      items.push({ kind: 'path', points, stroke: track.color, width: 2.5, track: track.id });
    }
    for (const p of points) {
      items.push({
        kind: 'circle',
        centre: p,
        r: 2.5,
        fill: track.color,
        stroke: HALO,
        strokeWidth: 1,
      });
    }
  });
  plan.tracks.forEach((track, i) => {
    const others = planPoints.filter((_, j) => j !== i).flat();
    const avoid = others.length
      ? {
          x: others.reduce((t, p) => t + p.x, 0) / others.length,
          y: others.reduce((t, p) => t + p.y, 0) / others.length,
        }
      : null;
    const frames = track.points.map((p) => p.frame);
    for (const tick of ticksOf(planPoints[i]!, frames, avoid)) {
      items.push(line(tick.from, tick.to, HALO, 4));
      items.push(line(tick.from, tick.to, track.color, 2));
      items.push(text(tick.labelAt, String(tick.frame), 11, '#ffffff', tick.anchor, true));
    }
  });

  // Reference points: crosses with their numbers.
  plan.referencePoints.forEach((w, i) => {
    const p = toPlan(w);
    for (const [dx, dy] of [
      [1, 1],
      [1, -1],
    ] as const) {
      const a = { x: p.x - 6 * dx, y: p.y - 6 * dy };
      const b = { x: p.x + 6 * dx, y: p.y + 6 * dy };
      items.push(line(a, b, HALO, 4));
      items.push(line(a, b, '#ffffff', 1.6));
    }
    items.push(text({ x: p.x + 8, y: p.y - 7 }, String(i + 1), 11, '#ffffff'));
  });

  // The scale bar, bottom left, half black and half white on a dark backing.
  const bar = plan.scaleBar;
  const [bx, by] = [14, mapTop + mapHeight - 16];
  items.push(rect(bx - 8, by - 26, bar.px + 16, 36, HALO, 0.7));
  items.push(rect(bx, by - 3, bar.px / 2, 6, '#ffffff'));
  items.push(rect(bx + bar.px / 2, by - 3, bar.px / 2, 6, '#000000'));
  items.push(rect(bx, by - 3, bar.px, 6, 'none', 1, '#ffffff'));
  items.push(
    text(
      { x: bx + bar.px / 2, y: by - 9 },
      metres(bar.metres),
      12,
      '#ffffff',
      'middle',
      true,
      null,
    ),
  );

  // Title band and legend band.
  items.push(
    text(
      { x: 10, y: 20 },
      fitted(plan.title, 15, width - 20, true),
      15,
      BAND_TEXT,
      'start',
      true,
      null,
    ),
  );
  items.push(
    text(
      { x: 10, y: 40 },
      fitted(plan.subtitle, 12, width - 20, false),
      12,
      BAND_MUTED,
      'start',
      false,
      null,
    ),
  );
  const legend = legendLines(plan.tracks, notes, width);
  let y = mapTop + mapHeight + LEGEND_PAD_PX + 14;
  for (const row of legend.rows) {
    for (const e of row) {
      items.push(rect(e.x, y - 6, 14, 4, e.color));
      items.push(text({ x: e.x + 18, y }, e.text, 12, BAND_TEXT, 'start', false, null));
    }
    y += LEGEND_LINE_PX;
  }
  for (const note of legend.notes) {
    items.push(text({ x: LEGEND_PAD_PX, y }, note, NOTE_SIZE, BAND_MUTED, 'start', false, null));
    y += NOTE_LINE_PX;
  }
  return items;
}

/** The plan as a standalone SVG; `groundPng` a data: URI of the warped ground (or none). */
export const planViewSvg = (plan: PlanView, groundPng: string | null): string =>
  drawingSvg(plan.width, plan.height, `${plan.title}: ${plan.subtitle}`, plan.items, groundPng);

/** The download name of a plan view: "clip.mp4" → "clip-plan-view.png". */
export function planViewFileName(videoFileName: string, extension: 'png' | 'svg'): string {
  const stem = videoFileName.replace(/\.[^.]*$/, '') || videoFileName;
  return exportFileName(`${stem}-plan-view`, extension);
}
