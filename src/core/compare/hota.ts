import { EPS, maxScoreMatching } from './assignment';
import type { Sequence } from './sequence';

/**
 * HOTA (Luiten et al. 2021, IJCV) exactly as TrackEval computes it
 * (trackeval/metrics/hota.py, `HOTA.eval_sequence` and `_compute_final_fields`):
 * 1. over all frames, each (reference, compared) track pair accumulates
 *    sim / (Σ_col sim + Σ_row sim − sim) (the frame's similarity normalised by the pair's
 *    rivals); their global alignment score is that total over
 *    (frames of the reference track + frames of the compared track − total);
 * 2. on each frame the Hungarian algorithm maximises Σ alignment × similarity (one matching
 *    for every alpha); for each alpha = 0.05, 0.10 … 0.95 the matched pairs with similarity
 *    ≥ alpha are its true positives (TP), the rest of the frame's tracks FN and FP;
 * 3. per alpha: DetA = TP / max(1, TP + FN + FP); AssA = Σ over pairs of
 *    c × c / max(1, n_ref + n_cmp − c) / max(1, TP), c the frames the pair was a TP;
 *    LocA = max(1e-10, Σ similarity of TPs) / max(1e-10, TP); HOTA = √(DetA × AssA);
 * 4. reported: the mean over the 19 alphas of each (as TrackEval's summary prints them).
 * With no compared detections (or no reference ones) every TP is 0, hence HOTA 0 and LocA 1,
 * TrackEval's early return.
 */

/** np.arange(0.05, 0.99, 0.05): start + i × step, the same doubles numpy makes. */
export const ALPHAS: readonly number[] = Array.from({ length: 19 }, (_, i) => 0.05 + i * 0.05);

export interface HotaResult {
  readonly hota: number;
  readonly detA: number;
  readonly assA: number;
  readonly locA: number;
  /** The per-alpha values, ALPHAS order. */
  readonly perAlpha: readonly {
    alpha: number;
    hota: number;
    detA: number;
    assA: number;
    locA: number;
    tp: number;
    fn: number;
    fp: number;
  }[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function hota(seq: Sequence): HotaResult {
  const nA = ALPHAS.length;
  const tp = new Float64Array(nA);
  const fn = new Float64Array(nA);
  const fp = new Float64Array(nA);
  const locSum = new Float64Array(nA);
  const gtIdCount = new Float64Array(seq.gtCount);
  const trIdCount = new Float64Array(seq.trCount);
  const key = (g: number, t: number) => g * seq.trCount + t;

  const gtDets = seq.frames.reduce((n, f) => n + f.gt.length, 0);
  const trDets = seq.frames.reduce((n, f) => n + f.tr.length, 0);
  if (trDets === 0 || gtDets === 0) {
    fn.fill(trDets === 0 ? gtDets : 0);
    fp.fill(trDets === 0 ? 0 : trDets);
    return finish(tp, fn, fp, new Float64Array(nA).fill(1), new Float64Array(nA));
  }

  // 1. Global alignment between track ids.
  const potential = new PairTable(seq.gtCount * seq.trCount);
  for (const { gt, tr, pairs } of seq.frames) {
    const rowSum = new Float64Array(gt.length);
    const colSum = new Float64Array(tr.length);
    for (const p of pairs) {
      rowSum[p.row]! += p.score;
      colSum[p.col]! += p.score;
    }
    for (const p of pairs) {
      const denom = colSum[p.col]! + rowSum[p.row]! - p.score;
      if (denom > EPS) potential.add(key(gt[p.row]!, tr[p.col]!), p.score / denom);
    }
    for (const g of gt) gtIdCount[g]! += 1;
    for (const t of tr) trIdCount[t]! += 1;
  }
  const alignment = (g: number, t: number) => {
    const c = potential.get(key(g, t));
    return c / (gtIdCount[g]! + trIdCount[t]! - c);
  };

  // 2. Per frame matching, counted for every alpha.
  const matchesCounts = ALPHAS.map(() => new PairTable(seq.gtCount * seq.trCount));
  for (const { gt, tr, pairs } of seq.frames) {
    if (gt.length === 0 || tr.length === 0) {
      for (let a = 0; a < nA; a++) {
        fp[a]! += tr.length;
        fn[a]! += gt.length;
      }
      continue;
    }
    // Each scored pair keeps its similarity beside its score (no lookup afterwards).
    const scored = pairs.map((p) => ({
      row: p.row,
      col: p.col,
      score: alignment(gt[p.row]!, tr[p.col]!) * p.score,
      sim: p.score,
    }));
    const matched = maxScoreMatching(scored, 0);
    for (let a = 0; a < nA; a++) {
      const alpha = ALPHAS[a]!;
      let n = 0;
      for (const m of matched) {
        if (m.sim < alpha - EPS) continue;
        n++;
        locSum[a]! += m.sim;
        matchesCounts[a]!.add(key(gt[m.row]!, tr[m.col]!), 1);
      }
      tp[a]! += n;
      fn[a]! += gt.length - n;
      fp[a]! += tr.length - n;
    }
  }

  // 3. Association per alpha.
  const assA = new Float64Array(nA);
  const locA = new Float64Array(nA);
  ALPHAS.forEach((_, a) => {
    let sum = 0;
    const counts = matchesCounts[a]!;
    for (const k of counts.keys) {
      const c = counts.get(k);
      const [g, t] = [Math.floor(k / seq.trCount), k % seq.trCount];
      sum += (c * c) / Math.max(1, gtIdCount[g]! + trIdCount[t]! - c);
    }
    assA[a] = sum / Math.max(1, tp[a]!);
    locA[a] = Math.max(1e-10, locSum[a]!) / Math.max(1e-10, tp[a]!);
  });
  return finish(tp, fn, fp, locA, assA);
}

/**
 * A number per (reference, compared) track pair, 0 until added to: a typed array when there
 * are few enough pairs (200 × 200; a Map lookup per pair per frame was most of HOTA's time),
 * else a Map. `keys`: the pairs in the order first added to, which the sums over pairs
 * follow (a sum's rounding depends on its order).
 */
class PairTable {
  /** Dense up to 2^17 pairs (1 MB a table; HOTA keeps 20 of them). */
  private static readonly DENSE_LIMIT = 1 << 17;
  private readonly dense: Float64Array | null;
  private readonly added: Uint8Array | null;
  private readonly sparse = new Map<number, number>();
  readonly keys: number[] = [];

  constructor(size: number) {
    const small = size <= PairTable.DENSE_LIMIT;
    this.dense = small ? new Float64Array(size) : null;
    this.added = small ? new Uint8Array(size) : null;
  }

  get(k: number): number {
    return this.dense ? this.dense[k]! : (this.sparse.get(k) ?? 0);
  }

  add(k: number, x: number): void {
    if (this.dense && this.added) {
      if (!this.added[k]) this.keys.push(k);
      this.added[k] = 1;
      this.dense[k]! += x;
      return;
    }
    const had = this.sparse.get(k);
    if (had === undefined) this.keys.push(k);
    this.sparse.set(k, (had ?? 0) + x);
  }
}

function finish(
  tp: Float64Array,
  fn: Float64Array,
  fp: Float64Array,
  locA: Float64Array,
  assA: Float64Array,
): HotaResult {
  const perAlpha = ALPHAS.map((alpha, a) => {
    const detA = tp[a]! / Math.max(1, tp[a]! + fn[a]! + fp[a]!);
    return {
      alpha,
      hota: Math.sqrt(detA * assA[a]!),
      detA,
      assA: assA[a]!,
      locA: locA[a]!,
      tp: tp[a]!,
      fn: fn[a]!,
      fp: fp[a]!,
    };
  });
  return {
    hota: mean(perAlpha.map((r) => r.hota)),
    detA: mean(perAlpha.map((r) => r.detA)),
    assA: mean(perAlpha.map((r) => r.assA)),
    locA: mean(perAlpha.map((r) => r.locA)),
    perAlpha,
  };
}
