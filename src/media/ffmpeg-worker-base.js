// ffmpeg.wasm's own worker, for ffmpeg.worker.ts. Imported from plain JavaScript because its
// typings redeclare the global scope without the DOM's iterables, which would break the
// app's type checks.
import '@ffmpeg/ffmpeg/worker';
