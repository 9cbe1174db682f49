import { frameIndex, pts } from '../../core/ids';
import type { FrameTable } from '../../core/time/frame-table';
import { demuxVideo } from './demux';
import { checkParity, demuxedSubject, paritySample, type ParityVerdict } from './parity';
import { decodeFrames, whyNotSupported } from './webcodecs-decoder';

/**
 * A test page's handle on the WebCodecs pieces (tests/harness/webcodecs-parity.html, built by
 * vite.harness.config.ts; never part of the app's bundle). The file comes from the page's
 * `<input id="file">`; FFmpeg's frame table and MD5s come from the caller (the native-FFmpeg
 * oracle in the e2e spec, the app's own FFmpeg path later).
 */

/** One frame as FFmpeg lists it, in display order. */
export interface HarnessFrame {
  readonly pts: number;
  readonly key: boolean;
  readonly md5: string;
}

export interface HarnessDecode {
  readonly ok: boolean;
  readonly reason?: string;
  readonly unsupported?: boolean;
  readonly codec?: string;
  readonly container?: string;
  /** pts → MD5 of every wanted frame WebCodecs put out. */
  readonly md5ByPts?: Record<string, string>;
  readonly decoded?: number;
  readonly milliseconds?: number;
}

export interface HarnessApi {
  /** WebCodecs' MD5 of the frames with these pts (the raw decoder output, no verdict). */
  decode(frames: readonly HarnessFrame[], wantedPts: readonly number[]): Promise<HarnessDecode>;
  /** The parity verdict, FFmpeg's MD5s taken from `frames` (`corrupt`: frames whose MD5 is altered). */
  check(
    frames: readonly HarnessFrame[],
    options?: {
      sample?: readonly number[];
      corrupt?: readonly number[];
      /** FFmpeg's display-matrix rotation (the oracle's `rotation`), or null. */
      rotation?: number | null;
    },
  ): Promise<ParityVerdict & { sample: readonly number[] }>;
  /** Decodes every packet once, closing frames at once: WebCodecs' decode speed. */
  measure(): Promise<{ frames: number; milliseconds: number; codec: string }>;
}

declare global {
  interface Window {
    __framewiseParity?: HarnessApi;
  }
}

function chosenFile(): File {
  const input = document.querySelector<HTMLInputElement>('#file');
  const file = input?.files?.[0];
  if (!file) throw new Error('choose a file first');
  return file;
}

function tableOf(frames: readonly HarnessFrame[]): FrameTable {
  const entries = frames.map((f, i) => ({
    index: frameIndex(i),
    pts: pts(f.pts),
    reportedPts: pts(f.pts),
    dts: null,
    key: f.key,
    duration: null,
  }));
  return {
    frames: entries,
    keyframes: entries.filter((f) => f.key).map((f) => f.index),
    reordered: false,
    counted: false,
  };
}

const api: HarnessApi = {
  async decode(_frames, wantedPts) {
    const demuxed = await demuxVideo(chosenFile());
    if (!demuxed.ok) return { ok: false, reason: demuxed.reason };
    const { video } = demuxed;
    try {
      const result = await decodeFrames(video, wantedPts);
      const about = { codec: video.config.codec, container: video.container };
      if (!result.ok) return { ...about, ...result };
      return {
        ...about,
        ok: true,
        md5ByPts: Object.fromEntries(result.md5s),
        decoded: result.decoded,
        milliseconds: result.milliseconds,
      };
    } finally {
      video.dispose();
    }
  },

  async check(frames, options = {}) {
    const table = tableOf(frames);
    const sample = options.sample ?? paritySample(table);
    const demuxed = await demuxVideo(chosenFile());
    if (!demuxed.ok) return { verified: false, unsupported: true, reason: demuxed.reason, sample };
    const corrupt = new Set(options.corrupt ?? []);
    const ffmpegMd5s = (wanted: readonly number[]) =>
      Promise.resolve(
        new Map(
          wanted.map((f) => {
            const md5 = frames[f]!.md5;
            return [f, corrupt.has(f) ? md5.replace(/^./, (c) => (c === '0' ? '1' : '0')) : md5];
          }),
        ),
      );
    try {
      return {
        ...(await checkParity(
          demuxedSubject(demuxed.video),
          table,
          ffmpegMd5s,
          sample,
          options.rotation ?? null,
        )),
        sample,
      };
    } finally {
      demuxed.video.dispose();
    }
  },

  async measure() {
    const demuxed = await demuxVideo(chosenFile());
    if (!demuxed.ok) throw new Error(demuxed.reason);
    const { video } = demuxed;
    const notSupported = await whyNotSupported(video.config);
    if (notSupported) throw new Error(notSupported);
    let frames = 0;
    const decoder = new VideoDecoder({
      output: (frame) => {
        frames++;
        frame.close();
      },
      error: (error) => console.error(error),
    });
    decoder.configure(video.config);
    const started = performance.now();
    const first = video.packets.find((p) => p.key)!;
    for await (const { packet, pts: p } of video.readPackets(first.pts)) {
      decoder.decode(new EncodedVideoChunk({ type: packet.type, timestamp: p, data: packet.data }));
      while (decoder.decodeQueueSize > 8) {
        await new Promise((resolve) =>
          decoder.addEventListener('dequeue', resolve, { once: true }),
        );
      }
    }
    await decoder.flush();
    const milliseconds = performance.now() - started;
    decoder.close();
    video.dispose();
    return { frames, milliseconds, codec: video.config.codec };
  },
};

window.__framewiseParity = api;
document.body.dataset['ready'] = 'true';
