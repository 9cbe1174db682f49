/// <reference lib="webworker" />
/**
 * ffmpeg.wasm's own worker, with one change: its WORKERFS reads the open file in large
 * blocks (block-reads.ts). Loaded through FFmpeg.load's `classWorkerURL`. The worker's
 * module runs first, but it looks up the core factory only when asked to load a core, which
 * is after this module has run.
 */
import './ffmpeg-worker-base.js';
import { installBlockReads, type BlobLike } from './block-reads';

const reader = new FileReaderSync();
installBlockReads(self as unknown as Record<string, unknown>, (blob: BlobLike) =>
  reader.readAsArrayBuffer(blob as Blob),
);
