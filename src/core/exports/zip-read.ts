import { Inflate } from 'fflate';

/**
 * Reading a zip that may be hostile: every zip the app reads (a MOT import, an evidence
 * package) goes through here, in a worker (src/ui/state/zip-read.worker.ts), never on the
 * main thread.
 *
 * A zip's headers can lie: an entry said to hold 100 bytes can inflate to gigabytes. So
 * - the directory (entry count, names, stated sizes) is checked before anything is inflated;
 * - each entry is inflated a few KiB of input at a time into a buffer of its stated size, and
 *   stopped the moment its output would pass that size or the limit, whichever is smaller
 *   (a 1.5 GB bomb behind a 100-byte header costs about one step, not 1.5 GB);
 * - an entry that ends short of its stated size is refused too (a truncated or lying zip);
 * - ZIP64, encrypted entries, unknown compression and duplicate names are refused.
 */

export class ZipReadError extends Error {}

export interface ZipLimits {
  readonly maxEntries: number;
  /** The most bytes all read entries may inflate to, together. */
  readonly maxTotalBytes: number;
  /** The most bytes one entry may inflate to. */
  readonly maxEntryBytes: number;
}

export interface ZipReadOptions extends ZipLimits {
  /** Only these entries are inflated (the others are listed, not read); all when absent. */
  readonly only?: readonly string[];
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly dataStart: number;
}

const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_OF_DIRECTORY = 0x06054b50;
/** Deflate inflates at most about 1032:1, so 4 KiB of input makes at most about 4 MiB. */
const INFLATE_STEP = 4 * 1024;

export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;

/** The zip's directory: names, methods, sizes and where each entry's data starts. */
function zipEntries(zip: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const inside = (at: number, length: number) => at >= 0 && at + length <= zip.length;
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (zip.length < 22) throw new ZipReadError('not a zip file');
  // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  let end = zip.length - 22;
  while (end >= earliest && u32(end) !== END_OF_DIRECTORY) end--;
  if (end < earliest) throw new ZipReadError('not a zip file');
  const count = u16(end + 10);
  if (count === 0xffff || u32(end + 16) === 0xffffffff) throw new ZipReadError('ZIP64 refused');
  if (count > maxEntries) throw new ZipReadError(`over ${maxEntries} entries`);
  const names = new TextDecoder('utf-8', { fatal: true });
  const entries: ZipEntry[] = [];
  for (let i = 0, at = u32(end + 16); i < count; i++) {
    if (!inside(at, 46) || u32(at) !== CENTRAL_HEADER) {
      throw new ZipReadError('damaged zip directory');
    }
    if (u16(at + 8) & 1) throw new ZipReadError('encrypted entries refused');
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    if (!inside(at + 46, nameLength) || !inside(local, 30) || u32(local) !== LOCAL_HEADER) {
      throw new ZipReadError('damaged zip entry');
    }
    let name: string;
    try {
      name = names.decode(zip.subarray(at + 46, at + 46 + nameLength));
    } catch {
      throw new ZipReadError('an entry name is not UTF-8');
    }
    entries.push({
      name,
      method: u16(at + 10),
      compressedSize: u32(at + 20),
      size: u32(at + 24),
      dataStart: local + 30 + u16(local + 26) + u16(local + 28),
    });
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return entries;
}

/** Inflates raw deflate data step by step, stopping as soon as it outgrows `size`. */
function inflateCapped(data: Uint8Array, size: number, name: string): Uint8Array {
  const out = new Uint8Array(size);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > size) {
      throw new ZipReadError(`${name} inflates to more than the ${size} bytes its header states`);
    }
    out.set(chunk, length);
    length += chunk.length;
  });
  for (let at = 0; at < data.length || at === 0; at += INFLATE_STEP) {
    try {
      inflater.push(data.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= data.length);
    } catch (error) {
      if (error instanceof ZipReadError) throw error;
      throw new ZipReadError(`${name} is damaged (${String(error)})`);
    }
  }
  if (length !== size) throw new ZipReadError(`${name} is shorter than its stated size`);
  return out;
}

/**
 * The wanted entries of a zip by name (folders left out), each checked against the limits
 * before it is inflated and while it is. Throws ZipReadError, in words, for anything else.
 */
export function readZip(zip: Uint8Array, options: ZipReadOptions): Map<string, Uint8Array> {
  const all = zipEntries(zip, options.maxEntries).filter(
    (e) => !(e.name.endsWith('/') && e.size === 0),
  );
  if (new Set(all.map((e) => e.name)).size !== all.length) {
    throw new ZipReadError('duplicate entries');
  }
  const wanted = options.only ? new Set(options.only) : null;
  const entries = wanted ? all.filter((e) => wanted.has(e.name)) : all;
  const tooLarge = entries.find((e) => e.size > options.maxEntryBytes);
  if (tooLarge) {
    throw new ZipReadError(`${tooLarge.name} is over ${options.maxEntryBytes} bytes`);
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > options.maxTotalBytes) {
    throw new ZipReadError(`over ${options.maxTotalBytes} bytes in all`);
  }
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.dataStart + e.compressedSize > zip.length) throw new ZipReadError('truncated zip');
    const data = zip.subarray(e.dataStart, e.dataStart + e.compressedSize);
    if (e.method === 8) files.set(e.name, inflateCapped(data, e.size, e.name));
    else if (e.method !== 0) throw new ZipReadError(`${e.name}: unsupported compression`);
    else if (e.compressedSize !== e.size) throw new ZipReadError(`${e.name}: sizes disagree`);
    else files.set(e.name, data.slice());
  }
  return files;
}
