import { describe, expect, it } from 'vitest';
import {
  IDENTITY_MAPPING,
  formatDeltaMs,
  frameAtInstant,
  toCaseTime,
  toVideoTime,
} from './timeline-map';
import { clipTruth, frameTimes, type ClipName } from './sync-test-support';

const at25 = Array.from({ length: 10 }, (_, i) => i / 25);

describe('toCaseTime / toVideoTime', () => {
  it('map t_case = rate × t_video + offset and back', () => {
    const m = { rate: 1 / 1.001, offset: 0.6 };
    expect(toCaseTime(m, 0)).toBe(0.6);
    expect(toCaseTime(m, 1.001)).toBeCloseTo(1.6, 12);
    expect(toVideoTime(m, toCaseTime(m, 7.3))).toBeCloseTo(7.3, 12);
    expect(toCaseTime(IDENTITY_MAPPING, 3.2)).toBe(3.2);
    // A video starting 1.37 s after the reference has offset +1.37.
    expect(toVideoTime({ rate: 1, offset: 1.37 }, 1.37)).toBe(0);
  });
});

describe('frameAtInstant', () => {
  it('gives the frame whose display interval holds the instant, never a later one', () => {
    expect(frameAtInstant(at25, 0.04, 0)).toEqual({ frame: 0, deltaS: 0 });
    const r = frameAtInstant(at25, 0.04, 0.079);
    expect(r).toMatchObject({ frame: 1 });
    expect('deltaS' in r && r.deltaS).toBeCloseTo(-0.039, 12);
    expect(frameAtInstant(at25, 0.04, 0.08)).toEqual({ frame: 2, deltaS: 0 });
    // The last frame lasts its own duration.
    expect(frameAtInstant(at25, 0.04, 0.39)).toMatchObject({ frame: 9 });
  });

  it('says when the instant is outside the video', () => {
    expect(frameAtInstant(at25, 0.04, -0.001)).toEqual({ outside: 'before' });
    expect(frameAtInstant(at25, 0.04, 0.4)).toEqual({ outside: 'after' });
    expect(frameAtInstant([], 0.04, 0)).toEqual({ outside: 'before' });
  });

  it('treats an instant a rounding error before a frame as that frame', () => {
    // 0.1 + 0.2 is 0.30000000000000004; 0.3 − 1e-15 must still be frame 3 at 10 fps.
    const at10 = [0, 0.1, 0.2, 0.30000000000000004, 0.4];
    expect(frameAtInstant(at10, 0.1, 0.3)).toEqual({ frame: 3, deltaS: 0 });
  });

  it('handles variable frame intervals', () => {
    const vfr = [0, 0.04, 0.2, 0.21];
    expect(frameAtInstant(vfr, 0.01, 0.15)).toMatchObject({ frame: 1 });
    expect(frameAtInstant(vfr, 0.01, 0.2199)).toMatchObject({ frame: 3 });
    expect(frameAtInstant(vfr, 0.01, 0.22)).toEqual({ outside: 'after' });
  });

  it('finds each of 100 000 instants among 100 000 frames', () => {
    const times = Array.from({ length: 100_000 }, (_, i) => i / 30);
    let right = 0;
    for (let i = 0; i < 100_000; i++) {
      const instant = ((i * 7919) % 333_000) / 100 + 0.004;
      const r = frameAtInstant(times, 1 / 30, instant);
      if ('frame' in r && r.frame === Math.floor(instant * 30)) right++;
    }
    expect(right).toBe(100_000);
  });
});

describe('frameAtInstant on the footage with a known truth', () => {
  it.each<ClipName>(['A', 'B', 'C'])(
    'gives the frames clip %s shows at the truth instants',
    (name) => {
      const clip = clipTruth(name);
      const times = frameTimes(name);
      const mapping = { rate: clip.rate, offset: clip.offset_s };
      for (const instant of clip.instants) {
        const r = frameAtInstant(times, 1 / clip.fps, toVideoTime(mapping, instant.case_s));
        expect(r).toEqual({ frame: instant.frame, deltaS: expect.any(Number) });
        expect('deltaS' in r && r.deltaS * 1000).toBeCloseTo(instant.delta_ms!, 2);
      }
      // The bangs too: each frame that shows one, from the bang's scene (= case) time.
      for (const bang of clip.bangs.filter((b) => b.heard)) {
        const r = frameAtInstant(times, 1 / clip.fps, toVideoTime(mapping, bang.scene_s));
        expect(r).toMatchObject({ frame: bang.frame });
      }
    },
  );
});

describe('formatDeltaMs', () => {
  it('rounds to the millisecond with a real minus sign (U+2212)', () => {
    expect(formatDeltaMs(-0.012)).toBe('\u221212 ms');
    expect(formatDeltaMs(0.012)).toBe('+12 ms');
    expect(formatDeltaMs(0)).toBe('0 ms');
    expect(formatDeltaMs(-0.0004)).toBe('0 ms');
    expect(formatDeltaMs(-0.0336)).toBe('\u221234 ms');
    expect(formatDeltaMs(Number.NaN)).toBe('not known');
  });
});
