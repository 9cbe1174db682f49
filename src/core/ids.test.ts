import { describe, expect, it } from 'vitest';
import { frameIndex, newTrackId, pts, sha256 } from './ids';
import { formatClock, parseRate, parseTimeBase, ptsToSeconds } from './time/time-base';

describe('ids and units', () => {
  it('accepts only what each brand means', () => {
    expect(frameIndex(0)).toBe(0);
    expect(() => frameIndex(-1)).toThrow();
    expect(() => frameIndex(1.5)).toThrow();
    expect(pts(-1024)).toBe(-1024);
    expect(() => pts(0.5)).toThrow();
    expect(sha256('AB'.repeat(32))).toBe('ab'.repeat(32));
    expect(() => sha256('abc')).toThrow();
  });

  it('makes unique prefixed ids', () => {
    const a = newTrackId();
    expect(a).toMatch(/^track_[0-9a-f-]{36}$/);
    expect(newTrackId()).not.toBe(a);
  });

  it('converts timestamps with the stream time base', () => {
    const tb = parseTimeBase('1/90000');
    expect(ptsToSeconds(pts(252000), tb)).toBe(2.8);
    expect(() => parseTimeBase('0/0')).toThrow();
    expect(parseRate('30000/1001')).toBeCloseTo(29.97, 2);
    expect(parseRate('0/0')).toBeNull();
    expect(formatClock(3725.0401)).toBe('1:02:05.040');
  });
});
