import { zipSync, type Zippable } from 'fflate';
import type { Generator } from './export-json-format';
import type { Case, Evidence } from '../annotations/model';
import type { VideoRole } from '../annotations/case-video-roles';

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
 *
 * Building is here, with what reading shares (names, format, path rules, hashing);
 * evidence-package-read.ts reads and verifies a package.
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

/**
 * Which package it is: the one made with a court report (the files that report cites, its
 * SHA256SUMS hash printed in it) or one made from the Export menu on its own.
 */
export type PackageKind = 'court-report' | 'export';

/** What a package is for and holds, in manifest.json (absent in packages made before). */
export interface PackagePurpose {
  readonly kind: PackageKind;
  /** What it holds, in plain words. */
  readonly contents: string;
}

/**
 * How a package's file name ends, after the video's name (export-json.ts exportFileName): the
 * two kinds never share a name, and the report's sorts beside its report.pdf and .html.
 */
export const PACKAGE_SUFFIXES: Readonly<Record<PackageKind, string>> = {
  'court-report': 'report.evidence-package.zip',
  export: 'evidence-package.zip',
};

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
  /** What the package is for and holds (packages made before it was added have none). */
  readonly purpose?: PackagePurpose;
  /** The annotation set its annotation files are of (absent in packages made before). */
  readonly annotationSet?: PackageSet;
  /**
   * Every video of a case of several, in case order, the reference first (absent for a case
   * of one video, and in packages made before). The videos themselves are never packaged.
   */
  readonly videos?: readonly PackageVideo[];
  /**
   * Every other annotation set of the case (of any of its videos), each with the path of its
   * native JSON export in the package (package-sets.ts), in case order of their videos. Absent
   * when the case has no other set, and in packages made before.
   */
  readonly otherSets?: readonly PackageOtherSet[];
  /** Every file but manifest.json and SHA256SUMS, sorted by path. */
  readonly files: readonly ManifestFile[];
}

/** A frame of a video the package's stills show, with the MD5 of its decoded picture. */
export interface PackageFrame {
  readonly frame: number;
  readonly pts: number | null;
  readonly md5: string;
}

/** A video of the case as manifest.json lists it (Verify checks each against its original). */
export interface PackageVideo {
  readonly role: VideoRole;
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
  readonly frameCount: number;
  /** The frames of it the package's stills show (cited frames), ascending, once each. */
  readonly citedFrames: readonly PackageFrame[];
}

export interface PackageSet {
  readonly id: string;
  readonly name: string;
  readonly annotator: string;
  readonly status: string;
}

/** Another annotation set of the case, whose native JSON export the package holds. */
export interface PackageOtherSet extends PackageSet {
  /** Its file in the package (one of the manifest's files). */
  readonly path: string;
  /** The video it annotates. */
  readonly videoSha256: string;
  readonly videoFileName: string;
}

export interface EvidencePackageInput {
  readonly files: readonly PackageFile[];
  readonly caseRecord: Pick<Case, 'id' | 'name' | 'referenceNumber'>;
  readonly evidence: Pick<Evidence, 'fileName' | 'size' | 'sha256'>;
  readonly generator: Generator;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly auditHeadHash?: string | null;
  readonly purpose?: PackagePurpose;
  readonly annotationSet?: PackageSet;
  /** Every video of the case, given only when it has several. */
  readonly videos?: readonly PackageVideo[];
  /** The case's other annotation sets, each one's file among `files`. */
  readonly otherSets?: readonly PackageOtherSet[];
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

/** Throws PackageError naming every unsafe, reserved or duplicate path (building and reading). */
export function checkPaths(paths: readonly string[]): void {
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
  [/^sync\.json$/, 'synchronisation of the case’s videos (JSON)'],
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
  const otherSets = input.otherSets ?? [];
  const missing = otherSets.filter((s) => !input.files.some((f) => f.path === s.path));
  if (missing.length > 0) {
    throw new PackageError(
      `annotation sets named without their file: ${missing.map((s) => JSON.stringify(s.path)).join(', ')}`,
    );
  }
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
    ...(input.purpose ? { purpose: input.purpose } : {}),
    ...(input.annotationSet ? { annotationSet: input.annotationSet } : {}),
    ...(input.videos && input.videos.length > 1 ? { videos: input.videos } : {}),
    ...(otherSets.length > 0 ? { otherSets } : {}),
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
