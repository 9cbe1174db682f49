/**
 * Reading an annotations export for verification (verify.ts): JSON within the import's
 * limits, a version 3 or later export, and the fields verifying needs, each of the right
 * kind. Unlike the import, it does not judge the audit chain: verify.ts reports on it.
 */
import type { AuditEntry } from './audit';
import { ANNOTATIONS_FORMAT, ANNOTATIONS_VERSION } from '../exports/export-json-format';
import { MAX_ANNOTATIONS_CHARS, MAX_ANNOTATIONS_DEPTH } from '../exports/annotations-import';
import { isObject, preview, readJson } from '../json-guard';

/** A frame the export names with its MD5 (frames without one cannot be checked). */
export interface ListedFrame {
  readonly frame: number;
  readonly pts: number | null;
  readonly md5: string;
}

/** A video of a case of several, as the export lists it (`videos`). */
export interface ListedVideo {
  readonly role: 'reference' | 'added';
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
  readonly frameCount: number | null;
}

/** What an export says, as far as verifying it needs. */
export interface VerifiableExport {
  readonly version: number;
  readonly exportedAt: string;
  readonly caseName: string;
  readonly referenceNumber: string;
  readonly setName: string;
  readonly evidence: {
    readonly fileName: string;
    readonly size: number;
    readonly sha256: string;
    readonly frameCount: number | null;
  };
  readonly frames: readonly ListedFrame[];
  /** Every video of a case of several, in case order; empty for a case of one. */
  readonly videos: readonly ListedVideo[];
  readonly audit: {
    readonly entries: readonly AuditEntry[];
    readonly headHash: string;
    readonly count: number;
  };
}

export type ExportRead =
  | { readonly ok: true; readonly export: VerifiableExport }
  | { readonly ok: false; readonly problem: string };

/** The first export version that records frame MD5s and the audit log. */
const FIRST_VERIFIABLE = 3;
const FILE_KIND = { name: 'a Framewise annotations export', short: 'an annotations export' };
const HEX64 = /^[0-9a-f]{64}$/;
const HEX32 = /^[0-9a-f]{32}$/;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Reads an export's text for verification: JSON within the import's limits, a version 3 or later
 * annotations export, and the fields verifying needs, each of the right kind. Never throws.
 */
export function readExportForVerification(source: string): ExportRead {
  const fail = (problem: string): ExportRead => ({ ok: false, problem });
  const limits = { maxChars: MAX_ANNOTATIONS_CHARS, maxDepth: MAX_ANNOTATIONS_DEPTH };
  const read = readJson(source, limits, FILE_KIND);
  if (!read.ok) return fail(read.problem);
  const doc = read.value;
  if (!isObject(doc) || doc.format !== ANNOTATIONS_FORMAT) {
    return fail(
      `The file is JSON, but not ${FILE_KIND.name} (its format is ${preview(isObject(doc) ? doc.format : doc)}).`,
    );
  }
  const version = doc.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > ANNOTATIONS_VERSION) {
    return fail(
      `This annotations export is version ${version}, made by a newer Framewise; this one verifies versions ${FIRST_VERIFIABLE} to ${ANNOTATIONS_VERSION}. Verify it with a Framewise as new as the one that made it.`,
    );
  }
  if (typeof version !== 'number' || version < FIRST_VERIFIABLE || !Number.isInteger(version)) {
    return fail(
      `This annotations export is version ${preview(version)}. Only exports from version ${FIRST_VERIFIABLE} on record the frames' MD5s and the audit log, so only they can be verified.`,
    );
  }
  const problems: string[] = [];
  const need = (ok: boolean, path: string, what: string) => {
    if (!ok && problems.length < 10) problems.push(`${path} ${what}`);
  };
  const evidence = isObject(doc.evidence) ? doc.evidence : {};
  need(isObject(doc.evidence), 'evidence', 'is missing');
  need(HEX64.test(text(evidence.sha256)), 'evidence.sha256', 'is not a SHA-256 (64 hex digits)');
  need(isCount(evidence.size), 'evidence.size', 'is not a size in bytes');
  const frames: ListedFrame[] = [];
  need(Array.isArray(doc.frames), 'frames', 'is not a list');
  (Array.isArray(doc.frames) ? (doc.frames as unknown[]) : []).forEach((f, i) => {
    const item = isObject(f) ? f : {};
    const ok = isCount(item.frame) && (item.md5 === null || HEX32.test(text(item.md5)));
    const pts = Number.isSafeInteger(item.pts) ? (item.pts as number) : null;
    need(ok, `frames[${i}]`, 'is not a frame number with an MD5 (32 hex digits) or null');
    if (ok && typeof item.md5 === 'string')
      frames.push({ frame: item.frame as number, pts, md5: item.md5 });
  });
  const videos = listedVideos(doc.videos, need);
  const audit = isObject(doc.audit) ? doc.audit : {};
  const entries = Array.isArray(audit.entries) ? (audit.entries as unknown[]) : null;
  need(entries !== null, 'audit.entries', 'is not a list');
  need(entries?.every(isObject) ?? true, 'audit.entries', 'holds something that is not an entry');
  need(HEX64.test(text(audit.headHash)), 'audit.headHash', 'is not a SHA-256 (64 hex digits)');
  need(isCount(audit.count), 'audit.count', 'is not a count');
  if (problems.length > 0) {
    return fail(
      `The annotations file is not a complete Framewise export, so it cannot be verified: ${problems.join('; ')}.`,
    );
  }
  const caseInfo = isObject(doc.case) ? doc.case : {};
  const set = isObject(doc.annotationSet) ? doc.annotationSet : {};
  return {
    ok: true,
    export: {
      version,
      exportedAt: text(doc.exportedAt),
      caseName: text(caseInfo.name),
      referenceNumber: text(caseInfo.referenceNumber),
      setName: text(set.name),
      evidence: {
        fileName: text(evidence.fileName),
        size: evidence.size as number,
        sha256: evidence.sha256 as string,
        frameCount: isCount(evidence.frameCount) ? evidence.frameCount : null,
      },
      frames,
      videos,
      audit: {
        entries: entries as AuditEntry[],
        headHash: audit.headHash as string,
        count: audit.count as number,
      },
    },
  };
}

/** The export's `videos` (a case of several), each checked for what verifying needs. */
function listedVideos(
  value: unknown,
  need: (ok: boolean, path: string, what: string) => void,
): ListedVideo[] {
  if (value === undefined) return [];
  need(Array.isArray(value), 'videos', 'is not a list');
  const videos: ListedVideo[] = [];
  (Array.isArray(value) ? (value as unknown[]) : []).forEach((v, i) => {
    const item = isObject(v) ? v : {};
    const ok = HEX64.test(text(item.sha256)) && isCount(item.size);
    need(ok, `videos[${i}]`, 'is not a video with a SHA-256 (64 hex digits) and a size');
    if (!ok) return;
    videos.push({
      role: item.role === 'reference' ? 'reference' : 'added',
      fileName: text(item.fileName),
      size: item.size as number,
      sha256: item.sha256 as string,
      frameCount: isCount(item.frameCount) ? item.frameCount : null,
    });
  });
  return videos;
}
