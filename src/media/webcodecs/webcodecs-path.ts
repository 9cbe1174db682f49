import { CancelledError } from '../cancelled';
import type { DemuxedPacket } from './demux';
import type { Rotation } from './frame-md5-planes';
import { decodeRuns } from './webcodecs-decoder';
import type { WebCodecsFrame, WebCodecsRequest, WebCodecsResponse } from './webcodecs-protocol';

/**
 * The UI thread's handle on the WebCodecs worker for one file: its packets as mediabunny
 * lists them, and frames decoded on request (yuv420p bytes, upright, by integer pts).
 */

interface Pending {
  readonly onFrame: (frame: WebCodecsFrame) => void;
  readonly resolve: (decoded: number) => void;
  readonly reject: (error: Error) => void;
}

export type WebCodecsOpening =
  | { readonly ok: true; readonly path: WebCodecsPath }
  /** `unsupported`: WebCodecs cannot decode it here (not a disagreement with FFmpeg). */
  | { readonly ok: false; readonly unsupported: boolean; readonly reason: string };

export class WebCodecsPath {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  /** Decode order of each packet, by pts. */
  readonly #orderOf: ReadonlyMap<number, number>;
  #nextId = 1;
  #decodes = 0;

  private constructor(
    worker: Worker,
    readonly container: string,
    readonly codec: string,
    readonly rotation: Rotation,
    readonly packets: readonly DemuxedPacket[],
  ) {
    this.#worker = worker;
    this.#orderOf = new Map(packets.map((p) => [p.pts, p.order]));
    worker.onmessage = (event: MessageEvent<WebCodecsResponse>) => this.#receive(event.data);
    worker.onerror = (event) => this.#failAll(event.message || 'the WebCodecs worker stopped');
  }

  /** Demuxes the file in a worker of its own and asks WebCodecs whether it decodes it. */
  static open(file: File): Promise<WebCodecsOpening> {
    const worker = new Worker(new URL('./webcodecs.worker.ts', import.meta.url), {
      type: 'module',
    });
    return new Promise<WebCodecsOpening>((resolve) => {
      worker.onerror = (event) => {
        worker.terminate();
        resolve({ ok: false, unsupported: true, reason: event.message || 'the worker failed' });
      };
      worker.onmessage = (event: MessageEvent<WebCodecsResponse>) => {
        const message = event.data;
        if (message.kind !== 'opened') return;
        if (!message.ok) {
          worker.terminate();
          resolve({ ok: false, unsupported: true, reason: message.reason });
        } else if (message.unsupported) {
          worker.terminate();
          resolve({ ok: false, unsupported: true, reason: message.unsupported });
        } else {
          const { container, codec, rotation, packets } = message;
          resolve({
            ok: true,
            path: new WebCodecsPath(worker, container, codec, rotation, packets),
          });
        }
      };
      const request: WebCodecsRequest = { kind: 'open', file };
      worker.postMessage(request);
    });
  }

  /** Whether a decode is running or waiting. */
  get busy(): boolean {
    return this.#decodes > 0;
  }

  /**
   * Decodes the frames with these pts, calling `onFrame` for each as it comes (in pts
   * order); resolves with the pictures the decoder put out. Frames far apart are decoded
   * each from its own keyframe, one stretch after another, never the packets between.
   * Aborting `signal` stops it (CancelledError).
   */
  async decode(
    wantedPts: readonly number[],
    onFrame: (frame: WebCodecsFrame) => void,
    signal?: AbortSignal,
  ): Promise<number> {
    if (signal?.aborted) throw new CancelledError();
    let pictures = 0;
    for (const run of decodeRuns(this.packets, wantedPts)) {
      const inRun = wantedPts.filter((pts) => {
        const order = this.#orderOf.get(pts)!;
        return order >= run.key.order && order <= run.end;
      });
      pictures += await this.#request(inRun, run.key.pts, run.end, onFrame, signal);
    }
    return pictures;
  }

  /** One stretch: from the key packet with `fromKeyPts` to decode order `lastOrder`. */
  #request(
    wantedPts: readonly number[],
    fromKeyPts: number,
    lastOrder: number,
    onFrame: (frame: WebCodecsFrame) => void,
    signal?: AbortSignal,
  ): Promise<number> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const id = this.#nextId++;
    const request: WebCodecsRequest = { kind: 'decode', id, wantedPts, fromKeyPts, lastOrder };
    this.#decodes++;
    return new Promise<number>((resolve, reject) => {
      this.#pending.set(id, { onFrame, resolve, reject });
      this.#worker.postMessage(request);
      signal?.addEventListener(
        'abort',
        () => {
          const cancel: WebCodecsRequest = { kind: 'cancel', id };
          this.#worker.postMessage(cancel);
          this.#settle(id)?.reject(new CancelledError());
        },
        { once: true },
      );
    });
  }

  dispose(): void {
    this.#worker.terminate();
    this.#failAll('the file was closed');
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    if (pending) {
      this.#pending.delete(id);
      this.#decodes--;
    }
    return pending;
  }

  #receive(message: WebCodecsResponse): void {
    if (message.kind === 'opened') return;
    if (message.kind === 'frame') {
      this.#pending.get(message.id)?.onFrame(message);
    } else if (message.kind === 'done') {
      this.#settle(message.id)?.resolve(message.decoded);
    } else {
      this.#settle(message.id)?.reject(new Error(message.reason));
    }
  }

  #failAll(reason: string): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(new Error(reason));
  }
}
