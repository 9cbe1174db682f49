/**
 * Where a person was in each case: the annotation set and frame last on screen, kept as a
 * setting of this browser (a view choice, like the cache size: not an edit, not audited), so
 * reopening a case returns there instead of to frame 0 of its newest set.
 */
import type { AnnotationSet, Case } from '../../core/annotations/model';
import type { Repository } from '../../storage/repository';
import type { Workspace } from './workspace.svelte';

export interface ViewedPlace {
  readonly setId: AnnotationSet['id'];
  readonly frame: number;
}

/** Writes wait this long after the last move, so playing or a held key is not a write a frame. */
const SAVE_DELAY_MS = 300;

const settingKey = (caseId: Case['id']) => `lastViewed:${caseId}`;

/** The place stored for a case; null when none, or when what is stored makes no sense. */
export async function lastViewedPlace(
  repository: Repository,
  caseId: Case['id'],
): Promise<ViewedPlace | null> {
  try {
    const stored = await repository.setting(settingKey(caseId));
    if (typeof stored !== 'string') return null;
    const place = JSON.parse(stored) as Partial<ViewedPlace>;
    const frame = place.frame;
    if (typeof place.setId !== 'string' || !Number.isSafeInteger(frame) || frame! < 0) return null;
    return { setId: place.setId as AnnotationSet['id'], frame: frame! };
  } catch {
    return null; // a place is a convenience: without it the case opens as before
  }
}

/**
 * Follows the open case's set and frame and stores them (after a short pause). Not while a
 * case is being opened: its first frame 0 is not a place the person chose.
 */
export function rememberLastViewed(ws: Workspace): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return $effect.root(() => {
    $effect(() => {
      const caseId = ws.caseRecord?.id;
      const setId = ws.annotationSet?.id;
      const frame = ws.player.wanted;
      if (!caseId || !setId || ws.opening) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const place: ViewedPlace = { setId, frame };
        ws.repository.saveSetting(settingKey(caseId), JSON.stringify(place)).catch(() => {
          // Best effort: a place not kept only means the case reopens at its start.
        });
      }, SAVE_DELAY_MS);
    });
    return () => {
      if (timer) clearTimeout(timer);
    };
  });
}
