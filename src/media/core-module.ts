/**
 * The FFmpeg core's wasm, compiled once per page. Every core load used to fetch the 32 MB
 * wasm and compile it afresh in its new worker (each FFmpeg instance is a worker of its own,
 * ended on every restart); a compiled `WebAssembly.Module` can be posted to a worker and
 * instantiated there, so each load after the first skips the fetch and the compile, and
 * every core shares the compiled (and, as it warms, optimised) code. Each instance still has
 * its own memory: nothing of one file or call is shared.
 */

export type Compile = (wasmURL: string) => Promise<WebAssembly.Module>;

/** Streams the wasm into the compiler; a server that does not say application/wasm: bytes. */
const compileFromUrl: Compile = async (wasmURL) => {
  try {
    return await WebAssembly.compileStreaming(fetch(wasmURL));
  } catch {
    const response = await fetch(wasmURL);
    if (!response.ok) throw new Error(`${wasmURL}: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
};

/** Compiles once per URL and keeps the module; a failed compile is forgotten and retried. */
export class CoreModuleCache {
  readonly #compiled = new Map<string, Promise<WebAssembly.Module>>();

  constructor(private readonly compile: Compile = compileFromUrl) {}

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
