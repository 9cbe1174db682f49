/**
 * The View panel's settings applied to a decoded picture (planar YUV, planes back to back as
 * FFmpeg's rawvideo writes them), in the order of `ffmpegChain` and with FFmpeg's own
 * arithmetic, so the result is the picture `ffmpeg -vf <chain>` makes (tested plane by plane
 * against native FFmpeg). A new array is returned: the decoded frame, whose MD5 is the
 * evidence, is never written to.
 */
import { eqLumaTable } from './eq-filter';
import { fieldSourceRow } from './fields';
import { levelsTable } from './levels';
import { negateTable } from './negate';
import { unsharpLuma } from './unsharp';
import { SHARPEN_SIZE, changesPixels, viewProblemOn, type ViewSettings } from './view-settings';

/** A planar picture: its size, its chroma subsampling (log2; null for grey) and its bytes. */
export interface PlanarPicture {
  readonly width: number;
  readonly height: number;
  readonly chroma: { readonly x: number; readonly y: number } | null;
  readonly data: Uint8Array;
}

interface Plane {
  readonly offset: number;
  readonly width: number;
  readonly height: number;
}

function planesOf(p: PlanarPicture): Plane[] {
  const luma = { offset: 0, width: p.width, height: p.height };
  if (!p.chroma) return [luma];
  const width = Math.ceil(p.width / (1 << p.chroma.x));
  const height = Math.ceil(p.height / (1 << p.chroma.y));
  const size = p.width * p.height;
  return [luma, { offset: size, width, height }, { offset: size + width * height, width, height }];
}

const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);

/** The table that does `first` and then `second`. */
const compose = (first: Uint8Array, second: Uint8Array) => first.map((v) => second[v]!);

/** eq's saturation on U and V: vf_eq's adjustment with contrast = saturation (no gamma). */
const saturationTable = (saturation: number) =>
  eqLumaTable({ brightness: 0, contrast: saturation, gamma: 1, gammaWeight: 1 });

/** The per-value tables of a view: luma before sharpening, luma after it, chroma. */
export interface ViewTables {
  readonly lumaBefore: Uint8Array;
  readonly lumaAfter: Uint8Array;
  readonly chroma: Uint8Array;
}

export function viewTables(s: ViewSettings): ViewTables {
  const levels = levelsTable(s.blackPoint, s.whitePoint);
  const eq = eqLumaTable({
    brightness: s.brightness,
    contrast: s.contrast,
    gamma: s.gamma,
    gammaWeight: 1,
  });
  const negateLuma = s.invert ? negateTable('luma') : IDENTITY;
  const negateChroma = s.invert ? negateTable('chroma') : IDENTITY;
  const lumaBefore = compose(levels, eq);
  return s.sharpen === 0
    ? {
        lumaBefore: compose(lumaBefore, negateLuma),
        lumaAfter: IDENTITY,
        chroma: compose(saturationTable(s.saturation), negateChroma),
      }
    : {
        lumaBefore,
        lumaAfter: negateLuma,
        chroma: compose(saturationTable(s.saturation), negateChroma),
      };
}

const isIdentity = (table: Uint8Array) => table.every((v, i) => v === i);

/**
 * A plane of `from` (at its offset) through `table` into `out` at `at`, each row taken from
 * the field's line when one field is shown: one pass, a plain copy of each row when the table
 * changes nothing.
 */
function mapPlaneInto(
  out: Uint8Array,
  at: number,
  from: Uint8Array,
  plane: Plane,
  table: Uint8Array,
  fields: ViewSettings['fields'],
): void {
  const { width, height } = plane;
  const copy = isIdentity(table);
  for (let y = 0; y < height; y++) {
    const row = fields === 'both' ? y : fieldSourceRow(y, height, fields);
    const source = plane.offset + row * width;
    const target = at + y * width;
    if (copy) {
      out.set(from.subarray(source, source + width), target);
      continue;
    }
    for (let x = 0; x < width; x++) out[target + x] = table[from[source + x]!]!;
  }
}

/** The picture as the view shows it (same format and size; the input is never changed). */
export function applyView(p: PlanarPicture, s: ViewSettings): Uint8Array {
  const planes = planesOf(p);
  const last = planes[planes.length - 1]!;
  const bytes = last.offset + last.width * last.height;
  if (p.data.length < bytes) throw new RangeError('the picture is shorter than its size says');
  if (!changesPixels(s)) return p.data.slice(0, bytes);
  const problem = viewProblemOn(s, { height: p.height, chromaY: p.chroma?.y ?? 0 });
  if (problem) throw new RangeError(problem);
  const tables = viewTables(s);
  const out = new Uint8Array(bytes);
  const [luma, ...chroma] = planes as [Plane, ...Plane[]];
  for (const plane of chroma)
    mapPlaneInto(out, plane.offset, p.data, plane, tables.chroma, s.fields);
  if (s.sharpen === 0) {
    mapPlaneInto(out, 0, p.data, luma, tables.lumaBefore, s.fields);
    return out;
  }
  // Sharpening reads the whole plane as the filters before it leave it, so that is made
  // first; the filters after it are applied as it writes.
  const before = new Uint8Array(luma.width * luma.height);
  mapPlaneInto(before, 0, p.data, luma, tables.lumaBefore, s.fields);
  unsharpLuma(before, luma.width, luma.height, SHARPEN_SIZE, s.sharpen, {
    into: out,
    then: tables.lumaAfter,
  });
  return out;
}
