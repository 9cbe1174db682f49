import { sha256, type Sha256 } from '../core/ids';
import type { HashRequest, HashResponse } from './hash-protocol';

let nextId = 1;

/** SHA-256 of a file, computed in a worker (streaming), with progress as a fraction 0..1. */
export function hashFile(
  file: File,
  onProgress: (fraction: number) => void = () => {},
): Promise<Sha256> {
  const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  return new Promise<Sha256>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<HashResponse>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.kind === 'progress') {
        onProgress(message.bytesTotal ? message.bytesDone / message.bytesTotal : 1);
        return;
      }
      worker.terminate();
      if (message.kind === 'done') resolve(sha256(message.sha256));
      else reject(new Error(`Could not read the file to hash it: ${message.message}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`Could not hash the file: ${event.message}`));
    };
    const request: HashRequest = { id, file };
    worker.postMessage(request);
  });
}
