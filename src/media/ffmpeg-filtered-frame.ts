import type { FfmpegEngine } from './ffmpeg-engine';

/**
 * FFmpeg's own picture of one frame through a view filter chain (issue 18's check of an
 * enhanced still): the frame chosen by its number, as `select=eq(n\,N)` counts frames, then
 * the chain, run by ffmpeg.wasm's filters (not Framewise's JavaScript maths). Gives the
 * filtered picture's framemd5 and FFmpeg's PNG of it. The engine must have the video open;
 * the chain must be one Framewise makes (vision/view-settings.ts `readViewChain`).
 */
export interface FilteredFrame {
  readonly md5: string | null;
  readonly png: Uint8Array | null;
  /** FFmpeg's words when it made nothing. */
  readonly log: string;
}

const MD5_PATH = '/filtered.framemd5';
const PNG_PATH = '/filtered.png';

export async function ffmpegFilteredFrame(
  engine: FfmpegEngine,
  frame: number,
  chain: string,
): Promise<FilteredFrame> {
  const filters = chain ? `select=eq(n\\,${frame}),${chain}` : `select=eq(n\\,${frame})`;
  const input = ['-v', 'error', '-i', engine.inputPath, '-map', '0:v:0', '-vf', filters];
  const digest = await engine.execToFile(
    [...input, '-frames:v', '1', '-f', 'framemd5', MD5_PATH],
    MD5_PATH,
  );
  const line = new TextDecoder()
    .decode(digest.output ?? new Uint8Array())
    .split('\n')
    .find((l) => l.trim() && !l.startsWith('#'));
  const md5 = line?.split(',').at(-1)?.trim() || null;
  const png = await engine.execToFile([...input, '-frames:v', '1', PNG_PATH], PNG_PATH);
  return { md5, png: png.output, log: [...digest.log, ...png.log].join(' ') };
}
