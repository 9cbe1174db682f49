import { describe, expect, it } from 'vitest';
import { overlayScale } from './still-renderer';

describe('overlayScale', () => {
  it('keeps outlines and titles at screen size up to 1079 lines, then whole multiples', () => {
    expect(overlayScale(320, 240)).toBe(1);
    expect(overlayScale(640, 360)).toBe(1);
    expect(overlayScale(720, 1280)).toBe(1); // a phone clip, upright
    expect(overlayScale(1920, 1080)).toBe(2);
    expect(overlayScale(1080, 1920)).toBe(2);
    expect(overlayScale(3840, 2160)).toBe(4);
  });
});
