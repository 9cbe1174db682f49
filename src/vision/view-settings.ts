/**
 * What the examiner chose in the View panel (issue 18): how the frame on screen is shown,
 * never what it is. Each setting is one FFmpeg filter, applied in one fixed order, so the
 * picture is described exactly by a filter chain anyone can run with native FFmpeg:
 *
 *   field (one field, line-doubled) → lutyuv (levels) → eq (brightness, contrast, gamma,
 *   saturation) → unsharp (sharpen) → negate (invert)
 *
 * Interpolation (nearest or bicubic) is how a zoomed picture is drawn on the screen, not a
 * change of its pixels: it is said in the badge but has no FFmpeg equivalent (and stills,
 * at the frame's own size, are never interpolated).
 */
import { eqProblem, filterNumber } from './eq-filter';
import { fieldFilterText, fieldHeightProblem } from './fields';
import { levelsFilterText, levelsProblem } from './levels';
import { NEGATE_FILTER_TEXT } from './negate';
import { unsharpFilterText, unsharpProblem } from './unsharp';

export type FieldView = 'both' | 'top' | 'bottom';
export type Interpolation = 'nearest' | 'bicubic';

export interface ViewSettings {
  /** Levels: luma at or below it becomes black (0…254). */
  readonly blackPoint: number;
  /** Levels: luma at or above it becomes white (1…255). */
  readonly whitePoint: number;
  /** eq brightness, −1…1. */
  readonly brightness: number;
  /** eq contrast (1 unchanged; negative inverts around mid-grey). */
  readonly contrast: number;
  /** eq gamma, 0.1…10. */
  readonly gamma: number;
  /** eq saturation, 0 (greyscale)…3. */
  readonly saturation: number;
  /** Sharpen: unsharp's luma amount (0 none). */
  readonly sharpen: number;
  readonly invert: boolean;
  readonly fields: FieldView;
  readonly interpolation: Interpolation;
}

export const NO_VIEW: ViewSettings = {
  blackPoint: 0,
  whitePoint: 255,
  brightness: 0,
  contrast: 1,
  gamma: 1,
  saturation: 1,
  sharpen: 0,
  invert: false,
  fields: 'both',
  interpolation: 'nearest',
};

/** The size of unsharp's matrix (5×5 luma, FFmpeg's default). */
export const SHARPEN_SIZE = 5;

/** Whether the picture on screen differs in any way from the frame as decoded. */
export const isViewActive = (s: ViewSettings): boolean =>
  (Object.keys(NO_VIEW) as (keyof ViewSettings)[]).some((key) => s[key] !== NO_VIEW[key]);

/** Whether the frame's pixels are changed (interpolation only changes how they are drawn). */
export const changesPixels = (s: ViewSettings): boolean =>
  isViewActive({ ...s, interpolation: NO_VIEW.interpolation });

const eqOf = (s: ViewSettings) => ({
  brightness: s.brightness,
  contrast: s.contrast,
  gamma: s.gamma,
  gammaWeight: 1,
});

/** Why these settings cannot be shown, in plain words; null when they can. */
export function viewProblem(s: ViewSettings): string | null {
  if (!Number.isFinite(s.saturation) || s.saturation < 0 || s.saturation > 3) {
    return `Saturation must be a number from 0 to 3 (it is ${s.saturation}).`;
  }
  if (!['both', 'top', 'bottom'].includes(s.fields)) return `Unknown field choice "${s.fields}".`;
  if (!['nearest', 'bicubic'].includes(s.interpolation)) {
    return `Unknown interpolation "${s.interpolation}".`;
  }
  return (
    levelsProblem(s.blackPoint, s.whitePoint) ??
    eqProblem(eqOf(s)) ??
    unsharpProblem(SHARPEN_SIZE, s.sharpen)
  );
}

/** The picture a view is shown on: its height, and its chroma's vertical subsampling (log2). */
export interface ViewedPicture {
  readonly height: number;
  /** 1 for 4:2:0, 0 for 4:2:2, 4:4:4 and grey. */
  readonly chromaY: number;
}

/**
 * Why these settings cannot be shown on this picture, in words (the general refusals of
 * `viewProblem`, then what its size forbids: one field on a height FFmpeg would change,
 * sharpening on too few lines); null when they can.
 */
export function viewProblemOn(s: ViewSettings, picture: ViewedPicture): string | null {
  return (
    viewProblem(s) ??
    (s.fields === 'both' ? null : fieldHeightProblem(picture.height, picture.chromaY)) ??
    unsharpProblem(SHARPEN_SIZE, s.sharpen, picture.height)
  );
}

/**
 * The eq filter of these settings; "" when it changes nothing. Gamma first, then contrast,
 * brightness and saturation: the order an examiner reaches for them, as in the badge (the
 * order of eq's options makes no difference to FFmpeg).
 */
function eqText(s: ViewSettings): string {
  const options: string[] = [];
  if (s.gamma !== NO_VIEW.gamma) options.push(`gamma=${filterNumber(s.gamma)}`);
  if (s.contrast !== NO_VIEW.contrast) options.push(`contrast=${filterNumber(s.contrast)}`);
  if (s.brightness !== NO_VIEW.brightness) options.push(`brightness=${filterNumber(s.brightness)}`);
  if (s.saturation !== NO_VIEW.saturation) options.push(`saturation=${filterNumber(s.saturation)}`);
  return options.length ? `eq=${options.join(':')}` : '';
}

/**
 * The FFmpeg filter chain that makes the same picture from the decoded frame, e.g.
 * "eq=gamma=1.6:contrast=1.2,unsharp=5:5:1"; "" when the pixels are the frame's own.
 */
export function ffmpegChain(s: ViewSettings): string {
  return [
    s.fields === 'both' ? '' : fieldFilterText(s.fields),
    levelsFilterText(s.blackPoint, s.whitePoint),
    eqText(s),
    unsharpFilterText(SHARPEN_SIZE, s.sharpen),
    s.invert ? NEGATE_FILTER_TEXT : '',
  ]
    .filter(Boolean)
    .join(',');
}

/** The settings in words, for the badge over the stage: "gamma 1.6, contrast 1.2". */
export function viewWords(s: ViewSettings): string {
  const words: string[] = [];
  if (s.fields !== 'both') words.push(`${s.fields} field`);
  if (s.blackPoint !== 0 || s.whitePoint !== 255) {
    words.push(`levels ${s.blackPoint}–${s.whitePoint}`);
  }
  if (s.gamma !== 1) words.push(`gamma ${filterNumber(s.gamma)}`);
  if (s.contrast !== 1) words.push(`contrast ${filterNumber(s.contrast)}`);
  if (s.brightness !== 0) words.push(`brightness ${filterNumber(s.brightness)}`);
  if (s.saturation === 0) words.push('greyscale');
  else if (s.saturation !== 1) words.push(`saturation ${filterNumber(s.saturation)}`);
  if (s.sharpen !== 0) words.push(`sharpen ${filterNumber(s.sharpen)}`);
  if (s.invert) words.push('inverted');
  if (s.interpolation === 'bicubic') words.push('bicubic zoom');
  return words.join(', ');
}

/**
 * The settings from stored or imported data (a saved preset), or why not: every field is
 * checked, so a hostile or damaged preset cannot reach the pixel code.
 */
export function readViewSettings(value: unknown): ViewSettings | string {
  if (typeof value !== 'object' || value === null) return 'The view settings are not an object.';
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(NO_VIEW)) {
    const given = record[key] ?? fallback;
    if (typeof given !== typeof fallback) return `The view setting "${key}" has the wrong type.`;
    out[key] = given;
  }
  const settings = out as unknown as ViewSettings;
  return viewProblem(settings) ?? settings;
}

/** A chain's filters, split at the commas outside quotes (lutyuv's expression holds some). */
function filtersOf(chain: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of chain) {
    if (c === "'") quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const LEVELS = /^lutyuv=y='clip\(\(val-(\d+)\)\*255\/\((\d+)-\d+\),0,255\)':u=val:v=val$/;
const EQ_KEYS: Record<string, keyof ViewSettings> = {
  brightness: 'brightness',
  contrast: 'contrast',
  gamma: 'gamma',
  saturation: 'saturation',
};

/**
 * The settings a filter chain of Framewise's (`ffmpegChain`) was made from, or why it is not
 * one: a chain read from a sidecar someone sent is only ever run, by Verify, once it is
 * known to be exactly a chain Framewise makes (no other filter can slip in).
 */
export function readViewChain(chain: string): ViewSettings | string {
  const settings: Record<string, unknown> = { ...NO_VIEW };
  const filters = chain === '' ? [] : filtersOf(chain);
  for (let i = 0; i < filters.length; i++) {
    const filter = filters[i]!;
    const field = /^field=type=(top|bottom)$/.exec(filter);
    const levels = LEVELS.exec(filter);
    const unsharp = new RegExp(`^unsharp=${SHARPEN_SIZE}:${SHARPEN_SIZE}:(-?[\\d.]+)$`).exec(
      filter,
    );
    if (field && filters[i + 1] === 'scale=w=iw:h=ih*2:flags=neighbor') {
      settings['fields'] = field[1];
      i++;
    } else if (levels) {
      settings['blackPoint'] = Number(levels[1]);
      settings['whitePoint'] = Number(levels[2]);
    } else if (filter.startsWith('eq=')) {
      for (const pair of filter.slice(3).split(':')) {
        const [key, value] = pair.split('=');
        const setting = EQ_KEYS[key ?? ''];
        if (!setting || value === undefined)
          return `"${filter}" is not an eq filter Framewise makes.`;
        settings[setting] = Number(value);
      }
    } else if (unsharp) settings['sharpen'] = Number(unsharp[1]);
    else if (filter === 'negate') settings['invert'] = true;
    else return `"${filter}" is not a view filter Framewise makes.`;
  }
  const read = readViewSettings(settings);
  if (typeof read === 'string') return read;
  // Anything else (another order, other spellings) is refused: the chain must be the one
  // these settings give, character for character.
  return ffmpegChain(read) === chain
    ? read
    : `The filter chain is not one Framewise makes (it would write "${ffmpegChain(read)}").`;
}
