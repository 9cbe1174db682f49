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

/**
 * At most one write per this many milliseconds while the frame keeps changing (playing, a
 * held key); a single move is written at once, and the last of a run when it ends.
 */
const SAVE_INTERVAL_MS = 250;

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
 * Follows the open case's set and frame and stores them (a move at once, then at most one
 * write per SAVE_INTERVAL_MS). Not while a case is being opened: its first frame 0 is not a
 * place the person chose.
 */
export function rememberLastViewed(ws: Workspace): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: (() => void) | null = null;
  const flush = () => {
    timer = null;
    const write = pending;
    pending = null;
    if (!write) return;
    write();
    timer = setTimeout(flush, SAVE_INTERVAL_MS);
  };
  return $effect.root(() => {
    $effect(() => {
      const caseId = ws.caseRecord?.id;
      const setId = ws.annotationSet?.id;
      const frame = ws.player.wanted;
      if (!caseId || !setId || ws.opening) return;
      const place: ViewedPlace = { setId, frame };
      pending = () => {
        ws.repository.saveSetting(settingKey(caseId), JSON.stringify(place)).catch(() => {
          // Best effort: a place not kept only means the case reopens at its start.
        });
      };
      if (!timer) flush();
    });
    return () => {
      if (timer) clearTimeout(timer);
    };
  });
}
