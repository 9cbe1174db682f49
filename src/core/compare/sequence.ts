import type { FrameIndex } from '../ids';
import type { Keyframe, Track } from '../annotations/model';
import { boundingKeyframes, interpolateShape } from '../annotations/interpolation';
import type { Edge } from './assignment';
import { boxIoUOf, geometryOf, pointSimilarityOf, type Geometry } from './similarity';

/**
 * Two sets of tracks over a range of frames, as TrackEval's metrics read a sequence: on each
 * frame the reference ("gt") and compared ("tracker") tracks in view and the similarity of
 * every pair (only pairs above 0 are kept: the rest can never be matched).
 */
export interface FrameData {
  readonly frame: number;
  /** Indices of the reference tracks in view (TrackEval `gt_ids[t]`). */
  readonly gt: readonly number[];
  /** Indices of the compared tracks in view (`tracker_ids[t]`). */
  readonly tr: readonly number[];
  /** row: position in `gt`, col: position in `tr`, score: similarity > 0. */
  readonly pairs: readonly Edge[];
}

export interface Sequence {
  readonly gtCount: number;
  readonly trCount: number;
  readonly frames: readonly FrameData[];
}

const BOX = 1;
const POINT = 2;

/**
 * One set's tracks walked frame by frame (issue 17's speed: 200 tracks × 5,000 frames).
 * positionAt searches a track's keyframes and builds a position object on every call; here
 * each track keeps a cursor on its keyframe at or before the frame, moved forward as the
 * frames go (each keyframe passed once), each keyframe's own geometry is taken once, and the
 * frame's geometries go into typed arrays reused from frame to frame. What it computes is
 * positionAt + geometryOf exactly: the same keyframes, the same t, the same lerp.
 */
class TrackWalker {
  /** Per in-view slot (ascending track index): the track, its kind and its box or point. */
  readonly index: Int32Array;
  readonly kind: Uint8Array;
  readonly x0: Float64Array;
  readonly y0: Float64Array;
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  /** Slots in view on the current frame. */
  count = 0;
  private readonly cursor: Int32Array;
  private readonly keyGeometry: (Geometry | null)[][];

  constructor(
    private readonly tracks: readonly Track[],
    first: number,
  ) {
    const n = tracks.length;
    this.index = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.x0 = new Float64Array(n);
    this.y0 = new Float64Array(n);
    this.x1 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    // The keyframe at or before `first` (−1: none yet), found once by binary search.
    this.cursor = Int32Array.from(tracks, (track) => {
      const { previous } = boundingKeyframes(track, first as FrameIndex);
      return previous ? track.keyframes.indexOf(previous) : -1;
    });
    this.keyGeometry = tracks.map((track) => track.keyframes.map((k) => geometryOf(k.shape)));
  }

  /** Fills the slots for `frame`; frames must come in ascending order. */
  moveTo(frame: number): void {
    this.count = 0;
    for (let i = 0; i < this.tracks.length; i++) {
      const keyframes = this.tracks[i]!.keyframes;
      let k = this.cursor[i]!;
      while (k + 1 < keyframes.length && keyframes[k + 1]!.frame <= frame) k++;
      this.cursor[i] = k;
      if (k < 0) continue; // before its first keyframe
      const previous = keyframes[k]!;
      if (previous.outside) continue;
      const next = keyframes[k + 1];
      if (previous.frame === frame || !next) {
        this.put(i, this.keyGeometry[i]![k]!); // on a keyframe, or held after the last
        continue;
      }
      this.putBetween(
        i,
        previous,
        next,
        (frame - previous.frame) / (next.frame - previous.frame),
        k,
      );
    }
  }

  /** Between two keyframes, as positionAt: interpolated, or held where they cannot blend. */
  private putBetween(i: number, previous: Keyframe, next: Keyframe, t: number, k: number): void {
    const [a, b] = [previous.shape, next.shape];
    if (
      a.kind === 'rectangle' &&
      b.kind === 'rectangle' &&
      a.rotation % 360 === 0 &&
      b.rotation % 360 === 0
    ) {
      // The common case without allocating: two upright boxes stay upright (lerpAngle of two
      // multiples of 360° is 0), and geometryOf's box is then x, y, x + width, y + height.
      const x = a.x + (b.x - a.x) * t;
      const y = a.y + (b.y - a.y) * t;
      const s = this.count++;
      this.index[s] = i;
      this.kind[s] = BOX;
      this.x0[s] = x;
      this.y0[s] = y;
      this.x1[s] = x + (a.width + (b.width - a.width) * t);
      this.y1[s] = y + (a.height + (b.height - a.height) * t);
      return;
    }
    const shape = interpolateShape(a, b, t);
    this.put(i, shape ? geometryOf(shape) : this.keyGeometry[i]![k]!);
  }

  private put(i: number, g: Geometry | null): void {
    if (!g) return; // a callout: not compared
    const s = this.count++;
    this.index[s] = i;
    if (g.kind === 'box') {
      this.kind[s] = BOX;
      [this.x0[s], this.y0[s], this.x1[s], this.y1[s]] = [g.x0, g.y0, g.x1, g.y1];
    } else {
      this.kind[s] = POINT;
      [this.x0[s], this.y0[s], this.x1[s], this.y1[s]] = [g.x, g.y, g.x, g.y];
    }
  }
}

/**
 * Frames `first`..`last` (inclusive, every frame a timestep, as TrackEval counts them). Every
 * pair's similarity is taken once here, so the three metrics never recompute a shape.
 *
 * Pairs: a crowded frame has ~200 × 200 of them and nearly all are apart (similarity 0). So
 * the compared boxes are sorted by left edge, and each reference box looks only at those
 * whose left edge lies between (its left − the widest compared box) and its right: any box
 * reaching it lies there. Points (few) are paired with points one by one; a box and a point
 * are never alike. Boxes with a coordinate that is not finite score 0 or NaN with anything
 * (never kept) and are left out of the search. Pairs come out as before: by row, then column
 * (the order HOTA's sums run in).
 */
export function buildSequence(
  reference: readonly Track[],
  compared: readonly Track[],
  first: number,
  last: number,
  pointTolerancePx: number,
): Sequence {
  const frames: FrameData[] = [];
  const g = new TrackWalker(reference, first);
  const c = new TrackWalker(compared, first);
  const byLeft = new Int32Array(compared.length); // compared boxes' slots, by x0
  const lefts = new Float64Array(compared.length); // their x0, same order
  const points = new Int32Array(compared.length); // compared points' slots, ascending
  const candidates = new Int32Array(compared.length);
  for (let frame = first; frame <= last; frame++) {
    g.moveTo(frame);
    c.moveTo(frame);
    let boxes = 0;
    let pointCount = 0;
    let widest = 0;
    for (let s = 0; s < c.count; s++) {
      if (c.kind[s] === POINT) points[pointCount++] = s;
      else if (
        Number.isFinite(c.x0[s]!) &&
        Number.isFinite(c.y0[s]!) &&
        Number.isFinite(c.x1[s]!) &&
        Number.isFinite(c.y1[s]!)
      ) {
        byLeft[boxes++] = s;
        widest = Math.max(widest, c.x1[s]! - c.x0[s]!);
      }
    }
    const sorted = byLeft.subarray(0, boxes).sort((a, b) => c.x0[a]! - c.x0[b]!);
    for (let j = 0; j < boxes; j++) lefts[j] = c.x0[sorted[j]!]!;

    const pairs: Edge[] = [];
    for (let row = 0; row < g.count; row++) {
      const ax0 = g.x0[row]!;
      const ay0 = g.y0[row]!;
      const ax1 = g.x1[row]!;
      const ay1 = g.y1[row]!;
      if (g.kind[row] === POINT) {
        for (let p = 0; p < pointCount; p++) {
          const col = points[p]!;
          const score = pointSimilarityOf(ax0, ay0, c.x0[col]!, c.y0[col]!, pointTolerancePx);
          if (score > 0) pairs.push({ row, col, score });
        }
        continue;
      }
      if (!(Number.isFinite(ax0) && Number.isFinite(ay0))) continue;
      if (!(Number.isFinite(ax1) && Number.isFinite(ay1))) continue;
      // A margin over the widest box, far above any rounding of x1 − x0.
      const from = ax0 - widest - 1 - Math.abs(ax0) * 1e-9;
      let n = 0;
      for (let j = lowerBound(lefts, boxes, from); j < boxes && lefts[j]! <= ax1; j++) {
        const col = sorted[j]!;
        // Boxes apart on either axis have IoU 0: skipped before computing it.
        if (c.x1[col]! < ax0 || c.y0[col]! > ay1 || c.y1[col]! < ay0) continue;
        // Kept in column order (insertion: a box meets only a handful).
        let at = n++;
        for (; at > 0 && candidates[at - 1]! > col; at--) candidates[at] = candidates[at - 1]!;
        candidates[at] = col;
      }
      for (let k = 0; k < n; k++) {
        const col = candidates[k]!;
        const score = boxIoUOf(ax0, ay0, ax1, ay1, c.x0[col]!, c.y0[col]!, c.x1[col]!, c.y1[col]!);
        if (score > 0) pairs.push({ row, col, score });
      }
    }
    frames.push({
      frame,
      gt: Array.from(g.index.subarray(0, g.count)),
      tr: Array.from(c.index.subarray(0, c.count)),
      pairs,
    });
  }
  return { gtCount: reference.length, trCount: compared.length, frames };
}

/** The first position in the ascending `values[0..n)` at or above `x`. */
function lowerBound(values: Float64Array, n: number, x: number): number {
  let [lo, hi] = [0, n];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
