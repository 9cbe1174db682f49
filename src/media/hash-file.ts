import { sha256, type Sha256 } from '../core/ids';
import { CancelledError } from './cancelled';
import type { HashRequest, HashResponse } from './hash-protocol';

let nextId = 1;

/**
 * SHA-256 of a file, computed in a worker (streaming), with progress as a fraction 0..1.
 * Aborting `signal` stops the worker at once; the promise then rejects with CancelledError.
 */
export function hashFile(
  file: File,
  onProgress: (fraction: number) => void = () => {},
  signal?: AbortSignal,
): Promise<Sha256> {
  const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  return new Promise<Sha256>((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      reject(new CancelledError());
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<HashResponse>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.kind === 'progress') {
        onProgress(message.bytesTotal ? message.bytesDone / message.bytesTotal : 1);
        return;
      }
      finish();
      if (message.kind === 'done') resolve(sha256(message.sha256));
      else reject(new Error(`Could not read the file to hash it: ${message.message}`));
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`Could not hash the file: ${event.message}`));
    };
    const request: HashRequest = { id, file };
    worker.postMessage(request);
  });
}
