import { describe, expect, it } from 'vitest';
import { HOP_S, onsetEnvelope, peakLevel } from './onset-envelope';
import { clipPcm, clipTruth } from './sync-test-support';

describe('onsetEnvelope', () => {
  it('rises where each bang of the decoded clip starts, within 10 ms', () => {
    const samples = clipPcm('B');
    const envelope = onsetEnvelope(samples, 16000);
    expect(envelope.length).toBe(Math.floor(samples.length / 80));
    const loudest = Math.max(...envelope);
    for (const bang of clipTruth('B').bangs) {
      if (!bang.heard) continue;
      // The largest value within ±50 ms of the truth.
      const from = Math.round((bang.video_s! - 0.05) / HOP_S);
      let best = from;
      for (let h = from; h < from + 20; h++) if (envelope[h]! > envelope[best]!) best = h;
      expect(Math.abs(best * HOP_S - bang.video_s!)).toBeLessThanOrEqual(0.01);
      expect(envelope[best]).toBeGreaterThan(0.5 * loudest);
    }
  });

  it('is flat (all zero) in digital silence, and reads floats as it reads integers', () => {
    expect(onsetEnvelope(new Int16Array(16000), 16000).every((v) => v === 0)).toBe(true);
    const ints = clipPcm('A').subarray(0, 16000 * 5);
    const floats = Float32Array.from(ints, (v) => v / 32768);
    const [ei, ef] = [onsetEnvelope(ints, 16000), onsetEnvelope(floats, 16000)];
    ei.forEach((v, i) => expect(ef[i]).toBeCloseTo(v, 5));
  });

  it('works at other sample rates (hops of 5 ms whatever the rate)', () => {
    expect(onsetEnvelope(new Int16Array(8000), 8000).length).toBe(200);
    expect(onsetEnvelope(new Float32Array(44100), 44100).length).toBe(200);
  });
});

describe('peakLevel', () => {
  it('is the loudest sample as a fraction of full scale', () => {
    expect(peakLevel(new Int16Array([0, -16384, 100]))).toBe(0.5);
    expect(peakLevel(new Float32Array([0.25, -0.1]))).toBe(0.25);
    expect(peakLevel(new Int16Array(10))).toBe(0);
  });
});
