import { describe, expect, it } from 'vitest';
import {
  calibrate,
  calibrationBeforeUncertainty,
  formatDvrTime,
  frameClock,
  parseDvrTime,
  type CalibrationFrames,
  type ClockReading,
} from './clock-calibration';
import type { ClockCalibration } from '../annotations/model';
import { deepFreeze } from '../test-support';

const CALIBRATION: ClockCalibration = {
  frame: 0,
  dvrTime: '2025-09-12 08:01:00',
  method: 'reading',
  uncertaintySeconds: 1,
  utcOffsetMinutes: 60,
  offsetSeconds: 83.5,
  offsetNote: 'DVR menu clock against a GPS phone, 14 Sept',
};

/** 25 frames a second, as the sample; frame 7 has no timestamp. */
const PAL: CalibrationFrames = {
  frameCount: 200,
  secondsOf: (frame) => (frame === 7 ? null : frame / 25),
};

/** NTSC timing: 1001/30000 s between frames. */
const NTSC: CalibrationFrames = { frameCount: 100, secondsOf: (frame) => (frame * 1001) / 30000 };

const TICK: ClockReading = {
  frame: 25,
  method: 'tick',
  dvrTime: '2025-09-12 08:01:01',
  utcOffset: '+01:00',
  offsetSeconds: 83.5,
  offsetNote: ' GPS phone ',
};

function problemOf(reading: Partial<ClockReading>, frames = PAL): string {
  const result = calibrate({ ...TICK, ...reading }, frames);
  return result.ok ? '' : result.problem;
}

describe('clock calibration', () => {
  it('reads DVR times as written, with no zone, and refuses dates that do not exist', () => {
    expect(formatDvrTime(parseDvrTime('2025-09-12 08:01:00')!)).toBe('2025-09-12 08:01:00.000');
    expect(formatDvrTime(parseDvrTime('2025-09-12T23:59:59.5')!)).toBe('2025-09-12 23:59:59.500');
    expect(parseDvrTime('2025-02-30 08:00:00')).toBeNull();
    expect(parseDvrTime('2025-09-12 24:00:00')).toBeNull();
    expect(parseDvrTime('12/09/2025 08:01')).toBeNull();
  });

  it('aligns the clock on the tick frame to within one frame interval', () => {
    const result = calibrate(TICK, PAL);
    expect(result).toEqual({
      ok: true,
      calibration: {
        frame: 25,
        dvrTime: '2025-09-12 08:01:01',
        method: 'tick',
        uncertaintySeconds: 0.04,
        utcOffsetMinutes: 60,
        offsetSeconds: 83.5,
        offsetNote: 'GPS phone',
      },
    });
    // The interval is the one before the tick frame, whatever the rate (to the µs, up).
    const ntsc = calibrate({ ...TICK, frame: 30 }, NTSC);
    expect(ntsc.ok && ntsc.calibration.uncertaintySeconds).toBe(0.033367);
    // Frames further apart than a second: the display still pins the time to its second.
    const sparse = calibrate(TICK, { frameCount: 100, secondsOf: (f) => f * 2.5 });
    expect(sparse.ok && sparse.calibration.uncertaintySeconds).toBe(1);
  });

  it('leaves ± 1 s without a tick, and from frame 0 too', () => {
    const result = calibrate({ ...TICK, frame: 0, method: 'reading' }, PAL);
    expect(result.ok && result.calibration).toMatchObject({
      frame: 0,
      method: 'reading',
      uncertaintySeconds: 1,
    });
    // A frame with no timestamp can be read, but not used to time a tick.
    expect(calibrate({ ...TICK, frame: 7, method: 'reading' }, PAL).ok).toBe(true);
  });

  it('records the UTC offset as typed, or none when left empty', () => {
    const offsetOf = (utcOffset: string) => {
      const result = calibrate({ ...TICK, utcOffset }, PAL);
      return result.ok ? result.calibration.utcOffsetMinutes : result.problem;
    };
    expect(offsetOf('')).toBeNull();
    expect(offsetOf('UTC+1')).toBe(60);
    expect(offsetOf('-05:30')).toBe(-330);
  });

  it('refuses impossible readings in plain words', () => {
    expect(problemOf({ frame: 200 })).toMatch(/0 to 199/);
    expect(problemOf({ frame: -1 })).toMatch(/0 to 199/);
    expect(problemOf({ frame: 1.5 })).toMatch(/0 to 199/);
    expect(problemOf({ dvrTime: 'noon' })).toMatch(/YYYY-MM-DD HH:MM:SS/);
    // The clock shows whole seconds: a fraction typed is not what was read.
    expect(problemOf({ dvrTime: '2025-09-12 08:01:01.480' })).toMatch(/whole second/);
    expect(problemOf({ dvrTime: '2025-02-30 08:01:01' })).toMatch(/not a date and time/);
    expect(problemOf({ utcOffset: '+25:00' })).toMatch(/UTC offset/);
    expect(problemOf({ utcOffset: 'Europe/London' })).toMatch(/UTC offset/);
    expect(problemOf({ offsetSeconds: Number.NaN })).toMatch(/number of seconds/);
    expect(problemOf({ frame: 0 })).toMatch(/Frame 0 cannot be the tick/);
    expect(problemOf({ frame: 7 })).toMatch(/no timestamp/);
    expect(problemOf({ frame: 8 })).toMatch(/no timestamp/);
    expect(problemOf({}, { frameCount: 100, secondsOf: () => 3 })).toMatch(/not later/);
  });

  it('gives every frame its DVR time from its pts, and the corrected time from the offset', () => {
    // Frame at 1.96 s, calibration frame at 0: 1.96 s later on the DVR clock.
    expect(frameClock(CALIBRATION, 1.96, 0)).toEqual({
      dvrTime: '2025-09-12 08:01:01.960',
      correctedTime: '2025-09-12 07:59:38.460',
      uncertaintySeconds: 1,
      utcOffsetMinutes: 60,
    });
    // Before the calibration frame, across midnight, a DVR behind real time.
    const late = {
      ...CALIBRATION,
      dvrTime: '2025-09-13 00:00:00',
      uncertaintySeconds: 0.04,
      offsetSeconds: -2,
    };
    expect(frameClock(late, 10, 10.2)).toMatchObject({
      dvrTime: '2025-09-12 23:59:59.800',
      correctedTime: '2025-09-13 00:00:01.800',
      uncertaintySeconds: 0.04,
    });
    expect(frameClock(CALIBRATION, null, 0)).toBeNull();
  });

  it('brings a calibration from before the uncertainty up to date, leaving its input alone', () => {
    const old = deepFreeze({
      frame: 3,
      dvrTime: '2025-09-12 08:01:00.400',
      offsetSeconds: 2,
      offsetNote: '',
    });
    expect(calibrationBeforeUncertainty(old)).toEqual({
      ...old,
      method: 'reading',
      uncertaintySeconds: 1,
      utcOffsetMinutes: null,
    });
    expect(calibrationBeforeUncertainty(null)).toBeNull();
    expect(calibrationBeforeUncertainty(CALIBRATION)).toBe(CALIBRATION);
    expect(calibrationBeforeUncertainty('x')).toBe('x');
  });
});
