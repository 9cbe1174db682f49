import type { Keyframe, Track } from '../annotations/model';
import { isMeasuredKeyframe } from './ground-point';

/**
 * Issue 16: what a measurement did with tracked positions, in words for its method. A result
 * resting on confirmed tracked positions says so and who confirmed them, and the tracked
 * positions left out for want of a confirmation are counted, so a reader knows the tracker's
 * proposals were seen and not used. Empty when no tracked position is concerned, so the
 * method of a measurement on drawn positions reads as before.
 */

const plural = (n: number) => `${n} tracked position${n === 1 ? '' : 's'}`;

const isTracked = (k: Keyframe) => k.origin === 'tracked' && !k.outside;

/** "A. Examiner", "A. Examiner and B. Reviewer", "A, B and C". */
function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/**
 * The sentence for `tracks` measured on `usedFrames` (the result's frames), from `from` to
 * `to` (inclusive): confirmed tracked positions on the frames used, unconfirmed ones in the
 * range; '' when there are neither.
 */
export function trackedInputsText(
  tracks: readonly Track[],
  usedFrames: readonly number[],
  from: number,
  to: number,
): string {
  const used = new Set(usedFrames);
  const confirmers = new Set<string>();
  let confirmed = 0;
  let unconfirmed = 0;
  for (const track of tracks) {
    for (const k of track.keyframes) {
      if (!isTracked(k) || k.frame < from || k.frame > to) continue;
      if (!isMeasuredKeyframe(k)) unconfirmed++;
      else if (used.has(k.frame)) {
        confirmed++;
        confirmers.add(k.tracking?.confirmedBy ?? '');
      }
    }
  }
  const parts = [
    ...(confirmed > 0
      ? [`uses ${plural(confirmed)} confirmed by ${names([...confirmers].sort())}`]
      : []),
    ...(unconfirmed > 0
      ? [
          `${plural(unconfirmed)} not confirmed ${unconfirmed === 1 ? 'was' : 'were'} left out (the tracker's proposals, not observations)`,
        ]
      : []),
  ];
  if (parts.length === 0) return '';
  return `${confirmed > 0 ? 'It ' : ''}${parts.join('; ')}.`;
}

/** How many of the positions on `usedFrames` are tracked ones a person confirmed. */
export function confirmedTrackedCount(tracks: readonly Track[], usedFrames: readonly number[]) {
  const used = new Set(usedFrames);
  return tracks
    .flatMap((t) => t.keyframes)
    .filter((k) => isTracked(k) && isMeasuredKeyframe(k) && used.has(k.frame)).length;
}
