import type { Sequence } from './sequence';

/**
 * A hand-made sequence for tests: per frame, the pairs (reference track, compared track,
 * similarity) as TrackEval's `similarity_scores`, plus tracks in view with no pair.
 */
export function sequenceOf(
  gtCount: number,
  trCount: number,
  frames: readonly {
    gt: readonly number[];
    tr: readonly number[];
    sim?: readonly (readonly [number, number, number])[];
  }[],
): Sequence {
  return {
    gtCount,
    trCount,
    frames: frames.map((f, frame) => ({
      frame,
      gt: f.gt,
      tr: f.tr,
      pairs: (f.sim ?? []).map(([g, t, score]) => ({
        row: f.gt.indexOf(g),
        col: f.tr.indexOf(t),
        score,
      })),
    })),
  };
}
