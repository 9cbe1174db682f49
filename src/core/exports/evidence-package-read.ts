import { Inflate } from 'fflate';
import {
  checkPaths,
  MANIFEST_PATH,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  PackageError,
  sha256HexOfBytes,
  SUMS_PATH,
  type ManifestFile,
  type PackageManifest,
} from './evidence-package';

/**
 * Reading an evidence package (see evidence-package.ts) and verifying it as
 * `sha256sum -c SHA256SUMS` would, plus manifest.json against the files.
 *
 * Decisions:
 * - Reading is zip-bomb safe: entry count and stated sizes are checked before anything is
 *   inflated, and each entry is inflated in small chunks and stopped the moment it grows past
 *   its stated size (a header can lie). ZIP64 and encrypted entries are refused.
 */

export interface ReadLimits {
  readonly maxEntries: number;
  /** The most bytes all entries may inflate to, together. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxEntries: 10_000, maxTotalBytes: 2 ** 30 };

export interface FileCheck {
  readonly path: string;
  /** passed/failed: hash as SHA256SUMS says or not; missing: listed, not in the zip; unlisted. */
  readonly status: 'passed' | 'failed' | 'missing' | 'unlisted';
  readonly expectedSha256: string | null;
  readonly actualSha256: string | null;
}

export interface PackageVerification {
  /** Every file passed and manifest.json agrees with the files. */
  readonly ok: boolean;
  readonly manifest: PackageManifest | null;
  /** Every path in SHA256SUMS or in the zip (SHA256SUMS itself aside), sorted. */
  readonly files: readonly FileCheck[];
  /** What is wrong beyond single files' hashes (manifest, SHA256SUMS lines). */
  readonly problems: readonly string[];
  /** SHA-256 of SHA256SUMS, to compare with the one recorded when the package was made. */
  readonly sha256sumsSha256: string | null;
  /** The files' bytes by path, for showing them once verified. */
  readonly contents: ReadonlyMap<string, Uint8Array>;
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

/** The zip's directory: names, methods, sizes and where each entry's data starts. */
function zipEntries(zip: Uint8Array, limits: ReadLimits): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  let end = zip.length - 22;
  while (end >= earliest && u32(end) !== END_OF_DIRECTORY) end--;
  if (end < earliest) throw new PackageError('not a zip file');
  const count = u16(end + 10);
  if (count === 0xffff || u32(end + 16) === 0xffffffff) throw new PackageError('ZIP64 refused');
  if (count > limits.maxEntries) throw new PackageError(`over ${limits.maxEntries} entries`);
  const names = new TextDecoder('utf-8', { fatal: true });
  const entries: ZipEntry[] = [];
  for (let i = 0, at = u32(end + 16); i < count; i++) {
    if (u32(at) !== CENTRAL_HEADER) throw new PackageError('damaged zip directory');
    if (u16(at + 8) & 1) throw new PackageError('encrypted entries refused');
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    if (u32(local) !== LOCAL_HEADER) throw new PackageError('damaged zip entry');
    entries.push({
      name: names.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: u16(at + 10),
      compressedSize: u32(at + 20),
      size: u32(at + 24),
      dataStart: local + 30 + u16(local + 26) + u16(local + 28),
    });
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return entries;
}

/** Inflates raw deflate data in 16 KiB steps, stopping as soon as it outgrows `size`. */
function inflateCapped(data: Uint8Array, size: number, name: string): Uint8Array {
  const out = new Uint8Array(size);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > size) throw new PackageError(`${name} inflates past its size`);
    out.set(chunk, length);
    length += chunk.length;
  });
  const step = 16 * 1024;
  for (let at = 0; at < data.length || at === 0; at += step) {
    inflater.push(data.subarray(at, at + step), at + step >= data.length);
  }
  if (length !== size) throw new PackageError(`${name} is shorter than its stated size`);
  return out;
}

/** Every file in the zip by name, after checking names, count and stated sizes. */
function unzipChecked(zip: Uint8Array, limits: ReadLimits): Map<string, Uint8Array> {
  const entries = zipEntries(zip, limits).filter((e) => !(e.name.endsWith('/') && e.size === 0));
  checkPaths(entries.map((e) => e.name).filter((n) => n !== MANIFEST_PATH && n !== SUMS_PATH));
  if (new Set(entries.map((e) => e.name)).size !== entries.length) {
    throw new PackageError('duplicate entries');
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxTotalBytes) throw new PackageError(`over ${limits.maxTotalBytes} bytes`);
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.dataStart + e.compressedSize > zip.length) throw new PackageError('truncated zip');
    const data = zip.subarray(e.dataStart, e.dataStart + e.compressedSize);
    if (e.method === 8) files.set(e.name, inflateCapped(data, e.size, e.name));
    else if (e.method !== 0) throw new PackageError(`${e.name}: unsupported compression`);
    else if (e.compressedSize !== e.size) throw new PackageError(`${e.name}: sizes disagree`);
    else files.set(e.name, data.slice());
  }
  return files;
}

/** SHA256SUMS lines as path → hash; lines not in the format become problems. */
function parseSums(text: string, problems: string[]): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match) sums.set(match[2]!, match[1]!);
    else problems.push(`SHA256SUMS: not a checksum line: ${JSON.stringify(line)}`);
  }
  return sums;
}

const isManifestFile = (f: unknown): f is ManifestFile =>
  typeof f === 'object' &&
  f !== null &&
  typeof (f as ManifestFile).path === 'string' &&
  typeof (f as ManifestFile).sha256 === 'string' &&
  typeof (f as ManifestFile).size === 'number';

/** manifest.json parsed and compared with the files; disagreements become problems. */
function checkManifest(
  bytes: Uint8Array | undefined,
  actual: ReadonlyMap<string, { sha256: string; size: number }>,
  problems: string[],
): PackageManifest | null {
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as PackageManifest;
  } catch {
    problems.push(`${MANIFEST_PATH} is missing or not JSON`);
    return null;
  }
  const known = manifest?.format === PACKAGE_FORMAT && manifest.version === PACKAGE_VERSION;
  if (!known || !Array.isArray(manifest.files) || !manifest.files.every(isManifestFile)) {
    problems.push(`${MANIFEST_PATH}: not a ${PACKAGE_FORMAT} version ${PACKAGE_VERSION}`);
    return null;
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const file = actual.get(f.path);
    if (!file) problems.push(`${MANIFEST_PATH} lists ${f.path}, which is not in the package`);
    else if (file.sha256 !== f.sha256 || file.size !== f.size) {
      problems.push(`${MANIFEST_PATH} disagrees with ${f.path} (size or SHA-256)`);
    }
  }
  for (const path of actual.keys()) {
    if (!listed.has(path)) problems.push(`${MANIFEST_PATH} does not list ${path}`);
  }
  return manifest;
}

function fileCheck(path: string, expected?: string, actual?: string): FileCheck {
  return {
    path,
    status: fileStatus(expected, actual),
    expectedSha256: expected ?? null,
    actualSha256: actual ?? null,
  };
}

function fileStatus(expected?: string, actual?: string): FileCheck['status'] {
  if (expected === undefined) return 'unlisted';
  if (actual === undefined) return 'missing';
  return expected === actual ? 'passed' : 'failed';
}

/**
 * Unzips a package (within the limits) and checks it as `sha256sum -c SHA256SUMS` would, plus
 * manifest.json against the files. Throws PackageError for a package that cannot be read
 * safely (not a zip, a limit passed, an unsafe path); hash mismatches are reported per file.
 */
export async function readEvidencePackage(
  zip: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<PackageVerification> {
  let contents: Map<string, Uint8Array>;
  try {
    contents = unzipChecked(zip, limits);
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError(`not a readable zip: ${String(error)}`);
  }
  const problems: string[] = [];
  const sumsBytes = contents.get(SUMS_PATH);
  if (!sumsBytes) problems.push(`${SUMS_PATH} is missing`);
  const sums = parseSums(new TextDecoder().decode(sumsBytes), problems);
  const actual = new Map<string, { sha256: string; size: number }>();
  for (const [path, bytes] of contents) {
    if (path !== SUMS_PATH)
      actual.set(path, { sha256: await sha256HexOfBytes(bytes), size: bytes.length });
  }
  const paths = [...new Set([...sums.keys(), ...actual.keys()])].sort();
  const files = paths.map((path) => fileCheck(path, sums.get(path), actual.get(path)?.sha256));
  const packaged = new Map([...actual].filter(([path]) => path !== MANIFEST_PATH));
  const manifest = checkManifest(contents.get(MANIFEST_PATH), packaged, problems);
  return {
    ok: problems.length === 0 && files.every((f) => f.status === 'passed'),
    manifest,
    files,
    problems,
    sha256sumsSha256: sumsBytes ? await sha256HexOfBytes(sumsBytes) : null,
    contents,
  };
}
