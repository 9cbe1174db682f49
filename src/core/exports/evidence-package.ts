import { Inflate, zipSync, type Zippable } from 'fflate';
import type { Generator } from '../export-json';
import type { Case, Evidence } from '../model';

/**
 * The evidence package: one zip holding the exports of a case (annotations, stills, CSV…),
 * a `manifest.json` saying what each file is, and `SHA256SUMS`, so that anyone can check the
 * files on any machine with `sha256sum -c SHA256SUMS`, without Framewise.
 *
 * Decisions:
 * - fflate makes the zip: small, maintained, pure JS, the same code in the browser and Node.
 * - SHA256SUMS is exactly GNU sha256sum's text format ("<hex>  <path>\n", sorted by path) and
 *   covers every file, manifest.json included, but not itself. Record ITS hash elsewhere (the
 *   audit log, the report): a zip is not signed, and someone who rewrites a file, the manifest
 *   and SHA256SUMS together is caught only by that outside record.
 * - Paths that could escape the folder or fail to unzip somewhere (`..`, a leading `/`,
 *   backslashes, control characters, characters Windows refuses, duplicates even by case) are
 *   refused, not quietly renamed: a package must hold the names the examiner chose.
 * - Zip entry times are the package's createdAt, written as UTC wall-clock time (zip times
 *   carry no zone and have 2-second steps). That is a real date, and the same input gives the
 *   same bytes on any machine. manifest.json's createdAt (ISO 8601 UTC) is the exact record.
 * - Reading is zip-bomb safe: entry count and stated sizes are checked before anything is
 *   inflated, and each entry is inflated in small chunks and stopped the moment it grows past
 *   its stated size (a header can lie). ZIP64 and encrypted entries are refused.
 */

export const PACKAGE_FORMAT = 'framewise.evidence-package';
export const PACKAGE_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const SUMS_PATH = 'SHA256SUMS';

/** Anything wrong with a package as a whole: a bad path, a limit passed, not a zip. */
export class PackageError extends Error {}

export interface PackageFile {
  /** Where it goes in the zip, "/"-separated, e.g. "stills/clip.mp4.frame-000123.clean.png". */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** What it is, for people; guessed from the name when not given. */
  readonly description?: string;
}

export interface ManifestFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly description: string;
}

export interface PackageManifest {
  readonly format: typeof PACKAGE_FORMAT;
  readonly version: typeof PACKAGE_VERSION;
  readonly generator: Generator;
  readonly createdAt: string;
  readonly case: { readonly id: string; readonly name: string; readonly referenceNumber: string };
  /** The video the package is about (it is not itself in the package unless listed below). */
  readonly evidence: { readonly fileName: string; readonly size: number; readonly sha256: string };
  /** The head hash of the case's audit log when the package was made, if given. */
  readonly auditHeadHash: string | null;
  /** Every file but manifest.json and SHA256SUMS, sorted by path. */
  readonly files: readonly ManifestFile[];
}

export interface EvidencePackageInput {
  readonly files: readonly PackageFile[];
  readonly caseRecord: Pick<Case, 'id' | 'name' | 'referenceNumber'>;
  readonly evidence: Pick<Evidence, 'fileName' | 'size' | 'sha256'>;
  readonly generator: Generator;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly auditHeadHash?: string | null;
}

export interface EvidencePackage {
  readonly zip: Uint8Array;
  readonly manifest: PackageManifest;
  /** The SHA256SUMS text; its own hash is what to record outside the package. */
  readonly sha256sums: string;
}

/** Lower-case hex SHA-256 of bytes (WebCrypto: browsers and Node 20). */
export async function sha256HexOfBytes(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What is wrong with a path inside a package, or null when it is safe everywhere. */
export function pathProblem(path: string): string | null {
  if (path === '') return 'empty path';
  if (path.normalize('NFC') !== path) return 'not in Unicode NFC form';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return 'control character';
  if (path.includes('\\')) return 'backslash';
  if (path.startsWith('/')) return 'absolute path';
  if (/[<>:"|?*]/.test(path)) return 'character Windows cannot store';
  for (const segment of path.split('/')) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return `"${segment}" segment`;
    if (/[ .]$/.test(segment)) return 'segment ends with a dot or space';
    if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(segment)) return 'reserved Windows name';
    if (segment.length > 255) return 'segment over 255 characters';
  }
  return null;
}

/** Throws PackageError naming every unsafe, reserved or duplicate path. */
function checkPaths(paths: readonly string[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const problem =
      pathProblem(path) ??
      (path === MANIFEST_PATH || path === SUMS_PATH ? 'reserved for the package' : null) ??
      (seen.has(path.toLowerCase()) ? 'duplicate (names differing only in case clash)' : null);
    if (problem) problems.push(`${JSON.stringify(path)}: ${problem}`);
    seen.add(path.toLowerCase());
  }
  if (problems.length > 0) throw new PackageError(`unsafe paths: ${problems.join('; ')}`);
}

const DESCRIPTIONS: readonly [RegExp, string][] = [
  [/\.framewise\.json$/, 'Framewise annotations (JSON)'],
  [/\.png\.json$/, 'frame still description (JSON sidecar)'],
  [/\.png$/, 'frame still (PNG)'],
  [/\.csv$/, 'events (CSV)'],
  [/\.vtt$/, 'events (WebVTT subtitles)'],
  [/\.pdf$/, 'report (PDF)'],
];

const describe = (file: PackageFile): string =>
  file.description ?? DESCRIPTIONS.find(([pattern]) => pattern.test(file.path))?.[1] ?? 'file';

/** GNU sha256sum text format: "<64 hex>  <path>\n" (two spaces: text mode), sorted by path. */
export function sha256sumsText(files: readonly { path: string; sha256: string }[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

/** createdAt as a Date whose LOCAL fields are its UTC ones: fflate writes local fields. */
function zipTime(createdAt: string): Date {
  const t = new Date(createdAt);
  if (Number.isNaN(t.getTime())) throw new PackageError(`not a time: ${createdAt}`);
  const [y, mo, d] = [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()];
  return new Date(y, mo, d, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
}

/**
 * Entries marked as made on Unix, mode rw-r--r--. fflate's default (MS-DOS) makes Info-ZIP's
 * unzip read UTF-8 names as code page 437 despite the UTF-8 flag ("café" arrives garbled and
 * sha256sum -c cannot find it). Windows, macOS, 7-Zip and Python go by the flag either way.
 */
const ZIP_ATTRIBUTES = { os: 3, attrs: 0o100644 * 0x10000 };

/** Already-compressed formats are stored; deflating them again costs time and saves nothing. */
const STORED = /\.(png|jpe?g|mp4|mov|zip|gz|pdf)$/i;

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Builds the package zip: the files, manifest.json and SHA256SUMS. */
export async function buildEvidencePackage(input: EvidencePackageInput): Promise<EvidencePackage> {
  checkPaths(input.files.map((f) => f.path));
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : 1));
  const listed: ManifestFile[] = [];
  for (const file of files) {
    const sha256 = await sha256HexOfBytes(file.bytes);
    listed.push({ path: file.path, size: file.bytes.length, sha256, description: describe(file) });
  }
  const { caseRecord, evidence } = input;
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    generator: input.generator,
    createdAt: input.createdAt,
    case: { id: caseRecord.id, name: caseRecord.name, referenceNumber: caseRecord.referenceNumber },
    evidence: { fileName: evidence.fileName, size: evidence.size, sha256: evidence.sha256 },
    auditHeadHash: input.auditHeadHash ?? null,
    files: listed,
  };
  const manifestBytes = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
  const sums = [...listed, { path: MANIFEST_PATH, sha256: await sha256HexOfBytes(manifestBytes) }];
  const sha256sums = sha256sumsText(sums);
  // No prototype, so a file named "__proto__" is just a file.
  const entries = Object.create(null) as Zippable;
  entries[MANIFEST_PATH] = manifestBytes;
  entries[SUMS_PATH] = utf8(sha256sums);
  for (const file of files) {
    entries[file.path] = [file.bytes, { level: STORED.test(file.path) ? 0 : 6 }];
  }
  const zip = zipSync(entries, { ...ZIP_ATTRIBUTES, level: 6, mtime: zipTime(input.createdAt) });
  return { zip, manifest, sha256sums };
}

// ---- Reading and verifying ----

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
