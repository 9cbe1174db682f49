import { md5 } from 'hash-wasm';
import { frameIndex } from '../core/ids';
import type { VideoSource } from './video-source';
import { checkParity, paritySample, type ParitySubject } from './webcodecs/parity';
import { WebCodecsPath } from './webcodecs/webcodecs-path';

/**
 * Whether WebCodecs may decode a file in FFmpeg's stead, and what was found out: the app's
 * side of parity.ts. A sample of frames is decoded by both; their framemd5s must be equal
 * (and mediabunny's packets must be FFmpeg's frames). Until then, and on any difference,
 * every frame comes from FFmpeg.
 */

export type DecoderCheck =
  | { readonly state: 'checking' }
  | {
      readonly state: 'verified';
      /** Frames decoded by both, all equal. */
      readonly compared: number;
      readonly codec: string;
      readonly container: string;
    }
  | {
      /** WebCodecs is not used: it cannot decode this file here (or the user chose FFmpeg). */
      readonly state: 'not-used';
      readonly reason: string;
    }
  | {
      /** WebCodecs differs from FFmpeg: FFmpeg decodes everything. */
      readonly state: 'differs';
      readonly reason: string;
      readonly firstDifference: {
        readonly frame: number;
        readonly webcodecs: string;
        readonly ffmpeg: string;
      } | null;
    };

/** FFmpeg's MD5s of frames (the reference decode, whatever is cached). */
async function ffmpegMd5s(source: VideoSource, frames: readonly number[]) {
  const digests = new Map<number, string>();
  for (const frame of frames) {
    const decoded = await source.referenceFrame(frameIndex(frame));
    digests.set(frame, await md5(decoded.data));
  }
  return digests;
}

/** The WebCodecs side of the check: the worker's frames, hashed here as they come. */
function workerSubject(path: WebCodecsPath): ParitySubject {
  return {
    packets: path.packets,
    rotation: path.rotation,
    async decode(wantedPts) {
      const started = performance.now();
      const md5s = new Map<number, string>();
      try {
        const decoded = await path.decode(wantedPts, (frame) => md5s.set(frame.pts, frame.md5));
        return { ok: true, md5s, decoded, milliseconds: performance.now() - started };
      } catch (error) {
        return { ok: false, unsupported: false, reason: (error as Error).message };
      }
    },
  };
}

/**
 * Checks WebCodecs against FFmpeg on a sample of the file's frames and, if they agree, has
 * the source decode with WebCodecs from then on. `stillWanted` false (another file was
 * chosen meanwhile) leaves the source on FFmpeg.
 */
export async function checkWebCodecs(
  source: VideoSource,
  stillWanted: () => boolean = () => true,
  around: readonly number[] = [],
): Promise<DecoderCheck> {
  const opening = await WebCodecsPath.open(source.file);
  if (!opening.ok) return { state: 'not-used', reason: opening.reason };
  const { path } = opening;
  const verdict = await checkParity(
    workerSubject(path),
    source.table,
    (frames) => ffmpegMd5s(source, frames),
    paritySample(source.table, around),
    source.facts.rotation,
  ).catch((error: Error) => ({
    verified: false as const,
    unsupported: false,
    reason: error.message,
  }));
  if (verdict.verified && stillWanted()) {
    source.useWebCodecs(path);
    return {
      state: 'verified',
      compared: verdict.compared,
      codec: path.codec,
      container: path.container,
    };
  }
  path.dispose();
  if (verdict.verified) return { state: 'not-used', reason: 'another file was opened' };
  if ('firstDifference' in verdict) {
    const { frame, webcodecs, ffmpeg } = verdict.firstDifference;
    return {
      state: 'differs',
      reason: `frame ${frame} decoded by WebCodecs has MD5 ${webcodecs}, by FFmpeg ${ffmpeg}`,
      firstDifference: { frame, webcodecs, ffmpeg },
    };
  }
  return verdict.unsupported
    ? { state: 'not-used', reason: verdict.reason }
    : { state: 'differs', reason: verdict.reason, firstDifference: null };
}
