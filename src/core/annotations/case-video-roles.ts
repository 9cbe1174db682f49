/**
 * The videos of a case in case order with their roles: its first (the reference of the case
 * timeline), then those added after it, as exports, the report and Verify list them. A case of one video
 * lists one, and every export of it stays as it was before cases held several.
 */
import type { Sha256 } from '../ids';
import type { AnnotationSet, Case, ClockCalibration } from './model';
import { latestSet } from './annotation-sets';

/** reference: the case's first video, whose clock the case timeline is; added: any other. */
export type VideoRole = 'reference' | 'added';

export interface CaseVideoRef {
  readonly sha256: Sha256;
  readonly fileName: string;
  readonly role: VideoRole;
  /** When it joined the case (the reference: when the case was made). */
  readonly addedAt: string;
  readonly clock: ClockCalibration | null;
}

export function videosWithRoles(
  record: Pick<Case, 'evidenceSha256' | 'evidenceFileName' | 'createdAt' | 'clock' | 'addedVideos'>,
): CaseVideoRef[] {
  return [
    {
      sha256: record.evidenceSha256,
      fileName: record.evidenceFileName,
      role: 'reference',
      addedAt: record.createdAt,
      clock: record.clock,
    },
    ...record.addedVideos.map((v) => ({
      sha256: v.sha256,
      fileName: v.fileName,
      role: 'added' as const,
      addedAt: v.addedAt,
      clock: v.clock,
    })),
  ];
}

/**
 * The DVR clock of the video a set annotates, as its export and report give it: the case's
 * `clock` for its first video, an added video's own. (A video not in the case gets the case's,
 * as every export did before cases held several.)
 */
export function clockOfSetVideo(
  record: Pick<Case, 'evidenceSha256' | 'clock' | 'addedVideos'>,
  sha256: string,
): ClockCalibration | null {
  if (sha256 === record.evidenceSha256) return record.clock;
  const added = record.addedVideos.find((v) => v.sha256 === sha256);
  return added ? added.clock : record.clock;
}

/** Whether exports carry the several-videos blocks: only a case with more than one video. */
export const hasSeveralVideos = (record: Pick<Case, 'addedVideos'>): boolean =>
  record.addedVideos.length > 0;

/**
 * The set of a video a report cites from when it is not the set on screen: its latest, the
 * one changed last (latestSet); none when the video has no set.
 */
export const latestSetOfVideo = (
  sets: readonly AnnotationSet[],
  sha256: string,
): AnnotationSet | undefined => latestSet(sets.filter((s) => s.evidenceSha256 === sha256));

/**
 * Distinct names for files made beside each video ("cam.mp4.frame-000012.clean.png"): two
 * cameras may well export files of the same name, and a package refuses duplicate paths, so
 * a later video whose name is taken gets the start of its SHA-256 added ("cam.mp4.1a2b3c4d").
 */
export function distinctVideoNames(
  videos: readonly { readonly sha256: string; readonly fileName: string }[],
): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const v of videos) {
    if (names.has(v.sha256)) continue;
    const name = taken.has(v.fileName.toLowerCase())
      ? `${v.fileName}.${v.sha256.slice(0, 8)}`
      : v.fileName;
    taken.add(name.toLowerCase());
    names.set(v.sha256, name);
  }
  return names;
}
