import type { Vec2 } from './matrix';
import { textWidth, type PlanItem, type TextAnchor } from './plan-drawing';
import { thinTicks, worldToPlan, type PlanLayout, type PlanTrack } from './plan-geometry';

/**
 * What the plan view draws, back to front (plan-view.ts): bands, the ground, a grid labelled
 * in metres, each track's path with a dot at every measured position and thinned frame
 * ticks, the numbered reference points, the scale bar, the title and the legend. Text width
 * is estimated (plan-drawing.ts `textWidth`), so wrapping errs on the short side.
 */

interface PlanTick {
  readonly frame: number;
  readonly at: Vec2;
  readonly from: Vec2;
  readonly to: Vec2;
  readonly labelAt: Vec2;
  readonly anchor: TextAnchor;
}

const LEGEND_LINE_PX = 20;
const LEGEND_PAD_PX = 10;
const NOTE_LINE_PX = 15;

const BAND = '#1e1e1e';
const BAND_TEXT = '#e6e6e6';
const BAND_MUTED = '#b4b4b4';
const GREY = '#4a4a4a';
const HALO = '#101010';

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

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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

/** The legend band's height at this image width. */
export function legendHeight(
  tracks: readonly PlanTrack[],
  notes: readonly string[],
  width: number,
): number {
  const lines = legendLines(tracks, notes, width);
  return LEGEND_PAD_PX * 2 + lines.rows.length * LEGEND_LINE_PX + lines.notes.length * NOTE_LINE_PX;
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
export function planItems(plan: PlanLayout, notes: readonly string[]): PlanItem[] {
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
