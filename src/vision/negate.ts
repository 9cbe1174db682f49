/**
 * FFmpeg 5.1's `negate` on 8-bit YUV (issue 18's view filters). Although vf_lut knows YUV's
 * limited range (16…235 luma, 16…240 chroma), negate is plain 255 − v on every plane, luma
 * and chroma alike, with no clipping: checked value by value against native FFmpeg 5.1 on
 * yuv420p. Negated chroma swaps the colours' hues as well as their lightness.
 */
export const NEGATE_FILTER_TEXT = 'negate';

/** The table FFmpeg's negate applies to a plane (the same for luma and chroma). */
export function negateTable(plane: 'luma' | 'chroma'): Uint8Array {
  void plane; // FFmpeg 5.1 treats both alike; callers still say which plane they mean.
  return Uint8Array.from({ length: 256 }, (_, v) => 255 - v);
}
