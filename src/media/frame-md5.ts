import { md5 } from 'hash-wasm';
import type { DecodedFrame } from './video-source';

const known = new WeakMap<DecodedFrame, string>();

/** MD5 of a decoded frame's raw bytes: the value `ffmpeg -f framemd5` prints for it. */
export async function frameMd5(frame: DecodedFrame): Promise<string> {
  const cached = known.get(frame);
  if (cached) return cached;
  const digest = await md5(frame.data);
  known.set(frame, digest);
  return digest;
}
