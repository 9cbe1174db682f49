import type { Box } from '../../vision/luma';
import type { TrackStep } from '../../vision/ncc-tracker';
import type { TrackingReply, TrackingRequest } from './tracking-protocol';

/**
 * The page's handle on one tracking worker (tracking.worker.ts), for one run: each call waits
 * for its answer before the next is sent. Luma bytes are transferred (the caller's copy is
 * gone after the call).
 */
export class TrackingWorkerClient {
  readonly #worker = new Worker(new URL('./tracking.worker.ts', import.meta.url), {
    type: 'module',
  });
  #pending: { resolve: (reply: TrackingReply) => void; reject: (error: Error) => void } | null =
    null;

  constructor() {
    this.#worker.onmessage = (event: MessageEvent<TrackingReply>) => {
      const pending = this.#pending;
      this.#pending = null;
      pending?.resolve(event.data);
    };
    this.#worker.onerror = (event) => {
      const pending = this.#pending;
      this.#pending = null;
      pending?.reject(new Error(event.message || 'the tracking worker stopped'));
    };
  }

  /** Null when the tracker started; else why it cannot (in words). */
  async start(width: number, height: number, luma: Uint8Array, box: Box): Promise<string | null> {
    const reply = await this.#ask({ kind: 'start', width, height, luma, box });
    return reply.kind === 'refused' ? reply.reason : null;
  }

  async next(
    width: number,
    height: number,
    luma: Uint8Array,
  ): Promise<{ step: TrackStep; ms: number }> {
    const reply = await this.#ask({ kind: 'next', width, height, luma });
    if (reply.kind !== 'step') throw new Error(reply.kind === 'refused' ? reply.reason : 'no step');
    return { step: reply.step, ms: reply.ms };
  }

  dispose(): void {
    this.#worker.terminate();
    this.#pending?.reject(new Error('tracking ended'));
    this.#pending = null;
  }

  #ask(request: TrackingRequest): Promise<TrackingReply> {
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#worker.postMessage(request, [request.luma.buffer]);
    });
  }
}
