import type { StageObject } from '../../canvas/stage-view';
import type { Label } from '../../core/annotations/model';
import { labelOf, trackTitle, type ResolvedShape } from '../../core/annotations/tracks';

/** A track's shape on a frame as the stage (and a still) draws it. */
export function stageObjectOf(
  labels: readonly Label[],
  resolved: ResolvedShape,
  state: { readonly selected: boolean; readonly locked: boolean } = {
    selected: false,
    locked: false,
  },
): StageObject {
  return {
    id: resolved.track.id,
    title: trackTitle(labels, resolved.track),
    color: labelOf(labels, resolved.track)?.color ?? '#ffffff',
    shape: resolved.shape,
    drawn: resolved.drawn,
    held: resolved.source === 'held',
    ...(resolved.source === 'tracked' && resolved.keyframe.tracking
      ? {
          tracked: {
            confidence: resolved.keyframe.tracking.confidence,
            confirmed: resolved.keyframe.tracking.confirmedBy !== null,
          },
        }
      : {}),
    occluded: resolved.occluded,
    ...state,
  };
}
