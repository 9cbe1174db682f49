/// <reference lib="webworker" />
import { createSHA256 } from 'hash-wasm';
import type { HashRequest, HashResponse } from './hash-protocol';

/**
 * Streams a file through SHA-256 in chunks, so memory stays flat whatever the file's size.
 * The next chunk is read while this one is hashed, so reading and hashing overlap.
 */
const CHUNK_BYTES = 16 * 1024 * 1024;

const post = (message: HashResponse) => (self as DedicatedWorkerGlobalScope).postMessage(message);

self.onmessage = async (event: MessageEvent<HashRequest>) => {
  const { id, file } = event.data;
  try {
    const hasher = await createSHA256();
    hasher.init();
    const read = (offset: number) => file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
    let next = file.size > 0 ? read(0) : null;
    for (let offset = 0; next; offset += CHUNK_BYTES) {
      const chunk = await next;
      next = offset + CHUNK_BYTES < file.size ? read(offset + CHUNK_BYTES) : null;
      hasher.update(new Uint8Array(chunk));
      post({
        id,
        kind: 'progress',
        bytesDone: Math.min(file.size, offset + CHUNK_BYTES),
        bytesTotal: file.size,
      });
    }
    post({ id, kind: 'done', sha256: hasher.digest('hex') });
  } catch (error) {
    post({ id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
