/// <reference lib="webworker" />
/**
 * Compiles the FFmpeg core's wasm off the page's thread (core-module.ts) and posts the
 * compiled module back: compiling on the page itself held its thread for 40 to 100 ms.
 */
import type { CompileReply } from './core-module';

self.onmessage = async (event: MessageEvent<string>) => {
  const wasmURL = event.data;
  let reply: CompileReply;
  try {
    reply = { module: await compileWasm(wasmURL) };
  } catch (error) {
    reply = { error: String(error) };
  }
  self.postMessage(reply);
};

/** Streams the wasm into the compiler; a server that does not say application/wasm: bytes. */
async function compileWasm(wasmURL: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetch(wasmURL));
  } catch {
    const response = await fetch(wasmURL);
    if (!response.ok) throw new Error(`${wasmURL}: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}
