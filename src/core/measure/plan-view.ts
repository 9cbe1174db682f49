import type { Evidence, Label, Track } from '../annotations/model';
import { exportFileName } from '../exports/export-json';
import { undistort } from './distortion';
import { groundAnchorOf } from './ground-point';
import { drawingSvg, type PlanItem } from './plan-drawing';
import {
  nativePxPerM,
  niceLength,
  planExtent,
  planFit,
  planScale,
  planTracks,
  type PlanLayout,
} from './plan-geometry';
import { legendHeight, planItems, plural } from './plan-items';
import type { SceneCalibration } from './records';

/**
 * The plan view (issue 13), put together: its geometry (plan-geometry.ts: extent, scale,
 * transforms, ground paths), what is drawn (plan-items.ts), and the standalone SVG
 * (plan-drawing.ts). The warped ground is made apart (plan-warp.ts, in a worker).
 */

export interface PlanView extends PlanLayout {
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

/** Narrower maps are widened (more ground either side) so the title and legend fit. */
export const MIN_MAP_WIDTH_PX = 560;
export const TITLE_BAND_PX = 50;

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
    (track) => groundAnchorOf(input.calibration, track),
  );
  let extent = planExtent([...reference, ...tracks.flatMap((t) => t.points.map((p) => p.world))]);

  const beyond = tracks.reduce((t, track) => t + track.beyondHorizon, 0);
  const notes = [
    `Ground: frame ${input.frame} warped through the homography (grey: ground the camera does not see); only the ground is true to scale, anything standing on it is stretched away from the camera. Axes: x to the right, y up, in metres.`,
    `Ticks mark measured positions (drawn or propagated keyframes) with their frame numbers; crosses the numbered reference points.${beyond > 0 ? ` ${plural(beyond, 'position', 'positions')} beyond the horizon left out.` : ''}`,
  ];
  // The legend's height depends on the width, which depends on the scale: lay out twice.
  const bandBelow = (width: number) => legendHeight(tracks, notes, width);
  const native = nativePxPerM(fit, reference);
  let pxPerM = planScale(extent, native, TITLE_BAND_PX + bandBelow(MIN_MAP_WIDTH_PX));
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
  const height = mapTop + mapHeight + bandBelow(width);

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
  return { ...base, items: planItems(base, notes) };
}

/** The plan as a standalone SVG; `groundPng` a data: URI of the warped ground (or none). */
export const planViewSvg = (plan: PlanView, groundPng: string | null): string =>
  drawingSvg(plan.width, plan.height, `${plan.title}: ${plan.subtitle}`, plan.items, groundPng);

/** The download name of a plan view: "clip.mp4" → "clip-plan-view.png". */
export function planViewFileName(videoFileName: string, extension: 'png' | 'svg'): string {
  const stem = videoFileName.replace(/\.[^.]*$/, '') || videoFileName;
  return exportFileName(`${stem}-plan-view`, extension);
}
