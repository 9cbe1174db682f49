import type { RenderRequest, RenderResponse } from './render-protocol';
import type { DecodedFrame } from './video-source';

/** A frame ready for the screen: its bitmap and the MD5 of its raw bytes (framemd5). */
export interface RenderedFrame {
  readonly frame: DecodedFrame;
  readonly bitmap: ImageBitmap;
  readonly md5: string;
}

/** Client of the frame-render worker: raw frame in, bitmap and MD5 out. */
export class FrameRenderer {
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (r: RenderResponse) => void }>();

  render(frame: DecodedFrame, colorSpace: string): Promise<RenderedFrame> {
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    const request: RenderRequest = {
      id,
      pixelFormat: frame.pixelFormat,
      width: frame.width,
      height: frame.height,
      colorSpace,
      data: frame.data, // copied by postMessage: the cache keeps its own
    };
    return new Promise<RenderResponse>((resolve) => {
      this.#pending.set(id, { resolve });
      worker.postMessage(request);
    }).then((response) => {
      if (response.kind === 'error') throw new Error(response.message);
      return { frame, bitmap: response.bitmap, md5: response.md5 };
    });
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    for (const { resolve } of this.#pending.values())
      resolve({ id: 0, kind: 'error', message: 'renderer closed' });
    this.#pending.clear();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./frame-render.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<RenderResponse>) => {
      const pending = this.#pending.get(event.data.id);
      this.#pending.delete(event.data.id);
      pending?.resolve(event.data);
    };
    worker.onerror = (event) => {
      for (const { resolve } of this.#pending.values())
        resolve({ id: 0, kind: 'error', message: event.message });
      this.#pending.clear();
    };
    this.#worker = worker;
    return worker;
  }
}
