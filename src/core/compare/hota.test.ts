import { describe, expect, it } from 'vitest';
import { ALPHAS, hota } from './hota';
import { sequenceOf } from './test-sequence';

describe('HOTA (TrackEval hota.py)', () => {
  it('has the 19 alphas of np.arange(0.05, 0.99, 0.05)', () => {
    expect(ALPHAS).toHaveLength(19);
    expect(ALPHAS[0]).toBe(0.05);
    expect(ALPHAS[18]).toBeCloseTo(0.95, 12);
  });

  it('scores identical sets 1', () => {
    const frame = {
      gt: [0, 1],
      tr: [0, 1],
      sim: [
        [0, 0, 1],
        [1, 1, 1],
      ] as const,
    };
    const r = hota(sequenceOf(2, 2, [frame, frame]));
    expect([r.hota, r.detA, r.assA, r.locA]).toEqual([1, 1, 1, 1]);
  });

  it('halves AssA on one identity switch: HOTA = √(1 × 0.5)', () => {
    // Reference 0 on frames 0–3, compared 0 on 0–1, compared 1 on 2–3, similarity 1.
    // Every alpha: TP 4, FN 0, FP 0, DetA 1. Each pair: c = 2, 2·2 / (4 + 2 − 2) = 1;
    // AssA = (1 + 1) / 4 = 0.5.
    const seq = sequenceOf(1, 2, [
      { gt: [0], tr: [0], sim: [[0, 0, 1]] },
      { gt: [0], tr: [0], sim: [[0, 0, 1]] },
      { gt: [0], tr: [1], sim: [[0, 1, 1]] },
      { gt: [0], tr: [1], sim: [[0, 1, 1]] },
    ]);
    const r = hota(seq);
    expect(r.detA).toBe(1);
    expect(r.assA).toBeCloseTo(0.5, 12);
    expect(r.hota).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('averages over alpha, LocA 1 where nothing matched (one pair at similarity 0.5)', () => {
    // Alphas 0.05–0.50 (10): TP 1, DetA = AssA = HOTA = 1, LocA 0.5. The other 9: TP 0,
    // HOTA 0, LocA = max(1e-10, 0) / max(1e-10, 0) = 1.
    const r = hota(sequenceOf(1, 1, [{ gt: [0], tr: [0], sim: [[0, 0, 0.5]] }]));
    expect(r.hota).toBeCloseTo(10 / 19, 12);
    expect(r.detA).toBeCloseTo(10 / 19, 12);
    expect(r.assA).toBeCloseTo(10 / 19, 12);
    expect(r.locA).toBeCloseTo((10 * 0.5 + 9) / 19, 12);
  });

  it('matches by alignment × similarity: the track followed all along beats a closer newcomer', () => {
    // Reference 0 and compared 0 together on frames 0–2 (similarity 1); on frame 3 compared 0
    // at 0.62 and compared 1 (there only) at 0.7. Alignment(0,0) ≈ 0.76, (0,1) ≈ 0.12, so
    // compared 0 is matched. Alphas ≤ 0.60 (12): TP 4, FN 0, FP 1: DetA 0.8; c = 4:
    // AssA = 16 / (4 + 4 − 4) / 4 = 1; LocA = 3.62 / 4. Alphas ≥ 0.65 (7): TP 3, FN 1, FP 2:
    // DetA 0.5; c = 3: AssA = 9 / (4 + 4 − 3) / 3 = 0.6; LocA 1.
    const one = { gt: [0], tr: [0], sim: [[0, 0, 1]] as const };
    const r = hota(
      sequenceOf(1, 2, [
        one,
        one,
        one,
        {
          gt: [0],
          tr: [0, 1],
          sim: [
            [0, 0, 0.62],
            [0, 1, 0.7],
          ],
        },
      ]),
    );
    expect(r.detA).toBeCloseTo((12 * 0.8 + 7 * 0.5) / 19, 12);
    expect(r.assA).toBeCloseTo((12 * 1 + 7 * 0.6) / 19, 12);
    expect(r.hota).toBeCloseTo((12 * Math.sqrt(0.8) + 7 * Math.sqrt(0.3)) / 19, 12);
    expect(r.locA).toBeCloseTo((12 * (3.62 / 4) + 7) / 19, 12);
  });

  it('is 0 with either side empty (LocA 1), TrackEval’s early return', () => {
    const r = hota(sequenceOf(1, 0, [{ gt: [0], tr: [] }]));
    expect([r.hota, r.detA, r.assA, r.locA]).toEqual([0, 0, 0, 1]);
    expect(r.perAlpha[0]!.fn).toBe(1);
    expect(hota(sequenceOf(0, 0, [])).hota).toBe(0);
  });
});

describe('against TrackEval itself', () => {
  // Values printed by TrackEval's own hota.py, clear.py and identity.py (commit 12c8791,
  // numpy 2.4 with np.float = float) on the same two sequences.
  it('gives the same HOTA, CLEAR and IDF1', async () => {
    const { clearMot } = await import('./clear-mot');
    const { identity } = await import('./identity');
    const switch09 = sequenceOf(1, 2, [
      { gt: [0], tr: [0], sim: [[0, 0, 0.9]] },
      { gt: [0], tr: [0], sim: [[0, 0, 0.9]] },
      { gt: [0], tr: [1], sim: [[0, 1, 0.8]] },
      { gt: [0], tr: [1], sim: [[0, 1, 0.8]] },
    ]);
    const h = hota(switch09);
    expect(h.hota).toBeCloseTo(0.638431846311, 11);
    expect(h.detA).toBeCloseTo(0.877192982456, 11);
    expect(h.assA).toBeCloseTo(0.473684210526, 11);
    expect(h.locA).toBeCloseTo(0.863157894737, 11);
    const keep = sequenceOf(1, 2, [
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
    const k = hota(keep);
    expect(k.hota).toBeCloseTo(0.606842619932, 11);
    expect(k.assA).toBeCloseTo(0.736842105263, 11);
    const c = clearMot(keep, 0.5, 0.3);
    expect([c.mota, c.motp, c.idsw]).toEqual([0.5, 0.75, 0]);
    expect(identity(keep, 0.5).idf1).toBeCloseTo(0.8, 12);
  });
});
