import type { FrameIndex, Pts, TrackId } from '../ids';
import type { Evidence, Label, Track } from '../annotations/model';
import { uprightSize } from '../annotations/shapes';
import { trackTitle } from '../annotations/tracks';
import { ptsToSeconds } from '../time/time-base';
import { distortionFor, undistort, type Distortion } from './distortion';
import {
  describeAnchor,
  groundAnchorOf,
  groundPointOf,
  isDefaultAnchor,
  isMeasuredKeyframe,
} from './ground-point';
import { fitHomography, MIN_POINTS } from './homography';
import type { Vec2 } from './matrix';
import {
  distanceBetween,
  movedTogether,
  separation,
  trackMotion,
  type MeasureContext,
  type PositionSample,
} from './measurements';
import type { Measurement, MeasurementKind, SceneCalibration } from './records';
import type { Estimate } from './uncertainty';
import { trackedInputsText } from './tracked-inputs';

/**
 * A measurement's result, computed from its stored inputs, the set's calibration and the
 * tracks as they stand: never stored as truth, recomputed whenever it is shown or exported.
 */

export type MeasurementUnit = 'm' | 'km/h';

export interface SeriesPoint {
  /** The frame the value belongs to (a speed: the interval's last frame). */
  readonly frame: number;
  readonly fromFrame: number;
  readonly seconds: number;
  readonly value: number;
  readonly interval95: readonly [number, number];
}

export interface SpanTogether {
  readonly fromFrame: number;
  readonly toFrame: number;
  readonly seconds: number;
  /** How far the first object travelled over the span (m). */
  readonly travelled: Estimate;
}

export interface MeasurementResult {
  readonly kind: MeasurementKind;
  readonly value: number;
  readonly interval95: readonly [number, number];
  readonly unit: MeasurementUnit;
  /** The frames whose drawn positions the result rests on, ascending. */
  readonly frames: readonly number[];
  readonly trackIds: readonly TrackId[];
  /** The method in plain words, for the report and the export. */
  readonly method: string;
  readonly failedDraws: number;
  /** Speed per keyframe interval (km/h), or the separation on every shared frame (m). */
  readonly series: readonly SeriesPoint[];
  /** Spans where two objects moved together (a separation with a tolerance). */
  readonly together: readonly SpanTogether[];
}

/** Why a measurement cannot be computed, in words an examiner can act on. */
export class MeasurementError extends Error {}

export interface MeasureSources {
  readonly calibration: SceneCalibration | null;
  readonly tracks: ReadonlyMap<TrackId, Track>;
  readonly labels: readonly Label[];
  readonly evidence: Pick<Evidence, 'width' | 'height' | 'rotation' | 'timeBase'>;
  /**
   * A frame's pts from the frame table (null where not known): a keyframe's own pts is used
   * where it has none. Without it, times come from the keyframes' pts alone.
   */
  readonly framePts: ((frame: number) => number | null) | null;
}

/** The calibration's lens distortion on this evidence's frames; null when not corrected. */
export function distortionOf(
  calibration: SceneCalibration,
  evidence: MeasureSources['evidence'],
): Distortion | null {
  if (calibration.distortionK === null || calibration.distortionK === 0) return null;
  const { width, height } = uprightSize(evidence);
  return distortionFor(calibration.distortionK, width, height);
}

/** What measurements.ts works from: the points undistorted where a distortion is set. */
function contextOf(
  measurement: Measurement,
  sources: MeasureSources,
): { context: MeasureContext; straighten: (p: Vec2) => Vec2 } {
  const calibration = sources.calibration;
  if (!calibration) {
    throw new MeasurementError(
      'This video has no scene calibration yet: calibrate the scene before measuring.',
    );
  }
  if (calibration.points.length < MIN_POINTS) {
    throw new MeasurementError(
      `The scene calibration has ${calibration.points.length} reference points; it needs at least ${MIN_POINTS}.`,
    );
  }
  const distortion = distortionOf(calibration, sources.evidence);
  const straighten = (p: Vec2) => (distortion ? undistort(distortion, p) : p);
  const points = calibration.points.map((p) => ({ image: straighten(p.image), world: p.world }));
  try {
    fitHomography(points);
  } catch (error) {
    // CalibrationError says in words what is wrong with the points (collinear, folded…).
    throw new MeasurementError(
      `The scene calibration cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    straighten,
    context: {
      calibration: {
        points,
        pointSigmaPx: calibration.pointSigmaPx,
        worldSigmaM: calibration.worldSigmaM,
      },
      positionSigmaPx: calibration.positionSigmaPx,
      monteCarlo: measurement.monteCarlo,
    },
  };
}

/** The seconds of a frame from its pts (frame table first, then the keyframe's own anchor). */
function secondsOf(sources: MeasureSources, frame: FrameIndex, keyframePts: Pts | null): number {
  const p = (sources.framePts?.(frame) as Pts | null | undefined) ?? keyframePts;
  if (p === null || p === undefined) {
    throw new MeasurementError(`Frame ${frame} has no timestamp, so no time can be measured.`);
  }
  return ptsToSeconds(p, sources.evidence.timeBase);
}

function trackById(sources: MeasureSources, id: TrackId): Track {
  const track = sources.tracks.get(id);
  if (!track) throw new MeasurementError('An object this measurement uses no longer exists.');
  return track;
}

/** A track's measured ground points from `from` to `to` (inclusive), in frame order. */
function samplesOf(
  sources: MeasureSources,
  track: Track,
  from: number,
  to: number,
  straighten: (p: Vec2) => Vec2,
): PositionSample[] {
  const title = trackTitle(sources.labels, track);
  const samples: PositionSample[] = [];
  const anchor = groundAnchorOf(sources.calibration, track);
  for (const k of track.keyframes) {
    if (k.frame < from || k.frame > to || !isMeasuredKeyframe(k)) continue;
    const ground = groundPointOf(k.shape, anchor);
    if (!ground) throw new MeasurementError(`${title} has no ground point (a text callout).`);
    samples.push({
      frame: k.frame,
      seconds: secondsOf(sources, k.frame, k.pts),
      image: straighten(ground),
    });
  }
  if (samples.length === 0) {
    throw new MeasurementError(
      `${title} has no drawn position from frame ${from} to frame ${to}: draw or confirm it on the frames to measure.`,
    );
  }
  return samples;
}

function needTwo(
  sources: MeasureSources,
  track: Track,
  samples: PositionSample[],
  from: number,
  to: number,
) {
  if (samples.length < 2) {
    throw new MeasurementError(
      `${trackTitle(sources.labels, track)} has only one drawn position from frame ${from} to frame ${to} (frame ${samples[0]!.frame}); a movement needs two.`,
    );
  }
}

const asResult = (
  base: Omit<MeasurementResult, 'value' | 'interval95' | 'failedDraws'>,
  estimate: Estimate,
): MeasurementResult => ({
  ...base,
  value: estimate.value,
  interval95: estimate.interval95,
  failedDraws: estimate.failedDraws,
});

function describeUncertainty(measurement: Measurement, calibration: SceneCalibration): string {
  const { seed, samples } = measurement.monteCarlo;
  const distortion =
    calibration.distortionK === null || calibration.distortionK === 0
      ? 'Lens distortion was not corrected.'
      : `Lens distortion was corrected first (division model, k = ${calibration.distortionK}).`;
  return (
    `Ground positions are the drawn shapes' ground points mapped through the homography fitted to ${calibration.points.length} reference points. ` +
    `${distortion} The 95 % interval is from ${samples} Monte Carlo draws (seed ${seed}) perturbing the reference points ` +
    `(± ${calibration.pointSigmaPx} px, ± ${calibration.worldSigmaM} m) and the drawn positions (± ${calibration.positionSigmaPx} px), one standard deviation each, the homography refitted each time.`
  );
}

/** Where the examiner moved an object's ground point off its default, in words; '' if nowhere. */
function describeAnchors(measurement: Measurement, sources: MeasureSources): string {
  return measurement.trackIds
    .map((id) => sources.tracks.get(id))
    .filter((t): t is Track => t !== undefined)
    .map((track) => ({ track, anchor: groundAnchorOf(sources.calibration, track) }))
    .filter(({ anchor }) => !isDefaultAnchor(anchor))
    .map(
      ({ track, anchor }) =>
        ` The ground point of ${trackTitle(sources.labels, track)} was set by the examiner at ${describeAnchor(anchor)} (not its bottom centre).`,
    )
    .join('');
}

/** The tracked positions the measurement used (confirmed) and left out, in words; '' if none. */
function describeTracked(
  measurement: Measurement,
  sources: MeasureSources,
  frames: readonly number[],
): string {
  // A ruler's two points are marked on the frame: no track position is used.
  if (measurement.kind === 'distance' && measurement.imagePoints.length === 2) return '';
  const tracks = measurement.trackIds.flatMap((id) => sources.tracks.get(id) ?? []);
  const from = measurement.kind === 'distance' ? measurement.frame! : measurement.fromFrame!;
  const to = measurement.kind === 'distance' ? measurement.frame! : measurement.toFrame!;
  return trackedInputsText(tracks, frames, from, to);
}

/**
 * The measurement's result. Throws MeasurementError, in plain words, when it cannot be computed
 * (no calibration, too few points, an object with no drawn position in the range…); errors of
 * the maths itself (a calibration that cannot be fitted) come through as their own messages.
 */
export function computeMeasurement(
  measurement: Measurement,
  sources: MeasureSources,
): MeasurementResult {
  const { context, straighten } = contextOf(measurement, sources);
  const anchors = describeAnchors(measurement, sources);
  const method = (what: string) =>
    `${what} ${describeUncertainty(measurement, sources.calibration!)}${anchors}`;
  try {
    const result = computeKind(measurement, sources, context, straighten, method);
    const tracked = describeTracked(measurement, sources, result.frames);
    return tracked ? { ...result, method: `${result.method} ${tracked}` } : result;
  } catch (error) {
    if (error instanceof MeasurementError) throw error;
    throw new MeasurementError(error instanceof Error ? error.message : String(error));
  }
}

function computeKind(
  measurement: Measurement,
  sources: MeasureSources,
  context: MeasureContext,
  straighten: (p: Vec2) => Vec2,
  method: (what: string) => string,
): MeasurementResult {
  const trackIds = measurement.trackIds;
  const base = { kind: measurement.kind, trackIds, series: [], together: [] };
  if (measurement.kind === 'distance') {
    const frame = measurement.frame!;
    if (measurement.imagePoints.length === 2) {
      const [a, b] = measurement.imagePoints.map((p) => straighten(p)) as [Vec2, Vec2];
      return asResult(
        {
          ...base,
          unit: 'm',
          frames: [frame],
          method: method(`Distance on the ground between two points marked on frame ${frame}.`),
        },
        distanceBetween(context, a, b),
      );
    }
    const [a, b] = trackIds.map((id) => {
      const track = trackById(sources, id);
      return samplesOf(sources, track, frame, frame, straighten)[0]!.image;
    }) as [Vec2, Vec2];
    return asResult(
      {
        ...base,
        unit: 'm',
        frames: [frame],
        method: method(
          `Distance on the ground between the two objects' drawn positions on frame ${frame}.`,
        ),
      },
      distanceBetween(context, a, b),
    );
  }
  const from = measurement.fromFrame!;
  const to = measurement.toFrame!;
  if (measurement.kind === 'separation') {
    const [first, second] = trackIds.map((id) => trackById(sources, id)) as [Track, Track];
    const a = samplesOf(sources, first, from, to, straighten);
    const b = samplesOf(sources, second, from, to, straighten);
    const shared = new Set(b.map((s) => s.frame));
    if (!a.some((s) => shared.has(s.frame))) {
      throw new MeasurementError(
        `${trackTitle(sources.labels, first)} and ${trackTitle(sources.labels, second)} have no frame from ${from} to ${to} on which both positions were drawn.`,
      );
    }
    const apart = separation(context, a, b);
    const closest = apart.reduce((best, s) => (s.distance.value < best.distance.value ? s : best));
    const together =
      measurement.toleranceM === null ? [] : movedTogether(context, a, b, measurement.toleranceM);
    return asResult(
      {
        ...base,
        unit: 'm',
        frames: apart.map((s) => s.frame),
        method: method(
          `Distance on the ground between the two objects on every frame where both positions were drawn; the value is the closest (frame ${closest.frame})` +
            (measurement.toleranceM === null
              ? '.'
              : `, and "moved together" spans are where they stayed within ${measurement.toleranceM} m while both moved.`),
        ),
        series: apart.map((s) => ({
          frame: s.frame,
          fromFrame: s.frame,
          seconds: s.seconds,
          value: s.distance.value,
          interval95: s.distance.interval95,
        })),
        together,
      },
      closest.distance,
    );
  }
  const track = trackById(sources, trackIds[0]!);
  const samples = samplesOf(sources, track, from, to, straighten);
  needTwo(sources, track, samples, from, to);
  const halfFrame = measurement.halfFrameTiming ? halfFrameSeconds(sources, samples) : 0;
  const motion = trackMotion(context, samples, halfFrame);
  const frames = samples.map((s) => s.frame);
  const span = `from frame ${frames[0]} to frame ${frames.at(-1)}`;
  switch (measurement.kind) {
    case 'displacement':
      return asResult(
        {
          ...base,
          unit: 'm',
          frames,
          method: method(
            `Straight-line distance on the ground between the object's first and last drawn positions ${span}.`,
          ),
        },
        motion.displacement,
      );
    case 'path':
      return asResult(
        {
          ...base,
          unit: 'm',
          frames,
          method: method(
            `Path length on the ground: the sum of the distances between consecutive drawn positions ${span}.`,
          ),
        },
        motion.path,
      );
    case 'speed': {
      const timing = measurement.halfFrameTiming
        ? ` The start and end fall between frames: ± ${halfFrame.toFixed(4)} s (half a frame interval) was added to each.`
        : '';
      const bySeconds = new Map(samples.map((s) => [s.frame, s.seconds]));
      return asResult(
        {
          ...base,
          unit: 'km/h',
          frames,
          method: method(
            `Average speed: path length ${span} over the time between those frames, from their timestamps (pts), never the nominal frame rate.${timing}`,
          ),
          series: motion.intervals.map((i) => ({
            frame: i.toFrame,
            fromFrame: i.fromFrame,
            seconds: bySeconds.get(i.toFrame)!,
            value: i.speed.value,
            interval95: i.speed.interval95,
          })),
        },
        motion.speed,
      );
    }
  }
}

/** Half the frame interval at the start and end (the larger), from the frames' pts. */
function halfFrameSeconds(sources: MeasureSources, samples: readonly PositionSample[]): number {
  const ptsOf = (frame: number) => (frame < 0 ? null : (sources.framePts?.(frame) ?? null));
  const intervalAt = (frame: number) => {
    const [here, next, before] = [ptsOf(frame), ptsOf(frame + 1), ptsOf(frame - 1)];
    const seconds = (from: number, to: number) =>
      ptsToSeconds((to - from) as Pts, sources.evidence.timeBase);
    if (here !== null && next !== null) return seconds(here, next);
    if (here !== null && before !== null) return seconds(before, here);
    return 0;
  };
  const interval = Math.max(intervalAt(samples[0]!.frame), intervalAt(samples.at(-1)!.frame));
  if (!(interval > 0)) {
    throw new MeasurementError(
      'The frame interval at the start and end is not known (no frame table), so half a frame cannot be added.',
    );
  }
  return interval / 2;
}
