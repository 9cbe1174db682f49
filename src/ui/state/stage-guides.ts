import type { StageGuides } from '../../canvas/stage-view';
import type { GuideLine, GuideMarker } from '../../canvas/guide-layer';
import type { Point } from '../../core/annotations/model';
import { uprightSize } from '../../core/annotations/shapes';
import { distortionFor } from '../../core/measure/distortion';
import { extentOf, groundGrid } from '../../core/measure/ground-grid';
import { groundAnchorOf, groundPointOf } from '../../core/measure/ground-point';
import { labelOf } from '../../core/annotations/tracks';
import { parseReferencePoints } from '../../core/measure/reference-points-csv';
import type { CalibrationInputs } from '../../core/measure/measure-commands';
import { comparisonGuides } from './comparison-guides';
import { formatMeasured } from './measure-format';
import { clickedPixels, parseStraightLines } from './calibration-editing';
import { previewFit } from './measure-actions';
import { openCalibration } from './measure-sources';
import { panelSections } from './panel-sections.svelte';
import type { Workspace } from './workspace.svelte';

/**
 * What the stage draws for measuring: the 1 m ground grid (of the calibration being edited,
 * else the saved one), the points being clicked while calibrating, and the rulers of the
 * frame on screen with their lengths; while the Measure panel is open, the selected
 * object's ground point (where measuring puts it: its anchor under the calibration).
 */

const GRID_COLOR = '#3ddc97';
const POINT_COLOR = '#ffd43b';
const CORNER_COLOR = '#ff922b';
const LINE_COLOR = '#74c0fc';
const RULER_COLOR = '#ffd43b';

/** The calibration the grid shows: the panel's inputs while it is open, else the saved one. */
function gridInputs(ws: Workspace): CalibrationInputs | null {
  const m = ws.measure;
  if (m.calibrating) {
    const parsed = parseReferencePoints(m.referenceText);
    if (!parsed.ok) return null;
    return {
      points: parsed.points,
      pointSigmaPx: 0,
      worldSigmaM: 0,
      positionSigmaPx: 0,
      distortionK: m.draftDistortionK,
    };
  }
  return openCalibration(ws);
}

/**
 * The grid of the last inputs: it depends on the calibration (or the panel's text), never on
 * the frame, so stepping does not refit and resample it.
 */
let lastGrid: { key: readonly unknown[]; lines: GuideLine[] } | null = null;

function gridLines(ws: Workspace): GuideLine[] {
  const m = ws.measure;
  const key = m.calibrating
    ? [m.referenceText, m.draftDistortionK, ws.evidence]
    : [openCalibration(ws), ws.evidence];
  if (
    lastGrid &&
    lastGrid.key.length === key.length &&
    lastGrid.key.every((k, i) => k === key[i])
  ) {
    return lastGrid.lines;
  }
  const lines = fitGridLines(ws);
  lastGrid = { key, lines };
  return lines;
}

function fitGridLines(ws: Workspace): GuideLine[] {
  const inputs = gridInputs(ws);
  const e = ws.evidence;
  if (!inputs || !e || inputs.points.length < 4) return [];
  const preview = previewFit(ws, inputs);
  if (!preview.ok) return [];
  const { width, height } = uprightSize(e);
  const k = inputs.distortionK;
  const distortion = k !== null && k !== 0 ? distortionFor(k, width, height) : null;
  const extent = extentOf(inputs.points.map((p) => p.world));
  return groundGrid(preview.fit, extent, 1, distortion).map((points) => ({
    points,
    color: GRID_COLOR,
    width: 1,
  }));
}

export function stageGuidesOf(ws: Workspace): StageGuides {
  const m = ws.measure;
  const lines: GuideLine[] = m.gridVisible ? gridLines(ws) : [];
  const markers: GuideMarker[] = [];
  const mark = (at: Point, color: string, label: string) => markers.push({ at, color, label });
  if (m.calibrating) {
    clickedPixels(m.referenceText).forEach((p, i) => mark(p, POINT_COLOR, String(i + 1)));
    m.rectangleCorners.forEach((p, i) => mark(p, CORNER_COLOR, 'ABCD'[i]!));
    for (const line of parseStraightLines(m.straightLinesText)) {
      lines.push({ points: line, color: LINE_COLOR, width: 1.5, dash: [5, 3] });
      line.forEach((p) => mark(p, LINE_COLOR, ''));
    }
  }
  for (const measurement of ws.document.measurements.values()) {
    if (measurement.kind !== 'distance' || measurement.imagePoints.length !== 2) continue;
    if (measurement.frame !== ws.displayedFrame) continue;
    const [a, b] = measurement.imagePoints as [Point, Point];
    lines.push({ points: [a, b], color: RULER_COLOR, width: 2 });
    const outcome = m.outcomes.get(measurement.id);
    const label = !outcome ? '…' : outcome.ok ? formatMeasured(outcome.result) : 'cannot measure';
    mark(a, RULER_COLOR, '');
    mark(b, RULER_COLOR, label);
  }
  const calibration = panelSections.isOpen('measure') ? openCalibration(ws) : null;
  const selected = ws.visible.find((r) => r.track.id === ws.selectedTrackId);
  if (calibration && selected && !ws.hiddenTrackIds.has(selected.track.id)) {
    const ground = groundPointOf(selected.shape, groundAnchorOf(calibration, selected.track));
    const color = labelOf(ws.labels, selected.track)?.color ?? '#ffffff';
    if (ground) mark(ground, color, '');
  }
  const compared = comparisonGuides(ws);
  return { lines: [...lines, ...compared.lines], markers: [...markers, ...compared.markers] };
}
