/// <reference lib="webworker" />
/**
 * ffmpeg.wasm's own worker, with two changes: its WORKERFS reads the open file in large
 * blocks (block-reads.ts), and its core is instantiated from the wasm module the page
 * compiled once (core-module.ts), when the load message brings one. Loaded through FFmpeg.load's `classWorkerURL`. The worker's
 * module runs first, but it looks up the core factory only when asked to load a core, which
 * is after this module has run.
 */
import './ffmpeg-worker-base.js';
import {
  installBlockReads,
  READ_PROGRESS_CHANNEL,
  type BlobLike,
  type ReadProgressMessage,
} from './block-reads';
import { installCompiledModule } from './core-factory-hooks';

const reader = new FileReaderSync();
// How far FFmpeg has read: the progress of work that reads the whole file (the packet listing).
const progress = new BroadcastChannel(READ_PROGRESS_CHANNEL);
installBlockReads(
  self as unknown as Record<string, unknown>,
  (blob: BlobLike) => reader.readAsArrayBuffer(blob as Blob),
  (blob, end) => {
    const file = blob as File;
    const message: ReadProgressMessage = { name: file.name ?? '', size: file.size, position: end };
    progress.postMessage(message);
  },
);
installCompiledModule(self as unknown as Record<string, unknown>);
