/**
 * The court report's Measurements section (issue 13), from plain inputs: the scene
 * calibration and its fit (table with residuals), the method in plain words, each measurement
 * with its 95 % interval (or why it could not be computed), the moved-together spans, the
 * charts and the plan view the UI drew, and the assumptions and limits. Every number is
 * computed here or by compute-measurement.ts, never typed.
 */
import type { Label, Track } from '../annotations/model';
import { trackTitle } from '../annotations/tracks';
import { confirmedTrackedCount } from '../measure/tracked-inputs';
import type { TrackId } from '../ids';
import { distortionOf, type MeasureSources } from '../measure/compute-measurement';
import type { MeasurementResult } from '../measure/compute-measurement';
import { undistort } from '../measure/distortion';
import { describeGroundAnchors } from '../measure/ground-point';
import { fitHomography, type HomographyFit, type ReferencePoint } from '../measure/homography';
import type { Measurement, SceneCalibration } from '../measure/records';
import type { Block, Figure, Inline } from './report-model';

/** A picture the UI drew (a chart, the plan view): PNG bytes and its pixel size. */
export interface ReportImage {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export type MeasurementOutcome =
  | { readonly ok: true; readonly result: MeasurementResult }
  | { readonly ok: false; readonly message: string };

export interface ReportMeasurement {
  readonly measurement: Measurement;
  readonly outcome: MeasurementOutcome;
  /** Its chart (speed or separation over time); null for kinds without a series. */
  readonly chart: ReportImage | null;
}

export interface MeasurementsSectionInput {
  readonly calibration: SceneCalibration | null;
  /** The video's geometry (for the distortion centre) and time base. */
  readonly evidence: MeasureSources['evidence'];
  readonly measurements: readonly ReportMeasurement[];
  /** The plan view (objects' ground positions seen from above); null when not drawn. */
  readonly planView: ReportImage | null;
  readonly tracks: ReadonlyMap<TrackId, Track>;
  readonly labels: readonly Label[];
}

/** The calibration as fitted: the image points used (distortion-corrected where set). */
export interface CalibrationFitted {
  readonly points: readonly ReferencePoint[];
  readonly fit: HomographyFit | null;
  /** Why no homography could be fitted; null when it was. */
  readonly problem: string | null;
}

export function fittedCalibration(
  calibration: SceneCalibration,
  evidence: MeasureSources['evidence'],
): CalibrationFitted {
  const distortion = distortionOf(calibration, evidence);
  const points = calibration.points.map((p) => ({
    image: distortion ? undistort(distortion, p.image) : p.image,
    world: p.world,
  }));
  try {
    return { points, fit: fitHomography(points), problem: null };
  } catch (error) {
    return {
      points,
      fit: null,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

const KIND_WORDS: Record<Measurement['kind'], string> = {
  distance: 'Distance',
  displacement: 'Displacement',
  path: 'Path length',
  speed: 'Average speed',
  separation: 'Closest separation',
};

/** The objects a measurement is of, by title ("vehicle #1"); a ruler when it has none. */
export function measurementObjects(
  measurement: Measurement,
  tracks: ReadonlyMap<TrackId, Track>,
  labels: readonly Label[],
): string {
  if (measurement.kind === 'distance' && measurement.imagePoints.length === 2) {
    return 'two points marked on the frame';
  }
  return measurement.trackIds
    .map((id) => {
      const track = tracks.get(id);
      return track ? trackTitle(labels, track) : 'a deleted object';
    })
    .join(' and ');
}

/** A measurement's title, as the report and its chart name it: "Average speed of vehicle #1". */
export function measurementTitle(
  measurement: Measurement,
  tracks: ReadonlyMap<TrackId, Track>,
  labels: readonly Label[],
): string {
  const objects = measurementObjects(measurement, tracks, labels);
  const of =
    measurement.kind === 'distance' || measurement.kind === 'separation' ? 'between' : 'of';
  return `${KIND_WORDS[measurement.kind]} ${of} ${objects}`;
}

/** Decimals a value of this unit is given to (centimetres; tenths of a km/h). */
const DECIMALS = { m: 2, 'km/h': 1 } as const;

export function formatValue(value: number, unit: MeasurementResult['unit']): string {
  return value.toFixed(DECIMALS[unit]);
}

export function formatInterval(
  interval: readonly [number, number],
  unit: MeasurementResult['unit'],
): string {
  return `${formatValue(interval[0], unit)} to ${formatValue(interval[1], unit)}`;
}

/** The frames measured, never calling a confirmed tracked position drawn. */
function framesText(
  measurement: Measurement,
  outcome: MeasurementOutcome,
  tracks: ReadonlyMap<TrackId, Track>,
): string {
  if (measurement.kind === 'distance') return String(measurement.frame);
  const span = `${measurement.fromFrame}–${measurement.toFrame}`;
  if (!outcome.ok) return span;
  const used = outcome.result.frames.length;
  const measured = measurement.trackIds.flatMap((id) => tracks.get(id) ?? []);
  const tracked = confirmedTrackedCount(measured, outcome.result.frames);
  if (tracked === 0) return `${span} (${used} drawn)`;
  return `${span} (${used} frames; ${tracked} tracked position${tracked === 1 ? '' : 's'} confirmed among them)`;
}

const mono = (text: string): Inline => ({ text, mono: true });
const heading = (level: 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
const figure = (image: ReportImage, caption: string): Figure => ({
  image: image.png,
  width: image.width,
  height: image.height,
  caption,
});

/** The Measurements section; empty when the set has neither a calibration nor measurements. */
export function measurementsBlocks(input: MeasurementsSectionInput | null): Block[] {
  if (!input || (!input.calibration && input.measurements.length === 0)) return [];
  return [
    heading(2, 'Measurements'),
    paragraph(
      'Distances and speeds on the ground, measured from the positions drawn in the video ',
      'through a calibration of the ground plane. Each value is given with its 95 % interval: ',
      'the range that holds the true value with 95 % probability, given the uncertainties stated below.',
    ),
    ...calibrationBlocks(input),
    ...methodBlocks(input.calibration),
    ...resultBlocks(input),
    ...planViewBlocks(input.planView),
    ...assumptionBlocks(input.calibration),
  ];
}

function calibrationBlocks(input: MeasurementsSectionInput): Block[] {
  const { calibration } = input;
  if (!calibration) {
    return [
      heading(3, 'Scene calibration'),
      paragraph('The scene was not calibrated, so no measurement below could be computed.'),
    ];
  }
  const fitted = fittedCalibration(calibration, input.evidence);
  const { fit } = fitted;
  const corrected = distortionOf(calibration, input.evidence) !== null;
  const rows: Inline[][] = calibration.points.map((p, i) => [
    String(i + 1),
    mono(p.image.x.toFixed(2)),
    mono(p.image.y.toFixed(2)),
    mono(p.world.x.toFixed(3)),
    mono(p.world.y.toFixed(3)),
    mono(fit ? fit.residuals[i]!.imagePx.toFixed(3) : '—'),
    mono(fit ? fit.residuals[i]!.worldM.toFixed(4) : '—'),
  ]);
  return [
    heading(3, 'Scene calibration'),
    paragraph(
      `${calibration.points.length} reference points: places on the ground whose positions `,
      'were measured on site (world, metres) and marked on the frame (image, frame pixels). ',
      'The residual of a point is how far the fitted ground plane puts it from where it was ',
      'marked: in the image (px) and on the ground (m).',
    ),
    {
      kind: 'table',
      caption: 'Reference points and residuals',
      columns: [
        'Point',
        'Image x (px)',
        'Image y (px)',
        'World x (m)',
        'World y (m)',
        'Residual (px)',
        'Residual (m)',
      ],
      rows,
    },
    {
      kind: 'facts',
      rows: [
        {
          label: 'Fit',
          value: fit
            ? `RMS residual ${fit.rmsPx.toFixed(3)} px in the image, ${fit.rmsM.toFixed(4)} m on the ground`
            : `no homography could be fitted: ${fitted.problem}`,
        },
        {
          label: 'Lens distortion',
          value: corrected
            ? `corrected before fitting (one-parameter division model, k = ${calibration.distortionK}); image positions above are as marked`
            : 'not corrected',
        },
        {
          label: 'Reference pixel',
          value: `± ${calibration.pointSigmaPx} px per axis (one standard deviation)`,
        },
        {
          label: 'Surveyed position',
          value: `± ${calibration.worldSigmaM} m per axis (one standard deviation)`,
        },
        {
          label: 'Object position',
          value: `± ${calibration.positionSigmaPx} px per axis (one standard deviation): how closely a person places an object's contact point`,
        },
        ...groundPointRows(input),
      ],
    },
  ];
}

/** The ground points the examiner moved off the bottom centre, if any. */
function groundPointRows({ calibration, tracks, labels }: MeasurementsSectionInput) {
  const set = describeGroundAnchors(calibration?.groundAnchors, tracks, labels);
  return set
    ? [{ label: 'Ground points', value: `set by the examiner (else bottom centre): ${set}` }]
    : [];
}

function methodBlocks(calibration: SceneCalibration | null): Block[] {
  if (!calibration) return [];
  const corrected = calibration.distortionK !== null && calibration.distortionK !== 0;
  return [
    heading(3, 'Method'),
    paragraph(
      'The ground is taken as a flat plane. A homography (the projective mapping from the ',
      'picture onto that plane) was fitted to the reference points by the normalised direct ',
      'linear transform, as OpenCV\u2019s findHomography does with method 0, and with more ',
      'than four points refined to minimise the error on the ground. ',
      corrected
        ? `Lens distortion was corrected first with a one-parameter division model (k = ${calibration.distortionK}). `
        : 'Lens distortion was not corrected. ',
      'An object\u2019s position is the point where its drawn shape touches the ground (the ',
      'bottom centre of a box), mapped onto the plane. Distances are straight lines on the ',
      'plane; a speed is the path length over the time between the frames\u2019 timestamps.',
    ),
    paragraph(
      'Each 95 % interval comes from a Monte Carlo run: the reference points, their surveyed ',
      'positions and every drawn position were perturbed within the uncertainties above, the ',
      'homography refitted and the measurement computed again, many times over; the interval ',
      'holds the middle 95 % of the results. The number of draws and the seed are given with ',
      'each measurement, so anyone can draw the same interval again.',
    ),
  ];
}

function resultBlocks(input: MeasurementsSectionInput): Block[] {
  const { measurements, tracks, labels } = input;
  if (measurements.length === 0) {
    return [heading(3, 'Results'), paragraph('No measurement was made.')];
  }
  const rows: Inline[][] = measurements.map(({ measurement, outcome }, i) => [
    String(i + 1),
    KIND_WORDS[measurement.kind],
    measurementObjects(measurement, tracks, labels),
    framesText(measurement, outcome, tracks),
    outcome.ok ? mono(formatValue(outcome.result.value, outcome.result.unit)) : 'not computed',
    outcome.ok ? mono(formatInterval(outcome.result.interval95, outcome.result.unit)) : '—',
    outcome.ok ? outcome.result.unit : '—',
  ]);
  const blocks: Block[] = [
    heading(3, 'Results'),
    {
      kind: 'table',
      caption: 'Measurements (value and 95 % interval)',
      columns: ['No.', 'What', 'Objects', 'Frames', 'Value', '95 % interval', 'Unit'],
      rows,
    },
    ...togetherBlocks(input),
  ];
  measurements.forEach((entry, i) => blocks.push(...measurementBlocks(input, entry, i + 1)));
  return blocks;
}

function togetherBlocks(input: MeasurementsSectionInput): Block[] {
  const rows: Inline[][] = [];
  input.measurements.forEach(({ measurement, outcome }, i) => {
    if (!outcome.ok) return;
    for (const span of outcome.result.together) {
      rows.push([
        String(i + 1),
        measurementObjects(measurement, input.tracks, input.labels),
        `${span.fromFrame}–${span.toFrame}`,
        mono(span.seconds.toFixed(3)),
        mono(formatValue(span.travelled.value, 'm')),
        mono(formatInterval(span.travelled.interval95, 'm')),
      ]);
    }
  });
  const asked = input.measurements.filter(
    (m) => m.measurement.kind === 'separation' && m.measurement.toleranceM !== null,
  );
  if (asked.length === 0) return [];
  if (rows.length === 0) {
    return [
      paragraph(
        'Moved together: no span was found where the objects stayed within the tolerance while both moved.',
      ),
    ];
  }
  return [
    {
      kind: 'table',
      caption:
        'Moved together: spans where two objects stayed within the tolerance while both moved',
      columns: ['No.', 'Objects', 'Frames', 'Seconds', 'First travelled (m)', '95 % interval (m)'],
      rows,
    },
  ];
}

function measurementBlocks(
  input: MeasurementsSectionInput,
  entry: ReportMeasurement,
  number: number,
): Block[] {
  const { measurement, outcome, chart } = entry;
  const title = measurementTitle(measurement, input.tracks, input.labels);
  const blocks: Block[] = [heading(3, `${number}. ${title}`)];
  if (!outcome.ok) {
    blocks.push(paragraph({ text: 'Not computed: ', bold: true }, outcome.message));
    return blocks;
  }
  const { result } = outcome;
  blocks.push(
    paragraph(
      { text: `${formatValue(result.value, result.unit)} ${result.unit}`, bold: true },
      `, 95 % interval ${formatInterval(result.interval95, result.unit)} ${result.unit}`,
      ` (${measurement.monteCarlo.samples} Monte Carlo draws, seed ${measurement.monteCarlo.seed}`,
      result.failedDraws > 0
        ? `; ${result.failedDraws} draws had no result and were left out).`
        : ').',
    ),
    paragraph(result.method),
  );
  if (chart) {
    const over =
      result.kind === 'speed'
        ? 'Speed over each interval between drawn positions (km/h), with its 95 % interval shaded'
        : 'Separation on each frame where both positions were drawn (m), with its 95 % interval shaded';
    const tolerance =
      result.kind === 'separation' && measurement.toleranceM !== null
        ? `; dashed: the moved-together tolerance (${measurement.toleranceM} m)${result.together.length > 0 ? ', spans moved together shaded' : ''}`
        : '';
    blocks.push({
      kind: 'figures',
      figures: [
        figure(
          chart,
          `Measurement ${number}: ${over}${tolerance}. Time in seconds from the video's timestamps.`,
        ),
      ],
    });
  }
  return blocks;
}

function planViewBlocks(planView: ReportImage | null): Block[] {
  if (!planView) return [];
  return [
    heading(3, 'Plan view'),
    {
      kind: 'figures',
      figures: [
        figure(
          planView,
          'Plan view: the ground seen from above (metres), with the reference points and the measured objects\u2019 drawn positions. Illustrative; the numbers are in the tables.',
        ),
      ],
    },
  ];
}

function assumptionBlocks(calibration: SceneCalibration | null): Block[] {
  const corrected =
    calibration !== null && calibration.distortionK !== null && calibration.distortionK !== 0;
  const items = [
    'Ground plane only: every position is taken to be on one flat ground plane. Heights above the ground are not measured, and a ground that is not flat (a slope, a kerb, a hump) adds error the intervals do not include.',
    'The contact point is chosen by a person: an object\u2019s position is where its drawn shape touches the ground, as the examiner placed it; the interval allows for the stated placing uncertainty, not for a shape drawn around the wrong place.',
    'Only drawn or confirmed positions are used: positions Framewise interpolated, held or otherwise computed between keyframes, and tracked positions no person confirmed, are never measured.',
    corrected
      ? `Lens distortion was corrected with a one-parameter division model (k = ${calibration.distortionK}); distortion the model does not describe is not corrected.`
      : 'Lens distortion was not corrected: a wide-angle lens bends straight lines, which adds error that grows towards the picture\u2019s edges.',
    'Timing is from the frames\u2019 timestamps (pts) in the video file, never the nominal frame rate; a recorder that stamps frames wrongly makes speeds wrong.',
    'The intervals allow for the uncertainties stated above and nothing else (not motion blur, rolling shutter or compression).',
  ];
  return [heading(3, 'Assumptions and limits'), ...items.map((text) => paragraph(`• ${text}`))];
}
