/**
 * Verifying what someone was sent (an evidence package or a native JSON export, and the
 * video) without trusting the sender: every comparison becomes a check with what was checked,
 * passed or failed, and the expected and found values, in plain words. The UI gathers the
 * facts (hashes, decoded MD5s); this file only compares them and words the results.
 *
 * Unlike the import (annotations-import.ts), a broken audit chain is not a refusal here: it
 * is a failed check, reported with the rest, naming the entry.
 */
import { hashEntry, headHash, verifyChain, type AuditEntry } from './audit';
import type { PackageVerification } from '../exports/evidence-package-read';
import { plural, words } from '../json-guard';
import { text, type ExportRead, type VerifiableExport } from './verify-export';
import { check, type CheckValue, type VerifyCheck } from './verify-check';
import { manifestVideoProblems } from './verify-videos';

export {
  readExportForVerification,
  type ExportRead,
  type ListedFrame,
  type VerifiableExport,
} from './verify-export';

export type { CheckGroup, CheckResult, CheckValue, VerifyCheck } from './verify-check';

/** The annotations file checked: readable and complete, or why not. */
export function exportCheck(read: ExportRead, name: string): VerifyCheck {
  return read.ok
    ? check(
        'export-json',
        'export',
        `Annotations file ${name}`,
        true,
        `Read as a Framewise annotations export, version ${read.export.version}, made ${read.export.exportedAt || 'at an unknown time'}.`,
      )
    : check('export-json', 'export', `Annotations file ${name}`, false, read.problem);
}

// --- the package ------------------------------------------------------------------------------

/** The package's native annotations file: annotations/<name>.framewise.json (first by path). */
export function packagedExportPath(paths: Iterable<string>): string | null {
  const found = [...paths].filter((p) => /^annotations\/[^/]+\.framewise\.json$/.test(p)).sort();
  return found[0] ?? null;
}

const FILE_SAYS = {
  passed: 'Its SHA-256 is the one SHA256SUMS lists.',
  failed:
    'Its SHA-256 is not the one SHA256SUMS lists: the file was changed after the package was made.',
  missing: 'SHA256SUMS lists this file, but it is not in the package.',
  unlisted: 'This file is in the package, but SHA256SUMS does not list it.',
} as const;

/** A package that could not be read at all (not a zip, a limit passed, an unsafe path). */
export function unreadablePackageCheck(reason: string): VerifyCheck {
  return check(
    'package',
    'package',
    'Evidence package',
    false,
    `The file could not be read as an evidence package (${reason}). Ask the sender for the package again.`,
  );
}

/**
 * One check per file (as `sha256sum -c SHA256SUMS`), then manifest.json: it must agree with
 * the files and with the annotations file on the video and the audit head.
 */
export function packageChecks(
  pkg: PackageVerification,
  exported: VerifiableExport | null,
): VerifyCheck[] {
  const checks = pkg.files.map((f) =>
    check(
      `file:${f.path}`,
      'package',
      `File ${f.path}`,
      f.status === 'passed',
      FILE_SAYS[f.status],
      [
        {
          what: 'SHA-256',
          expected: f.expectedSha256 ?? '(not listed)',
          found: f.actualSha256 ?? '(no such file)',
        },
      ],
    ),
  );
  const problems = [...pkg.problems];
  const manifest = pkg.manifest;
  const values: CheckValue[] = [];
  if (manifest && exported) {
    const said = manifest.evidence;
    values.push({
      what: 'video SHA-256',
      expected: exported.evidence.sha256,
      found: text(said?.sha256),
    });
    if (said?.sha256 !== exported.evidence.sha256 || said?.size !== exported.evidence.size) {
      problems.push(
        'manifest.json names another video (SHA-256 or size) than the annotations file',
      );
    }
    if (manifest.auditHeadHash !== null) {
      values.push({
        what: 'audit head',
        expected: exported.audit.headHash,
        found: text(manifest.auditHeadHash),
      });
      if (manifest.auditHeadHash !== exported.audit.headHash) {
        problems.push('manifest.json records another audit head than the annotations file');
      }
    }
    problems.push(...manifestVideoProblems(manifest, exported));
  }
  checks.push(
    check(
      'manifest',
      'package',
      'manifest.json',
      problems.length === 0,
      problems.length === 0
        ? `Lists every file with the size and SHA-256 it has${exported ? `, and names the same ${exported.videos.length > 1 ? 'videos' : 'video'} and audit head as the annotations file` : ''}.`
        : `${problems.join('; ')}.`,
      values,
    ),
  );
  return checks;
}

// --- the video and its frames --------------------------------------------------------------------

export interface VideoFacts {
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * Which video the checks are of: null for the export's own (ids "video-sha256"…, as ever); for
 * another video of a case of several, ids end in ":<its SHA-256>" and titles name it.
 */
export type OtherVideo = { readonly sha256: string; readonly fileName: string } | null;

const idOf = (id: string, other: OtherVideo) => (other ? `${id}:${other.sha256}` : id);

export function videoChecks(
  exported: Pick<VerifiableExport, 'evidence'>,
  video: VideoFacts,
  other: OtherVideo = null,
): VerifyCheck[] {
  const { evidence } = exported;
  const sameHash = video.sha256 === evidence.sha256;
  const sameSize = video.size === evidence.size;
  const original = other
    ? `The file is ${evidence.fileName}, a video of the case, as the export records it.`
    : `The file is the one the export was made on (${evidence.fileName}).`;
  return [
    check(
      idOf('video-sha256', other),
      'video',
      `Video ${video.fileName}: SHA-256 of the whole file`,
      sameHash,
      sameHash
        ? original
        : `This file is not the original video: its SHA-256 differs from the one the export records for ${evidence.fileName}.`,
      [{ what: 'SHA-256', expected: evidence.sha256, found: video.sha256 }],
    ),
    check(
      idOf('video-size', other),
      'video',
      `Video ${video.fileName}: size`,
      sameSize,
      sameSize
        ? 'The size in bytes is the one the export records.'
        : 'The size in bytes differs from the one the export records.',
      [{ what: 'bytes', expected: words(evidence.size), found: words(video.size) }],
    ),
  ];
}

/** What decoding one listed frame gave: its MD5 and pts, or why it could not be decoded. */
export type FrameOutcome =
  { readonly md5: string; readonly pts: number | null } | { readonly error: string };

export interface DecodeResults {
  /** Frames FFmpeg found in the video; null when it could not be opened. */
  readonly frameCount: number | null;
  /** Why the video could not be opened; null when it was. */
  readonly openError: string | null;
  /** Each listed frame decoded (or tried): its number and what decoding gave. */
  readonly frames: readonly (readonly [number, FrameOutcome])[];
  /** The video's SHA-256 matched the export's. */
  readonly videoIsOriginal: boolean;
}

/**
 * The frame count, then one check per listed frame: MD5 (and pts, where the export has one).
 * `other`: another video of the case (its cited frames, listed by the package's manifest).
 */
export function frameChecks(
  exported: Pick<VerifiableExport, 'evidence' | 'frames'>,
  decoded: DecodeResults,
  other: OtherVideo = null,
): VerifyCheck[] {
  const checks: VerifyCheck[] = [];
  const outcomes = new Map(decoded.frames);
  const notOriginal = decoded.videoIsOriginal
    ? ''
    : ' Note that the file is not the original video (see its SHA-256 check).';
  const expectedCount = exported.evidence.frameCount;
  if (expectedCount !== null) {
    const found = decoded.frameCount === null ? '(could not be opened)' : words(decoded.frameCount);
    const same = decoded.frameCount === expectedCount;
    checks.push(
      check(
        idOf('video-frame-count', other),
        'video',
        other ? `Number of frames in ${other.fileName}` : 'Number of frames in the video',
        same,
        same
          ? 'FFmpeg finds as many frames as the export records.'
          : decoded.openError !== null
            ? `The video could not be opened: ${decoded.openError}`
            : 'FFmpeg finds another number of frames than the export records.',
        [{ what: 'frames', expected: words(expectedCount), found }],
      ),
    );
  }
  for (const listed of exported.frames) {
    const outcome = outcomes.get(listed.frame);
    const error =
      decoded.openError !== null
        ? `The video could not be opened: ${decoded.openError}`
        : !outcome
          ? 'This frame was not decoded.'
          : 'error' in outcome
            ? outcome.error
            : null;
    const md5 = outcome && 'md5' in outcome ? outcome.md5 : null;
    const pts = outcome && 'md5' in outcome ? outcome.pts : null;
    const values: CheckValue[] = [
      { what: 'MD5', expected: listed.md5, found: md5 ?? '(not decoded)' },
    ];
    const ptsDiffers = listed.pts !== null && md5 !== null && pts !== listed.pts;
    if (listed.pts !== null) {
      values.push({
        what: 'pts',
        expected: String(listed.pts),
        found: pts === null ? '(none)' : String(pts),
      });
    }
    const passed = error === null && md5 === listed.md5 && !ptsDiffers;
    const says =
      error !== null
        ? error
        : md5 !== listed.md5
          ? 'The decoded picture differs from the one the export was made on.'
          : ptsDiffers
            ? 'The picture is the same, but its timestamp (pts) differs from the one the export records.'
            : 'The decoded picture is bit for bit the one the export was made on.';
    checks.push(
      check(
        other ? `frame-md5:${other.sha256}:${listed.frame}` : `frame-md5-${listed.frame}`,
        'frames',
        `${other ? `${other.fileName}, frame` : 'Frame'} ${listed.frame}: MD5 of the decoded picture`,
        passed,
        `${says}${notOriginal}`,
        values,
      ),
    );
  }
  return checks;
}

// --- the audit log ----------------------------------------------------------------------------------

/** The entry named for people: "entry 3 (track.create by Jo Examiner, 2026-…)". */
function entryName(entry: AuditEntry | undefined, seq: number): string {
  if (!entry) return `entry ${seq}`;
  const who = typeof entry.examiner === 'string' && entry.examiner ? ` by ${entry.examiner}` : '';
  return `entry ${seq} (${String(entry.action)}${who}, ${String(entry.at)})`;
}

/**
 * The chain (each entry's hash over its contents, each linked to the one before), then its
 * head and length against those the file records. A broken chain is reported, not refused.
 */
export async function auditChecks(audit: VerifiableExport['audit']): Promise<VerifyCheck[]> {
  const { entries } = audit;
  let chain: VerifyCheck;
  try {
    const verdict = await verifyChain(entries);
    if (verdict.ok) {
      chain = check(
        'audit-chain',
        'audit',
        'Audit log: hash chain',
        true,
        `All ${plural(verdict.count, 'entry', 'entries')} match their hashes, each linked to the one before.`,
      );
    } else {
      const entry = entries.find((e) => e.seq === verdict.brokenAt);
      const values: CheckValue[] = [];
      if (entry && /was changed/.test(verdict.reason)) {
        const found = await hashEntry(entry).catch(() => '(not JSON: cannot be hashed)');
        values.push({
          what: `hash of entry ${verdict.brokenAt}`,
          expected: String(entry.hash),
          found,
        });
      }
      const where = verdict.brokenAt >= 0 ? ` at ${entryName(entry, verdict.brokenAt)}` : '';
      chain = check(
        'audit-chain',
        'audit',
        'Audit log: hash chain',
        false,
        `The audit log is broken${where}: ${verdict.reason}. The file was changed after it was exported, or is damaged.`,
        values,
      );
    }
  } catch (error) {
    chain = check(
      'audit-chain',
      'audit',
      'Audit log: hash chain',
      false,
      `The audit log could not be checked: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  const head = headHash(entries);
  const sameHead = head === audit.headHash;
  const sameCount = entries.length === audit.count;
  return [
    chain,
    check(
      'audit-head',
      'audit',
      'Audit log: last entry',
      sameHead,
      sameHead
        ? 'The log ends with the entry the file says it ends with (audit.headHash).'
        : 'The log does not end with the entry the file says it ends with (audit.headHash): entries were removed, added or replaced at its end.',
      [{ what: 'head hash', expected: audit.headHash, found: head }],
    ),
    check(
      'audit-count',
      'audit',
      'Audit log: number of entries',
      sameCount,
      sameCount
        ? 'The log holds as many entries as the file says.'
        : `The log holds ${plural(entries.length, 'entry', 'entries')}, but the file says ${plural(audit.count, 'entry', 'entries')}.`,
      [{ what: 'entries', expected: words(audit.count), found: words(entries.length) }],
    ),
  ];
}

// --- the summary ------------------------------------------------------------------------------------

export interface VerifySummary {
  readonly total: number;
  readonly failed: number;
  /** "All 12 checks passed" or "2 of 12 checks failed". */
  readonly text: string;
}

export function summarize(checks: readonly VerifyCheck[]): VerifySummary {
  const total = checks.length;
  const failed = checks.filter((c) => c.result === 'failed').length;
  const text =
    failed === 0
      ? `All ${plural(total, 'check', 'checks')} passed`
      : `${words(failed)} of ${plural(total, 'check', 'checks')} failed`;
  return { total, failed, text };
}
