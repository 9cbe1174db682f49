/**
 * The onset envelope of a sound: how sharply it gets louder, hop by hop. Two recordings of
 * one event differ in level, microphone, distance and codec, but a bang, a door or a word
 * starts at the same instant in both; an envelope of starts therefore correlates across
 * cameras where raw samples would not (and is 80 times shorter at 16 kHz).
 *
 * Method: energy (mean square, full scale = 1) in 5 ms hops; log-compressed as
 * ln(E + 1e-7), the floor (−70 dB) keeping digital silence finite and near-silence quiet;
 * the half-wave rectified first difference (only rises count); smoothed with a 5-hop
 * triangular window (±10 ms at 5 ms hops), so that onsets a few milliseconds apart in the two
 * clips (a clock drifting by 0.1 % over 10 s, sound travelling 3 m further) still overlap.
 * The log makes a rise all but independent of where in its hop a bang starts, so the
 * envelope places an onset to its hop and no finer: hence the refinement on 1 ms hops.
 */

export const HOP_S = 0.005;
const LOG_FLOOR = 1e-7;
const SMOOTHING = [1, 2, 3, 2, 1] as const;

/** Mono PCM: 16-bit integers (full scale 32768) or floats in −1..1. */
export type Pcm = Int16Array | Float32Array;

export const ENVELOPE_METHOD =
  'onset envelope: energy in 5 ms hops, ln(E + 1e-7), half-wave rectified first difference, 5-hop triangular smoothing';

/** Full-scale divisor of the samples' type. */
const scaleOf = (samples: Pcm) => (samples instanceof Int16Array ? 32768 : 1);

/**
 * The envelope, one value per hop (hop h starts at h × hopS after sample 0): 5 ms for the
 * search, 1 ms where the search's best lag is refined (sound-offset.ts).
 */
export function onsetEnvelope(samples: Pcm, rate: number, hopS = HOP_S): Float64Array {
  const hopSamples = rate * hopS;
  const hops = Math.floor(samples.length / hopSamples);
  const scale = scaleOf(samples);
  const logEnergy = new Float64Array(hops);
  let from = 0;
  for (let h = 0; h < hops; h++) {
    const to = Math.round((h + 1) * hopSamples);
    let sum = 0;
    for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
    logEnergy[h] = Math.log(sum / (Math.max(1, to - from) * scale * scale) + LOG_FLOOR);
    from = to;
  }
  const rise = new Float64Array(hops);
  for (let h = 1; h < hops; h++) rise[h] = Math.max(0, logEnergy[h]! - logEnergy[h - 1]!);
  const half = (SMOOTHING.length - 1) / 2;
  const out = new Float64Array(hops);
  for (let h = 0; h < hops; h++) {
    let sum = 0;
    for (let k = -half; k <= half; k++) {
      const i = h + k;
      if (i >= 0 && i < hops) sum += SMOOTHING[k + half]! * rise[i]!;
    }
    out[h] = sum / 9;
  }
  return out;
}

/** The loudest sample as a fraction of full scale (0 for digital silence). */
export function peakLevel(samples: Pcm): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  return peak / scaleOf(samples);
}
