import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_LAG_S,
  WEAK_SCORE,
  describeSuggestion,
  suggestSoundOffset,
  type SoundOffsetResult,
  type SoundOffsetSuggestion,
} from './sound-offset';
import { clipPcm, clipTruth } from './sync-test-support';

const RATE = 16000;
const track = (samples: Int16Array | Float32Array, startS = 0) => ({ samples, rate: RATE, startS });

function found(result: SoundOffsetResult): SoundOffsetSuggestion {
  if (!result.found) throw new Error(result.reason);
  return result;
}

/** Low noise with short loud bursts at the given seconds (deterministic). */
function bursts(seconds: number, at: readonly number[], seed = 1): Int16Array {
  const out = new Int16Array(Math.round(seconds * RATE));
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296 - 0.5;
  };
  for (let i = 0; i < out.length; i++) out[i] = Math.round(next() * 100);
  for (const t of at) {
    const from = Math.round(t * RATE);
    for (let j = 0; j < 480 && from + j < out.length; j++) {
      out[from + j] = Math.round(20000 * Math.exp(-j / 160) * next());
    }
  }
  return out;
}

describe('suggestSoundOffset on the footage with a known truth', () => {
  const [a, b, c] = [clipPcm('A'), clipPcm('B'), clipPcm('C')];

  it('finds B 1.37 s after A, within a millisecond, with a high score', () => {
    const r = found(suggestSoundOffset(track(a), track(b)));
    const truth = clipTruth('B').offset_s;
    expect(Math.abs(r.offsetS - truth)).toBeLessThan(1 / 30); // the target: one frame
    expect(Math.abs(r.offsetS - truth)).toBeLessThan(0.001); // measured: 0.2 ms
    expect(r.score).toBeGreaterThan(0.4);
    expect(r.weak).toBe(false);
    expect(r.peakCorrelation).toBeGreaterThan(0.9);
    expect(r.overlapS).toBeCloseTo(9.96, 1); // all of B's sound
  });

  it('finds C within a frame of its offset despite its clock running 0.1 % fast', () => {
    const r = found(suggestSoundOffset(track(a), track(c)));
    const truth = clipTruth('C').offset_s;
    // One offset for a drifting clock: the bangs C hears lie between t_A − t_C = 0.597 s
    // (3.68 s) and 0.592 s (8.80 s); the suggestion falls among them.
    expect(Math.abs(r.offsetS - truth)).toBeLessThan(1 / 25);
    expect(r.offsetS).toBeGreaterThan(0.59);
    expect(r.offsetS).toBeLessThan(0.6);
    expect(r.score).toBeGreaterThan(0.4);
  });

  it('finds C against B, neither of them the reference', () => {
    const r = found(suggestSoundOffset(track(b), track(c)));
    const truth = clipTruth('C').offset_s - clipTruth('B').offset_s;
    expect(Math.abs(r.offsetS - truth)).toBeLessThan(1 / 30);
  });

  it('gives a low score to sounds that are not the same', () => {
    const reversed = b.slice().reverse();
    const mirror = found(suggestSoundOffset(track(b), track(reversed)));
    expect(mirror.score).toBeLessThan(0.15);
    expect(mirror.weak).toBe(true);
    const noise = found(suggestSoundOffset(track(a), track(bursts(10, [], 5))));
    expect(noise.score).toBeLessThan(0.15);
    const other = found(suggestSoundOffset(track(a), track(bursts(10, [1.1, 2.9, 6.3], 9))));
    expect(other.score).toBeLessThan(WEAK_SCORE);
  });

  it('keeps the curve for display: at most 2000 points, the peak among them', () => {
    const r = found(suggestSoundOffset(track(a), track(b)));
    expect(r.curve.lagS.length).toBe(r.curve.correlation.length);
    expect(r.curve.lagS.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...r.curve.correlation)).toBeCloseTo(r.peakCorrelation, 12);
    const lags = r.curve.lagS;
    expect(lags.every((l, i) => i === 0 || l > lags[i - 1]!)).toBe(true);
    expect(r.method).toMatch(/^onset envelope: energy in 5 ms hops, ln\(E \+ 1e-7\)/);
    expect(r.method).toContain('parabolic peak');
  });
});

describe('suggestSoundOffset on made-up sound', () => {
  const times = [1.3, 2.05, 4.4, 5.1, 7.75, 9.2, 12.6, 14.05, 17.5];

  it('places a sub-hop offset to well under a millisecond', () => {
    const whole = bursts(20, times);
    const delay = 2.3456; // B starts this much later than A
    const b = whole.slice(Math.round(delay * RATE));
    const r = found(suggestSoundOffset(track(whole), track(b)));
    expect(Math.abs(r.offsetS - delay)).toBeLessThan(0.001);
    expect(r.score).toBeGreaterThan(0.5);
    // A video that started before the reference has a negative offset.
    const earlier = found(suggestSoundOffset(track(b), track(whole)));
    expect(Math.abs(earlier.offsetS + delay)).toBeLessThan(0.001);
  });

  it('counts the tracks from their own start times', () => {
    const whole = bursts(20, times);
    const b = whole.slice(RATE * 2);
    const r = found(suggestSoundOffset(track(whole, 0.5), track(b, 0.1)));
    // Sample 0 of B is at t_B = 0.1 and at t_A = 0.5 + 2: offset 2.4.
    expect(Math.abs(r.offsetS - 2.4)).toBeLessThan(0.001);
  });

  it('searches only the lags asked for (default ±60 s)', () => {
    expect(DEFAULT_MAX_LAG_S).toBe(60);
    const whole = bursts(20, times);
    const b = whole.slice(RATE * 3);
    const r = found(suggestSoundOffset(track(whole), track(b), { maxLagS: 1 }));
    expect(Math.min(...r.curve.lagS)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...r.curve.lagS)).toBeLessThanOrEqual(1);
  });

  it('calls a repeating sound ambiguous: as good a match one period away scores near 0', () => {
    const ticks = Array.from({ length: 19 }, (_, i) => 0.5 + i);
    const whole = bursts(20, ticks);
    const r = found(suggestSoundOffset(track(whole), track(whole.slice(RATE * 4))));
    expect(r.score).toBeLessThan(0.1);
    expect(r.weak).toBe(true);
  });

  it('says why when there is nothing to compare, never NaN', () => {
    const silent = suggestSoundOffset(track(new Int16Array(RATE * 5)), track(bursts(5, [1])));
    expect(silent).toMatchObject({
      found: false,
      reason: 'Video A is silent: there is no sound to compare.',
    });
    const short = suggestSoundOffset(track(bursts(5, [1])), track(bursts(1, [0.5])));
    expect(short).toMatchObject({ found: false });
    expect(!short.found && short.reason).toMatch(/^The sound of video B is too short \(1\.0 s\)/);
    const empty = suggestSoundOffset(track(new Int16Array(0)), track(bursts(5, [1])));
    expect(empty.found).toBe(false);
    const noRate = suggestSoundOffset({ samples: bursts(5, [1]), rate: 0 }, track(bursts(5, [1])));
    expect(noRate).toMatchObject({
      found: false,
      reason: 'The sound of video A has no usable sample rate (0).',
    });
    // A steady tone: loud, but nothing starts in it.
    const tone = Int16Array.from({ length: RATE * 5 }, (_, i) =>
      Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / RATE)),
    );
    expect(suggestSoundOffset(track(bursts(5, [1])), track(tone))).toMatchObject({
      found: false,
      reason: expect.stringMatching(/^The sound of video B never changes in level/),
    });
  });

  it('lines up a 30-minute pair (timing for the report, not a limit)', () => {
    const minutes = 30;
    const next = (() => {
      let seed = 11;
      return () => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed / 4294967296;
      };
    })();
    const starts = Array.from({ length: 600 }, () => next() * minutes * 60);
    const a = bursts(minutes * 60, starts, 3);
    const delay = 41.237;
    const b = bursts(minutes * 60 - delay, [], 4);
    // B hears A's sound from `delay` on, quieter, over its own noise.
    const from = Math.round(delay * RATE);
    for (let i = 0; i < b.length; i++) b[i] = Math.round(b[i]! + 0.5 * a[i + from]!);
    const started = performance.now();
    const r = found(suggestSoundOffset(track(a), track(b)));
    const ms = performance.now() - started;
    expect(Math.abs(r.offsetS - delay)).toBeLessThan(0.001);
    expect(r.score).toBeGreaterThan(0.5);
    console.info(`30-minute pair lined up in ${ms.toFixed(0)} ms`);
  });
});

describe('describeSuggestion', () => {
  const base: SoundOffsetSuggestion = {
    found: true,
    offsetS: 1.3702,
    score: 0.52,
    weak: false,
    peakCorrelation: 0.95,
    runnerUpCorrelation: 0.43,
    overlapS: 10,
    curve: { lagS: [], correlation: [] },
    method: 'm',
  };

  it('says which started first, by how much, and how sure', () => {
    expect(describeSuggestion(base, 'camera A', 'camera B')).toBe(
      'The sound suggests camera B started 1.370 s after camera A (offset +1.370 s). The match is clear (score 0.52). Check a frame pair by eye before accepting it; sound also takes about 3 ms per metre to reach each camera.',
    );
    const weak = { ...base, offsetS: -0.25, score: 0.1, weak: true };
    expect(describeSuggestion(weak, 'A', 'B')).toBe(
      'The sound suggests B started 0.250 s before A (offset \u22120.250 s). The match is weak (score 0.10, below 0.25): the two may not have heard the same sounds, or the sound repeats. Check it by eye before accepting it.',
    );
    expect(describeSuggestion({ found: false, reason: 'Why.', method: 'm' }, 'A', 'B')).toBe(
      'Why.',
    );
  });
});
