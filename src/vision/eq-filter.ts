/**
 * FFmpeg's `eq` filter on the luma plane (issue 18's view filters: brightness, contrast,
 * gamma), as libavfilter/vf_eq.c computes it for 8-bit YUV, so an enhanced picture can be
 * reproduced by anyone with `ffmpeg -vf eq=…` and checked against it (tests compare with
 * native FFmpeg 5.1's output, tests/fixtures/view-filters). Pure: a frame's Y bytes in, out.
 *
 * vf_eq has two paths: with gamma 1 and |contrast| < 7.9 a fixed-point formula (its
 * `process_c`), else a 256-entry table (`create_lut`). Saturation acts on chroma and is not
 * here. FFmpeg's ranges: brightness −1…1, contrast −1000…1000, gamma 0.1…10, weight 0…1.
 */
export interface EqSettings {
  readonly brightness: number;
  readonly contrast: number;
  readonly gamma: number;
  readonly gammaWeight: number;
}

export const NO_EQ: EqSettings = { brightness: 0, contrast: 1, gamma: 1, gammaWeight: 1 };

const RANGES: Record<keyof EqSettings, readonly [number, number]> = {
  brightness: [-1, 1],
  contrast: [-1000, 1000],
  gamma: [0.1, 10],
  gammaWeight: [0, 1],
};

/** Why these settings are impossible, in words; null when FFmpeg accepts them. */
export function eqProblem(s: EqSettings): string | null {
  for (const [key, [low, high]] of Object.entries(RANGES) as [
    keyof EqSettings,
    [number, number],
  ][]) {
    const v = s[key];
    if (!Number.isFinite(v) || v < low || v > high) {
      return `${key} must be a number from ${low} to ${high} (it is ${v}).`;
    }
  }
  return null;
}

const isIdentity = (s: EqSettings) => s.contrast === 1 && s.brightness === 0 && s.gamma === 1;

/** The table vf_eq's create_lut makes. */
function lutOf(s: EqSettings): Uint8Array {
  const lut = new Uint8Array(256);
  const g = 1 / s.gamma;
  const lw = 1 - s.gammaWeight;
  for (let i = 0; i < 256; i++) {
    let v = i / 255;
    v = s.contrast * (v - 0.5) + 0.5 + s.brightness;
    if (v <= 0) lut[i] = 0;
    else {
      v = v * lw + Math.pow(v, g) * s.gammaWeight;
      lut[i] = v >= 1 ? 255 : Math.floor(256 * v);
    }
  }
  return lut;
}

/** vf_eq's process_c (fixed point), as a table over the 256 input values. */
function fixedPointLutOf(s: EqSettings): Uint8Array {
  const lut = new Uint8Array(256);
  const contrast = Math.trunc(s.contrast * 256 * 16);
  const brightness =
    Math.trunc((Math.trunc(100 * s.brightness + 100) * 511) / 200) -
    128 -
    Math.trunc(contrast / 32);
  for (let i = 0; i < 256; i++) {
    const pel = ((i * contrast) >> 12) + brightness;
    lut[i] = pel < 0 ? 0 : pel > 255 ? 255 : pel;
  }
  return lut;
}

/**
 * vf_eq keeps each setting as a C float (it clips them with av_clipf), so −0.1 is in fact
 * −0.100000001…, and (int)(100·b + 100) is 89, not 90: without this, negative brightness on
 * the fixed-point path comes out 2 levels too bright (seen against native FFmpeg 5.1).
 */
const asFloats = (s: EqSettings): EqSettings => ({
  brightness: Math.fround(s.brightness),
  contrast: Math.fround(s.contrast),
  gamma: Math.fround(s.gamma),
  gammaWeight: Math.fround(s.gammaWeight),
});

/**
 * The table FFmpeg would apply to each luma value for these settings. Also chroma's for
 * `saturation=S`: vf_eq runs U and V through the same paths with contrast S, brightness 0.
 */
export function eqLumaTable(settings: EqSettings): Uint8Array {
  const s = asFloats(settings);
  if (isIdentity(s)) return Uint8Array.from({ length: 256 }, (_, i) => i);
  return s.gamma === 1 && Math.abs(s.contrast) < 7.9 ? fixedPointLutOf(s) : lutOf(s);
}

/** The luma plane as FFmpeg's eq leaves it (a new array; the frame is never changed). */
export function applyEqToLuma(luma: Uint8Array, s: EqSettings): Uint8Array {
  const table = eqLumaTable(s);
  const out = new Uint8Array(luma.length);
  for (let i = 0; i < luma.length; i++) out[i] = table[luma[i]!]!;
  return out;
}

/** A setting as a filter's option writes it: at most four decimals, no trailing zeros. */
export const filterNumber = (v: number): string => String(Number(v.toFixed(4)));

/** The equivalent FFmpeg filter, e.g. "eq=contrast=1.2:gamma=1.6"; "" when nothing changes. */
export function eqFilterText(s: EqSettings): string {
  const parts: string[] = [];
  if (s.brightness !== NO_EQ.brightness) parts.push(`brightness=${filterNumber(s.brightness)}`);
  if (s.contrast !== NO_EQ.contrast) parts.push(`contrast=${filterNumber(s.contrast)}`);
  if (s.gamma !== NO_EQ.gamma) parts.push(`gamma=${filterNumber(s.gamma)}`);
  if (s.gammaWeight !== NO_EQ.gammaWeight)
    parts.push(`gamma_weight=${filterNumber(s.gammaWeight)}`);
  return parts.length ? `eq=${parts.join(':')}` : '';
}

/** Peak signal-to-noise ratio of two 8-bit planes, in dB (Infinity when identical). */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError('planes differ in size');
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / a.length));
}
