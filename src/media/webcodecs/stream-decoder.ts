import type { DemuxedVideo, PacketWithPts } from './demux';
import { md5 } from 'hash-wasm';
import { isPlanarFormat, rotateYuv420p, yuv420pBytes } from './frame-md5-planes';
import type { WebCodecsFrame } from './webcodecs-protocol';
import {
  disposableReader,
  pictureTypeReader,
  type DisposableReader,
  type PictureTypeReader,
} from './picture-type';

/**
 * One VideoDecoder kept going across requests (in the WebCodecs worker): a request for the
 * frames just after the last ones goes on feeding packets from where decoding stands, so
 * stepping and playing forward never decode a GOP twice. Anything else starts afresh at the
 * key packet before the frames wanted.
 *
 * A decoder hands pictures out in presentation order, each with the timestamp of the chunk
 * that carried it; chunks carry the packet's integer pts, so every picture is known exactly.
 */

export interface DecodeJob {
  readonly id: number;
  readonly wantedPts: readonly number[];
  readonly fromKeyPts: number;
  readonly lastOrder: number;
  readonly deliver: (frame: WebCodecsFrame) => void;
}

/** Chunks queued in the decoder at once while the wanted frames are still ahead. */
const QUEUE_AHEAD = 8;
/**
 * Packets fed past the last wanted one before giving up waiting for its picture and flushing
 * (H.264 holds at most 16 pictures back for reordering).
 */
const REORDER_SLACK = 16;
/** Pictures decoded past a request kept for the next one (forward stepping), by bytes. */
const SPARE_MAX_BYTES = 64 * 1024 * 1024;

interface Running {
  readonly job: DecodeJob;
  readonly remaining: Set<number>;
  readonly maxWanted: number;
  readonly copies: Promise<void>[];
  decoded: number;
  cancelled: boolean;
}

/**
 * The bytes in shared memory where the page is cross-origin isolated (the app's own server
 * says so): then neither the hand-over to the UI thread nor the UI thread's to the render
 * worker copies them (a 4K frame is 12 MB). Elsewhere, the plain buffer (transferred, then
 * copied once to the render worker).
 */
function shareable(bytes: Uint8Array): Uint8Array {
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') return bytes;
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}

export class StreamDecoder {
  readonly #video: DemuxedVideo;
  readonly #orderOf: Map<number, number>;
  readonly #readType: PictureTypeReader;
  readonly #disposable: DisposableReader;
  #decoder: VideoDecoder | null = null;
  #packets: AsyncGenerator<PacketWithPts> | null = null;
  /** Decode order of the next packet to feed; of the key the run started at. */
  #nextOrder = 0;
  #runKeyOrder = 0;
  /** pts of the last picture put out since the run started (pictures come in pts order). */
  #lastOutputPts = -Infinity;
  #failure: string | null = null;
  #running: Running | null = null;
  readonly #typeOf = new Map<number, string>();
  readonly #spare = new Map<number, Promise<WebCodecsFrame | null>>();
  #spareBytes = 0;

  constructor(video: DemuxedVideo) {
    this.#video = video;
    this.#orderOf = new Map(video.packets.map((p) => [p.pts, p.order]));
    this.#readType = pictureTypeReader(video.config);
    this.#disposable = disposableReader(video.config);
  }

  /** Decodes the wanted frames, delivering each as it comes; returns the pictures put out. */
  async decode(job: DecodeJob): Promise<number> {
    const keyOrder = this.#orderOf.get(job.fromKeyPts);
    if (keyOrder === undefined) throw new Error(`no packet has pts ${job.fromKeyPts}`);
    const running: Running = {
      job,
      remaining: new Set(job.wantedPts),
      maxWanted: Math.max(...job.wantedPts),
      copies: [],
      decoded: 0,
      cancelled: false,
    };
    await this.#takeSpare(running);
    if (running.remaining.size === 0) return 0;
    const goOn =
      this.#decoder !== null &&
      this.#failure === null &&
      this.#runKeyOrder <= keyOrder &&
      this.#nextOrder >= keyOrder &&
      Math.min(...running.remaining) > this.#lastOutputPts;
    if (!goOn) this.#restart(job.fromKeyPts, keyOrder);
    await this.#feed(running);
    if (running.remaining.size > 0 && goOn && !running.cancelled && this.#failure === null) {
      // Some picture came out before this request (or never): decode afresh from the key.
      this.#restart(job.fromKeyPts, keyOrder);
      await this.#feed(running);
    }
    const failure = this.#failure;
    if (failure !== null) {
      this.#dropDecoder();
      throw new Error(failure);
    }
    if (running.remaining.size > 0 && !running.cancelled) {
      throw new Error(`WebCodecs put out no picture at pts ${Math.min(...running.remaining)}`);
    }
    return running.decoded;
  }

  /** Stops the request with this id (the user moved on). */
  cancel(id: number): void {
    if (this.#running?.job.id !== id) return;
    this.#running.cancelled = true;
    // Pictures still in the decoder would come out unasked: start afresh next time.
    this.#dropDecoder();
  }

  close(): void {
    this.#dropDecoder();
  }

  async #feed(running: Running): Promise<void> {
    this.#running = running;
    try {
      const { lastOrder } = running.job;
      while (running.remaining.size > 0 && !running.cancelled && this.#failure === null) {
        const decoder = this.#decoder!;
        if (this.#nextOrder > lastOrder + REORDER_SLACK) {
          await decoder.flush();
          this.#dropDecoder();
          break;
        }
        const next = await this.#packets!.next();
        if (running.cancelled || this.#failure !== null) break;
        if (next.done) {
          await decoder.flush();
          this.#dropDecoder();
          break;
        }
        const { packet, pts } = next.value;
        this.#nextOrder++;
        // A picture shown before the frames wanted that nothing refers to need not be decoded
        // (H.264 non-reference frames: often the B-frames): a jump gets there sooner.
        if (pts < Math.min(...running.remaining) && this.#disposable(packet.data)) continue;
        this.#typeOf.set(pts, this.#readType(packet.data));
        decoder.decode(
          new EncodedVideoChunk({ type: packet.type, timestamp: pts, data: packet.data }),
        );
        // Ahead of the wanted frames, keep a few chunks queued; past them, feed one at a time
        // and let its pictures come out, so as few as possible are decoded unasked.
        const limit = this.#nextOrder > lastOrder ? 0 : QUEUE_AHEAD;
        while (decoder.decodeQueueSize > limit && !running.cancelled && this.#failure === null) {
          await new Promise((resolve) =>
            decoder.addEventListener('dequeue', resolve, { once: true }),
          );
        }
        if (limit === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } catch (error) {
      if (!running.cancelled)
        this.#failure ??= `WebCodecs decoding stopped (${(error as Error).message})`;
    } finally {
      await Promise.all(running.copies);
      this.#running = null;
    }
  }

  #restart(keyPts: number, keyOrder: number): void {
    this.#dropDecoder();
    this.#failure = null;
    this.#clearSpare();
    const decoder = new VideoDecoder({
      output: (frame) => this.#output(frame),
      error: (error) => {
        this.#failure ??= `WebCodecs failed to decode (${error.message})`;
      },
    });
    decoder.configure(this.#video.config);
    this.#decoder = decoder;
    this.#packets = this.#video.readPackets(keyPts);
    this.#nextOrder = keyOrder;
    this.#runKeyOrder = keyOrder;
    this.#lastOutputPts = -Infinity;
  }

  #dropDecoder(): void {
    const decoder = this.#decoder;
    this.#decoder = null;
    this.#packets = null;
    if (decoder && decoder.state !== 'closed') decoder.close();
  }

  #output(frame: VideoFrame): void {
    const pts = frame.timestamp;
    this.#lastOutputPts = pts;
    const running = this.#running;
    if (running) running.decoded++;
    if (running?.remaining.delete(pts)) {
      running.copies.push(
        this.#planes(frame).then(
          (out) => running.job.deliver(out),
          (error: Error) => void (this.#failure ??= error.message),
        ),
      );
      return;
    }
    // Decoded past the request: kept a while for the next one (stepping on).
    if ((!running || pts > running.maxWanted) && this.#spareBytes < SPARE_MAX_BYTES) {
      this.#spareBytes += frame.allocationSize();
      this.#spare.set(
        pts,
        this.#planes(frame).catch(() => null),
      );
      return;
    }
    frame.close();
  }

  async #takeSpare(running: Running): Promise<void> {
    for (const pts of [...running.remaining]) {
      const kept = await this.#spare.get(pts);
      if (!kept) continue;
      running.remaining.delete(pts);
      running.job.deliver(kept);
    }
    // What is left of the spare is behind the request or unwanted: free it.
    this.#clearSpare();
  }

  #clearSpare(): void {
    this.#spare.clear();
    this.#spareBytes = 0;
  }

  /** The picture's yuv420p bytes, upright (the frame is closed). */
  async #planes(frame: VideoFrame): Promise<WebCodecsFrame> {
    try {
      const format = frame.format;
      if (!isPlanarFormat(format)) {
        throw new Error(
          `WebCodecs gives ${format ?? 'opaque'} frames, which have no yuv420p planes`,
        );
      }
      const rect = { x: 0, y: 0, width: frame.codedWidth, height: frame.codedHeight };
      const data = new Uint8Array(frame.allocationSize({ rect }));
      const layout = await frame.copyTo(data, { rect });
      const visible = frame.visibleRect!;
      const rotation = this.#video.rotation;
      const bytes = yuv420pBytes(data, {
        format,
        width: rect.width,
        height: rect.height,
        layout,
        visible: { x: visible.x, y: visible.y, width: visible.width, height: visible.height },
      });
      const turned = rotation === 90 || rotation === 270;
      const upright = shareable(rotateYuv420p(bytes, visible.width, visible.height, rotation));
      const type = this.#typeOf.get(frame.timestamp) ?? '';
      this.#typeOf.delete(frame.timestamp);
      return {
        pts: frame.timestamp,
        type,
        width: turned ? visible.height : visible.width,
        height: turned ? visible.width : visible.height,
        data: upright,
        md5: await md5(upright),
      };
    } finally {
      frame.close();
    }
  }
}
