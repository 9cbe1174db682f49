import {
  caseTime,
  plausibleClockFits,
  weightedLine,
  weightedOffset,
  type LineFit,
  type Observation,
} from './fit-maths';
import {
  describeSeconds,
  outlierText,
  pairText,
  setText,
  type Labels,
  type SyncProblem,
} from './fit-words';

/**
 * One video's mapping from the anchors that tie it to videos already placed (fit.ts places
 * them breadth-first): rate and offset when the anchors measure the rate to 1 %, else the
 * offset alone with the rate taken as 1; and, when no plausible clock fits them all, which
 * anchors are to blame, in words.
 */

/** Rates are measured only when the anchors pin them to 1 % (1 sd); else rate 1 is assumed. */
const RATE_SD_LIMIT = 0.01;

/** RMS of the residuals (ms); null under two anchors (one fits exactly). */
export function rmseOf(obs: readonly Observation[], line: LineFit): number | null {
  if (obs.length < 2) return null;
  const sum = obs.reduce((s, o) => s + (o.y - caseTime(line, o.x)) ** 2, 0);
  return Math.sqrt(sum / obs.length) * 1000;
}

/** Rate and offset from a video's anchors, or its offset alone, with words on which. */
export function fitVideo(
  obs: readonly Observation[],
  placed: ReadonlyMap<number, LineFit>,
  name: string,
): { line: LineFit; state: 'synced' | 'offset-only'; note: string | null } {
  if (obs.length === 1) {
    return {
      line: weightedOffset(obs, placed),
      state: 'offset-only',
      note: `One anchor places ${name}: its offset only, its clock taken to run at the reference's rate. A second anchor far from the first measures the rate.`,
    };
  }
  const line = weightedLine(obs, placed);
  if (line && Math.sqrt(line.varRate) <= RATE_SD_LIMIT)
    return { line, state: 'synced', note: null };
  const xs = obs.map((o) => o.x);
  const span = Math.max(...xs) - Math.min(...xs);
  return {
    line: weightedOffset(obs, placed),
    state: 'offset-only',
    note: `The anchors of ${name} are too close in time (${describeSeconds(span)} apart) to measure its clock rate; the reference's rate is taken and their offsets averaged.`,
  };
}

/** The anchors of one video that no plausible clock fits, named (see plausibleClockFits). */
export function disagreements(
  obs: readonly Observation[],
  v: number,
  placed: ReadonlyMap<number, LineFit>,
  labels: Labels,
): SyncProblem[] {
  if (plausibleClockFits(obs)) return [];
  const name = labels.video(v);
  if (obs.length === 2) {
    const [p, q] = [...obs].sort((m, n) => m.x - n.x) as [Observation, Observation];
    const [first, second] = p.index < q.index ? [p, q] : [q, p];
    const dx = q.x - p.x;
    const text = pairText(
      labels.anchor(first.index, true),
      labels.anchor(second.index, false),
      name,
      dx <= p.tolerance + q.tolerance,
      dx,
      q.y - p.y,
    );
    return [{ key: `pair:${[p.id, q.id].sort().join(',')}`, text }];
  }
  // Three or more: the one anchor whose removal leaves the rest agreeing and which lies
  // furthest (in its own tolerances) from the line the rest give.
  let culprit: { o: Observation; miss: number } | null = null;
  for (const o of obs) {
    const rest = obs.filter((r) => r !== o);
    if (!plausibleClockFits(rest)) continue;
    const miss = Math.abs(o.y - caseTime(fitVideo(rest, placed, name).line, o.x));
    const worse = !culprit || miss / o.tolerance > culprit.miss / culprit.o.tolerance;
    if (miss > o.tolerance && worse) culprit = { o, miss };
  }
  if (!culprit) {
    const ids = obs.map((o) => o.id).sort();
    const text = setText(
      name,
      obs.map((o) => labels.anchor(o.index, false)),
    );
    return [{ key: `set:${ids.join(',')}`, text }];
  }
  const { o, miss } = culprit;
  const text = outlierText(labels.anchor(o.index, true), name, miss, Math.sqrt(o.variance));
  return [{ key: `outlier:${o.id}`, text }];
}
