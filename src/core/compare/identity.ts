import { maxScoreMatching, type Edge } from './assignment';
import type { Sequence } from './sequence';

/**
 * IDF1 (Ristani et al. 2016) as TrackEval computes it (trackeval/metrics/identity.py,
 * `Identity.eval_sequence`): each reference track is paired with at most one compared track
 * for the whole range, so as to minimise IDFN + IDFP; a pair's frames that count are those
 * where their similarity is at least the threshold (every such pair on a frame, not only
 * the ones CLEAR matched).
 *
 * identity.py solves an (nGT + nTR)² cost matrix with dummy rows and columns; its cost is
 * Σ gt dets + Σ tracker dets − 2 Σ(matched pairs' counts), so the same optimum is the
 * matching of tracks with the greatest total count of frames matched at the threshold, which
 * is what is solved here (IDTP = that total; IDFN = GT dets − IDTP; IDFP = compared dets −
 * IDTP; IDF1 = IDTP / max(1, IDTP + ½ IDFP + ½ IDFN), IDR, IDP likewise).
 */
export interface IdentityResult {
  readonly idtp: number;
  readonly idfn: number;
  readonly idfp: number;
  readonly idf1: number;
  readonly idr: number;
  readonly idp: number;
  /** row: reference track, col: compared track, score: frames matched at the threshold. */
  readonly trackPairs: readonly Edge[];
}

export function identity(seq: Sequence, threshold: number): IdentityResult {
  const counts = new Map<number, number>();
  let gtDets = 0;
  let trDets = 0;
  for (const { gt, tr, pairs } of seq.frames) {
    gtDets += gt.length;
    trDets += tr.length;
    for (const p of pairs) {
      if (p.score < threshold) continue; // np.greater_equal(sim, threshold), no eps here
      const key = gt[p.row]! * seq.trCount + tr[p.col]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const edges = [...counts].map(([key, n]) => ({
    row: Math.floor(key / seq.trCount),
    col: key % seq.trCount,
    score: n,
  }));
  const trackPairs = maxScoreMatching(edges, 0);
  const idtp = trackPairs.reduce((sum, e) => sum + e.score, 0);
  const idfn = gtDets - idtp;
  const idfp = trDets - idtp;
  return {
    idtp,
    idfn,
    idfp,
    idf1: idtp / Math.max(1, idtp + 0.5 * idfp + 0.5 * idfn),
    idr: idtp / Math.max(1, idtp + idfn),
    idp: idtp / Math.max(1, idtp + idfp),
    trackPairs,
  };
}
