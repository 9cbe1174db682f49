/**
 * The Verify view's check of a frame still (core/evidence/verify-still.ts says what each
 * check means): the image and the video hashed here, the frame decoded afresh by FFmpeg on an
 * engine of its own, and for an enhanced still FFmpeg's own picture of that frame through the
 * stated filter chain (ffmpeg.wasm's filters, not Framewise's JavaScript maths), compared by
 * MD5 and, for the PNG, by PSNR.
 */
import { frameIndex } from '../../core/ids';
import type { FrameStill } from '../../core/exports/frame-still';
import type { VerifyCheck } from '../../core/evidence/verify-check';
import {
  enhancedChainCheck,
  enhancedPictureCheck,
  enhancedPngCheck,
  stillFrameCheck,
  stillImageCheck,
  stillVideoCheck,
} from '../../core/evidence/verify-still';
import { sha256HexOfBytes } from '../../core/exports/evidence-package';
import { FfmpegEngine } from '../../media/ffmpeg-engine';
import { ffmpegFilteredFrame } from '../../media/ffmpeg-filtered-frame';
import { frameMd5s } from '../../media/frame-md5';
import { hashFile } from '../../media/hash-file';
import { messageOf } from '../../media/media-error';
import { VideoSource } from '../../media/video-source';
import { readViewChain } from '../../vision/view-settings';
import { rgbPsnr } from '../../vision/frame-difference';

export type StillProgress = (label: string, fraction: number) => void;

/** A PNG's RGBA pixels, decoded by the browser; null when it is not an image it reads. */
async function pixelsOf(png: Uint8Array): Promise<ImageData | null> {
  try {
    const bitmap = await createImageBitmap(new Blob([png as Uint8Array<ArrayBuffer>]));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    return context.getImageData(0, 0, canvas.width, canvas.height);
  } catch {
    return null;
  }
}

export async function verifyStill(
  still: FrameStill,
  image: File,
  video: File,
  progress: StillProgress,
): Promise<VerifyCheck[]> {
  progress(`Computing the SHA-256 of ${image.name}`, 0);
  const png = new Uint8Array(await image.arrayBuffer());
  const checks: VerifyCheck[] = [stillImageCheck(still, image.name, await sha256HexOfBytes(png))];
  const videoSha = await hashFile(video, (f) =>
    progress(`Computing the SHA-256 of ${video.name}`, f),
  );
  checks.push(stillVideoCheck(still, video.name, videoSha));
  const chain = still.kind === 'enhanced' ? (still.enhancement?.filterChain ?? '') : null;
  const chainRead = chain === null ? null : readViewChain(chain);
  const chainProblem = typeof chainRead === 'string' ? chainRead : null;
  if (chain !== null) checks.push(enhancedChainCheck(still, chainProblem));

  // An engine of its own, stopped when done: nothing of the verified file stays loaded.
  const engine = new FfmpegEngine();
  try {
    progress(`Opening ${video.name} with FFmpeg`, 0);
    const n = still.frame.index;
    let source: VideoSource;
    try {
      source = await VideoSource.open(video, engine);
    } catch (error) {
      checks.push(
        stillFrameCheck(still, null, `The video could not be opened: ${messageOf(error)}`),
      );
      return checks;
    }
    if (n >= source.frameCount) {
      checks.push(
        stillFrameCheck(
          still,
          null,
          `The video has only ${source.frameCount} frames: frame ${n} is not in it.`,
        ),
      );
      return checks;
    }
    progress(`Decoding frame ${n}`, 0.3);
    const md5 = (await frameMd5s(source, [frameIndex(n)])).get(n)?.md5 ?? null;
    checks.push(stillFrameCheck(still, md5));
    if (chain === null || chainProblem !== null) return checks;
    progress(`FFmpeg applies ${chain} to frame ${n}`, 0.6);
    const filtered = await ffmpegFilteredFrame(engine, n, chain);
    checks.push(enhancedPictureCheck(still, filtered.md5, filtered.log));
    const [ours, theirs] = await Promise.all([
      pixelsOf(png),
      filtered.png ? pixelsOf(filtered.png) : null,
    ]);
    checks.push(enhancedPngCheck(still, ours && theirs ? rgbPsnr(ours, theirs) : null));
    return checks;
  } finally {
    engine.close();
  }
}
