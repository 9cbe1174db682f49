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
  /** t_case of the other video's frame, through that video's mapping. */
  readonly y: number;
  /** Variance of y − rate × x from the frames' ±½ intervals and the other mapping (s²). */
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
 * weighted mean for accuracy. The covariance is the a-priori one, (XᵀWX)⁻¹, scaled up by
 * χ² / (n − 2) when the anchors scatter more than their stated uncertainty says (never
 * down: two anchors fit any line exactly, which is no evidence of precision). Null when the
 * x values do not spread (every anchor on one instant of this video).
 */
export function weightedLine(obs: readonly Observation[]): LineFit | null {
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
  const chi2 = chiSquared(obs, rate, offset);
  const scale = obs.length > 2 ? Math.max(1, chi2 / (obs.length - 2)) : 1;
  const varRate = scale / sxx;
  return {
    rate,
    offset,
    varRate,
    varOffset: scale / sw + mx * mx * varRate,
    covRateOffset: -mx * varRate,
    chi2,
  };
}

/** The weighted mean offset with the rate held at 1 (variance scaled up as weightedLine). */
export function weightedOffset(obs: readonly Observation[]): LineFit {
  let sw = 0;
  let swd = 0;
  for (const o of obs) {
    sw += 1 / o.variance;
    swd += (o.y - o.x) / o.variance;
  }
  const offset = swd / sw;
  const chi2 = chiSquared(obs, 1, offset);
  const scale = obs.length > 1 ? Math.max(1, chi2 / (obs.length - 1)) : 1;
  return { rate: 1, offset, varRate: 0, varOffset: scale / sw, covRateOffset: 0, chi2 };
}

function chiSquared(obs: readonly Observation[], rate: number, offset: number): number {
  let chi2 = 0;
  for (const o of obs) chi2 += (o.y - rate * o.x - offset) ** 2 / o.variance;
  return chi2;
}

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
