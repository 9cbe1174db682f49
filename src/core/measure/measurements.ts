import { fitHomography, type ReferencePoint } from './homography';
import { project, type Mat3, type Vec2 } from './matrix';
import type { RandomSource } from './random';
import { estimateMany, type Estimate, type MonteCarloSettings } from './uncertainty';

/**
 * Measurements on the ground plane, each with a 95 % interval by Monte Carlo (uncertainty.ts):
 * every draw perturbs the reference points (image by the point uncertainty, world by the
 * world uncertainty, both as one standard deviation per axis), refits the homography, perturbs
 * each measured position by the position uncertainty, and, where asked, the start and end
 * times by up to ±½ frame interval (an event that falls between two frames).
 * Times come from the frames' pts (seconds), never from a nominal frame rate.
 */

export interface CalibrationInput {
  readonly points: readonly ReferencePoint[];
  /** One standard deviation of a clicked reference pixel, per axis (px). */
  readonly pointSigmaPx: number;
  /** One standard deviation of a surveyed world position, per axis (m). */
  readonly worldSigmaM: number;
}

export interface MeasureContext {
  readonly calibration: CalibrationInput;
  /** One standard deviation of a person's placing of an object's ground point (px). */
  readonly positionSigmaPx: number;
  readonly monteCarlo: MonteCarloSettings;
}

/** An object's ground point on one frame, where a person drew or confirmed it. */
export interface PositionSample {
  readonly frame: number;
  /** From the frame's pts. */
  readonly seconds: number;
  readonly image: Vec2;
}

const MS_TO_KMH = 3.6;

/** One Monte Carlo draw's homography and a way to perturb a pixel (or the truth, unperturbed). */
function drawWorld(context: MeasureContext, random: RandomSource | null) {
  const { calibration } = context;
  const jitter = (p: Vec2, sigma: number): Vec2 =>
    random ? { x: p.x + sigma * random.normal(), y: p.y + sigma * random.normal() } : p;
  const points = calibration.points.map((p) => ({
    image: jitter(p.image, calibration.pointSigmaPx),
    world: jitter(p.world, calibration.worldSigmaM),
  }));
  let h: Mat3;
  try {
    h = fitHomography(points).imageToWorld;
  } catch {
    return null;
  }
  return {
    ground: (image: Vec2) => project(h, jitter(image, context.positionSigmaPx)),
    /** Uniform within ±half of `seconds` (0 when unperturbed). */
    timing: (halfWindow: number) => (random ? (random.uniform() * 2 - 1) * halfWindow : 0),
  };
}

const metres = (a: Vec2, b: Vec2) => Math.hypot(a.x - b.x, a.y - b.y);

function groundPath(world: ReturnType<typeof drawWorld>, samples: readonly PositionSample[]) {
  if (!world) return null;
  const points = samples.map((s) => world.ground(s.image));
  return points.every((p): p is Vec2 => p !== null) ? points : null;
}

/** The distance between two ground points on one frame (m). */
export function distanceBetween(context: MeasureContext, a: Vec2, b: Vec2): Estimate {
  return estimateMany(context.monteCarlo, 1, (random) => {
    const world = drawWorld(context, random);
    const [p, q] = [world?.ground(a), world?.ground(b)];
    return p && q ? [metres(p, q)] : null;
  })[0]!;
}

export interface TrackMotion {
  /** Straight-line distance from the first to the last position (m). */
  readonly displacement: Estimate;
  /** Sum of the distances between consecutive positions (m). */
  readonly path: Estimate;
  /** Path length over the time between the first and last positions (km/h). */
  readonly speed: Estimate;
  /** Speed over each interval between consecutive positions (km/h). */
  readonly intervals: readonly {
    readonly fromFrame: number;
    readonly toFrame: number;
    readonly speed: Estimate;
  }[];
}

/**
 * How a track moved over its measured positions (at least two, in frame order).
 * `halfFrameSeconds`: when the start and end are events that fall between frames, half the
 * frame interval, added as a uniform timing uncertainty; 0 when the frames are the events.
 */
export function trackMotion(
  context: MeasureContext,
  samples: readonly PositionSample[],
  halfFrameSeconds = 0,
): TrackMotion {
  if (samples.length < 2) {
    throw new Error('A movement needs at least two measured positions of the object.');
  }
  const first = samples[0]!;
  const last = samples.at(-1)!;
  if (!(last.seconds > first.seconds)) {
    throw new Error('The positions must be on frames at different times.');
  }
  const results = estimateMany(context.monteCarlo, 3 + samples.length - 1, (random) => {
    const world = drawWorld(context, random);
    const path = groundPath(world, samples);
    if (!world || !path) return null;
    const steps = path.slice(1).map((p, i) => metres(path[i]!, p));
    const length = steps.reduce((t, s) => t + s, 0);
    const elapsed =
      last.seconds +
      world.timing(halfFrameSeconds) -
      (first.seconds + world.timing(halfFrameSeconds));
    if (!(elapsed > 0)) return null;
    const intervalSpeeds = steps.map(
      (s, i) => (s / (samples[i + 1]!.seconds - samples[i]!.seconds)) * MS_TO_KMH,
    );
    return [
      metres(path[0]!, path.at(-1)!),
      length,
      (length / elapsed) * MS_TO_KMH,
      ...intervalSpeeds,
    ];
  });
  return {
    displacement: results[0]!,
    path: results[1]!,
    speed: results[2]!,
    intervals: samples.slice(1).map((s, i) => ({
      fromFrame: samples[i]!.frame,
      toFrame: s.frame,
      speed: results[3 + i]!,
    })),
  };
}

export interface SeparationAt {
  readonly frame: number;
  readonly seconds: number;
  readonly distance: Estimate;
}

/** The distance between two objects on every frame where both have a measured position (m). */
export function separation(
  context: MeasureContext,
  a: readonly PositionSample[],
  b: readonly PositionSample[],
): SeparationAt[] {
  const onB = new Map(b.map((s) => [s.frame, s]));
  const pairs = a.filter((s) => onB.has(s.frame)).map((s) => [s, onB.get(s.frame)!] as const);
  if (pairs.length === 0) {
    throw new Error('The two objects have no frame on which both positions were drawn.');
  }
  const results = estimateMany(context.monteCarlo, pairs.length, (random) => {
    const world = drawWorld(context, random);
    if (!world) return null;
    const out: number[] = [];
    for (const [p, q] of pairs) {
      const [gp, gq] = [world.ground(p.image), world.ground(q.image)];
      if (!gp || !gq) return null;
      out.push(metres(gp, gq));
    }
    return out;
  });
  return pairs.map(([p], i) => ({ frame: p.frame, seconds: p.seconds, distance: results[i]! }));
}

export interface TogetherSpan {
  readonly fromFrame: number;
  readonly toFrame: number;
  readonly seconds: number;
  /** How far the first object travelled over the span (m, path length). */
  readonly travelled: Estimate;
}

/**
 * "Moved together": the spans of consecutive shared frames where the two objects stayed within
 * `toleranceM` of each other while each moved at least `minStepM` from one shared frame to the
 * next. The spans are found on the central values; each span's travelled distance carries its
 * interval.
 */
export function movedTogether(
  context: MeasureContext,
  a: readonly PositionSample[],
  b: readonly PositionSample[],
  toleranceM: number,
  minStepM = 0.1,
): TogetherSpan[] {
  const apart = separation(context, a, b);
  const onA = new Map(a.map((s) => [s.frame, s]));
  const onB = new Map(b.map((s) => [s.frame, s]));
  const central = drawWorld(context, null);
  if (!central) throw new Error('The calibration cannot be fitted.');
  const ground = (s: PositionSample) => central.ground(s.image)!;
  const spans: TogetherSpan[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && end > start) {
      const frames = apart.slice(start, end + 1).map((s) => onA.get(s.frame)!);
      spans.push({
        fromFrame: frames[0]!.frame,
        toFrame: frames.at(-1)!.frame,
        seconds: frames.at(-1)!.seconds - frames[0]!.seconds,
        travelled: trackMotion(context, frames).path,
      });
    }
    start = -1;
  };
  for (let i = 1; i < apart.length; i++) {
    const [before, now] = [apart[i - 1]!, apart[i]!];
    const moved = (track: Map<number, PositionSample>) =>
      metres(ground(track.get(before.frame)!), ground(track.get(now.frame)!)) >= minStepM;
    const together =
      before.distance.value <= toleranceM &&
      now.distance.value <= toleranceM &&
      moved(onA) &&
      moved(onB);
    if (together && start < 0) start = i - 1;
    if (!together) close(i - 1);
  }
  close(apart.length - 1);
  return spans;
}
