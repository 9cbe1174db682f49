/**
 * Hooks on the core factory that ffmpeg.wasm's worker stores on `self.createFFmpegCore`
 * when asked to load a core (ffmpeg.worker.ts). Each hook wraps the factory in turn, so
 * several can be installed (block reads, the compiled module).
 */

export type CoreFactory<Core = unknown> = (options: Record<string, unknown>) => Promise<Core>;

/** Makes every factory the worker stores on `scope` go through `wrap` first. */
export function wrapCoreFactory<Core>(
  scope: Record<string, unknown>,
  wrap: (factory: CoreFactory<Core>) => CoreFactory<Core>,
): void {
  const earlier = Object.getOwnPropertyDescriptor(scope, 'createFFmpegCore');
  let stored: CoreFactory<Core> | undefined = earlier?.value as CoreFactory<Core> | undefined;
  const read = (): CoreFactory<Core> | undefined =>
    earlier?.get ? (earlier.get() as CoreFactory<Core> | undefined) : stored;
  Object.defineProperty(scope, 'createFFmpegCore', {
    configurable: true,
    get: () => {
      const factory = read();
      return factory && wrap(factory);
    },
    set: (value: CoreFactory<Core>) => {
      if (earlier?.set) earlier.set(value);
      else stored = value;
    },
  });
}

/** The load-config field that carries the compiled module to the worker (core-module.ts). */
export const CORE_MODULE_FIELD = 'framewiseCoreModule';

/** ffmpeg.wasm's message that asks its worker to load a core (FFMessageType.LOAD). */
const LOAD = 'LOAD';

/**
 * Lets the cores of this worker be instantiated from a compiled module posted with the load
 * message (in its config's `field`; see core-module.ts), instead of fetching and compiling
 * the wasm. A load without one goes on as ffmpeg.wasm's own: the core fetches the wasm.
 */
export function installCompiledModule(
  scope: Record<string, unknown>,
  field: string = CORE_MODULE_FIELD,
): void {
  let posted: WebAssembly.Module | null = null;
  const handler = scope.onmessage as ((event: MessageEvent) => unknown) | null | undefined;
  if (typeof handler !== 'function') throw new Error("ffmpeg.wasm's worker has no handler");
  // The worker's handler reads the load message, then (after importing the core's script)
  // calls the factory: the module is taken from the message before the handler runs.
  scope.onmessage = (event: MessageEvent) => {
    const message = event.data as { type?: unknown; data?: Record<string, unknown> } | null;
    if (message?.type === LOAD) {
      const module = message.data?.[field];
      posted = module instanceof WebAssembly.Module ? module : null;
    }
    return handler.call(scope, event);
  };
  wrapCoreFactory(scope, (factory) => (options) => {
    const module = posted;
    if (!module) return factory(options);
    // Emscripten's hook: instantiate ourselves and hand it the instance. If that fails,
    // the core would wait for it forever: its load fails instead.
    let failed: (error: unknown) => void = () => {};
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const instantiateWasm = (
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) => {
      WebAssembly.instantiate(module, imports)
        .then((instance) => receive(instance, module))
        .catch(failed);
      return {};
    };
    return Promise.race([factory({ ...options, instantiateWasm }), failure]);
  });
}
