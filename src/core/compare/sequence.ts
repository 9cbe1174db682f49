import type { FrameIndex } from '../ids';
import type { Track } from '../annotations/model';
import { positionAt } from '../annotations/interpolation';
import type { Edge } from './assignment';
import { geometryOf, geometrySimilarity, type Geometry } from './similarity';

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

/** Each track's compared geometry on a frame (null: not in view, or a callout). */
function inView(tracks: readonly Track[], frame: number): { index: number; geometry: Geometry }[] {
  const out: { index: number; geometry: Geometry }[] = [];
  tracks.forEach((track, index) => {
    const first = track.keyframes[0];
    if (!first || first.frame > frame) return;
    const position = positionAt(track, frame as FrameIndex);
    const geometry = position ? geometryOf(position.shape) : null;
    if (geometry) out.push({ index, geometry });
  });
  return out;
}

/**
 * Frames `first`..`last` (inclusive, every frame a timestep, as TrackEval counts them). Each
 * track is looked up once per frame (binary search over its keyframes) and every pair's
 * similarity is taken once here, so the three metrics never recompute a shape.
 */
export function buildSequence(
  reference: readonly Track[],
  compared: readonly Track[],
  first: number,
  last: number,
  pointTolerancePx: number,
): Sequence {
  const frames: FrameData[] = [];
  for (let frame = first; frame <= last; frame++) {
    const gt = inView(reference, frame);
    const tr = inView(compared, frame);
    const pairs: Edge[] = [];
    gt.forEach(({ geometry: a }, row) =>
      tr.forEach(({ geometry: b }, col) => {
        // Boxes apart on either axis have IoU 0: skipped before the call (most pairs of a
        // crowded frame), which keeps 200 × 200 pairs a frame cheap.
        if (a.kind === 'box' && b.kind === 'box') {
          if (b.x0 > a.x1 || b.x1 < a.x0 || b.y0 > a.y1 || b.y1 < a.y0) return;
        }
        const score = geometrySimilarity(a, b, pointTolerancePx);
        if (score > 0) pairs.push({ row, col, score });
      }),
    );
    frames.push({ frame, gt: gt.map((g) => g.index), tr: tr.map((t) => t.index), pairs });
  }
  return { gtCount: reference.length, trCount: compared.length, frames };
}
