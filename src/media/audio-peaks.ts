/**
 * Pure arithmetic on a decoded sound track (mono signed 16-bit PCM): a min/max summary for
 * drawing the waveform at any zoom, and where the loud moments (bangs, shouts) start. No
 * DOM, no FFmpeg: tested on PCM decoded by native FFmpeg.
 */

/** The summary's block: 4 ms, far under a frame interval (40 ms at 25 fps). */
const BLOCK_SECONDS = 0.004;

/** Min and max of each block of samples, so a column of the waveform reads a few blocks. */
export interface PeakSummary {
  /** Samples per second of the PCM summarised. */
  readonly rate: number;
  readonly sampleCount: number;
  readonly blockSamples: number;
  readonly min: Int16Array;
  readonly max: Int16Array;
}

export function summarise(samples: Int16Array, rate: number): PeakSummary {
  const blockSamples = Math.max(1, Math.round(rate * BLOCK_SECONDS));
  const blocks = Math.ceil(samples.length / blockSamples);
  const min = new Int16Array(blocks);
  const max = new Int16Array(blocks);
  for (let b = 0; b < blocks; b++) {
    let lo = 32767;
    let hi = -32768;
    const end = Math.min(samples.length, (b + 1) * blockSamples);
    for (let i = b * blockSamples; i < end; i++) {
      const v = samples[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min[b] = lo;
    max[b] = hi;
  }
  return { rate, sampleCount: samples.length, blockSamples, min, max };
}

/** The sound's length in seconds. */
export const durationOf = (summary: PeakSummary): number => summary.sampleCount / summary.rate;

/**
 * Min and max (each -1..1) of the sound in each column, column i spanning the seconds
 * `edges[i]..edges[i + 1]` (so `edges` has one more entry than there are columns). A column
 * outside the sound is NaN in both. A column narrower than a block reads the block it is in:
 * zoomed in far, neighbouring columns show the same block.
 */
export function columnPeaks(
  summary: PeakSummary,
  edges: ArrayLike<number>,
): { min: Float32Array; max: Float32Array } {
  const columns = Math.max(0, edges.length - 1);
  const min = new Float32Array(columns).fill(NaN);
  const max = new Float32Array(columns).fill(NaN);
  const blockSeconds = summary.blockSamples / summary.rate;
  const blocks = summary.min.length;
  for (let c = 0; c < columns; c++) {
    const t0 = Math.min(edges[c]!, edges[c + 1]!);
    const t1 = Math.max(edges[c]!, edges[c + 1]!);
    const first = Math.max(0, Math.floor(t0 / blockSeconds));
    const last = Math.min(blocks - 1, Math.max(first, Math.ceil(t1 / blockSeconds) - 1));
    if (t1 < 0 || first >= blocks) continue;
    let lo = 32767;
    let hi = -32768;
    for (let b = first; b <= last; b++) {
      if (summary.min[b]! < lo) lo = summary.min[b]!;
      if (summary.max[b]! > hi) hi = summary.max[b]!;
    }
    min[c] = lo / 32768;
    max[c] = hi / 32768;
  }
  return { min, max };
}

/** The onset search's bucket: 10 ms. */
export const ONSET_BUCKET_SECONDS = 0.01;

/**
 * Where the loud sounds start, in seconds from the start of the sound, ascending: each the
 * start of a 10 ms bucket whose peak reaches `threshold` of the loudest peak, after at least
 * `minGapSeconds` below it. At most `limit` of them (the loudest kept); none in silence.
 */
export function loudOnsets(
  samples: Int16Array,
  rate: number,
  { threshold = 0.5, minGapSeconds = 0.25, limit = 12 } = {},
): number[] {
  const bucket = Math.max(1, Math.round(rate * ONSET_BUCKET_SECONDS));
  const buckets = Math.ceil(samples.length / bucket);
  const envelope = new Float32Array(buckets);
  let loudest = 0;
  for (let b = 0; b < buckets; b++) {
    let peak = 0;
    const end = Math.min(samples.length, (b + 1) * bucket);
    for (let i = b * bucket; i < end; i++) peak = Math.max(peak, Math.abs(samples[i]!));
    envelope[b] = peak;
    loudest = Math.max(loudest, peak);
  }
  if (loudest === 0) return [];
  const gapBuckets = Math.round(minGapSeconds / ONSET_BUCKET_SECONDS);
  const onsets: { bucket: number; peak: number }[] = [];
  let lastLoud = -Infinity;
  for (let b = 0; b < buckets; b++) {
    if (envelope[b]! < threshold * loudest) continue;
    if (b - lastLoud > gapBuckets) onsets.push({ bucket: b, peak: 0 });
    const current = onsets.at(-1)!;
    current.peak = Math.max(current.peak, envelope[b]!);
    lastLoud = b;
  }
  return onsets
    .sort((a, b) => b.peak - a.peak)
    .slice(0, limit)
    .map((o) => (o.bucket * bucket) / rate)
    .sort((a, b) => a - b);
}
