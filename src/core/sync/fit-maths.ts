/**
 * The arithmetic of fitting one video's clock to the case timeline from its anchors, apart
 * from the words (fit.ts): a weighted straight line t_case = rate × t_video + offset with its
 * standard errors, the same with the rate held at 1, and whether any plausible clock fits
 * every anchor within its tolerance.
 */

/** One anchor seen from the video being fitted: its frame's time and the instant's t_case. */
export interface Observation {
  /** Position of the anchor in the case's list (for the words). */
  readonly index: number;
  readonly id: string;
  /** t_video of this video's frame. */
  readonly x: number;
  /** The placed video at the anchor's other end, and its frame's t_video there. */
  readonly parent: number;
  readonly t: number;
  /** t_case of the other video's frame, through that video's mapping. */
  readonly y: number;
  /** Variance of y − rate × x from the two frames' ±½ intervals alone (s²). */
  readonly frameVariance: number;
  /** frameVariance plus the other video's mapping's variance at t: weights the anchor (s²). */
  readonly variance: number;
  /** The residual beyond which the anchor disagrees: max(3 sd, one frame interval) (s). */
  readonly tolerance: number;
}

/** A fitted mapping with its covariance (rate, offset). */
export interface LineFit {
  readonly rate: number;
  readonly offset: number;
  readonly varRate: number;
  readonly varOffset: number;
  readonly covRateOffset: number;
  /** Σ (residual / sd)². */
  readonly chi2: number;
}

/**
 * Weighted least squares (weights 1 / variance) of y = rate × x + offset, x centred on its
 * weighted mean for accuracy. Null when the x values do not spread (every anchor on one
 * instant of this video).
 *
 * Covariance: the estimate is linear in the y's, (rate, offset) = Σ a_i y_i, so it is
 * Σ a_i a_iᵀ × (frame variance of i) plus, for each placed video the anchors lead to, G C Gᵀ
 * with C that video's own covariance and G = Σ_(its anchors) a_i [t_i, 1]: its mapping's
 * error moves all its anchors together, which averaging over them does not reduce. The frame
 * part is scaled up by χ² / (n − 2) when the anchors scatter more than their frames allow
 * (never down: two anchors fit any line exactly, which is no evidence of precision).
 */
export function weightedLine(
  obs: readonly Observation[],
  parents: ReadonlyMap<number, LineFit>,
): LineFit | null {
  let sw = 0;
  let swx = 0;
  let swy = 0;
  for (const o of obs) {
    const w = 1 / o.variance;
    sw += w;
    swx += w * o.x;
    swy += w * o.y;
  }
  const mx = swx / sw;
  const my = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (const o of obs) {
    const w = 1 / o.variance;
    sxx += w * (o.x - mx) ** 2;
    sxy += w * (o.x - mx) * (o.y - my);
  }
  if (!(sxx > 0) || !Number.isFinite(sxx)) return null;
  const rate = sxy / sxx;
  const offset = my - rate * mx;
  // a_i for the rate, and for the offset = ȳ − rate × x̄.
  const gains = obs.map((o) => {
    const w = 1 / o.variance;
    const aRate = (w * (o.x - mx)) / sxx;
    return [aRate, w / sw - mx * aRate] as const;
  });
  const chi2 = chiSquared(obs, rate, offset);
  const scale = obs.length > 2 ? Math.max(1, chi2 / (obs.length - 2)) : 1;
  return { rate, offset, ...covariance(obs, gains, scale, parents), chi2 };
}

/** The weighted mean offset with the rate held at 1 (covariance as weightedLine). */
export function weightedOffset(
  obs: readonly Observation[],
  parents: ReadonlyMap<number, LineFit>,
): LineFit {
  let sw = 0;
  let swd = 0;
  for (const o of obs) {
    sw += 1 / o.variance;
    swd += (o.y - o.x) / o.variance;
  }
  const offset = swd / sw;
  const gains = obs.map((o) => [0, 1 / o.variance / sw] as const);
  const chi2 = chiSquared(obs, 1, offset);
  const scale = obs.length > 1 ? Math.max(1, chi2 / (obs.length - 1)) : 1;
  return { rate: 1, offset, ...covariance(obs, gains, scale, parents), chi2 };
}

type Gain = readonly [rate: number, offset: number];

function covariance(
  obs: readonly Observation[],
  gains: readonly Gain[],
  scale: number,
  parents: ReadonlyMap<number, LineFit>,
): Pick<LineFit, 'varRate' | 'varOffset' | 'covRateOffset'> {
  let rr = 0;
  let oo = 0;
  let ro = 0;
  const g = new Map<number, [number, number, number, number]>();
  obs.forEach((o, i) => {
    const [ar, ao] = gains[i]!;
    rr += ar * ar * o.frameVariance * scale;
    oo += ao * ao * o.frameVariance * scale;
    ro += ar * ao * o.frameVariance * scale;
    const m = g.get(o.parent) ?? [0, 0, 0, 0];
    // G = Σ a_i [t_i, 1]: rows (rate, offset), columns (parent rate, parent offset).
    g.set(o.parent, [m[0] + ar * o.t, m[1] + ar, m[2] + ao * o.t, m[3] + ao]);
  });
  for (const [p, [g00, g01, g10, g11]] of g) {
    const c = parents.get(p);
    if (!c) continue;
    const [c00, c01, c11] = [c.varRate, c.covRateOffset, c.varOffset];
    // G C Gᵀ for the 2 × 2 matrices.
    const row = (x: number, y: number) => [x * c00 + y * c01, x * c01 + y * c11] as const;
    const [r0, r1] = [row(g00, g01), row(g10, g11)];
    rr += r0[0] * g00 + r0[1] * g01;
    oo += r1[0] * g10 + r1[1] * g11;
    ro += r0[0] * g10 + r0[1] * g11;
  }
  return { varRate: rr, varOffset: oo, covRateOffset: ro };
}

function chiSquared(obs: readonly Observation[], rate: number, offset: number): number {
  let chi2 = 0;
  for (const o of obs) chi2 += (o.y - rate * o.x - offset) ** 2 / o.variance;
  return chi2;
}

/** t_case of t_video `t` through a mapping. */
export const caseTime = (line: LineFit, t: number): number => line.rate * t + line.offset;

/** Variance of rate × t + offset from the mapping's own covariance. */
export const mappingVariance = (line: LineFit, t: number): number =>
  t * t * line.varRate + 2 * t * line.covRateOffset + line.varOffset;

/** The largest |rate − 1| a camera clock plausibly has: real drift is ppm, 2 % is a blunder. */
export const MAX_RATE_DEVIATION = 0.02;

/**
 * Whether some clock with |rate − 1| ≤ maxDeviation and some offset put every anchor within
 * its tolerance. For a fixed rate the offsets each anchor allows are an interval; they have
 * a common point when the largest lower end is at most the smallest upper end. That gap is
 * convex in the rate (a maximum of linear functions minus a minimum of them), so a ternary
 * search over the rate finds its least value.
 */
export function plausibleClockFits(
  obs: readonly Observation[],
  maxDeviation = MAX_RATE_DEVIATION,
): boolean {
  if (obs.length < 2) return true;
  const gap = (rate: number) => {
    let lo = -Infinity;
    let hi = Infinity;
    for (const o of obs) {
      const d = o.y - rate * o.x;
      lo = Math.max(lo, d - o.tolerance);
      hi = Math.min(hi, d + o.tolerance);
    }
    return lo - hi;
  };
  let a = 1 - maxDeviation;
  let b = 1 + maxDeviation;
  for (let i = 0; i < 100; i++) {
    const m1 = a + (b - a) / 3;
    const m2 = b - (b - a) / 3;
    if (gap(m1) <= gap(m2)) b = m2;
    else a = m1;
  }
  return Math.min(gap(a), gap(b), gap(1 - maxDeviation), gap(1 + maxDeviation)) <= 1e-12;
}
