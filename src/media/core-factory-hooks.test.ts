import { describe, expect, it } from 'vitest';
import { CORE_MODULE_FIELD, installCompiledModule, wrapCoreFactory } from './core-factory-hooks';

type Factory = (options: Record<string, unknown>) => Promise<unknown>;

/** A worker scope whose handler, like ffmpeg.wasm's, calls the stored factory on LOAD. */
function fakeWorker() {
  const seen: Record<string, unknown>[] = [];
  const scope: Record<string, unknown> = {};
  scope.onmessage = async (event: MessageEvent) => {
    const factory = scope.createFFmpegCore as Factory;
    if ((event.data as { type: string }).type === 'LOAD') return factory({ own: true });
  };
  scope.createFFmpegCore = async (options: Record<string, unknown>) => {
    seen.push(options);
    return { options };
  };
  const post = (data: unknown) =>
    (scope.onmessage as (e: MessageEvent) => Promise<unknown>)({ data } as MessageEvent);
  return { scope, seen, post };
}

const emptyModule = () =>
  new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));

describe('wrapCoreFactory', () => {
  it('composes with hooks installed before it, in order', async () => {
    const scope: Record<string, unknown> = {};
    const order: string[] = [];
    wrapCoreFactory(scope, (factory: Factory) => (o) => (order.push('first'), factory(o)));
    wrapCoreFactory(scope, (factory: Factory) => (o) => (order.push('second'), factory(o)));
    scope.createFFmpegCore = async () => order.push('core');
    await (scope.createFFmpegCore as Factory)({});
    expect(order).toEqual(['second', 'first', 'core']);
  });
});

describe('installCompiledModule', () => {
  it('leaves a load without a module as ffmpeg.wasm has it (the core fetches its wasm)', async () => {
    const { scope, seen, post } = fakeWorker();
    installCompiledModule(scope);
    await post({ type: 'LOAD', data: { coreURL: '/core.js' } });
    expect(seen).toEqual([{ own: true }]);
  });

  it('instantiates the posted module through the instantiateWasm hook of Emscripten', async () => {
    const { scope, seen, post } = fakeWorker();
    installCompiledModule(scope);
    const module = emptyModule();
    await post({ type: 'LOAD', data: { coreURL: '/core.js', [CORE_MODULE_FIELD]: module } });
    const options = seen[0]!;
    expect(options.own).toBe(true);
    const hook = options.instantiateWasm as (
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) => unknown;
    const received = await new Promise<[WebAssembly.Instance, WebAssembly.Module]>((resolve) =>
      expect(hook({}, (instance, m) => resolve([instance, m]))).toEqual({}),
    );
    expect(received[0]).toBeInstanceOf(WebAssembly.Instance);
    expect(received[1]).toBe(module);
  });

  it('fails the load, rather than hanging it, when the module cannot be instantiated', async () => {
    const { scope, post } = fakeWorker();
    // A factory that, like Emscripten's, waits for the instance it asked for.
    scope.createFFmpegCore = (options: Record<string, unknown>) =>
      new Promise(() => {
        const hook = options.instantiateWasm as (i: WebAssembly.Imports, r: () => void) => void;
        hook({}, () => {});
      });
    installCompiledModule(scope);
    const needsImport = new WebAssembly.Module(
      // (module (import "a" "b" (func)))
      new Uint8Array([
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x02,
        0x07, 0x01, 0x01, 0x61, 0x01, 0x62, 0x00, 0x00,
      ]),
    );
    await expect(
      post({ type: 'LOAD', data: { [CORE_MODULE_FIELD]: needsImport } }),
    ).rejects.toThrow();
  });
});
