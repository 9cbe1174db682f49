/**
 * The several-videos blocks of the native JSON export, `videos` and `sync`
 * (export-sync-format.ts), and the evidence package's sync.json, from the case's videos, its
 * sync records and the fit the UI computed (core/sync/fit.ts). Deterministic: lists in case
 * order, anchors as stored.
 */
import type { AnnotationSet, Evidence } from '../annotations/model';
import type { CaseVideoRef } from '../annotations/case-video-roles';
import type { CaseSync } from '../sync/model';
import type { SyncFit, VideoFit } from '../sync/fit';
import { anchorResidualMs, fitOf, SYNC_CONVENTION, syncMethodText } from '../sync/sync-account';
import { formatTimeBase, ptsToSeconds } from '../time/time-base';
import type { Generator } from './export-json-format';
import type {
  ExportedMapping,
  ExportedSync,
  ExportedVideo,
  ExportedVideoFit,
} from './export-sync-format';

/** What the several-videos blocks are made from; given only for a case of several videos. */
export interface SeveralVideosInput {
  /** Every video of the case in case order (videosWithRoles), with its stored facts. */
  readonly videos: readonly { readonly ref: CaseVideoRef; readonly evidence: Evidence }[];
  readonly sync: CaseSync;
  readonly fit: SyncFit;
  /** Every annotation set of the case (each names its video). */
  readonly sets: readonly AnnotationSet[];
}

const UNSYNCED: ExportedMapping = {
  state: 'unsynced',
  rate: null,
  offset: null,
  rateSd: null,
  offsetSd: null,
  rmseMs: null,
};

function mappingOf(fit: VideoFit | undefined): ExportedMapping {
  if (!fit || fit.state === 'unsynced') return UNSYNCED;
  const { state, rate, offset, rateSd, offsetSd, rmseMs } = fit;
  return { state, rate, offset, rateSd, offsetSd, rmseMs };
}

export function exportedVideos(input: SeveralVideosInput): ExportedVideo[] {
  return input.videos.map(({ ref, evidence: e }) => ({
    role: ref.role,
    fileName: e.fileName,
    size: e.size,
    sha256: e.sha256,
    codec: e.codec,
    width: e.width,
    height: e.height,
    rotation: e.rotation,
    pixelFormat: e.pixelFormat,
    timeBase: formatTimeBase(e.timeBase),
    startPts: e.startPts,
    startSeconds: e.startPts === null ? null : ptsToSeconds(e.startPts, e.timeBase),
    frameCount: e.frameCount,
    acquisition: { ...e.acquisition },
    addedAt: ref.addedAt,
    clock: ref.clock,
    mapping: mappingOf(fitOf(input.fit, ref.sha256)),
    annotationSets: input.sets
      .filter((s) => s.evidenceSha256 === ref.sha256)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((s) => ({
        id: s.id,
        name: s.name,
        annotator: s.annotator,
        status: s.status,
        createdAt: s.createdAt,
        modifiedAt: s.modifiedAt,
      })),
  }));
}

function videoFitOf(sha256: string, fit: VideoFit | undefined): ExportedVideoFit {
  if (!fit || fit.state === 'unsynced') {
    return {
      sha256,
      ...UNSYNCED,
      rateOffsetCov: null,
      anchorCount: 0,
      residualsMs: {},
      note: fit?.note ?? null,
    };
  }
  return {
    sha256,
    ...mappingOf(fit),
    rateOffsetCov: fit.rateOffsetCov,
    anchorCount: fit.anchorCount,
    residualsMs: { ...fit.residualsMs },
    note: fit.note,
  };
}

export function exportedSync(input: SeveralVideosInput): ExportedSync {
  const { sync, fit } = input;
  const names = new Map(input.videos.map((v) => [v.ref.sha256 as string, v.ref.fileName]));
  return {
    convention: SYNC_CONVENTION,
    referenceSha256: input.videos[0]?.ref.sha256 ?? '',
    method: syncMethodText(names, sync, fit),
    anchors: sync.anchors.map((anchor) => ({
      id: anchor.id,
      a: { ...anchor.a },
      b: { ...anchor.b },
      source: anchor.source,
      note: anchor.note,
      createdAt: anchor.createdAt,
      residualMs: anchorResidualMs(fit, anchor),
    })),
    videos: input.videos.map((v) => videoFitOf(v.ref.sha256, fitOf(fit, v.ref.sha256))),
    soundSuggestions: sync.soundSuggestions.map((s) => ({ ...s })),
    problems: [...fit.problems],
  };
}

export const SYNC_FORMAT = 'framewise.sync';
export const SYNC_VERSION = 1;
export const SYNC_PATH = 'sync.json';

/**
 * The evidence package's sync.json: the same `videos` and `sync` blocks the native JSON
 * export holds, for a reader who wants the synchronisation alone.
 */
export function buildSyncJson(
  input: SeveralVideosInput & {
    readonly caseRecord: {
      readonly id: string;
      readonly name: string;
      readonly referenceNumber: string;
    };
    readonly generator: Generator;
    readonly now: string;
  },
): string {
  const doc = {
    format: SYNC_FORMAT,
    version: SYNC_VERSION,
    generator: { name: input.generator.name, version: input.generator.version },
    exportedAt: input.now,
    case: {
      id: input.caseRecord.id,
      name: input.caseRecord.name,
      referenceNumber: input.caseRecord.referenceNumber,
    },
    videos: exportedVideos(input),
    sync: exportedSync(input),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
