import { ZipReadError, type ZipReadOptions } from '../../core/exports/zip-read';
import type { ZipReadRequest, ZipReadResponse } from './zip-read-protocol';

/**
 * The entries of a zip, read in a worker of its own (terminated afterwards) with the limits of
 * core/exports/zip-read.ts. Throws ZipReadError, in words, for a zip that breaks a rule.
 * The zip's bytes are handed to the worker (transferred): the caller must not use them after.
 */
export function unzipInWorker(
  zip: Uint8Array,
  options: ZipReadOptions,
): Promise<Map<string, Uint8Array>> {
  const worker = new Worker(new URL('./zip-read.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Map<string, Uint8Array>>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ZipReadResponse>) => {
      worker.terminate();
      const response = event.data;
      if (response.ok) resolve(new Map(response.files));
      else if (response.refused) reject(new ZipReadError(response.message));
      else reject(new Error(`Could not read the zip: ${response.message}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`Could not read the zip: ${event.message || 'the reader stopped'}`));
    };
    const request: ZipReadRequest = { zip, options };
    worker.postMessage(request, [zip.buffer as ArrayBuffer]);
  });
}
