import type { ReferencePoint } from './homography';

/**
 * Reference points as a tape-measure survey or a site plan gives them: one per line,
 * `image_x,image_y,world_x_m,world_y_m` (pixels of the upright frame, metres on the ground).
 * Blank lines and lines starting with # are skipped; a header line naming the columns is
 * allowed. Semicolons and tabs separate as well as commas (spreadsheets in many locales).
 */

export type ParsedPoints =
  | { readonly ok: true; readonly points: readonly ReferencePoint[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const MAX_POINTS = 1000;
const MAX_MAGNITUDE = 1e7;

export function parseReferencePoints(text: string): ParsedPoints {
  const points: ReferencePoint[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    const values = cells.map((c) => (c === '' ? NaN : Number(c)));
    const first = points.length === 0 && problems.length === 0;
    if (first && values.every((v) => Number.isNaN(v))) return; // a header line
    if (cells.length !== 4 || !values.every(Number.isFinite)) {
      problems.push(
        `Line ${i + 1} ("${line.slice(0, 60)}") is not four numbers: image x, image y, world x (m), world y (m).`,
      );
      return;
    }
    if (values.some((v) => Math.abs(v) > MAX_MAGNITUDE)) {
      problems.push(`Line ${i + 1} has a number too large for a position.`);
      return;
    }
    const [ix, iy, wx, wy] = values as [number, number, number, number];
    points.push({ image: { x: ix, y: iy }, world: { x: wx, y: wy } });
  });
  if (points.length > MAX_POINTS) problems.push(`At most ${MAX_POINTS} reference points.`);
  return problems.length ? { ok: false, problems } : { ok: true, points };
}

/** The points as CSV lines, in the same form (what "Reference points" shows and exports). */
export function formatReferencePoints(points: readonly ReferencePoint[]): string {
  const n = (v: number) => String(Math.round(v * 1e6) / 1e6);
  return points
    .map((p) => [p.image.x, p.image.y, p.world.x, p.world.y].map(n).join(','))
    .join('\n');
}
