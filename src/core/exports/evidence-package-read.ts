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
import { readZip, ZipReadError, type ZipReadOptions } from './zip-read';

/**
 * Reading an evidence package (see evidence-package.ts) and verifying it as
 * `sha256sum -c SHA256SUMS` would, plus manifest.json against the files.
 *
 * Decisions:
 * - Reading is zip-bomb safe (zip-read.ts): entry count and stated sizes are checked before
 *   anything is inflated, and each entry is stopped the moment it grows past its stated size
 *   (a header can lie). ZIP64 and encrypted entries are refused. The app calls this in a
 *   worker, so a hostile zip never freezes the page.
 * - `verifyPackageContents` checks files already unzipped (by the worker);
 *   `readEvidencePackage` does both steps.
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

/** How a package is unzipped (here, or by the app's zip worker). */
export const packageZipOptions = (limits: ReadLimits = DEFAULT_READ_LIMITS): ZipReadOptions => ({
  ...limits,
  maxEntryBytes: limits.maxTotalBytes,
});

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
  // Another annotation set's JSON is checked like any file; its entry must name one of them.
  for (const set of Array.isArray(manifest.otherSets) ? manifest.otherSets : []) {
    const path = (set as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || !listed.has(path)) {
      problems.push(
        `${MANIFEST_PATH} names an annotation set file it does not list: ${JSON.stringify(path)}`,
      );
    }
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
  return verifyPackageContents(unzipPackage(zip, limits));
}

/** The package's files by path, within the limits; PackageError if it cannot be read safely. */
export function unzipPackage(
  zip: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Map<string, Uint8Array> {
  try {
    return readZip(zip, packageZipOptions(limits));
  } catch (error) {
    if (error instanceof ZipReadError) throw new PackageError(error.message);
    throw new PackageError(`not a readable zip: ${String(error)}`);
  }
}

/**
 * Checks unzipped package files as `sha256sum -c SHA256SUMS` would, plus manifest.json.
 * Throws PackageError for names that could escape a folder.
 */
export async function verifyPackageContents(
  contents: Map<string, Uint8Array>,
): Promise<PackageVerification> {
  checkPaths([...contents.keys()].filter((n) => n !== MANIFEST_PATH && n !== SUMS_PATH));
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
