import type { DemuxedPacket, DemuxedVideo } from './demux';
import { isPlanarFormat, planesMd5 } from './frame-md5-planes';

/**
 * Decodes chosen frames of a demuxed video with WebCodecs and hashes each one's planes as
 * `ffmpeg -f framemd5` does (frame-md5-planes.ts).
 *
 * Frames are identified by their integer pts: each chunk is given its packet's pts as its
 * timestamp, and a VideoDecoder hands every picture out with the timestamp of the chunk that
 * carried it, so no conversion through microseconds can merge or split two frames.
 */

export type DecodeResult =
  | {
      readonly ok: true;
      /** MD5 per wanted pts, for those the decoder put out. */
      readonly md5s: ReadonlyMap<number, string>;
      /** Pictures the decoder put out, wanted or not (the work done). */
      readonly decoded: number;
      readonly milliseconds: number;
    }
  | {
      readonly ok: false;
      /** True when WebCodecs cannot decode this stream here at all (use FFmpeg). */
      readonly unsupported: boolean;
      readonly reason: string;
    };

/** Whether this browser's WebCodecs decodes the configuration (null) or why not. */
export async function whyNotSupported(config: VideoDecoderConfig): Promise<string | null> {
  if (typeof VideoDecoder === 'undefined') return 'this browser has no WebCodecs VideoDecoder';
  try {
    const { supported } = await VideoDecoder.isConfigSupported(config);
    return supported ? null : `WebCodecs does not decode ${config.codec} in this browser`;
  } catch (error) {
    return `WebCodecs refused the configuration of ${config.codec} (${(error as Error).message})`;
  }
}

/** A stretch of packets in decode order, from a key packet to the last one needed. */
interface Run {
  readonly key: DemuxedPacket;
  end: number;
}

/**
 * Where to decode: for each wanted frame, from the last key packet shown at or before it
 * (whose data starts a decodable sequence) to its own packet; overlapping stretches joined.
 */
export function decodeRuns(packets: readonly DemuxedPacket[], wantedPts: readonly number[]): Run[] {
  const byPts = new Map(packets.map((p) => [p.pts, p]));
  const keys = packets.filter((p) => p.key).sort((a, b) => a.pts - b.pts);
  const runs: Run[] = [];
  for (const wanted of wantedPts) {
    const packet = byPts.get(wanted);
    if (!packet) throw new Error(`no packet has pts ${wanted}`);
    let key: DemuxedPacket | undefined;
    for (const k of keys) if (k.pts <= wanted && k.order <= packet.order) key = k;
    if (!key) throw new Error(`no keyframe before pts ${wanted}`);
    runs.push({ key, end: packet.order });
  }
  runs.sort((a, b) => a.key.order - b.key.order);
  const joined: Run[] = [];
  for (const run of runs) {
    const last = joined.at(-1);
    if (last && run.key.order <= last.end + 1) last.end = Math.max(last.end, run.end);
    else joined.push({ ...run });
  }
  return joined;
}

/**
 * Decodes the frames with these pts and returns the framemd5 of each, turned upright by the
 * file's rotation as FFmpeg's autorotate does (the MD5 of the picture the app shows).
 */
export async function decodeFrames(
  video: DemuxedVideo,
  wantedPts: readonly number[],
): Promise<DecodeResult> {
  const started = performance.now();
  const notSupported = await whyNotSupported(video.config);
  if (notSupported) return { ok: false, unsupported: true, reason: notSupported };
  const wanted = new Set(wantedPts);
  const md5s = new Map<number, string>();
  const hashing: Promise<void>[] = [];
  let decoded = 0;
  let failure: string | null = null;
  let formatUnsupported = false;

  async function hash(frame: VideoFrame): Promise<void> {
    try {
      const format = frame.format;
      if (!isPlanarFormat(format)) {
        formatUnsupported = true;
        failure ??= `WebCodecs gives ${format ?? 'opaque'} frames, which have no yuv420p planes`;
        return;
      }
      const rect = { x: 0, y: 0, width: frame.codedWidth, height: frame.codedHeight };
      const data = new Uint8Array(frame.allocationSize({ rect }));
      const layout = await frame.copyTo(data, { rect });
      const visible = frame.visibleRect!;
      const digest = await planesMd5(data, {
        format,
        width: rect.width,
        height: rect.height,
        layout,
        visible: { x: visible.x, y: visible.y, width: visible.width, height: visible.height },
        rotation: video.rotation,
      });
      if (!md5s.has(frame.timestamp)) md5s.set(frame.timestamp, digest);
    } catch (error) {
      failure ??= `hashing the frame at pts ${frame.timestamp} failed (${(error as Error).message})`;
    } finally {
      frame.close();
    }
  }

  const decoder = new VideoDecoder({
    output: (frame) => {
      decoded++;
      if (wanted.has(frame.timestamp) && !md5s.has(frame.timestamp)) hashing.push(hash(frame));
      else frame.close();
    },
    error: (error) => {
      failure ??= `WebCodecs failed to decode (${error.message})`;
    },
  });
  const orderOf = new Map(video.packets.map((p) => [p.pts, p.order]));
  try {
    decoder.configure(video.config);
    for (const run of decodeRuns(video.packets, wantedPts)) {
      for await (const { packet, pts } of video.readPackets(run.key.pts)) {
        if (failure) break;
        if (orderOf.get(pts)! > run.end) break;
        decoder.decode(
          new EncodedVideoChunk({ type: packet.type, timestamp: pts, data: packet.data }),
        );
        // Keep a few chunks queued, not the whole file.
        while (decoder.decodeQueueSize > 8 && !failure) {
          await new Promise((resolve) =>
            decoder.addEventListener('dequeue', resolve, { once: true }),
          );
        }
      }
      if (failure) break;
      await decoder.flush();
    }
  } catch (error) {
    failure ??= `WebCodecs decoding stopped (${(error as Error).message})`;
  } finally {
    await Promise.all(hashing);
    if (decoder.state !== 'closed') decoder.close();
  }
  if (failure) return { ok: false, unsupported: formatUnsupported, reason: failure };
  return { ok: true, md5s, decoded, milliseconds: performance.now() - started };
}
