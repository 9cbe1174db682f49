import type { Pts, Seconds } from '../ids';

/** A stream time base as a rational, e.g. 1/90000. */
export interface TimeBase {
  readonly num: number;
  readonly den: number;
}

export function parseTimeBase(text: string): TimeBase {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new RangeError(`not a time base: ${text}`);
  const num = Number(match[1]);
  const den = Number(match[2]);
  if (num <= 0 || den <= 0) throw new RangeError(`not a time base: ${text}`);
  return { num, den };
}

export const formatTimeBase = (tb: TimeBase): string => `${tb.num}/${tb.den}`;

export const ptsToSeconds = (p: Pts, tb: TimeBase): Seconds => ((p * tb.num) / tb.den) as Seconds;

/** A frame rate or other rational from ffprobe ("25/1", "30000/1001"); null when "0/0". */
export function parseRate(text: string | undefined): number | null {
  if (!text) return null;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return null;
  const den = Number(match[2]);
  return den === 0 ? null : Number(match[1]) / den;
}

/** Seconds as "h:mm:ss.mmm", for people. */
export function formatClock(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const totalMs = Math.round(Math.abs(seconds) * 1000);
  const ms = totalMs % 1000;
  const s = Math.floor(totalMs / 1000) % 60;
  const m = Math.floor(totalMs / 60000) % 60;
  const h = Math.floor(totalMs / 3600000);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${sign}${h}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
}
