import { md5 } from 'hash-wasm';
import { frameIndex } from '../core/ids';
import type { FrameDecoder, VideoSource } from './video-source';

/** A frame's framemd5 and the decoder whose output it is of. */
export interface FrameDigest {
  readonly md5: string;
  readonly decoder: FrameDecoder;
}

/**
 * The framemd5 of each given frame (what `ffmpeg -i FILE -map 0:v:0 -f framemd5 -` prints),
 * decoded afresh where not cached, in frame order so decode windows are shared. For exports
 * that name every frame they refer to. `onProgress` gets the fraction done (0..1).
 */
export async function frameMd5s(
  source: VideoSource,
  frames: Iterable<number>,
  onProgress?: (fraction: number) => void,
): Promise<Map<number, FrameDigest>> {
  const wanted = [...new Set(frames)].filter((f) => f >= 0 && f < source.frameCount);
  wanted.sort((a, b) => a - b);
  const digests = new Map<number, FrameDigest>();
  for (const [i, frame] of wanted.entries()) {
    const decoded = await source.frame(frameIndex(frame));
    digests.set(frame, { md5: decoded.md5 ?? (await md5(decoded.data)), decoder: decoded.decoder });
    onProgress?.((i + 1) / wanted.length);
  }
  return digests;
}
