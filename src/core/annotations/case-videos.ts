/**
 * The videos of a case: its first (the reference of its timeline, whose DVR clock is the
 * case's `clock`) and those added after it (each with its own clock).
 */
import type { Case, ClockCalibration } from './model';

/** Every video of a case, the first one first: its SHA-256 and file name. */
export function videosOf(record: Case): { sha256: Case['evidenceSha256']; fileName: string }[] {
  return [
    { sha256: record.evidenceSha256, fileName: record.evidenceFileName },
    ...record.addedVideos.map((v) => ({ sha256: v.sha256, fileName: v.fileName })),
  ];
}

/** A video's DVR clock calibration in a case; null when it has none (or is not the case's). */
export function clockOfVideo(record: Case, sha256: string): ClockCalibration | null {
  if (sha256 === record.evidenceSha256) return record.clock;
  return record.addedVideos.find((v) => v.sha256 === sha256)?.clock ?? null;
}

/** The case with one video's DVR clock calibration replaced (null removes it). */
export function withVideoClock(record: Case, sha256: string, clock: ClockCalibration | null): Case {
  if (sha256 === record.evidenceSha256) return { ...record, clock };
  return {
    ...record,
    addedVideos: record.addedVideos.map((v) => (v.sha256 === sha256 ? { ...v, clock } : v)),
  };
}
