/**
 * DVR clock calibration: the time a CCTV recorder burns into its picture is its own clock,
 * often minutes off. The examiner reads it on one frame and, where known, measures how far it
 * is from real time. Every frame's DVR time then follows from its pts (the recorder's clock
 * runs with the stream's timestamps), and its corrected time from the offset.
 *
 * Times are wall-clock times with no zone, as the DVR shows them: they are handled as
 * milliseconds on a zone-free scale (UTC arithmetic, never the computer's local zone).
 */
import type { ClockCalibration } from '../annotations/model';

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

/** What is wrong with a calibration as typed, in plain words; null when it is usable. */
export function calibrationProblem(
  calibration: ClockCalibration,
  frameCount: number,
): string | null {
  if (!Number.isInteger(calibration.frame) || calibration.frame < 0) {
    return 'The calibration frame must be a whole number from 0.';
  }
  if (calibration.frame >= frameCount) {
    return `The calibration frame must be at most ${frameCount - 1}, the last frame.`;
  }
  if (parseDvrTime(calibration.dvrTime) === null) {
    return 'Write the DVR time as it is shown, as YYYY-MM-DD HH:MM:SS (e.g. 2025-09-12 08:01:00), with up to 3 decimals.';
  }
  if (!Number.isFinite(calibration.offsetSeconds) || Math.abs(calibration.offsetSeconds) > 1e9) {
    return 'The offset must be a number of seconds.';
  }
  return null;
}

export interface FrameClock {
  /** What the DVR's clock said at this frame. */
  readonly dvrTime: string;
  /** The DVR time less the DVR's offset from real time. */
  readonly correctedTime: string;
}

/**
 * A frame's DVR and corrected times, from its presentation time and the calibration frame's
 * (both in seconds of the stream); null where either frame has no timestamp.
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
  };
}
