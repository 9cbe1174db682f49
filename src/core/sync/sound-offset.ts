import { crossCorrelate } from './fft';
import { ENVELOPE_METHOD, HOP_S, onsetEnvelope, peakLevel, type Pcm } from './onset-envelope';

/**
 * A suggested offset between two videos from their sound: where the onset envelopes
 * (onset-envelope.ts) of the two tracks line up best. It is a suggestion for the examiner to
 * check and accept, never applied by itself: two cameras may hear different sounds, or one
 * sound that repeats.
 *
 * At each lag L (hops) the two envelopes are compared over the hops where both have sound by
 * Pearson's correlation r(L), from sums over that overlap: Σab by FFT (fft.ts), Σa, Σa², Σb,
 * Σb² by prefix sums, so a 30-minute pair takes a fraction of a second. The best lag is
 * refined between hops by a parabola through it and its neighbours.
 *
 * Convention: t_A = t_B + offsetS for the same sound, i.e. offsetS is video B's offset on a
 * case timeline whose reference is A (model.ts), +1.37 when B started 1.37 s after A.
 */

export interface SoundTrack {
  /** Mono PCM, sample k at startS + k / rate on the video's own clock (t_video). */
  readonly samples: Pcm;
  readonly rate: number;
  /** t_video of sample 0: 0 for Framewise's decoding (audio-track.ts). */
  readonly startS?: number;
}

export interface SoundOffsetSuggestion {
  readonly found: true;
  readonly offsetS: number;
  /** 0..1: peakCorrelation − max(0, runnerUpCorrelation), see SCORE_METHOD. */
  readonly score: number;
  readonly weak: boolean;
  readonly peakCorrelation: number;
  /** The best r at lags more than ±0.25 s from the peak (a repeat, or chance). */
  readonly runnerUpCorrelation: number;
  /** Seconds of sound the two share at the suggested offset. */
  readonly overlapS: number;
  /** r against offsetS, at most 2000 points (each the best r of its stretch of lags). */
  readonly curve: { readonly lagS: number[]; readonly correlation: number[] };
  readonly method: string;
}

export interface NoSoundOffset {
  readonly found: false;
  /** Plain words: why there is no suggestion. */
  readonly reason: string;
  readonly method: string;
}

export type SoundOffsetResult = SoundOffsetSuggestion | NoSoundOffset;

/** Below this score a suggestion is called weak (the words say to check it by eye). */
export const WEAK_SCORE = 0.25;
export const DEFAULT_MAX_LAG_S = 60;
/** Lags within this of the peak are its own shoulders, not a rival. */
const RIVAL_EXCLUSION_S = 0.25;
/** Shortest sound compared: a couple of seconds hold too few onsets to mean anything. */
const MIN_SOUND_S = 2;
/** Quieter than this everywhere (about −80 dBFS): no sound. */
const SILENT_PEAK = 1e-4;
const CURVE_POINTS = 2000;

export const SCORE_METHOD = `score = r at the peak minus the largest positive r more than ±${RIVAL_EXCLUSION_S} s from it (0..1); below ${WEAK_SCORE} weak`;

export function suggestSoundOffset(
  a: SoundTrack,
  b: SoundTrack,
  { maxLagS = DEFAULT_MAX_LAG_S }: { maxLagS?: number } = {},
): SoundOffsetResult {
  const durA = a.samples.length / a.rate;
  const durB = b.samples.length / b.rate;
  // The shared stretch must be at least half the shorter sound, between 2 and 10 s.
  const minOverlapS = Math.min(10, Math.max(MIN_SOUND_S, Math.min(durA, durB) / 2));
  const method = `${ENVELOPE_METHOD}; Pearson r over the overlap at each lag (FFT), lags within ±${maxLagS} s and ≥ ${minOverlapS.toFixed(1)} s of shared sound; parabolic peak; ${SCORE_METHOD}`;
  const none = (reason: string): NoSoundOffset => ({ found: false, reason, method });
  for (const [name, track, duration] of [
    ['A', a, durA],
    ['B', b, durB],
  ] as const) {
    if (!(track.rate > 0) || duration < MIN_SOUND_S) {
      return none(
        `The sound of video ${name} is too short (${duration.toFixed(1)} s) to compare; at least ${MIN_SOUND_S} s are needed.`,
      );
    }
    if (peakLevel(track.samples) < SILENT_PEAK) {
      return none(`Video ${name} is silent: there is no sound to compare.`);
    }
  }
  const ea = centred(onsetEnvelope(a.samples, a.rate));
  const eb = centred(onsetEnvelope(b.samples, b.rate));
  if (!ea || !eb) {
    return none(
      `The sound of video ${ea ? 'B' : 'A'} never changes in level (no onsets such as bangs or words), so it cannot be lined up.`,
    );
  }
  const curve = pearsonByLag(ea, eb, Math.round(minOverlapS / HOP_S), Math.round(maxLagS / HOP_S));
  if (curve.lags.length === 0) {
    return none('The two sounds cannot overlap enough within the lags searched.');
  }
  const startShift = (a.startS ?? 0) - (b.startS ?? 0);
  const toSeconds = (lag: number) => lag * HOP_S + startShift;
  let best = 0;
  curve.r.forEach((r, i) => {
    if (r > curve.r[best]!) best = i;
  });
  const peak = curve.r[best]!;
  const exclusion = Math.round(RIVAL_EXCLUSION_S / HOP_S);
  let rival = 0;
  curve.r.forEach((r, i) => {
    if (Math.abs(i - best) > exclusion && r > rival) rival = r;
  });
  // Parabolic refinement through the peak and its neighbours (when both were searched).
  let shift = 0;
  const [left, right] = [curve.r[best - 1], curve.r[best + 1]];
  if (left !== undefined && right !== undefined) {
    const bend = left - 2 * peak + right;
    if (bend < 0) shift = Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / bend));
  }
  const lag = curve.lags[best]! + shift;
  const score = Math.max(0, Math.min(1, peak - rival));
  return {
    found: true,
    offsetS: toSeconds(lag),
    score,
    weak: score < WEAK_SCORE,
    peakCorrelation: peak,
    runnerUpCorrelation: rival,
    overlapS: curve.overlap[best]! * HOP_S,
    curve: decimate(curve.lags.map(toSeconds), curve.r),
    method,
  };
}

/** The envelope minus its mean (r ignores a constant; the FFT's sums stay small), or null if flat. */
function centred(envelope: Float64Array): Float64Array | null {
  const n = envelope.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += envelope[i]!;
  mean /= n;
  let spread = 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = envelope[i]! - mean;
    spread += out[i]! ** 2;
  }
  return spread > 1e-12 * n ? out : null;
}

/**
 * Pearson's r between a[n] and b[n − L] over the n where both exist, for every lag L with at
 * least minOverlap shared hops and |L| ≤ maxLag.
 */
function pearsonByLag(
  a: Float64Array,
  b: Float64Array,
  minOverlap: number,
  maxLag: number,
): { lags: number[]; r: number[]; overlap: number[] } {
  const { values, zeroAt } = crossCorrelate(a, b);
  const prefix = (x: Float64Array) => {
    const sum = new Float64Array(x.length + 1);
    const squares = new Float64Array(x.length + 1);
    for (let i = 0; i < x.length; i++) {
      sum[i + 1] = sum[i]! + x[i]!;
      squares[i + 1] = squares[i]! + x[i]! ** 2;
    }
    return { sum, squares };
  };
  const pa = prefix(a);
  const pb = prefix(b);
  const lags: number[] = [];
  const r: number[] = [];
  const overlap: number[] = [];
  const lo = Math.max(-maxLag, -(b.length - minOverlap));
  const hi = Math.min(maxLag, a.length - minOverlap);
  for (let lag = lo; lag <= hi; lag++) {
    const from = Math.max(0, lag);
    const to = Math.min(a.length, b.length + lag);
    const m = to - from;
    const sa = pa.sum[to]! - pa.sum[from]!;
    const saa = pa.squares[to]! - pa.squares[from]!;
    const sb = pb.sum[to - lag]! - pb.sum[from - lag]!;
    const sbb = pb.squares[to - lag]! - pb.squares[from - lag]!;
    const cov = m * values[zeroAt + lag]! - sa * sb;
    const va = m * saa - sa * sa;
    const vb = m * sbb - sb * sb;
    lags.push(lag);
    r.push(va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0);
    overlap.push(m);
  }
  return { lags, r, overlap };
}

/** At most CURVE_POINTS points, each the best r of its stretch (a peak is never lost). */
function decimate(lagS: number[], r: number[]): SoundOffsetSuggestion['curve'] {
  const step = Math.ceil(r.length / CURVE_POINTS);
  if (step <= 1) return { lagS, correlation: r };
  const out = { lagS: [] as number[], correlation: [] as number[] };
  for (let i = 0; i < r.length; i += step) {
    let best = i;
    for (let j = i + 1; j < Math.min(r.length, i + step); j++) if (r[j]! > r[best]!) best = j;
    out.lagS.push(lagS[best]!);
    out.correlation.push(r[best]!);
  }
  return out;
}

/** Plain words for the examiner, e.g. "The sound suggests camera B started 1.370 s after …". */
export function describeSuggestion(
  result: SoundOffsetResult,
  nameA: string,
  nameB: string,
): string {
  if (!result.found) return result.reason;
  const { offsetS, score } = result;
  const when =
    Math.abs(offsetS) < 0.0005
      ? `started at the same time as ${nameA}`
      : `started ${Math.abs(offsetS).toFixed(3)} s ${offsetS > 0 ? 'after' : 'before'} ${nameA}`;
  const sign = offsetS < 0 ? '\u2212' : '+';
  const head = `The sound suggests ${nameB} ${when} (offset ${sign}${Math.abs(offsetS).toFixed(3)} s).`;
  if (result.weak) {
    return `${head} The match is weak (score ${score.toFixed(2)}, below ${WEAK_SCORE}): the two may not have heard the same sounds, or the sound repeats. Check it by eye before accepting it.`;
  }
  return `${head} The match is clear (score ${score.toFixed(2)}). Check a frame pair by eye before accepting it; sound also takes about 3 ms per metre to reach each camera.`;
}
