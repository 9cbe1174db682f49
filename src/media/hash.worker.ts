/// <reference lib="webworker" />
import { createSHA256 } from 'hash-wasm';
import type { HashRequest, HashResponse } from './hash-protocol';

/** Streams a file through SHA-256 in chunks, so memory stays flat whatever the file's size. */
const CHUNK_BYTES = 8 * 1024 * 1024;

const post = (message: HashResponse) => (self as DedicatedWorkerGlobalScope).postMessage(message);

self.onmessage = async (event: MessageEvent<HashRequest>) => {
  const { id, file } = event.data;
  try {
    const hasher = await createSHA256();
    hasher.init();
    for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
      const chunk = await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
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
