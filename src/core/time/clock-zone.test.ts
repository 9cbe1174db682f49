import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  formatUncertainty,
  formatUtcOffset,
  parseUtcOffset,
  utcOffsetFieldText,
} from './clock-zone';

describe('UTC offsets and uncertainties in words', () => {
  it('reads the ways people write a UTC offset', () => {
    expect(parseUtcOffset('+01:00')).toBe(60);
    expect(parseUtcOffset('+0100')).toBe(60);
    expect(parseUtcOffset(' utc+1 ')).toBe(60);
    expect(parseUtcOffset('GMT-03:00')).toBe(-180);
    expect(parseUtcOffset('\u221205:30')).toBe(-330);
    expect(parseUtcOffset('+05:45')).toBe(345);
    expect(parseUtcOffset('UTC')).toBe(0);
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('-00:00')).toBe(0);
    expect(parseUtcOffset('')).toBeNull();
  });

  it('refuses offsets that are not in use or not offsets', () => {
    expect(parseUtcOffset('+14:01')).toBeUndefined();
    expect(parseUtcOffset('-12:30')).toBeUndefined();
    expect(parseUtcOffset('+01:60')).toBeUndefined();
    expect(parseUtcOffset('01:00')).toBeUndefined();
    expect(parseUtcOffset('BST')).toBeUndefined();
  });

  it('writes offsets as UTC±HH:MM, and says when none is known', () => {
    expect(formatUtcOffset(60)).toBe('UTC+01:00');
    expect(formatUtcOffset(-330)).toBe('UTC-05:30');
    expect(formatUtcOffset(0)).toBe('UTC+00:00');
    expect(formatUtcOffset(null)).toBe('UTC offset not known');
    expect(utcOffsetFieldText(345)).toBe('+05:45');
    expect(utcOffsetFieldText(null)).toBe('');
  });

  it('writes uncertainties to the millisecond, rounded up, or in whole seconds', () => {
    expect(formatUncertainty(0.04)).toBe('± 0.040 s');
    expect(formatUncertainty(1001 / 30000)).toBe('± 0.034 s');
    expect(formatUncertainty(1)).toBe('± 1 s');
  });

  it('gives a time with its uncertainty and zone', () => {
    expect(formatClockTime('2025-09-12 14:03:07.480', 0.04, 60)).toBe(
      '2025-09-12 14:03:07.480 ± 0.040 s (UTC+01:00)',
    );
    expect(formatClockTime('2025-09-12 14:03:07.480', 1, null)).toBe(
      '2025-09-12 14:03:07.480 ± 1 s (UTC offset not known)',
    );
  });
});
