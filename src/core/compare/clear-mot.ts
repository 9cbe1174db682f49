import { EPS, maxScoreMatching, type Edge } from './assignment';
import type { Sequence } from './sequence';

/**
 * CLEAR MOT (Bernardin & Stiefelhagen 2008) exactly as TrackEval computes it
 * (trackeval/metrics/clear.py, `CLEAR.eval_sequence`):
 * - on each frame, pairs under the threshold are never matched; a pair that was matched on
 *   the previous frame scores 1000 + similarity, any other pair its similarity, and the
 *   Hungarian algorithm maximises the total: every previous match still at the threshold is
 *   kept (CLEAR MOT's rule), the rest are matched for the best overlap;
 * - an identity switch: a reference track matched to a compared track other than the one it
 *   was last matched to (any number of frames before);
 * - MOTA = (TP − FP − IDSW) / max(1, TP + FN), i.e. 1 − (FN + FP + IDSW) / GT;
 *   MOTP = Σ similarity of matches / max(1, TP); recall = TP / max(1, TP + FN);
 *   precision = TP / max(1, TP + FP). With nothing to compare these are 0, as TrackEval's
 *   max(1, ·) makes them.
 * Matching is by geometry alone: labels are compared after (compare-sets.ts), as CVAT's
 * quality check does.
 */

export interface ClearCounts {
  readonly tp: number;
  readonly fn: number;
  readonly fp: number;
  readonly idsw: number;
  readonly motpSum: number;
  readonly mota: number;
  readonly motp: number;
  readonly precision: number;
  readonly recall: number;
}

/** One frame's outcome, with track indices (not positions in the frame's lists). */
export interface FrameOutcome {
  readonly frame: number;
  /** row: reference track, col: compared track, score: similarity. */
  readonly matches: readonly Edge[];
  readonly idSwitches: readonly { gt: number; tr: number; previousTr: number }[];
  /** Not matched, but overlapping at `lowOverlap` (paired by the same Hungarian rule). */
  readonly lowOverlap: readonly Edge[];
  readonly missing: readonly number[];
  readonly extra: readonly number[];
}

export interface ClearResult extends ClearCounts {
  readonly frames: readonly FrameOutcome[];
}

export function clearMot(seq: Sequence, threshold: number, lowOverlap: number): ClearResult {
  let [tp, fn, fp, idsw, motpSum] = [0, 0, 0, 0, 0];
  // Kept apart as in clear.py: switches count against the last match ever, while the
  // continuation bonus only looks at the frame just before.
  const prevTracker = new Int32Array(seq.gtCount).fill(-1);
  let prevTimestep = new Int32Array(seq.gtCount).fill(-1);
  const frames: FrameOutcome[] = [];
  for (const { frame, gt, tr, pairs } of seq.frames) {
    if (gt.length === 0 || tr.length === 0) {
      // clear.py skips such a frame without touching either memory.
      fp += tr.length;
      fn += gt.length;
      frames.push({ frame, matches: [], idSwitches: [], lowOverlap: [], missing: gt, extra: tr });
      continue;
    }
    // Each scored pair keeps its similarity beside the bonus score (no lookup afterwards).
    const scored: (Edge & { sim: number })[] = [];
    for (const p of pairs) {
      if (p.score < threshold - EPS) continue;
      const bonus = prevTimestep[gt[p.row]!] === tr[p.col] ? 1000 : 0;
      scored.push({ row: p.row, col: p.col, score: bonus + p.score, sim: p.score });
    }
    const local = maxScoreMatching(scored, EPS);
    const matches = local.map((m) => ({ row: gt[m.row]!, col: tr[m.col]!, score: m.sim }));
    const idSwitches: { gt: number; tr: number; previousTr: number }[] = [];
    const nextTimestep = new Int32Array(seq.gtCount).fill(-1);
    for (const m of matches) {
      const previous = prevTracker[m.row]!;
      if (previous >= 0 && previous !== m.col)
        idSwitches.push({ gt: m.row, tr: m.col, previousTr: previous });
      prevTracker[m.row] = m.col;
      nextTimestep[m.row] = m.col;
      motpSum += m.score;
    }
    prevTimestep = nextTimestep;
    tp += matches.length;
    fn += gt.length - matches.length;
    fp += tr.length - matches.length;
    idsw += idSwitches.length;
    // What is left: pairs overlapping at the low level only are named as such.
    const rowsMatched = new Uint8Array(gt.length);
    const colsMatched = new Uint8Array(tr.length);
    for (const m of local) rowsMatched[m.row] = colsMatched[m.col] = 1;
    const low = maxScoreMatching(
      pairs.filter((p) => !rowsMatched[p.row] && !colsMatched[p.col]),
      lowOverlap,
    );
    for (const m of low) rowsMatched[m.row] = colsMatched[m.col] = 1;
    frames.push({
      frame,
      matches,
      idSwitches,
      lowOverlap: low.map((m) => ({ row: gt[m.row]!, col: tr[m.col]!, score: m.score })),
      missing: gt.filter((_, i) => !rowsMatched[i]),
      extra: tr.filter((_, j) => !colsMatched[j]),
    });
  }
  return { ...clearScores({ tp, fn, fp, idsw, motpSum }), frames };
}

/** clear.py `_compute_final_fields`, the fields Framewise reports. */
export function clearScores(
  c: Pick<ClearCounts, 'tp' | 'fn' | 'fp' | 'idsw' | 'motpSum'>,
): ClearCounts {
  return {
    ...c,
    mota: (c.tp - c.fp - c.idsw) / Math.max(1, c.tp + c.fn),
    motp: c.motpSum / Math.max(1, c.tp),
    recall: c.tp / Math.max(1, c.tp + c.fn),
    precision: c.tp / Math.max(1, c.tp + c.fp),
  };
}
