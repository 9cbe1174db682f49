import { nowIso } from '../../core/time/clock';
import { newCaseId, type Sha256 } from '../../core/ids';
import {
  DEFAULT_LABELS,
  EMPTY_ACQUISITION,
  type Case,
  type Evidence,
} from '../../core/annotations/model';
import { EMPTY_SYNC } from '../../core/sync/model';
import type { VideoSource } from '../../media/video-source';
import type { Repository } from '../../storage/repository';

/**
 * The evidence record and the case for a video just hashed: the evidence facts as first
 * measured (the stored ones if any), and the given case, else the latest case on this video,
 * else a new one named after the file (not yet stored: see Repository.createCaseLogged).
 */
export async function findOrCreateCase(
  repository: Repository,
  source: VideoSource,
  sha256: Sha256,
  forCase?: Case,
): Promise<{ evidence: Evidence; caseRecord: Case; isNew: boolean }> {
  const now = nowIso();
  const evidence = (await repository.evidence(sha256)) ?? evidenceOf(source, sha256, now);
  const existing =
    (forCase && (await repository.caseById(forCase.id))) ||
    (await repository.latestCaseFor(sha256));
  if (existing) return { evidence, caseRecord: existing, isNew: false };
  // A new case is written by the caller, with its first audit entries, in one transaction.
  const caseRecord: Case = {
    id: newCaseId(),
    name: source.file.name.replace(/\.[^.]+$/, '') || source.file.name,
    referenceNumber: '',
    notes: '',
    clock: null,
    evidenceSha256: sha256,
    evidenceFileName: source.file.name,
    addedVideos: [],
    sync: EMPTY_SYNC,
    labels: DEFAULT_LABELS,
    createdAt: now,
    modifiedAt: now,
  };
  return { evidence, caseRecord, isNew: true };
}

/** A video's evidence record as first measured: its facts from FFmpeg, no acquisition notes. */
export function evidenceOf(source: VideoSource, sha256: Sha256, now: string): Evidence {
  const { facts } = source;
  return {
    sha256,
    fileName: source.file.name,
    size: source.file.size,
    codec: facts.codec,
    width: facts.width,
    height: facts.height,
    rotation: facts.rotation,
    pixelFormat: facts.pixelFormat,
    timeBase: facts.timeBase,
    startPts: source.table.frames[0]!.reportedPts,
    frameCount: source.frameCount,
    addedAt: now,
    acquisition: EMPTY_ACQUISITION,
  };
}
