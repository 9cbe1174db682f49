import { md5 } from 'hash-wasm';
import { frameIndex } from '../core/ids';
import type { VideoSource } from './video-source';

/**
 * The framemd5 of each given frame (what `ffmpeg -i FILE -map 0:v:0 -f framemd5 -` prints),
 * decoded afresh where not cached, in frame order so decode windows are shared. For exports
 * that name every frame they refer to. `onProgress` gets the fraction done (0..1).
 */
export async function frameMd5s(
  source: VideoSource,
  frames: Iterable<number>,
  onProgress?: (fraction: number) => void,
): Promise<Map<number, string>> {
  const wanted = [...new Set(frames)].filter((f) => f >= 0 && f < source.frameCount);
  wanted.sort((a, b) => a - b);
  const digests = new Map<number, string>();
  for (const [i, frame] of wanted.entries()) {
    const decoded = await source.frame(frameIndex(frame));
    digests.set(frame, await md5(decoded.data));
    onProgress?.((i + 1) / wanted.length);
  }
  return digests;
}
