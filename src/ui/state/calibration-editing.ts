import type { Point } from '../../core/annotations/model';
import type { ReferencePoint } from '../../core/measure/homography';

/**
 * The text editing of the "Scene calibration" panel, pure: clicks on the frame become CSV
 * lines of "Reference points" (image x, image y, then the world position typed after them),
 * a known rectangle's four corners become four complete lines, and straight lines for the
 * lens distortion are written one per line as "x y, x y, …".
 */

/** Frame pixels to two decimals: sub-pixel, as the click landed at the zoom in force. */
const px = (v: number) => String(Math.round(v * 100) / 100);

/** The reference points text with a clicked pixel added as a new line, awaiting its world x,y. */
export function addClickedPoint(text: string, at: Point): string {
  const trimmed = text.replace(/\s+$/, '');
  return `${trimmed}${trimmed ? '\n' : ''}${px(at.x)},${px(at.y)},`;
}

/**
 * The four lines of a known rectangle: corners clicked in order around it, the first at the
 * world origin (0, 0), the second along its width (x), the fourth along its length (y).
 */
export function rectanglePoints(
  corners: readonly Point[],
  widthM: number,
  lengthM: number,
): ReferencePoint[] {
  const world = [
    { x: 0, y: 0 },
    { x: widthM, y: 0 },
    { x: widthM, y: lengthM },
    { x: 0, y: lengthM },
  ];
  return corners.slice(0, 4).map((image, i) => ({ image, world: world[i]! }));
}

/** Plain words for why a rectangle cannot be added yet; null when it can. */
export function rectangleProblem(
  corners: readonly Point[],
  widthM: number,
  lengthM: number,
): string | null {
  if (corners.length < 4) {
    return `Click the rectangle's four corners in order around it (${corners.length} of 4 so far).`;
  }
  if (!(widthM > 0) || !(lengthM > 0)) return 'Type the rectangle’s width and length in metres.';
  return null;
}

/** Straight lines as typed ("x y, x y, …" one line each); unreadable points are skipped. */
export function parseStraightLines(text: string): Point[][] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .split(',')
        .map((pair) => pair.trim().split(/\s+/).map(Number))
        .filter((xy) => xy.length === 2 && xy.every(Number.isFinite))
        .map(([x, y]) => ({ x: x!, y: y! })),
    )
    .filter((points) => points.length > 0);
}

/** The straight lines text with a clicked point added to its last line. */
export function addStraightLinePoint(text: string, at: Point): string {
  const pair = `${px(at.x)} ${px(at.y)}`;
  // A line just begun (newStraightLine) takes the point as its first.
  if (/\n[ \t]*$/.test(text)) return `${text.replace(/[ \t]+$/, '')}${pair}`;
  const trimmed = text.replace(/\s+$/, '');
  return trimmed ? `${trimmed}, ${pair}` : pair;
}

/** Starts a new straight line (the next click begins it). */
export function newStraightLine(text: string): string {
  const trimmed = text.replace(/\s+$/, '');
  return trimmed ? `${trimmed}\n` : '';
}

/** The image positions of the reference point lines typed so far (world part optional). */
export function clickedPixels(text: string): Point[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(/[,;\t]/).map((c) => Number(c.trim())))
    .filter((cells) => cells.length >= 2 && Number.isFinite(cells[0]) && Number.isFinite(cells[1]))
    .map(([x, y]) => ({ x: x!, y: y! }));
}
