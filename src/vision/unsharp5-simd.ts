/**
 * FFmpeg's unsharp=5:5:amount on a luma plane with WebAssembly SIMD (unsharp5.wat): the same
 * integers as the JavaScript path in unsharp.ts, about five times faster, so a sharpened
 * 1080p view keeps up while playing on a CPU. Where the engine has no WebAssembly SIMD (or
 * the module cannot be made, e.g. a page policy without 'wasm-unsafe-eval'), `unsharp5Simd`
 * returns false and the caller uses the JavaScript path: same bytes, only slower.
 */
import { UNSHARP5_WASM_BASE64 } from './generated/unsharp5-wasm';

interface Unsharp5Exports {
  readonly memory: WebAssembly.Memory;
  readonly unsharp5: (
    width: number,
    height: number,
    fixed: number,
    input: number,
    output: number,
    tmp: number,
    flip: number,
  ) => void;
}

/** The instance; null when it cannot be made here (then never tried again). */
let instance: Unsharp5Exports | null | undefined;

function unsharp5Module(): Unsharp5Exports | null {
  if (instance !== undefined) return instance;
  try {
    const bytes = Uint8Array.from(atob(UNSHARP5_WASM_BASE64), (c) => c.charCodeAt(0));
    // Small enough (under 4 KB) to compile synchronously even on a page's main thread.
    const module = new WebAssembly.Module(bytes);
    instance = new WebAssembly.Instance(module).exports as unknown as Unsharp5Exports;
  } catch {
    instance = null; // no SIMD, or WebAssembly not allowed here
  }
  return instance;
}

/** Bytes past each buffer's end the vectors may read or write (eight; sixteen to be safe). */
const SLACK = 16;
const PAGE = 65536;

/** How the sharpened values are written: as they are, inverted (255 − v), or through a table. */
export type AfterSharpening = 'none' | 'invert' | Uint8Array;

/**
 * out[i] = the plane's width · height bytes sharpened, then as `after` says. False (out
 * untouched) when WebAssembly SIMD is not available here.
 */
export function unsharp5Simd(
  plane: Uint8Array,
  width: number,
  height: number,
  fixed: number,
  out: Uint8Array,
  after: AfterSharpening,
): boolean {
  const wasm = unsharp5Module();
  if (!wasm) return false;
  const n = width * height;
  const input = 0;
  const output = n + SLACK;
  const tmp = 2 * (n + SLACK);
  const needed = tmp + 2 * (width + 2 + SLACK) + SLACK;
  const { memory } = wasm;
  if (memory.buffer.byteLength < needed) {
    try {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    } catch {
      return false; // no memory to spare: the JavaScript path needs none of it
    }
  }
  const bytes = new Uint8Array(memory.buffer);
  bytes.set(plane.subarray(0, n), input);
  wasm.unsharp5(width, height, fixed, input, output, tmp, after === 'invert' ? 255 : 0);
  const sharpened = bytes.subarray(output, output + n);
  if (typeof after === 'string') out.set(sharpened);
  else for (let i = 0; i < n; i++) out[i] = after[sharpened[i]!]!;
  return true;
}
