import { latestSet, setsOfVideo } from '../../core/annotations/annotation-sets';
import type { AnnotationEvent } from '../../core/annotations/model';
import type { CaseId } from '../../core/ids';
import type { Repository } from '../../storage/repository';

/**
 * The events of the case's other videos for the case timeline: each video's latest
 * annotation set (the one it opens on when made the lead), read from storage. The lead's are
 * the document on screen and are not read here.
 */
export async function eventsOfVideos(
  repository: Repository,
  caseId: CaseId,
  sha256s: readonly string[],
): Promise<Map<string, AnnotationEvent[]>> {
  const byVideo = new Map<string, AnnotationEvent[]>();
  if (sha256s.length === 0) return byVideo;
  const sets = await repository.setsOf(caseId);
  for (const sha256 of sha256s) {
    const set = latestSet(setsOfVideo(sets, sha256));
    byVideo.set(sha256, set ? (await repository.recordsOf(set.id)).events : []);
  }
  return byVideo;
}
