import type { GuideLine, GuideMarker } from '../../canvas/guide-layer';
import type { Point, Track } from '../../core/annotations/model';
import { positionAt } from '../../core/annotations/interpolation';
import { boundingBox } from '../../core/annotations/shapes';
import { trackTitle } from '../../core/annotations/tracks';
import type { FrameIndex } from '../../core/ids';
import type { Workspace } from './workspace.svelte';

/**
 * Both compared sets over the frame shown while the comparison panel is open (issue 17): the
 * reference's objects solid green, the compared set's dashed magenta, each tagged R or C with
 * its title. Boxes as compared: a shape that is not an upright box is drawn (and compared) by
 * its bounding box; points as markers.
 */
export const REFERENCE_COLOR = '#3ddc97';
export const COMPARED_COLOR = '#f783ac';

function outline(box: { x: number; y: number; width: number; height: number }): Point[] {
  const { x, y, width: w, height: h } = box;
  return [
    { x, y },
    { x: x + w, y },
    { x: x + w, y: y + h },
    { x, y: y + h },
    { x, y },
  ];
}

function drawSet(
  tracks: readonly Track[],
  ws: Workspace,
  frame: FrameIndex,
  how: { color: string; dash?: number[]; tag: string },
  lines: GuideLine[],
  markers: GuideMarker[],
): void {
  for (const track of tracks) {
    const position = positionAt(track, frame);
    if (!position) continue;
    const label = `${how.tag} ${trackTitle(ws.labels, track)}`;
    const shape = position.shape;
    if (shape.kind === 'points') {
      shape.points.forEach((p, i) =>
        markers.push({ at: p, color: how.color, label: i === 0 ? label : '' }),
      );
      continue;
    }
    const box = boundingBox(shape);
    lines.push({
      points: outline(box),
      color: how.color,
      width: 2,
      ...(how.dash ? { dash: how.dash } : {}),
    });
    // R's tag under its box, C's over it: where both sets agree the two stay readable.
    const at = how.tag === 'R' ? { x: box.x, y: box.y + box.height } : { x: box.x, y: box.y };
    markers.push({ at, color: how.color, label });
  }
}

export function comparisonGuides(ws: Workspace): { lines: GuideLine[]; markers: GuideMarker[] } {
  const lines: GuideLine[] = [];
  const markers: GuideMarker[] = [];
  const c = ws.comparison;
  if (!c.open || !c.sets) return { lines, markers };
  const frame = ws.displayedFrame as FrameIndex;
  drawSet(c.sets.reference.tracks, ws, frame, { color: REFERENCE_COLOR, tag: 'R' }, lines, markers);
  drawSet(
    c.sets.compared.tracks,
    ws,
    frame,
    { color: COMPARED_COLOR, dash: [6, 4], tag: 'C' },
    lines,
    markers,
  );
  return { lines, markers };
}
