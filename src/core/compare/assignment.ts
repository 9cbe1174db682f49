/**
 * Optimal one-to-one matching (Kuhn–Munkres, the Hungarian algorithm, O(n³)) of rows to
 * columns, maximising the total score, as scipy's `linear_sum_assignment(-score)` does in
 * TrackEval. Every metric of this room matches with it: detections on a frame (CLEAR MOT,
 * HOTA), whole tracks (IDF1) and events.
 *
 * Scores come as sparse edges (only pairs that can be matched at all): on a frame of 200
 * objects nearly every pair is 0, and the optimum splits into independent connected
 * components, each solved on its own dense matrix. That is exact (a matching is optimal iff
 * it is optimal on each component) and turns 200³ per frame into a few 2³.
 *
 * Ties: the edges are put in (row, column) order first and the algorithm scans rows and
 * columns in index order, taking the first strict minimum, so the same edges (given in any
 * order) always give the same matches.
 */

export interface Edge {
  readonly row: number;
  readonly col: number;
  readonly score: number;
}

/** numpy's float eps, which TrackEval allows on every threshold comparison. */
export const EPS = Number.EPSILON;

/**
 * Minimum-cost assignment of each of n rows to a distinct column of m ≥ n (row-major cost):
 * the shortest augmenting path form (potentials u, v). Returns each row's column.
 */
export function hungarianMin(cost: Float64Array, n: number, m: number): Int32Array {
  if (n > m) throw new RangeError('hungarianMin needs rows ≤ columns');
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j]: row (1-based) holding column j, 0 = none
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * m + (j - 1)]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Int32Array(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) rowToCol[p[j]! - 1] = j - 1;
  return rowToCol;
}

const byRowThenCol = (a: Edge, b: Edge) => a.row - b.row || a.col - b.col;

/** Union-find root with path halving. */
function root(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

/**
 * The matching of greatest total score among edges scoring at least `threshold` (and more
 * than 0): pairs under the threshold are never matched, as TrackEval zeroes them before
 * `linear_sum_assignment` and drops zero pairs after. Sorted by row.
 *
 * Issue 17's speed: HOTA weighs every overlapping pair, so on a crowded frame chains of
 * faint pairs join up to 160 objects into one component (O(n³) each), while nearly every
 * object sits in a pair that outweighs its rivals. So the pairs that every best matching
 * contains are found first (`forcedPairs`, linear); a component they settle entirely (each
 * of its pairs shares a row or column with one of them) has exactly one best matching, the
 * one the Hungarian algorithm would return, and is not solved. Any other component is
 * solved whole as before, so ties go the same way they always did.
 */
export function maxScoreMatching<E extends Edge>(edges: readonly E[], threshold: number): E[] {
  const kept = edges.filter((e) => e.score > 0 && e.score >= threshold - EPS);
  if (kept.length === 0) return [];
  let rows = 0;
  let cols = 0;
  let sorted = true;
  for (let i = 0; i < kept.length; i++) {
    const e = kept[i]!;
    if (e.row >= rows) rows = e.row + 1;
    if (e.col >= cols) cols = e.col + 1;
    if (i > 0 && byRowThenCol(kept[i - 1]!, e) > 0) sorted = false;
  }
  // A frame's pairs come in this order already: no need to sort them again.
  if (!sorted) kept.sort(byRowThenCol);
  const forced: E[] = [];
  const rest = forcedPairs(kept, rows, cols, forced);
  if (rest.length === 0) return forced.sort(byRowThenCol);

  const parent = new Int32Array(rows + cols).map((_, i) => i);
  for (const e of kept) {
    const a = root(parent, e.row);
    const b = root(parent, rows + e.col);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  // A component with a pair left over may have several best matchings: it is solved whole,
  // as it always was, so that ties go the same way. The others are their forced pairs.
  const unsettled = new Uint8Array(rows + cols);
  for (const e of rest) unsettled[root(parent, e.row)] = 1;
  const result = forced.filter((e) => !unsettled[root(parent, e.row)]);
  const components = new Map<number, E[]>();
  for (const e of kept) {
    const r = root(parent, e.row);
    if (!unsettled[r]) continue;
    const list = components.get(r);
    if (list) list.push(e);
    else components.set(r, [e]);
  }
  for (const component of components.values()) result.push(...solveComponent(component));
  return result.sort(byRowThenCol);
}

/**
 * Moves to `out` every pair (r, c) whose score beats the best other pair of r and the best
 * other pair of c together: s(r, c) > max s(r, ·≠c) + max s(·≠r, c). Any matching without it
 * gains by dropping r's and c's pairs (losing at most that sum) and taking (r, c), so every
 * best matching has it, and the rest is the best matching of what remains once r and c and
 * their pairs are gone. Repeated until no pair is forced; returns what remains (row, column
 * order kept). A margin of 1e-9 × s keeps near ties (within rounding) for the Hungarian.
 */
function forcedPairs<E extends Edge>(
  edges: readonly E[],
  rows: number,
  cols: number,
  out: E[],
): readonly E[] {
  const rowBest = new Float64Array(rows);
  const rowSecond = new Float64Array(rows);
  const rowBestCol = new Int32Array(rows);
  const colBest = new Float64Array(cols);
  const colSecond = new Float64Array(cols);
  const colBestRow = new Int32Array(cols);
  const taken = new Uint8Array(rows + cols);
  let rest = edges;
  for (;;) {
    rowBest.fill(0);
    rowSecond.fill(0);
    rowBestCol.fill(-1);
    colBest.fill(0);
    colSecond.fill(0);
    colBestRow.fill(-1);
    for (const { row, col, score } of rest) {
      if (score > rowBest[row]!) {
        rowSecond[row] = rowBest[row]!;
        rowBest[row] = score;
        rowBestCol[row] = col;
      } else if (score > rowSecond[row]!) rowSecond[row] = score;
      if (score > colBest[col]!) {
        colSecond[col] = colBest[col]!;
        colBest[col] = score;
        colBestRow[col] = row;
      } else if (score > colSecond[col]!) colSecond[col] = score;
    }
    let forced = 0;
    for (const e of rest) {
      const rival =
        (rowBestCol[e.row] === e.col ? rowSecond[e.row]! : rowBest[e.row]!) +
        (colBestRow[e.col] === e.row ? colSecond[e.col]! : colBest[e.col]!);
      if (e.score - rival > 1e-9 * e.score) {
        out.push(e);
        taken[e.row] = 1;
        taken[rows + e.col] = 1;
        forced++;
      }
    }
    if (forced === 0) return rest;
    rest = rest.filter((e) => !taken[e.row] && !taken[rows + e.col]);
    if (rest.length === 0) return rest;
  }
}

/** One connected component on a dense matrix (0 where no edge: such a pair is dropped). */
function solveComponent<E extends Edge>(edges: readonly E[]): E[] {
  if (edges.length === 1) return [edges[0]!];
  const rowIds = [...new Set(edges.map((e) => e.row))].sort((a, b) => a - b);
  const colIds = [...new Set(edges.map((e) => e.col))].sort((a, b) => a - b);
  const transpose = rowIds.length > colIds.length;
  const [n, m] = transpose ? [colIds.length, rowIds.length] : [rowIds.length, colIds.length];
  const rowAt = new Map(rowIds.map((id, i) => [id, i]));
  const colAt = new Map(colIds.map((id, i) => [id, i]));
  const cost = new Float64Array(n * m);
  const edgeAt = new Map<number, E>();
  for (const e of edges) {
    const [i, j] = transpose
      ? [colAt.get(e.col)!, rowAt.get(e.row)!]
      : [rowAt.get(e.row)!, colAt.get(e.col)!];
    cost[i * m + j] = -e.score;
    edgeAt.set(i * m + j, e);
  }
  const assigned = hungarianMin(cost, n, m);
  const out: E[] = [];
  assigned.forEach((j, i) => {
    const e = j >= 0 ? edgeAt.get(i * m + j) : undefined;
    if (e) out.push(e);
  });
  return out;
}

/** The same on a dense score matrix (rows × columns), for callers and tests that have one. */
export function maxScoreAssignment(
  score: readonly (readonly number[])[],
  threshold: number,
): Edge[] {
  const edges: Edge[] = [];
  score.forEach((row, i) => row.forEach((s, j) => edges.push({ row: i, col: j, score: s })));
  return maxScoreMatching(edges, threshold);
}
