import { describe, expect, it } from 'vitest';
import { clearMot } from './clear-mot';
import { identity } from './identity';
import { sequenceOf } from './test-sequence';

describe('CLEAR MOT (TrackEval clear.py)', () => {
  it('scores identical sets 1', () => {
    const frame = {
      gt: [0, 1],
      tr: [0, 1],
      sim: [
        [0, 0, 1],
        [1, 1, 1],
      ] as const,
    };
    const r = clearMot(sequenceOf(2, 2, [frame, frame, frame]), 0.5, 0.3);
    expect([r.tp, r.fn, r.fp, r.idsw]).toEqual([6, 0, 0, 0]);
    expect([r.mota, r.motp, r.precision, r.recall]).toEqual([1, 1, 1, 1]);
  });

  it('counts one identity switch (MOTA = 1 − (0 + 0 + 1) / 4)', () => {
    // Reference 0 on four frames; compared 0 follows it on 0–1 (0.9), compared 1 on 2–3 (0.8).
    const seq = sequenceOf(1, 2, [
      { gt: [0], tr: [0], sim: [[0, 0, 0.9]] },
      { gt: [0], tr: [0], sim: [[0, 0, 0.9]] },
      { gt: [0], tr: [1], sim: [[0, 1, 0.8]] },
      { gt: [0], tr: [1], sim: [[0, 1, 0.8]] },
    ]);
    const r = clearMot(seq, 0.5, 0.3);
    expect([r.tp, r.fn, r.fp, r.idsw]).toEqual([4, 0, 0, 1]);
    expect(r.mota).toBeCloseTo(0.75, 12);
    expect(r.motp).toBeCloseTo((0.9 * 2 + 0.8 * 2) / 4, 12);
    expect(r.frames[2]!.idSwitches).toEqual([{ gt: 0, tr: 1, previousTr: 0 }]);
    // IDF1: the best single partner covers 2 of 4 frames: 2 / (2 + ½·2 + ½·2) = 0.5.
    const id = identity(seq, 0.5);
    expect([id.idtp, id.idfn, id.idfp]).toEqual([2, 2, 2]);
    expect(id.idf1).toBeCloseTo(0.5, 12);
  });

  it('keeps the previous match while it is still at the threshold', () => {
    // On frame 1 compared 1 overlaps more (0.9) but compared 0 (0.6) was matched before.
    const seq = sequenceOf(1, 2, [
      { gt: [0], tr: [0], sim: [[0, 0, 0.9]] },
      {
        gt: [0],
        tr: [0, 1],
        sim: [
          [0, 0, 0.6],
          [0, 1, 0.9],
        ],
      },
    ]);
    const r = clearMot(seq, 0.5, 0.3);
    expect([r.tp, r.fp, r.idsw]).toEqual([2, 1, 0]);
    expect(r.frames[1]!.matches).toEqual([{ row: 0, col: 0, score: 0.6 }]);
  });

  it('names a pair at the low level only as low overlap, counted FN + FP', () => {
    const seq = sequenceOf(1, 1, [{ gt: [0], tr: [0], sim: [[0, 0, 0.4]] }]);
    const r = clearMot(seq, 0.5, 0.3);
    expect([r.tp, r.fn, r.fp]).toEqual([0, 1, 1]);
    expect(r.frames[0]!.lowOverlap).toEqual([{ row: 0, col: 0, score: 0.4 }]);
    expect(r.frames[0]!.missing).toEqual([]);
    expect(r.frames[0]!.extra).toEqual([]);
    expect(r.mota).toBe(-1); // (0 − 1 − 0) / 1
  });

  it('gives 0, as TrackEval does, when there is nothing to compare', () => {
    const r = clearMot(sequenceOf(0, 0, [{ gt: [], tr: [] }]), 0.5, 0.3);
    expect([r.tp, r.fn, r.fp, r.mota, r.precision, r.recall]).toEqual([0, 0, 0, 0, 0, 0]);
    const onlyRef = clearMot(sequenceOf(1, 0, [{ gt: [0], tr: [] }]), 0.5, 0.3);
    expect([onlyRef.fn, onlyRef.recall, onlyRef.mota]).toEqual([1, 0, 0]);
  });
});
