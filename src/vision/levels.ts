/**
 * Levels on the luma plane (issue 18's view filters): a black point B and a white point W
 * (whole numbers 0…255, B < W) stretch B…W to the full 0…255, as FFmpeg's `lutyuv` computes
 * it, so the examiner's picture can be reproduced with the filter text below and checked
 * against it (tests compare with native FFmpeg 5.1's output, tests/fixtures/view-filters).
 *
 * vf_lut evaluates the expression in doubles once per input value, truncates the result
 * toward zero (a C `(int)` cast) and clips it to 0…255. Its `u` and `v` default to `clipval`,
 * which would squeeze chroma into 16…240, so the filter text says `u=val:v=val` to leave
 * them untouched.
 */

const isLevel = (v: number) => Number.isInteger(v) && v >= 0 && v <= 255;

/** Why these points are impossible, in words; null when they are fine. */
export function levelsProblem(black: number, white: number): string | null {
  if (!isLevel(black))
    return `The black point must be a whole number from 0 to 255 (it is ${black}).`;
  if (!isLevel(white))
    return `The white point must be a whole number from 0 to 255 (it is ${white}).`;
  if (black >= white) {
    return `The black point (${black}) must be below the white point (${white}).`;
  }
  return null;
}

function check(black: number, white: number): void {
  const problem = levelsProblem(black, white);
  if (problem) throw new RangeError(problem);
}

/** The table vf_lut makes for the luma plane from levelsFilterText's expression. */
export function levelsTable(black: number, white: number): Uint8Array {
  check(black, white);
  const table = new Uint8Array(256);
  for (let val = 0; val < 256; val++) {
    const res = ((val - black) * 255) / (white - black);
    table[val] = Math.trunc(Math.min(Math.max(res, 0), 255));
  }
  return table;
}

/**
 * The FFmpeg filter, as it goes inside `-vf "…"`, e.g.
 * `lutyuv=y='clip((val-16)*255/(235-16),0,255)':u=val:v=val`; "" for 0 and 255 (no change).
 * The single quotes keep the expression's commas from splitting the filter graph.
 */
export function levelsFilterText(black: number, white: number): string {
  check(black, white);
  if (black === 0 && white === 255) return '';
  return `lutyuv=y='clip((val-${black})*255/(${white}-${black}),0,255)':u=val:v=val`;
}
