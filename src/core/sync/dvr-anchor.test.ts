import { describe, expect, it } from 'vitest';
import { frameIndex, sha256 } from '../ids';
import type { ClockCalibration } from '../annotations/model';
import { dvrClockAnchor, type ClockedVideo } from './dvr-anchor';

const clock = (frame: number, dvrTime: string, extra: Partial<ClockCalibration> = {}) => ({
  frame: frameIndex(frame),
  dvrTime,
  method: 'tick' as const,
  uncertaintySeconds: 0.04,
  utcOffsetMinutes: 60,
  offsetSeconds: 0,
  offsetNote: '',
  ...extra,
});
const frames = (count: number, fps: number) => Array.from({ length: count }, (_, i) => i / fps);
const video = (hex: string, c: ClockCalibration, fps: number): ClockedVideo => ({
  sha256: sha256(hex.repeat(64)),
  clock: c,
  times: frames(300, fps),
  lastDurationS: 1 / fps,
});

describe('an anchor from two DVR clocks', () => {
  it("finds the lead's calibration frame's real time in the other video", () => {
    // A's frame 25 (1.0 s) shows 08:01:01.000; B's frame 30 (1.0 s at 30 fps) shows 08:01:00.500,
    // so A's calibration instant is 0.5 s after B's: B's t = 1.5 s, frame 45.
    const lead = video('a', clock(25, '2025-09-12 08:01:01'), 25);
    const other = video('b', clock(30, '2025-09-12 08:01:00.500'), 30);
    const result = dvrClockAnchor(lead, other);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.a).toMatchObject({ frame: 25, seconds: 1, halfIntervalS: 0.04 });
    expect(result.b.frame).toBe(45);
    expect(result.b.seconds).toBeCloseTo(1.5, 9);
  });

  it("takes each clock's offset from real time and zone into account", () => {
    const lead = video('a', clock(25, '2025-09-12 08:01:01'), 25);
    // B's clock runs 2 s fast and keeps UTC+02:00 (an hour ahead of A's zone).
    const other = video(
      'b',
      clock(30, '2025-09-12 09:01:02.500', { offsetSeconds: 2, utcOffsetMinutes: 120 }),
      30,
    );
    const result = dvrClockAnchor(lead, other);
    expect(result.ok && result.b.seconds).toBeCloseTo(1.5, 9);
  });

  it('refuses in words: one zone unknown, or the instant outside the other recording', () => {
    const lead = video('a', clock(25, '2025-09-12 08:01:01'), 25);
    const noZone = video('b', clock(30, '2025-09-12 08:01:00', { utcOffsetMinutes: null }), 30);
    expect(dvrClockAnchor(lead, noZone)).toMatchObject({ ok: false, reason: /UTC offset/ });
    const later = video('b', clock(0, '2025-09-12 09:00:00'), 30);
    expect(dvrClockAnchor(lead, later)).toMatchObject({ ok: false, reason: /before/ });
  });
});
