/**
 * DVR clock calibration: the time a CCTV recorder burns into its picture is its own clock,
 * often minutes off, shown to the whole second. The examiner reads it on one frame and, where
 * known, measures how far it is from real time. Every frame's DVR time then follows from its
 * pts (the recorder's clock runs with the stream's timestamps), and its corrected time from
 * the offset.
 *
 * A clock showing whole seconds pins its time down to within a second, unless the examiner
 * finds the frame where the seconds digit changes (the tick): the clock turned over between
 * that frame and the one before, so on the tick frame it reads the new second to within one
 * frame interval. That uncertainty goes with every time computed from the calibration.
 *
 * Times are wall-clock times as the DVR shows them, in the zone it keeps (recorded as a UTC
 * offset where known): they are handled as milliseconds on a zone-free scale (UTC
 * arithmetic, never the computer's local zone).
 */
import type { ClockCalibration, ClockReadingMethod } from '../annotations/model';
import { parseUtcOffset } from './clock-zone';

/** A reading without a tick: the display does not resolve less than its one second. */
export const READING_UNCERTAINTY_SECONDS = 1;

const DVR_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** "2025-09-12 08:01:00(.5)" as milliseconds on the zone-free scale; null if not such a time. */
export function parseDvrTime(text: string): number | null {
  const match = DVR_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const millis = Number((match[7] ?? '0').padEnd(3, '0'));
  const ms = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, millis);
  const back = new Date(ms);
  // Refuses dates that do not exist (2025-02-30) rather than rolling them over.
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month! - 1 || hour! > 23) return null;
  if (minute! > 59 || second! > 59) return null;
  return ms;
}

/** Milliseconds on the zone-free scale as "YYYY-MM-DD HH:MM:SS.mmm". */
export function formatDvrTime(ms: number): string {
  return new Date(Math.round(ms)).toISOString().replace('T', ' ').replace('Z', '');
}

/** "YYYY-MM-DD HH:MM:SS": what a clock showing whole seconds shows. */
const WHOLE_SECONDS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/;

/** The clock reading as the examiner gives it in the DVR clock panel. */
export interface ClockReading {
  /** The frame on which the clock was read (the tick frame, for a tick). */
  readonly frame: number;
  readonly method: ClockReadingMethod;
  /** The date and time shown, as typed. */
  readonly dvrTime: string;
  /** The UTC offset, as typed; empty when not known. */
  readonly utcOffset: string;
  readonly offsetSeconds: number;
  readonly offsetNote: string;
}

/** What the calibration needs to know of the video: its frames and their times. */
export interface CalibrationFrames {
  readonly frameCount: number;
  /** A frame's presentation time in seconds; null when the stream gives it no timestamp. */
  readonly secondsOf: (frame: number) => number | null;
}

export type Calibrated =
  | { readonly ok: true; readonly calibration: ClockCalibration }
  | { readonly ok: false; readonly problem: string };

/**
 * The calibration a clock reading gives, with its uncertainty: the time from the frame before
 * for a tick (never more than the second a reading leaves open), 1 s for a reading alone.
 * Impossible readings are refused with what is wrong, in plain words.
 */
export function calibrate(reading: ClockReading, frames: CalibrationFrames): Calibrated {
  const fail = (problem: string): Calibrated => ({ ok: false, problem });
  const { frame } = reading;
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames.frameCount) {
    return fail(`The frame read must be one of the video's, 0 to ${frames.frameCount - 1}.`);
  }
  const dvrTime = reading.dvrTime.trim().replace('T', ' ');
  if (!WHOLE_SECONDS.test(dvrTime)) {
    return fail(
      'Type the date and time the DVR shows as YYYY-MM-DD HH:MM:SS (e.g. 2025-09-12 08:01:00), to the whole second as its clock shows it: the tick gives the fraction.',
    );
  }
  if (parseDvrTime(dvrTime) === null) {
    return fail(`${dvrTime} is not a date and time that exists: check the day, month and hour.`);
  }
  const utcOffsetMinutes = parseUtcOffset(reading.utcOffset);
  if (utcOffsetMinutes === undefined) {
    return fail(
      'Write the UTC offset as +01:00 or -05:30 (UTC-12:00 to UTC+14:00), or leave it empty if it is not known.',
    );
  }
  if (!Number.isFinite(reading.offsetSeconds) || Math.abs(reading.offsetSeconds) > 1e9) {
    return fail('How far the DVR runs ahead must be a number of seconds (negative: behind).');
  }
  let uncertaintySeconds = READING_UNCERTAINTY_SECONDS;
  if (reading.method === 'tick') {
    const interval = tickInterval(frame, frames);
    if (typeof interval === 'string') return fail(interval);
    uncertaintySeconds = Math.min(interval, READING_UNCERTAINTY_SECONDS);
  }
  return {
    ok: true,
    calibration: {
      frame,
      dvrTime,
      method: reading.method,
      uncertaintySeconds,
      utcOffsetMinutes,
      offsetSeconds: reading.offsetSeconds,
      offsetNote: reading.offsetNote.trim(),
    },
  };
}

/** Seconds from the frame before the tick to the tick frame; a problem in words if unknown. */
function tickInterval(frame: number, frames: CalibrationFrames): number | string {
  if (frame === 0) {
    return 'Frame 0 cannot be the tick: no frame before it shows the second before. Mark a later change of second, or read the clock without a tick (± 1 s).';
  }
  const at = frames.secondsOf(frame);
  const before = frames.secondsOf(frame - 1);
  if (at === null || before === null) {
    return `Frame ${frame} or the one before has no timestamp, so the time between them is not known: read the clock without a tick (± 1 s).`;
  }
  // Whole microseconds, rounded up (an uncertainty must not shrink); the small allowance keeps
  // float noise from seconds = pts × time base from adding one.
  const interval = Math.ceil((at - before) * 1e6 - 1e-3) / 1e6;
  if (interval <= 0) {
    return `Frame ${frame} is not later than the frame before it, so it cannot time a tick: read the clock without a tick (± 1 s).`;
  }
  return interval;
}

export interface FrameClock {
  /** What the DVR's clock said at this frame ("YYYY-MM-DD HH:MM:SS.mmm"). */
  readonly dvrTime: string;
  /** The DVR time less the DVR's offset from real time. */
  readonly correctedTime: string;
  /** How far either time may be off, in seconds: the calibration's. */
  readonly uncertaintySeconds: number;
  /** The UTC offset the DVR's clock keeps, in minutes; null where not known. */
  readonly utcOffsetMinutes: number | null;
}

/**
 * A frame's DVR and corrected times, from its presentation time and the calibration frame's
 * (both in seconds of the stream); null where either frame has no timestamp. The corrected
 * time carries the calibration's uncertainty; the offset's own measurement error is on top,
 * as its note describes.
 */
export function frameClock(
  calibration: ClockCalibration,
  frameSeconds: number | null,
  calibrationFrameSeconds: number | null,
): FrameClock | null {
  const reference = parseDvrTime(calibration.dvrTime);
  if (reference === null || frameSeconds === null || calibrationFrameSeconds === null) return null;
  // Milliseconds, rounded once: seconds from pts × time base can carry float noise.
  const dvr = reference + Math.round((frameSeconds - calibrationFrameSeconds) * 1e6) / 1e3;
  return {
    dvrTime: formatDvrTime(dvr),
    correctedTime: formatDvrTime(dvr - calibration.offsetSeconds * 1000),
    uncertaintySeconds: calibration.uncertaintySeconds,
    utcOffsetMinutes: calibration.utcOffsetMinutes,
  };
}

/**
 * A calibration stored before the uncertainty and zone were recorded, brought up to date: it
 * was a reading without a tick (± 1 s, whatever decimals were typed) in a zone not recorded.
 * For JSON nobody has checked yet (backup and export upgrades, the database upgrade): only an
 * object without a method is changed, into a new object; anything else is returned as it is.
 */
export function calibrationBeforeUncertainty(clock: unknown): unknown {
  if (clock === null || typeof clock !== 'object' || Array.isArray(clock) || 'method' in clock) {
    return clock;
  }
  return {
    ...clock,
    method: 'reading',
    uncertaintySeconds: READING_UNCERTAINTY_SECONDS,
    utcOffsetMinutes: null,
  };
}
