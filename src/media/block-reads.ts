/**
 * Large reads for FFmpeg's WORKERFS. Emscripten's WORKERFS answers every read FFmpeg makes
 * with its own synchronous Blob read (FileReaderSync), a round trip to the browser's blob
 * store; FFmpeg reads about one packet at a time, so listing the packets of a one-hour
 * 1080p file made some 90 000 of them (measured: about 20 MB/s). Reading whole blocks and
 * answering FFmpeg's reads from them makes the same bytes come at disk speed.
 */
import { wrapCoreFactory } from './core-factory-hooks';

/** A file as WORKERFS holds it (a File or Blob), and the one way to read part of it at once. */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): BlobLike;
}
export type ReadSync = (blob: BlobLike) => ArrayBuffer;

/** Bytes read at once; reads larger than this go straight to the file. */
export const BLOCK_BYTES = 4 * 1024 * 1024;
/** Blocks kept (per reader): the demuxer's position, plus a seek back for the index. */
const BLOCKS_KEPT = 4;

interface Block {
  readonly file: BlobLike;
  readonly start: number;
  readonly bytes: Uint8Array;
}

/**
 * Serves reads of a file from whole blocks. The same bytes as a direct read, always: a
 * block is the file's bytes from `start`, and nothing here is ever written.
 */
export class BlockReader {
  #blocks: Block[] = [];

  constructor(
    private readonly readSync: ReadSync,
    /** Told of every block read from the file (how far into it reading has come). */
    private readonly onBlockRead: (file: BlobLike, end: number) => void = () => {},
  ) {}

  /** Copies up to `length` bytes of `file` from `position` into `buffer` at `offset`. */
  read(
    file: BlobLike,
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): number {
    if (position >= file.size || length <= 0) return 0;
    const end = Math.min(file.size, position + length);
    if (end - position > BLOCK_BYTES) {
      const bytes = new Uint8Array(this.readSync(file.slice(position, end)));
      buffer.set(bytes, offset);
      return bytes.length;
    }
    let done = 0;
    while (position + done < end) {
      const at = position + done;
      const block = this.#blockAt(file, at);
      const from = at - block.start;
      const count = Math.min(end - at, block.bytes.length - from);
      if (count <= 0) break; // the file is shorter than it said: stop, as a direct read would
      buffer.set(block.bytes.subarray(from, from + count), offset + done);
      done += count;
    }
    return done;
  }

  #blockAt(file: BlobLike, position: number): Block {
    const start = position - (position % BLOCK_BYTES);
    const index = this.#blocks.findIndex((b) => b.file === file && b.start === start);
    if (index >= 0) {
      const [hit] = this.#blocks.splice(index, 1);
      this.#blocks.unshift(hit!);
      return hit!;
    }
    const end = Math.min(file.size, start + BLOCK_BYTES);
    const block = { file, start, bytes: new Uint8Array(this.readSync(file.slice(start, end))) };
    this.onBlockRead(file, end);
    this.#blocks.unshift(block);
    this.#blocks.length = Math.min(this.#blocks.length, BLOCKS_KEPT);
    return block;
  }
}

/** The part of Emscripten's FS object this touches: WORKERFS's read. */
interface WorkerFsModule {
  FS: {
    filesystems: {
      WORKERFS?: {
        stream_ops: {
          read: (
            stream: { node: { contents: BlobLike } },
            buffer: Uint8Array,
            offset: number,
            length: number,
            position: number,
          ) => number;
        };
      };
    };
  };
}

/**
 * Makes every FFmpeg core this worker creates read its WORKERFS files in blocks: wraps the
 * core factory that ffmpeg.wasm's worker stores on `self.createFFmpegCore` when it loads.
 */
export function installBlockReads(
  scope: Record<string, unknown>,
  readSync: ReadSync,
  onBlockRead?: (file: BlobLike, end: number) => void,
): void {
  wrapCoreFactory<WorkerFsModule>(scope, (factory) => async (options) => {
    const core = await factory(options);
    const workerFs = core.FS.filesystems.WORKERFS;
    if (workerFs) {
      const reader = new BlockReader(readSync, onBlockRead);
      workerFs.stream_ops.read = (stream, buffer, offset, length, position) =>
        reader.read(stream.node.contents, buffer, offset, length, position);
    }
    return core;
  });
}

/** Where the FFmpeg worker says how far into the open file it has read (for progress). */
export const READ_PROGRESS_CHANNEL = 'framewise-ffmpeg-reads';
export interface ReadProgressMessage {
  readonly name: string;
  readonly size: number;
  /** The end of the last block read, in bytes from the file's start. */
  readonly position: number;
}
