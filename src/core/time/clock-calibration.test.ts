import { describe, expect, it } from 'vitest';
import { calibrationProblem, formatDvrTime, frameClock, parseDvrTime } from './clock-calibration';
import type { ClockCalibration } from '../annotations/model';

const CALIBRATION: ClockCalibration = {
  frame: 0,
  dvrTime: '2025-09-12 08:01:00',
  offsetSeconds: 83.5,
  offsetNote: 'DVR menu clock against a GPS phone, 14 Sept',
};

describe('clock calibration', () => {
  it('reads DVR times as written, with no zone, and refuses dates that do not exist', () => {
    expect(formatDvrTime(parseDvrTime('2025-09-12 08:01:00')!)).toBe('2025-09-12 08:01:00.000');
    expect(formatDvrTime(parseDvrTime('2025-09-12T23:59:59.5')!)).toBe('2025-09-12 23:59:59.500');
    expect(parseDvrTime('2025-02-30 08:00:00')).toBeNull();
    expect(parseDvrTime('2025-09-12 24:00:00')).toBeNull();
    expect(parseDvrTime('12/09/2025 08:01')).toBeNull();
  });

  it('gives every frame its DVR time from its pts, and the corrected time from the offset', () => {
    // Frame at 1.96 s, calibration frame at 0: 1.96 s later on the DVR clock.
    expect(frameClock(CALIBRATION, 1.96, 0)).toEqual({
      dvrTime: '2025-09-12 08:01:01.960',
      correctedTime: '2025-09-12 07:59:38.460',
    });
    // Before the calibration frame, across midnight, a DVR behind real time.
    const late = { ...CALIBRATION, dvrTime: '2025-09-13 00:00:00.200', offsetSeconds: -2 };
    expect(frameClock(late, 10, 10.4)).toEqual({
      dvrTime: '2025-09-12 23:59:59.800',
      correctedTime: '2025-09-13 00:00:01.800',
    });
    expect(frameClock(CALIBRATION, null, 0)).toBeNull();
  });

  it('says what is wrong with a calibration in plain words', () => {
    expect(calibrationProblem(CALIBRATION, 200)).toBeNull();
    expect(calibrationProblem({ ...CALIBRATION, frame: 200 }, 200)).toMatch(/at most 199/);
    expect(calibrationProblem({ ...CALIBRATION, dvrTime: 'noon' }, 200)).toMatch(/YYYY-MM-DD/);
    expect(calibrationProblem({ ...CALIBRATION, offsetSeconds: Number.NaN }, 200)).toMatch(
      /number of seconds/,
    );
  });
});
