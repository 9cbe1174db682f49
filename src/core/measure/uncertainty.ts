import { seededRandom, type RandomSource } from './random';

/**
 * Uncertainty by Monte Carlo: the inputs are perturbed within their stated uncertainties, the
 * whole computation (homography refit included) is run again for each draw, and the 95 %
 * interval is the 2.5th to 97.5th percentile of the results. The central value is the result
 * of the unperturbed inputs. Seeded, so the same seed and sample count give the same interval.
 */

export interface MonteCarloSettings {
  readonly seed: number;
  readonly samples: number;
}

export const DEFAULT_MONTE_CARLO: MonteCarloSettings = { seed: 20261206, samples: 1000 };

export interface Estimate {
  readonly value: number;
  /** The 95 % interval [low, high]. */
  readonly interval95: readonly [number, number];
  /** Draws for which the computation had no result (e.g. a refit that failed), left out. */
  readonly failedDraws: number;
}

/** The q-quantile of sorted values, linearly interpolated (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

/**
 * Runs `compute` on the unperturbed inputs (random = null) and on `samples` perturbed draws;
 * `compute` returns `count` results at once (so related quantities share their draws), or
 * null where a draw has no result. More than 5 % of such draws is an error: the inputs are
 * too uncertain for an interval to mean anything.
 */
export function estimateMany(
  settings: MonteCarloSettings,
  count: number,
  compute: (random: RandomSource | null) => readonly number[] | null,
): Estimate[] {
  const values = compute(null);
  if (!values || values.length !== count || !values.every(Number.isFinite)) {
    throw new Error('The measurement cannot be computed from these inputs.');
  }
  const random = seededRandom(settings.seed);
  const draws: number[][] = values.map(() => []);
  let failedDraws = 0;
  for (let i = 0; i < settings.samples; i++) {
    const result = compute(random);
    if (!result || !result.every(Number.isFinite)) failedDraws++;
    else result.forEach((v, k) => draws[k]!.push(v));
  }
  if (failedDraws > settings.samples * 0.05) {
    throw new Error(
      `The stated uncertainties are too large for this calibration: ${failedDraws} of ${settings.samples} draws could not be computed.`,
    );
  }
  return values.map((value, k) => {
    const sorted = draws[k]!.sort((x, y) => x - y);
    return {
      value,
      interval95: [quantile(sorted, 0.025), quantile(sorted, 0.975)] as const,
      failedDraws,
    };
  });
}
