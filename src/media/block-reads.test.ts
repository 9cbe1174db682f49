import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, BlockReader, installBlockReads, type BlobLike } from './block-reads';

/** A file of known bytes, and a count of the reads made of it. */
function fakeFile(size: number) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + (i >> 9)) & 0xff;
  const reads: number[] = [];
  const slice = (start: number, end: number): BlobLike & { start: number; end: number } => ({
    size: Math.max(0, Math.min(end, size) - start),
    start,
    end: Math.min(end, size),
    slice,
  });
  const file = { ...slice(0, size), slice };
  const readSync = (blob: BlobLike) => {
    const part = blob as ReturnType<typeof slice>;
    reads.push(part.end - part.start);
    return bytes.slice(part.start, part.end).buffer;
  };
  return { bytes, file, reads, readSync };
}

describe('BlockReader', () => {
  it('gives the same bytes as direct reads, whatever the sizes and positions', () => {
    const size = BLOCK_BYTES * 2 + 12_345;
    const { bytes, file, readSync } = fakeFile(size);
    const reader = new BlockReader(readSync);
    const cases = [
      [0, 100],
      [BLOCK_BYTES - 10, 20], // across a block edge
      [5, BLOCK_BYTES + 100], // larger than a block: straight through
      [size - 7, 100], // past the end: what is there
      [size, 10], // at the end: nothing
      [123_456, 32_768],
    ] as const;
    for (const [position, length] of cases) {
      const buffer = new Uint8Array(length + 3);
      const count = reader.read(file, buffer, 3, length, position);
      const expected = bytes.subarray(position, Math.min(size, position + length));
      expect(count).toBe(expected.length);
      // Compared as bytes (toEqual on megabytes of typed array is very slow).
      expect(Buffer.compare(buffer.subarray(3, 3 + count), expected), `at ${position}`).toBe(0);
    }
  });

  it('answers many small sequential reads with a few large ones', () => {
    const { file, reads, readSync } = fakeFile(BLOCK_BYTES * 3);
    const reader = new BlockReader(readSync);
    const buffer = new Uint8Array(32_768);
    for (let position = 0; position < file.size; position += buffer.length) {
      reader.read(file, buffer, 0, buffer.length, position);
    }
    expect(reads).toEqual([BLOCK_BYTES, BLOCK_BYTES, BLOCK_BYTES]);
  });

  it('keeps files apart', () => {
    const a = fakeFile(1000);
    const b = fakeFile(1000);
    b.bytes.fill(9);
    const reader = new BlockReader((blob) =>
      (blob as unknown as { fromB?: boolean }).fromB ? b.readSync(blob) : a.readSync(blob),
    );
    const fileB = {
      ...b.file,
      fromB: true,
      slice: (s: number, e: number) => ({ ...b.file.slice(s, e), fromB: true }),
    };
    const out = new Uint8Array(10);
    reader.read(a.file, out, 0, 10, 0);
    expect(out).toEqual(a.bytes.subarray(0, 10));
    reader.read(fileB, out, 0, 10, 0);
    expect(out).toEqual(new Uint8Array(10).fill(9));
  });
});

describe('installBlockReads', () => {
  it('wraps the core factory the worker stores, so its WORKERFS reads in blocks', async () => {
    const { bytes, file, reads, readSync } = fakeFile(100_000);
    const direct = () => 0;
    const core = { FS: { filesystems: { WORKERFS: { stream_ops: { read: direct } } } } };
    const scope: Record<string, unknown> = {};
    installBlockReads(scope, readSync);
    scope.createFFmpegCore = async () => core;
    const created = await (scope.createFFmpegCore as (o: unknown) => Promise<typeof core>)({});
    const read = created.FS.filesystems.WORKERFS.stream_ops.read as unknown as (
      ...args: unknown[]
    ) => number;
    expect(read).not.toBe(direct);
    const buffer = new Uint8Array(50);
    expect(read({ node: { contents: file } }, buffer, 0, 50, 1000)).toBe(50);
    expect(buffer).toEqual(bytes.subarray(1000, 1050));
    expect(reads).toEqual([100_000]);
  });
});
