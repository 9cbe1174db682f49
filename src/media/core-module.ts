/**
 * The FFmpeg core's wasm, compiled once per page. Every core load used to fetch the 32 MB
 * wasm and compile it afresh in its new worker (each FFmpeg instance is a worker of its own,
 * ended on every restart); a compiled `WebAssembly.Module` can be posted to a worker and
 * instantiated there, so each load after the first skips the fetch and the compile, and
 * every core shares the compiled (and, as it warms, optimised) code. Each instance still has
 * its own memory: nothing of one file or call is shared.
 */

export type Compile = (wasmURL: string) => Promise<WebAssembly.Module>;

/** What the compile worker (core-compile.worker.ts) answers. */
export type CompileReply = { module: WebAssembly.Module } | { error: string };

/**
 * Compiled in a worker of its own, which posts the module back: on the page's thread the
 * compile held it for 40 to 140 ms (measured here), a stall at the app's start.
 */
const compileInWorker: Compile = (wasmURL) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./core-compile.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<CompileReply>) => {
      worker.terminate();
      if ('module' in event.data) resolve(event.data.module);
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    // Absolute: the worker resolves URLs against its own script's address, not the page's.
    worker.postMessage(new URL(wasmURL, location.href).href);
  });

/** Compiles once per URL and keeps the module; a failed compile is forgotten and retried. */
export class CoreModuleCache {
  readonly #compiled = new Map<string, Promise<WebAssembly.Module>>();

  constructor(private readonly compile: Compile = compileInWorker) {}

  /**
   * The compiled module, or null if it cannot be compiled here: the worker then fetches and
   * compiles the wasm itself, as ffmpeg.wasm does on its own (slower, never wrong).
   */
  async get(wasmURL: string): Promise<WebAssembly.Module | null> {
    let compiled = this.#compiled.get(wasmURL);
    if (!compiled) {
      compiled = this.compile(wasmURL);
      this.#compiled.set(wasmURL, compiled);
    }
    try {
      return await compiled;
    } catch {
      if (this.#compiled.get(wasmURL) === compiled) this.#compiled.delete(wasmURL);
      return null;
    }
  }
}

/** The page's one cache: every FfmpegEngine (player, index, verification) shares it. */
export const coreModules = new CoreModuleCache();
