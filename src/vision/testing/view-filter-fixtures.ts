import { readFileSync } from 'node:fs';

/**
 * Native FFmpeg 5.1's outputs of levels, negate, unsharp and their chain
 * (tests/fixtures/view-filters/filters.json, made by scripts/make-view-filter-fixtures.sh),
 * read as yuv420p planes for the tests.
 */
const DIR = new URL('../../../tests/fixtures/view-filters/', import.meta.url);

export interface Planes {
  readonly width: number;
  readonly height: number;
  readonly y: Uint8Array;
  readonly u: Uint8Array;
  readonly v: Uint8Array;
}

export interface FixtureOutput {
  readonly file: string;
  readonly source: string;
  readonly width: number;
  readonly height: number;
  readonly filter: string;
}

export const filterOutputs = (
  JSON.parse(readFileSync(new URL('filters.json', DIR), 'utf8')) as { outputs: FixtureOutput[] }
).outputs;

/** A yuv420p frame's three planes; chroma is half the size, rounded up, as FFmpeg's. */
export function planesOf(file: string, width: number, height: number): Planes {
  const bytes = new Uint8Array(readFileSync(new URL(file, DIR)));
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const ySize = width * height;
  if (bytes.length !== ySize + 2 * cw * ch)
    throw new RangeError(`${file} is not ${width}x${height}`);
  return {
    width,
    height,
    y: bytes.slice(0, ySize),
    u: bytes.slice(ySize, ySize + cw * ch),
    v: bytes.slice(ySize + cw * ch),
  };
}

/** A plane through a 256-entry table. */
export const mapped = (plane: Uint8Array, table: Uint8Array): Uint8Array =>
  plane.map((v) => table[v]!);

/** The outputs whose filter matches, with their source and FFmpeg's frame. */
export function fixturesMatching(pattern: RegExp) {
  return filterOutputs
    .filter((o) => pattern.test(o.filter))
    .map((o) => ({
      ...o,
      input: planesOf(o.source, o.width, o.height),
      ffmpeg: planesOf(o.file, o.width, o.height),
    }));
}
