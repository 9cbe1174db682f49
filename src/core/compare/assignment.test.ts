import { describe, expect, it } from 'vitest';
import { hungarianMin, maxScoreAssignment, maxScoreMatching, type Edge } from './assignment';

const pairs = (edges: readonly Edge[]) => edges.map((e) => [e.row, e.col]);

/** Every one-to-one matching's best total, by brute force (small matrices only). */
function bruteBest(score: number[][], threshold: number): number {
  const rows = score.length;
  const cols = score[0]?.length ?? 0;
  let best = 0;
  const go = (i: number, used: Set<number>, total: number) => {
    if (i === rows) return void (best = Math.max(best, total));
    go(i + 1, used, total);
    for (let j = 0; j < cols; j++) {
      const s = score[i]![j]!;
      if (used.has(j) || s <= 0 || s < threshold) continue;
      used.add(j);
      go(i + 1, used, total + s);
      used.delete(j);
    }
  };
  go(0, new Set(), 0);
  return best;
}

describe('Hungarian assignment', () => {
  it('finds the optimum where greedy would not', () => {
    // Greedy takes (0,0) 0.9 then (1,1) 0.1 = 1.0; the optimum is (0,1)+(1,0) = 1.6.
    const score = [
      [0.9, 0.8, 0],
      [0.8, 0.1, 0],
      [0, 0, 0.6],
    ];
    expect(pairs(maxScoreAssignment(score, 0))).toEqual([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
  });

  it('never matches a pair under the threshold', () => {
    expect(pairs(maxScoreAssignment([[0.4, 0.6]], 0.5))).toEqual([[0, 1]]);
    expect(maxScoreAssignment([[0.49]], 0.5)).toEqual([]);
    // At the threshold counts (TrackEval allows eps).
    expect(pairs(maxScoreAssignment([[0.5]], 0.5))).toEqual([[0, 0]]);
  });

  it('handles more rows than columns and the other way round', () => {
    expect(pairs(maxScoreAssignment([[0.2], [0.9], [0.5]], 0))).toEqual([[1, 0]]);
    expect(pairs(maxScoreAssignment([[0.2, 0.9, 0.5]], 0))).toEqual([[0, 1]]);
    expect(
      pairs(
        maxScoreAssignment(
          [
            [0.7, 0.6],
            [0.6, 0.1],
            [0.5, 0.4],
          ],
          0,
        ),
      ),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]); // 0.6 + 0.6 = 1.2 beats (0,0)+(2,1) = 1.1, (0,1)+(2,0) = 1.1, (1,0)+(2,1) = 1.0
  });

  it('breaks ties the same way whatever the order of the edges', () => {
    const edges: Edge[] = [
      { row: 1, col: 1, score: 1 },
      { row: 0, col: 1, score: 1 },
      { row: 1, col: 0, score: 1 },
      { row: 0, col: 0, score: 1 },
    ];
    const a = maxScoreMatching(edges, 0);
    const b = maxScoreMatching([...edges].reverse(), 0);
    expect(pairs(a)).toEqual(pairs(b));
    expect(a).toHaveLength(2);
  });

  it('agrees with brute force on random matrices', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let n = 0; n < 200; n++) {
      const rows = 1 + Math.floor(random() * 5);
      const cols = 1 + Math.floor(random() * 5);
      const score = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (random() < 0.4 ? 0 : Math.round(random() * 100) / 100)),
      );
      const threshold = random() < 0.5 ? 0 : 0.5;
      const matched = maxScoreAssignment(score, threshold);
      const total = matched.reduce((s, e) => s + e.score, 0);
      expect(total).toBeCloseTo(bruteBest(score, threshold), 9);
      expect(new Set(matched.map((e) => e.row)).size).toBe(matched.length);
      expect(new Set(matched.map((e) => e.col)).size).toBe(matched.length);
    }
  });

  it('solves a square minimum-cost problem (textbook 3×3)', () => {
    // Jobs × workers: the minimum is 1 + 2 + 2 = 5 with (0,1), (1,0), (2,2).
    const cost = Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2]);
    expect([...hungarianMin(cost, 3, 3)]).toEqual([1, 0, 2]);
  });
});
