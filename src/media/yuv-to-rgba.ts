/**
 * Raw decoded pictures (planar YUV, as FFmpeg's rawvideo writes them: planes back to back, no
 * padding) to RGBA for the screen. Done in the browser, not in wasm, so FFmpeg only decodes.
 * The MD5 is always taken of the raw bytes, never of this conversion.
 */

interface PlanarLayout {
  /** log2 of the chroma subsampling, horizontal and vertical; null for grey. */
  readonly chroma: { readonly x: number; readonly y: number } | null;
  readonly fullRange: boolean;
}

const LAYOUTS: Record<string, PlanarLayout> = {
  yuv420p: { chroma: { x: 1, y: 1 }, fullRange: false },
  yuvj420p: { chroma: { x: 1, y: 1 }, fullRange: true },
  yuv422p: { chroma: { x: 1, y: 0 }, fullRange: false },
  yuvj422p: { chroma: { x: 1, y: 0 }, fullRange: true },
  yuv444p: { chroma: { x: 0, y: 0 }, fullRange: false },
  yuvj444p: { chroma: { x: 0, y: 0 }, fullRange: true },
  yuv440p: { chroma: { x: 0, y: 1 }, fullRange: false },
  yuvj440p: { chroma: { x: 0, y: 1 }, fullRange: true },
  yuv411p: { chroma: { x: 2, y: 0 }, fullRange: false },
  yuvj411p: { chroma: { x: 2, y: 0 }, fullRange: true },
  yuv410p: { chroma: { x: 2, y: 2 }, fullRange: false },
  gray: { chroma: null, fullRange: true },
};

export const canConvertToRgba = (pixelFormat: string): boolean => pixelFormat in LAYOUTS;

/** The chroma subsampling of a planar format (log2; null for grey), or undefined if unknown. */
export const chromaSubsampling = (pixelFormat: string): PlanarLayout['chroma'] | undefined =>
  LAYOUTS[pixelFormat]?.chroma;

export type ColorMatrix = 'bt601' | 'bt709';

/** The matrix FFmpeg would assume: the stream's own if tagged, else by picture height. */
export function colorMatrixFor(colorSpace: string, height: number): ColorMatrix {
  if (colorSpace === 'bt709') return 'bt709';
  if (['bt470bg', 'smpte170m', 'fcc', 'smpte240m'].includes(colorSpace)) return 'bt601';
  return height >= 720 ? 'bt709' : 'bt601';
}

/** Bytes of one raw frame in this format. */
export function rawFrameBytes(pixelFormat: string, width: number, height: number): number {
  const layout = LAYOUTS[pixelFormat];
  if (!layout) throw new Error(`unsupported pixel format ${pixelFormat}`);
  if (!layout.chroma) return width * height;
  const cw = Math.ceil(width / (1 << layout.chroma.x));
  const ch = Math.ceil(height / (1 << layout.chroma.y));
  return width * height + 2 * cw * ch;
}

// Coefficients scaled by 2^16 for integer arithmetic.
const FIX = 65536;
const COEFFS = {
  bt601: { rv: 1.402, gu: 0.344136, gv: 0.714136, bu: 1.772 },
  bt709: { rv: 1.5748, gu: 0.187324, gv: 0.468124, bu: 1.8556 },
};

/** The fixed-point (×2^16) numbers of the conversion: luma scale and offset, chroma weights. */
export interface RgbCoefficients {
  readonly yScale: number;
  readonly yOffset: number;
  readonly rv: number;
  readonly gu: number;
  readonly gv: number;
  readonly bu: number;
}

/** Whether a planar format is full range (JPEG levels); undefined if unknown. */
export const isFullRange = (pixelFormat: string): boolean | undefined =>
  LAYOUTS[pixelFormat]?.fullRange;

/** The integers `yuvToRgba` computes with (shared with the WebGL2 view renderer). */
export function rgbCoefficients(fullRange: boolean, matrix: ColorMatrix): RgbCoefficients {
  // Limited range stretches 16..235 (luma) and 16..240 (chroma) to full range.
  const cScale = fullRange ? 1 : 255 / 224;
  const c = COEFFS[matrix];
  return {
    yScale: fullRange ? FIX : Math.round((255 / 219) * FIX),
    yOffset: fullRange ? 0 : 16,
    rv: Math.round(c.rv * cScale * FIX),
    gu: Math.round(c.gu * cScale * FIX),
    gv: Math.round(c.gv * cScale * FIX),
    bu: Math.round(c.bu * cScale * FIX),
  };
}

export function yuvToRgba(
  data: Uint8Array,
  pixelFormat: string,
  width: number,
  height: number,
  matrix: ColorMatrix,
  out: Uint8ClampedArray = new Uint8ClampedArray(width * height * 4),
): Uint8ClampedArray {
  const layout = LAYOUTS[pixelFormat];
  if (!layout) throw new Error(`unsupported pixel format ${pixelFormat}`);
  if (data.length < rawFrameBytes(pixelFormat, width, height)) {
    throw new Error('raw frame is shorter than its format says');
  }
  const { yScale, yOffset, rv, gu, gv, bu } = rgbCoefficients(layout.fullRange, matrix);

  const chroma = layout.chroma;
  const cw = chroma ? Math.ceil(width / (1 << chroma.x)) : 0;
  const ch = chroma ? Math.ceil(height / (1 << chroma.y)) : 0;
  const uBase = width * height;
  const vBase = uBase + cw * ch;
  let o = 0;
  for (let row = 0; row < height; row++) {
    const yRow = row * width;
    const cRow = chroma ? (row >> chroma.y) * cw : 0;
    for (let col = 0; col < width; col++) {
      const luma = (data[yRow + col]! - yOffset) * yScale;
      let r = luma;
      let g = luma;
      let b = luma;
      if (chroma) {
        const ci = cRow + (col >> chroma.x);
        const u = data[uBase + ci]! - 128;
        const v = data[vBase + ci]! - 128;
        r += rv * v;
        g -= gu * u + gv * v;
        b += bu * u;
      }
      out[o++] = r / FIX; // Uint8ClampedArray clamps and rounds
      out[o++] = g / FIX;
      out[o++] = b / FIX;
      out[o++] = 255;
    }
  }
  return out;
}
