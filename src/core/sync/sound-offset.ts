import { crossCorrelate } from './fft';
import { ENVELOPE_METHOD, HOP_S, onsetEnvelope, peakLevel, type Pcm } from './onset-envelope';
import { pearsonAtLags } from './pearson-lags';

/**
 * A suggested offset between two videos from their sound: where the onset envelopes
 * (onset-envelope.ts) of the two tracks line up best. It is a suggestion for the examiner to
 * check and accept, never applied by itself: two cameras may hear different sounds, or one
 * sound that repeats.
 *
 * At each lag L (hops) the two envelopes are compared over the hops where both have sound by
 * Pearson's correlation r(L), from sums over that overlap: Σab by FFT (fft.ts), Σa, Σa², Σb,
 * Σb² by prefix sums, so a 30-minute pair takes under half a second. The best lag is then
 * refined on 1 ms envelopes within ±10 ms of it, over the minute of the overlap with most
 * onsets in common (Σab summed directly, 21 lags), and between those by a parabola through
 * the best and its neighbours: 5 ms hops alone place an onset only to its hop
 * (onset-envelope.ts).
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
const FINE_HOP_S = 0.001;
/** Fine lags searched each side of the coarse peak: two coarse hops. */
const FINE_REACH = 10;
/** The stretch of the overlap the refinement reads. */
const REFINE_S = 60;

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
  const method = `${ENVELOPE_METHOD}; Pearson r over the overlap at each lag (FFT), lags within ±${maxLagS} s and ≥ ${minOverlapS.toFixed(1)} s of shared sound; refined on 1 ms hops within ±10 ms over the best 60 s of overlap, parabolic peak; ${SCORE_METHOD}`;
  const none = (reason: string): NoSoundOffset => ({ found: false, reason, method });
  for (const [name, track, duration] of [
    ['A', a, durA],
    ['B', b, durB],
  ] as const) {
    if (!(track.rate > 0) || !Number.isFinite(track.rate)) {
      return none(`The sound of video ${name} has no usable sample rate (${track.rate}).`);
    }
    if (duration < MIN_SOUND_S) {
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
  const curve = coarseCurve(ea, eb, Math.round(minOverlapS / HOP_S), Math.round(maxLagS / HOP_S));
  if (curve.lags.length === 0) {
    return none('The two sounds cannot overlap enough within the lags searched.');
  }
  const startShift = (a.startS ?? 0) - (b.startS ?? 0);
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
  const offset = refine(a, b, ea, eb, curve.lags[best]!);
  const score = Math.max(0, Math.min(1, peak - rival));
  return {
    found: true,
    offsetS: offset + startShift,
    score,
    weak: score < WEAK_SCORE,
    peakCorrelation: peak,
    runnerUpCorrelation: rival,
    overlapS: curve.overlap[best]! * HOP_S,
    curve: decimate(
      curve.lags.map((lag) => lag * HOP_S + startShift),
      curve.r,
    ),
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

/** r at every lag with at least minOverlap shared hops and |lag| ≤ maxLag, Σab by FFT. */
function coarseCurve(a: Float64Array, b: Float64Array, minOverlap: number, maxLag: number) {
  const { values, zeroAt } = crossCorrelate(a, b);
  const lo = Math.max(-maxLag, -(b.length - minOverlap));
  const hi = Math.min(maxLag, a.length - minOverlap);
  const lags = Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
  return { lags, ...pearsonAtLags(a, b, lags, (lag) => values[zeroAt + lag]!) };
}

/**
 * The offset (s, from sample 0 to sample 0) near the coarse lag where the 1 ms envelopes agree
 * best: over the REFINE_S stretch of the overlap where both sounds have most onsets at that
 * lag (so a long pair costs no more than a minute of sound), within ±FINE_REACH ms.
 */
function refine(
  a: SoundTrack,
  b: SoundTrack,
  ea: Float64Array,
  eb: Float64Array,
  lag: number,
): number {
  // The window of the overlap where Σ a[n] b[n − lag] is largest (a running sum).
  const from = Math.max(0, lag);
  const to = Math.min(ea.length, eb.length + lag);
  const width = Math.min(to - from, Math.round(REFINE_S / HOP_S));
  let sum = 0;
  for (let n = from; n < from + width; n++) sum += ea[n]! * eb[n - lag]!;
  let [bestSum, start] = [sum, from];
  for (let n = from + width; n < to; n++) {
    sum += ea[n]! * eb[n - lag]! - ea[n - width]! * eb[n - width - lag]!;
    if (sum > bestSum) [bestSum, start] = [sum, n - width + 1];
  }
  // The same stretch of each sound (B's a little wider, for the lags around), as samples.
  const reach = FINE_REACH * FINE_HOP_S;
  const [a0, a1] = [start * HOP_S, (start + width) * HOP_S];
  const [b0, b1] = [Math.max(0, a0 - lag * HOP_S - reach), (start + width - lag) * HOP_S + reach];
  const sliceOf = (t: SoundTrack, t0: number, t1: number) => {
    const i0 = Math.round(t0 * t.rate);
    return { at: i0 / t.rate, samples: t.samples.subarray(i0, Math.round(t1 * t.rate)) };
  };
  const [sa, sb] = [sliceOf(a, a0, a1), sliceOf(b, b0, b1)];
  const coarse = lag * HOP_S;
  const fa = centred(onsetEnvelope(sa.samples, a.rate, FINE_HOP_S));
  const fb = centred(onsetEnvelope(sb.samples, b.rate, FINE_HOP_S));
  if (!fa || !fb) return coarse;
  // In fine hops of the slices: the coarse lag, less the slices' own starts.
  const around = Math.round((coarse - (sa.at - sb.at)) / FINE_HOP_S);
  const lags: number[] = [];
  for (let l = around - FINE_REACH; l <= around + FINE_REACH; l++) lags.push(l);
  const { r } = pearsonAtLags(fa, fb, lags, (l) => {
    let total = 0;
    const end = Math.min(fa.length, fb.length + l);
    for (let n = Math.max(0, l); n < end; n++) total += fa[n]! * fb[n - l]!;
    return total;
  });
  let best = 0;
  r.forEach((value, i) => {
    if (value > r[best]!) best = i;
  });
  // A parabola through the best and its neighbours (when both were searched).
  const [left, mid, right] = [r[best - 1], r[best]!, r[best + 1]];
  let shift = 0;
  if (left !== undefined && right !== undefined) {
    const bend = left - 2 * mid + right;
    if (bend < 0) shift = Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / bend));
  }
  return sa.at - sb.at + (lags[best]! + shift) * FINE_HOP_S;
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
