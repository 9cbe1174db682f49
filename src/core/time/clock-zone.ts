/**
 * The words a DVR time is given in: its UTC offset ("UTC+01:00") and its uncertainty
 * ("± 0.040 s"), so every time the app or the report prints says how far it can be trusted
 * and on which clock.
 */

/** The widest offsets in use: UTC−12:00 (Baker Island) to UTC+14:00 (Line Islands). */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

/** "+01:00", "+0100", "+1", "-5:30", "UTC+1", "GMT-03:00", "−05:00" (a true minus sign too). */
const OFFSET = /^(?:UTC|GMT)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?$/;

/**
 * A UTC offset as typed, in minutes: null for an empty field (not known); "UTC", "GMT" or
 * "Z" alone are +00:00. Undefined when the text is not an offset or not one in use.
 */
export function parseUtcOffset(text: string): number | null | undefined {
  const typed = text.trim().toUpperCase();
  if (typed === '') return null;
  if (typed === 'Z' || typed === 'UTC' || typed === 'GMT') return 0;
  const match = OFFSET.exec(typed);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (minutes > 59) return undefined;
  const sign = match[1] === '+' ? 1 : -1;
  const total = sign * (hours * 60 + minutes);
  if (total < MIN_OFFSET_MINUTES || total > MAX_OFFSET_MINUTES) return undefined;
  // -00:00 is +00:00: one way to write it.
  return total === 0 ? 0 : total;
}

/** +60 as "UTC+01:00", -330 as "UTC-05:30", null as "UTC offset not known". */
export function formatUtcOffset(minutes: number | null): string {
  if (minutes === null) return 'UTC offset not known';
  const sign = minutes < 0 ? '-' : '+';
  const size = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `UTC${sign}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

/** The offset as a form field shows it ("+01:00"), empty when not known. */
export function utcOffsetFieldText(minutes: number | null): string {
  return minutes === null ? '' : formatUtcOffset(minutes).slice(3);
}

/**
 * An uncertainty in words: "± 1 s" for whole seconds, else to the millisecond, rounded up
 * (1/30 s is "± 0.034 s": rounding down would claim more than is known).
 */
export function formatUncertainty(seconds: number): string {
  if (Number.isInteger(seconds)) return `± ${seconds} s`;
  // The small allowance keeps 0.04 (40.000000000000004 ms in floating point) at 0.040.
  const millis = Math.ceil(seconds * 1000 - 1e-6);
  return `± ${(millis / 1000).toFixed(3)} s`;
}

/** A DVR time with its uncertainty and zone: "2025-09-12 08:01:01.600 ± 0.040 s (UTC+01:00)". */
export function formatClockTime(
  time: string,
  uncertaintySeconds: number,
  utcOffsetMinutes: number | null,
): string {
  return `${time} ${formatUncertainty(uncertaintySeconds)} (${formatUtcOffset(utcOffsetMinutes)})`;
}
