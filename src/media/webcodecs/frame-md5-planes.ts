import { md5 } from 'hash-wasm';

/**
 * The MD5 of a WebCodecs frame as `ffmpeg -f framemd5` prints it for the same frame decoded to
 * yuv420p: the visible rectangle only, the Y plane's rows, then U's, then V's, each row exactly
 * as wide as the plane (no stride padding). Chroma planes are half the size, rounded up
 * (FFmpeg's AV_CEIL_RSHIFT), so a 641x361 picture has 321x181 chroma planes.
 *
 * Never taken over RGB: a conversion to RGB is not bit-exact between decoders, planes are.
 */

/** Pixel formats whose planes are yuv420p's, as Chromium hands them out of a VideoDecoder. */
export type PlanarFormat = 'I420' | 'NV12';

/** One plane's place in the buffer (what `VideoFrame.copyTo` resolves to). */
export interface PlaneLayout {
  readonly offset: number;
  readonly stride: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A frame's planes in one buffer, as `VideoFrame.copyTo(buffer, { rect })` wrote them. */
export interface PlanarFrame {
  readonly format: PlanarFormat;
  /** Size of the picture the buffer holds (the rect copied: often the coded size). */
  readonly width: number;
  readonly height: number;
  /** Y, U, V for I420; Y and interleaved UV for NV12. */
  readonly layout: readonly PlaneLayout[];
  /** The visible rectangle, in the buffer's picture coordinates. */
  readonly visible: Rect;
  /**
   * Clockwise turn FFmpeg applies before hashing (its autorotate, from the display matrix): 90
   * is `transpose=clock`, 180 `hflip,vflip`, 270 `transpose=cclock`. 0 when omitted.
   */
  readonly rotation?: Rotation;
}

export type Rotation = 0 | 90 | 180 | 270;

/** True for the formats this module can hash like FFmpeg's yuv420p. */
export function isPlanarFormat(format: string | null | undefined): format is PlanarFormat {
  return format === 'I420' || format === 'NV12';
}

const half = (n: number): number => (n + 1) >> 1;

function check(frame: PlanarFrame, byteLength: number): void {
  const { visible: v, width, height, layout } = frame;
  const planes = frame.format === 'I420' ? 3 : 2;
  if (layout.length !== planes) {
    throw new Error(`${frame.format} needs ${planes} plane layouts, got ${layout.length}`);
  }
  if (v.x < 0 || v.y < 0 || v.width <= 0 || v.height <= 0) {
    throw new Error(`visible rectangle ${JSON.stringify(v)} is empty or negative`);
  }
  if (v.x + v.width > width || v.y + v.height > height) {
    throw new Error(`visible rectangle ${JSON.stringify(v)} leaves the ${width}x${height} picture`);
  }
  // A chroma sample covers 2x2 luma samples: an odd origin would split them.
  if (v.x % 2 !== 0 || v.y % 2 !== 0) {
    throw new Error(`visible rectangle starts at an odd position (${v.x}, ${v.y})`);
  }
  const rows = [height, half(height), half(height)];
  const widths =
    frame.format === 'I420' ? [width, half(width), half(width)] : [width, 2 * half(width)];
  layout.forEach((plane, i) => {
    if (plane.stride < widths[i]!) {
      throw new Error(`plane ${i}: stride ${plane.stride} is narrower than its ${widths[i]} bytes`);
    }
    const end = plane.offset + plane.stride * (rows[i]! - 1) + widths[i]!;
    if (plane.offset < 0 || end > byteLength) {
      throw new Error(`plane ${i} runs past the end of the ${byteLength}-byte buffer`);
    }
  });
}

/** The bytes `ffmpeg -f framemd5` hashes for this frame as yuv420p (visible rectangle only). */
export function yuv420pBytes(data: Uint8Array, frame: PlanarFrame): Uint8Array {
  check(frame, data.byteLength);
  const { visible: v, layout } = frame;
  const cw = half(v.width);
  const ch = half(v.height);
  const cx = v.x / 2;
  const cy = v.y / 2;
  const out = new Uint8Array(v.width * v.height + 2 * cw * ch);
  const y = layout[0]!;
  let at = 0;
  for (let row = 0; row < v.height; row++) {
    const start = y.offset + (v.y + row) * y.stride + v.x;
    out.set(data.subarray(start, start + v.width), at);
    at += v.width;
  }
  if (frame.format === 'I420') {
    for (const plane of [layout[1]!, layout[2]!]) {
      for (let row = 0; row < ch; row++) {
        const start = plane.offset + (cy + row) * plane.stride + cx;
        out.set(data.subarray(start, start + cw), at);
        at += cw;
      }
    }
    return out;
  }
  // NV12: U and V interleaved in one plane; de-interleave into yuv420p's U then V.
  const uv = layout[1]!;
  const vAt = at + cw * ch;
  for (let row = 0; row < ch; row++) {
    const start = uv.offset + (cy + row) * uv.stride + 2 * cx;
    for (let col = 0; col < cw; col++) {
      out[at++] = data[start + 2 * col]!;
      out[vAt + row * cw + col] = data[start + 2 * col + 1]!;
    }
  }
  return out;
}

/** One w x h plane turned clockwise by `rotation`, as FFmpeg's transpose / flip filters do. */
function rotatePlane(plane: Uint8Array, w: number, h: number, rotation: Rotation): Uint8Array {
  if (rotation === 0) return plane;
  const out = new Uint8Array(plane.length);
  let at = 0;
  if (rotation === 180) {
    for (let i = plane.length - 1; i >= 0; i--) out[at++] = plane[i]!;
    return out;
  }
  // 90 and 270: the result is h wide and w tall.
  for (let row = 0; row < w; row++) {
    for (let col = 0; col < h; col++) {
      out[at++] =
        rotation === 90 ? plane[(h - 1 - col) * w + row]! : plane[col * w + (w - 1 - row)]!;
    }
  }
  return out;
}

/** The yuv420p bytes turned clockwise by `rotation` (each plane on its own). */
export function rotateYuv420p(
  bytes: Uint8Array,
  width: number,
  height: number,
  rotation: Rotation,
): Uint8Array {
  if (rotation === 0) return bytes;
  const cw = half(width);
  const ch = half(height);
  const y = width * height;
  const c = cw * ch;
  const out = new Uint8Array(bytes.length);
  out.set(rotatePlane(bytes.subarray(0, y), width, height, rotation), 0);
  out.set(rotatePlane(bytes.subarray(y, y + c), cw, ch, rotation), y);
  out.set(rotatePlane(bytes.subarray(y + c, y + 2 * c), cw, ch, rotation), y + c);
  return out;
}

/** The framemd5 digest (lower-case hex) of a frame's planes, as FFmpeg prints it for yuv420p. */
export async function planesMd5(data: Uint8Array, frame: PlanarFrame): Promise<string> {
  const bytes = yuv420pBytes(data, frame);
  const { width, height } = frame.visible;
  return md5(rotateYuv420p(bytes, width, height, frame.rotation ?? 0));
}
