import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  columnPeaks,
  durationOf,
  loudOnsets,
  ONSET_BUCKET_SECONDS,
  summarise,
} from './audio-peaks';
import { samplesOf } from './audio-track';

const SOUND = fileURLToPath(new URL('../../tests/fixtures/sound/', import.meta.url));
const truth = JSON.parse(readFileSync(`${SOUND}bangs.truth.json`, 'utf8')) as {
  bangs_s: number[];
  duration_s: number;
};
/** bangs.mp4's sound as native FFmpeg decodes it with Framewise's arguments (16 kHz mono). */
const bangs = samplesOf(new Uint8Array(readFileSync(`${SOUND}bangs.mp4.s16le`)));
const RATE = 16000;

describe('loudOnsets', () => {
  it('finds the bangs of the clip with a known truth, each within one bucket', () => {
    const onsets = loudOnsets(bangs, RATE);
    expect(onsets).toHaveLength(truth.bangs_s.length);
    onsets.forEach((t, i) =>
      expect(Math.abs(t - truth.bangs_s[i]!)).toBeLessThanOrEqual(ONSET_BUCKET_SECONDS),
    );
  });

  it('finds nothing in silence, and keeps the loudest when limited', () => {
    expect(loudOnsets(new Int16Array(16000), RATE)).toEqual([]);
    const samples = new Int16Array(RATE * 3);
    samples[RATE / 2] = 20000; // 0.5 s, softer
    samples[2 * RATE] = 30000; // 2.0 s, louder
    expect(loudOnsets(samples, RATE, { threshold: 0.5 })).toEqual([0.5, 2]);
    expect(loudOnsets(samples, RATE, { limit: 1 })).toEqual([2]);
  });
});

describe('summarise and columnPeaks', () => {
  const summary = summarise(bangs, RATE);

  it('summarises the whole sound', () => {
    expect(durationOf(summary)).toBeCloseTo(truth.duration_s, 1);
  });

  it('puts the loudest columns of the waveform at the bangs', () => {
    // 100 columns of 40 ms (one per frame at 25 fps).
    const edges = Float64Array.from({ length: 101 }, (_, i) => i * 0.04);
    const { min, max } = columnPeaks(summary, edges);
    const loud = [...max]
      .map((m, i) => ({ i, amp: Math.max(m, -min[i]!) }))
      .filter((c) => c.amp > 0.5)
      .map((c) => c.i);
    // Each bang (50 ms) covers its frame's column and the next; AAC's pre-echo may reach into
    // the column before.
    for (const bang of truth.bangs_s) {
      const column = Math.floor(bang / 0.04 + 1e-9);
      expect(loud).toContain(column);
    }
    expect(loud.every((c) => truth.bangs_s.some((b) => Math.abs(c * 0.04 - b) <= 0.08))).toBe(true);
    expect(Math.max(max[10]!, -min[10]!)).toBeLessThan(0.05); // 0.4 s: silence
  });

  it('is NaN outside the sound, and reads the block under a column narrower than a block', () => {
    const { min, max } = columnPeaks(summary, [-2, -1, 1.0, 1.0001, 5, 6]);
    expect(Number.isNaN(max[0]!)).toBe(true);
    expect(max[2]!).toBeGreaterThan(0.5);
    expect(Number.isNaN(min[4]!)).toBe(true);
  });
});
