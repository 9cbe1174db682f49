import { frameIndex, pts } from '../core/ids';
import type { RenderRequest, RenderResponse, ViewRenderer } from './render-protocol';
import type { DecodedFrame } from './video-source';
import type { ViewSettings } from '../vision/view-settings';

/** What the render worker made of a frame (see FrameRenderer.render). */
interface RenderedParts {
  readonly frame: DecodedFrame;
  readonly md5: string;
  readonly view: ViewSettings | null;
  readonly viewBitmap: ImageBitmap | null;
  readonly viewMs: number;
  readonly viewRenderer: ViewRenderer | null;
  /** The clean picture, when it was made with the frame. */
  readonly clean: ImageBitmap | null;
  /** Makes the clean picture afterwards (asked for only when `clean` is null). */
  readonly makeClean: () => Promise<ImageBitmap>;
}

/**
 * A frame ready for the screen: its picture and the MD5 of its raw bytes (framemd5). While a
 * view filter changes pixels, the clean picture (the frame as decoded) is made only when
 * something asks for it (`cleanCopy`: a still, a pin, the plan view), or with the frame when
 * the player was told it is wanted (the frame comparison): converting a 1080p frame costs
 * about 10 ms in the worker, a third of a frame's time at 30 frames/s.
 */
export class RenderedFrame {
  readonly frame: DecodedFrame;
  readonly md5: string;
  /** The view it was rendered for (null: none asked for). */
  readonly view: ViewSettings | null;
  /** The picture with that view's filters; null when they change no pixel. */
  readonly viewBitmap: ImageBitmap | null;
  /** Milliseconds the view's filters took in the worker. */
  readonly viewMs: number;
  /** Where the filtered picture was drawn (null: there is none). */
  readonly viewRenderer: ViewRenderer | null;
  readonly #made: ImageBitmap | null;
  readonly #makeClean: () => Promise<ImageBitmap>;
  #closed = false;

  constructor(parts: RenderedParts) {
    this.frame = parts.frame;
    this.md5 = parts.md5;
    this.view = parts.view;
    this.viewBitmap = parts.viewBitmap;
    this.viewMs = parts.viewMs;
    this.viewRenderer = parts.viewRenderer;
    this.#made = parts.clean;
    this.#makeClean = parts.makeClean;
    if (!parts.clean && !parts.viewBitmap) throw new Error('a rendered frame has no picture');
  }

  /** What the stage shows: the filtered picture, else the clean one. */
  get picture(): ImageBitmap {
    return (this.viewBitmap ?? this.#made)!;
  }

  /**
   * The clean picture if it was made with the frame (always, for a frame rendered without a
   * view filter); null while a filter is shown: ask `cleanCopy()`. Belongs to this frame.
   */
  get clean(): ImageBitmap | null {
    return this.#made;
  }

  /**
   * The frame as decoded (clean stills, the pin, the plan view are made of it), as a bitmap
   * the caller owns and closes: a copy of the clean picture taken now, or, when there is none
   * (a filter shown, or the frame already let go), one made now from the decoded frame, which
   * stays at hand whatever the player does meanwhile.
   */
  cleanCopy(): Promise<ImageBitmap> {
    if (this.#made && !this.#closed) return createImageBitmap(this.#made);
    return this.#makeClean();
  }

  /** Frees the bitmaps. */
  close(): void {
    this.#closed = true;
    this.#made?.close();
    this.viewBitmap?.close();
  }
}

/** The clean picture of a frame rendered without a view filter (always made then). */
export function cleanOf(rendered: RenderedFrame): ImageBitmap {
  if (!rendered.clean) throw new Error('this frame was rendered with a view filter only');
  return rendered.clean;
}

/** The one field a rendered frame's picture shows (View panel), or null for both. */
export const fieldOf = (rendered: RenderedFrame | null): 'top' | 'bottom' | null =>
  rendered?.view && rendered.view.fields !== 'both' ? rendered.view.fields : null;

const VIEW_RENDERER_KEY = 'framewise.view-renderer';

/**
 * Where the page asks the view filters to be drawn (localStorage['framewise.view-renderer']:
 * 'cpu' or 'webgl2'); undefined: the worker chooses (WebGL2 on a GPU, else the CPU).
 */
export function chosenViewRenderer(): ViewRenderer | undefined {
  try {
    const chosen = globalThis.localStorage.getItem(VIEW_RENDERER_KEY);
    return chosen === 'cpu' || chosen === 'webgl2' ? chosen : undefined;
  } catch {
    return undefined; // storage refused (privacy settings): the default
  }
}

/**
 * Whether the render worker can be given `data` as it is: shared memory, or a whole buffer.
 * SharedArrayBuffer exists only where the page is cross-origin isolated (served with
 * COOP/COEP); on any other host the name is not defined at all.
 */
const ownsBuffer = (data: Uint8Array) =>
  (typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer) ||
  (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength);

/** Two workers: while one renders the frame on screen, the other prepares the next. */
const WORKERS = 2;

interface Pending {
  resolve: (response: RenderResponse) => void;
}

/** Client of the frame-render workers: raw frame in, bitmap and MD5 out. */
export class FrameRenderer {
  #workers: Worker[] = [];
  #next = 0;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  /**
   * Renders a frame: its MD5, the clean picture and, with `view`, the filtered one. When the
   * view changes pixels the clean picture is left to be made on request, unless `withClean`.
   */
  render(
    frame: DecodedFrame,
    colorSpace: string,
    view: ViewSettings | null = null,
    withClean = false,
  ): Promise<RenderedFrame> {
    const worker = this.#pickWorker();
    const id = this.#nextId++;
    const request: RenderRequest = {
      id,
      pixelFormat: frame.pixelFormat,
      width: frame.width,
      height: frame.height,
      colorSpace,
      // Only this frame's bytes: cloning a view into an FFmpeg window would copy the whole
      // window. A frame with a buffer of its own (WebCodecs') is cloned as it is, or not at
      // all in shared memory.
      data: ownsBuffer(frame.data) ? frame.data : frame.data.slice(),
      md5: frame.md5,
      view,
      withClean,
      viewRendererChoice: view === null ? undefined : chosenViewRenderer(),
    };
    return new Promise<RenderResponse>((resolve) => {
      this.#pending.set(id, { resolve });
      worker.postMessage(request);
    }).then((response) => {
      if (response.kind === 'error') throw new Error(response.message);
      const md5 = response.md5;
      return new RenderedFrame({
        frame,
        md5,
        view,
        viewBitmap: response.viewBitmap,
        viewMs: response.viewMs,
        viewRenderer: response.viewRenderer,
        clean: response.bitmap,
        makeClean: () => this.render({ ...frame, md5 }, colorSpace).then((made) => made.clean!),
      });
    });
  }

  /**
   * Starts the workers and has each render a tiny frame, before any video is open: the
   * first real frame then does not wait for a worker to start and compile its MD5.
   */
  warmUp(): void {
    const tiny: DecodedFrame = {
      index: frameIndex(0),
      pts: pts(0),
      key: true,
      type: 'I',
      pixelFormat: 'yuv420p',
      width: 2,
      height: 2,
      data: new Uint8Array(6),
      decoder: 'ffmpeg',
    };
    for (let i = 0; i < WORKERS; i++) {
      void this.render(tiny, '')
        .then((rendered) => rendered.close())
        .catch(() => {}); // a real frame will say what is wrong
    }
  }

  /** Stops the workers (a renderer made for one job, e.g. a report's stills). */
  dispose(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#workers = [];
    this.#failAll('the renderer was closed');
  }

  #pickWorker(): Worker {
    if (this.#workers.length < WORKERS) this.#workers.push(this.#startWorker());
    const worker = this.#workers[this.#next % this.#workers.length]!;
    this.#next++;
    return worker;
  }

  #startWorker(): Worker {
    const worker = new Worker(new URL('./frame-render.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<RenderResponse>) => {
      const pending = this.#pending.get(event.data.id);
      this.#pending.delete(event.data.id);
      pending?.resolve(event.data);
    };
    worker.onerror = (event) => this.#failAll(event.message);
    return worker;
  }

  #failAll(message: string): void {
    for (const { resolve } of this.#pending.values()) resolve({ id: 0, kind: 'error', message });
    this.#pending.clear();
  }
}
