import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../../../tests/e2e/pdf-text';
import type { TrackId } from '../ids';
import { computeMeasurement } from '../measure/compute-measurement';
import { distortionFor, undistort } from '../measure/distortion';
import { fitHomography } from '../measure/homography';
import {
  measurementOf,
  ROAD_CALIBRATION,
  roadSources,
  roadTrack,
  span,
} from '../measure/measure-test-support';
import type { SceneCalibration } from '../measure/records';
import { TEST_CASE, TEST_EVIDENCE } from '../test-support';
import {
  formatInterval,
  formatValue,
  measurementsBlocks,
  measurementTitle,
  type MeasurementsSectionInput,
  type ReportImage,
  type ReportMeasurement,
} from './court-report-measurements';
import { homographyVerifyBlocks, matrixCell } from './court-report-verify';
import type { Block, Code, FigureRow, Table } from './report-model';
import { renderReportPdf } from './report-pdf';
import opencv from './testdata/opencv-verify.json';

/** A PNG of one grey (8-bit greyscale), made here so the test needs no image files. */
function greyPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const pixels = Buffer.alloc((width + 1) * height, 200);
  for (let y = 0; y < height; y++) pixels[y * (width + 1)] = 0;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(pixels)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const CHART: ReportImage = { png: greyPng(1200, 560), width: 1200, height: 560 };
const PLAN: ReportImage = { png: greyPng(800, 800), width: 800, height: 800 };

const vehicle = roadTrack('vehicle', [0, 10, 20, 30, 40, 49]);
const officer = roadTrack('officer', [0, 10, 20, 30, 40, 49]);
const sources = roadSources([vehicle, officer]);
const draws = { seed: 11, samples: 120 };

const speed = measurementOf({
  id: 'measurement_speed' as never,
  kind: 'speed',
  trackIds: [vehicle.id],
  ...span(0, 49),
  monteCarlo: draws,
});
const apart = measurementOf({
  id: 'measurement_apart' as never,
  kind: 'separation',
  trackIds: [vehicle.id, officer.id],
  ...span(0, 49),
  toleranceM: 100,
  monteCarlo: draws,
});
const lost = measurementOf({
  id: 'measurement_lost' as never,
  kind: 'displacement',
  trackIds: ['track_gone' as TrackId],
  ...span(0, 49),
  monteCarlo: draws,
});

function entry(measurement: typeof speed, chart: ReportImage | null): ReportMeasurement {
  try {
    return {
      measurement,
      outcome: { ok: true, result: computeMeasurement(measurement, sources) },
      chart,
    };
  } catch (error) {
    return { measurement, outcome: { ok: false, message: (error as Error).message }, chart: null };
  }
}

const ENTRIES = [entry(speed, CHART), entry(apart, CHART), entry(lost, null)];

function sectionInput(overrides: Partial<MeasurementsSectionInput> = {}): MeasurementsSectionInput {
  return {
    calibration: ROAD_CALIBRATION,
    evidence: sources.evidence,
    measurements: ENTRIES,
    planView: PLAN,
    tracks: sources.tracks,
    labels: sources.labels,
    ...overrides,
  };
}

const inline = (i: string | { text: string }) => (typeof i === 'string' ? i : i.text);
const cells = (row: readonly (string | { text: string })[]) => row.map(inline);
const tables = (blocks: readonly Block[]) => blocks.filter((b): b is Table => b.kind === 'table');
const text = (blocks: readonly Block[]) =>
  blocks
    .map((b) =>
      b.kind === 'heading'
        ? b.text
        : b.kind === 'paragraph'
          ? b.content.map(inline).join('')
          : b.kind === 'facts'
            ? b.rows.map((r) => `${r.label}: ${inline(r.value)}`).join('\n')
            : b.kind === 'figures'
              ? b.figures.map((f) => f.caption).join('\n')
              : '',
    )
    .join('\n');

describe('measurementsBlocks', () => {
  it('is empty when the set has neither a calibration nor measurements', () => {
    expect(measurementsBlocks(null)).toEqual([]);
    expect(measurementsBlocks(sectionInput({ calibration: null, measurements: [] }))).toEqual([]);
  });

  it('lists every reference point with its residuals and the RMS, from the fit', () => {
    const blocks = measurementsBlocks(sectionInput());
    const table = tables(blocks).find((t) => t.caption === 'Reference points and residuals')!;
    expect(table.columns).toEqual([
      'Point',
      'Image x (px)',
      'Image y (px)',
      'World x (m)',
      'World y (m)',
      'Residual (px)',
      'Residual (m)',
    ]);
    const fit = fitHomography(ROAD_CALIBRATION.points);
    expect(table.rows.map(cells)).toEqual(
      ROAD_CALIBRATION.points.map((p, i) => [
        String(i + 1),
        p.image.x.toFixed(2),
        p.image.y.toFixed(2),
        p.world.x.toFixed(3),
        p.world.y.toFixed(3),
        fit.residuals[i]!.imagePx.toFixed(3),
        fit.residuals[i]!.worldM.toFixed(4),
      ]),
    );
    // The rendered clip's points are exact: 4 points, residuals 0.
    expect(table.rows[2]).toEqual(
      expect.arrayContaining([
        { text: '374.25', mono: true },
        { text: '0.000', mono: true },
      ]),
    );
    const words = text(blocks);
    expect(words).toContain(`RMS residual ${fit.rmsPx.toFixed(3)} px in the image`);
    expect(words).toContain('Reference pixel: ± 0.5 px per axis');
    expect(words).toContain('Surveyed position: ± 0.02 m per axis');
    expect(words).toContain('Object position: ± 1 px per axis');
    expect(words).toContain('Lens distortion: not corrected');
  });

  it('names the ground points the examiner set, and none when there are none', () => {
    expect(text(measurementsBlocks(sectionInput()))).not.toContain('Ground points');
    const [track] = [...sources.tracks.values()];
    const label = sources.labels.find((l) => l.id === track!.labelId)!;
    const calibration = {
      ...ROAD_CALIBRATION,
      groundAnchors: {
        byLabel: { [label.id]: { u: 0.5, v: 0.5 } },
        byTrack: { [track!.id]: { u: 0.3, v: 1 } },
      },
    };
    expect(text(measurementsBlocks(sectionInput({ calibration })))).toContain(
      `Ground points: set by the examiner (else bottom centre): every ${label.name}: 50 % across, 50 % down its box; ${label.name} #${track!.number}: 30 % across, 100 % down its box`,
    );
  });

  it('gives each measurement its value, interval, frames and draws, and says why one failed', () => {
    const blocks = measurementsBlocks(sectionInput());
    const table = tables(blocks).find((t) => t.caption?.startsWith('Measurements'))!;
    expect(table.columns).toEqual([
      'No.',
      'What',
      'Objects',
      'Frames',
      'Value',
      '95 % interval',
      'Unit',
    ]);
    // Every row has one cell per column.
    expect(table.rows.every((r) => r.length === table.columns.length)).toBe(true);
    const [s, a] = ENTRIES.map((e) => (e.outcome.ok ? e.outcome.result : null));
    expect(s!.value).toBeGreaterThan(0);
    expect(table.rows.map(cells)).toEqual([
      [
        '1',
        'Average speed',
        'vehicle #1',
        `0–49 (6 drawn)`,
        formatValue(s!.value, 'km/h'),
        formatInterval(s!.interval95, 'km/h'),
        'km/h',
      ],
      [
        '2',
        'Closest separation',
        'vehicle #1 and officer #2',
        `0–49 (6 drawn)`,
        formatValue(a!.value, 'm'),
        formatInterval(a!.interval95, 'm'),
        'm',
      ],
      ['3', 'Displacement', 'a deleted object', '0–49', 'not computed', '—', '—'],
    ]);
    const words = text(blocks);
    expect(words).toContain(`1. ${measurementTitle(speed, sources.tracks, sources.labels)}`);
    expect(words).toContain('1. Average speed of vehicle #1');
    expect(words).toContain(s!.method);
    expect(words).toContain(
      `${formatValue(s!.value, 'km/h')} km/h, 95 % interval ${formatInterval(s!.interval95, 'km/h')} km/h (120 Monte Carlo draws, seed 11).`,
    );
    expect(words).toContain(
      '3. Displacement of a deleted object\nNot computed: An object this measurement uses no longer exists.',
    );
  });

  it('lists the moved-together spans and puts the charts and plan view in as figures', () => {
    const blocks = measurementsBlocks(sectionInput());
    const a = ENTRIES[1]!.outcome.ok ? ENTRIES[1]!.outcome.result : null;
    expect(a!.together.length).toBeGreaterThan(0);
    const together = tables(blocks).find((t) => t.caption?.startsWith('Moved together'))!;
    expect(together.rows.map(cells)).toEqual(
      a!.together.map((t) => [
        '2',
        'vehicle #1 and officer #2',
        `${t.fromFrame}–${t.toFrame}`,
        t.seconds.toFixed(3),
        formatValue(t.travelled.value, 'm'),
        formatInterval(t.travelled.interval95, 'm'),
      ]),
    );
    const figures = blocks.filter((b): b is FigureRow => b.kind === 'figures');
    expect(figures.map((f) => f.figures[0]!.caption)).toEqual([
      expect.stringMatching(/^Measurement 1: Speed over each interval .*\(km\/h\)/),
      expect.stringMatching(
        /^Measurement 2: Separation .*dashed: the moved-together tolerance \(100 m\), spans moved together shaded/,
      ),
      expect.stringMatching(/^Plan view: the ground seen from above/),
    ]);
    expect(figures[2]!.figures[0]).toMatchObject({ image: PLAN.png, width: 800, height: 800 });
    expect(
      measurementsBlocks(sectionInput({ planView: null })).some(
        (b) => b.kind === 'heading' && b.text === 'Plan view',
      ),
    ).toBe(false);
  });

  it('states the method and the assumptions and limits, distortion corrected or not', () => {
    const plain = text(measurementsBlocks(sectionInput()));
    expect(plain).toContain('as OpenCV\u2019s findHomography does with method 0');
    expect(plain).toContain('Lens distortion was not corrected. ');
    expect(plain).toContain('Assumptions and limits');
    expect(plain).toContain(
      'Ground plane only: every position is taken to be on one flat ground plane. Heights above the ground are not measured',
    );
    expect(plain).toContain('The contact point is chosen by a person');
    expect(plain).toContain('never measured');
    expect(plain).toContain('Timing is from the frames\u2019 timestamps (pts)');
    const distorted = { ...ROAD_CALIBRATION, distortionK: -0.12 };
    const corrected = text(
      measurementsBlocks(sectionInput({ calibration: distorted, measurements: [] })),
    );
    expect(corrected).toContain(
      'Lens distortion was corrected first with a one-parameter division model (k = -0.12)',
    );
    expect(corrected).toContain('Lens distortion: corrected before fitting');
    expect(corrected).toContain('No measurement was made.');
  });
});

/** The numbers of `name = np.array([...], np.float64)` in the snippet, as pairs. */
function arrayIn(code: Code, name: string): number[][] {
  const start = code.lines.indexOf(`${name} = np.array([`);
  const end = code.lines.indexOf('], np.float64)', start);
  return code.lines.slice(start + 1, end).map((line) => JSON.parse(line.replace(/,$/, '')));
}

function snippetOf(calibration: SceneCalibration) {
  const blocks = homographyVerifyBlocks(sectionInput({ calibration }));
  const code = blocks.find((b): b is Code => b.kind === 'code')!;
  const matrix = tables(blocks)[0]!;
  return { blocks, code, matrix: matrix.rows.flatMap((r) => cells(r).slice(1).map(Number)) };
}

describe('How to verify: the homography with OpenCV', () => {
  it('is left out without a calibration', () => {
    expect(homographyVerifyBlocks(null)).toEqual([]);
    expect(homographyVerifyBlocks(sectionInput({ calibration: null }))).toEqual([]);
  });

  it('gives Python lines that call findHomography on the reference points', () => {
    const { code } = snippetOf(ROAD_CALIBRATION);
    expect(code.lines[0]).toBe('import numpy as np, cv2');
    expect(code.lines).toContain('H, _ = cv2.findHomography(img, world, 0)');
    expect(code.lines.at(-1)).toBe('print(H / H[2, 2])');
    expect(arrayIn(code, 'img')).toEqual(
      ROAD_CALIBRATION.points.map((p) => [p.image.x, p.image.y]),
    );
    expect(arrayIn(code, 'world')).toEqual(
      ROAD_CALIBRATION.points.map((p) => [p.world.x, p.world.y]),
    );
  });

  it.each(opencv.cases)('prints the matrix OpenCV 4.6 fits to 1e-6 relative: $name', (c) => {
    const calibration: SceneCalibration = {
      ...ROAD_CALIBRATION,
      points: c.points.map((p) => ({
        image: { x: p.image[0]!, y: p.image[1]! },
        world: { x: p.world[0]!, y: p.world[1]! },
      })),
    };
    const { code, matrix } = snippetOf(calibration);
    // The snippet holds exactly the points OpenCV was given (scripts/opencv-verify-reference.py).
    expect(arrayIn(code, 'img')).toEqual(c.points.map((p) => p.image));
    expect(arrayIn(code, 'world')).toEqual(c.points.map((p) => p.world));
    const scale = Math.max(...c.opencv.map(Math.abs));
    expect(matrix).toHaveLength(9);
    expect(matrix[8]).toBe(1);
    const worst = Math.max(...matrix.map((v, i) => Math.abs(v - c.opencv[i]!) / scale));
    expect(worst).toBeLessThan(1e-6);
    // And cell by cell, each to 1e-5 of itself where it is not tiny.
    matrix.forEach((v, i) => {
      if (Math.abs(c.opencv[i]!) > 1e-3 * scale) {
        expect(Math.abs(v - c.opencv[i]!) / Math.abs(c.opencv[i]!)).toBeLessThan(1e-5);
      }
    });
    expect(cellsOf(snippetOf(calibration).blocks)).toContain(matrixCell(matrix[0]!));
  });

  it('lists the distortion-corrected image points when the lens distortion is corrected', () => {
    const distorted = { ...ROAD_CALIBRATION, distortionK: -0.12 };
    const { code, blocks } = snippetOf(distorted);
    const d = distortionFor(-0.12, sources.evidence.width, sources.evidence.height);
    const straight = ROAD_CALIBRATION.points.map((p) => undistort(d, p.image));
    expect(arrayIn(code, 'img')).toEqual(straight.map((p) => [p.x, p.y]));
    expect(arrayIn(code, 'img')[0]).not.toEqual([
      ROAD_CALIBRATION.points[0]!.image.x,
      ROAD_CALIBRATION.points[0]!.image.y,
    ]);
    expect(text(blocks)).toContain('after the lens distortion correction');
  });
});

const cellsOf = (blocks: readonly Block[]) => tables(blocks).flatMap((t) => t.rows.flatMap(cells));

describe('the Measurements section as a PDF', () => {
  it('renders with its tables, figures and the snippet as text', async () => {
    const fontPath = (name: string) =>
      new URL(`../../assets/fonts/${name}`, import.meta.url).pathname;
    const fonts = {
      regular: new Uint8Array(readFileSync(fontPath('DejaVuSans.ttf'))),
      bold: new Uint8Array(readFileSync(fontPath('DejaVuSans-Bold.ttf'))),
      mono: new Uint8Array(readFileSync(fontPath('DejaVuSansMono.ttf'))),
    };
    const section = sectionInput();
    const blocks = [...measurementsBlocks(section), ...homographyVerifyBlocks(section)];
    const pdf = await renderReportPdf(
      {
        title: 'Measurements',
        footer: `${TEST_CASE.name} · ${TEST_EVIDENCE.fileName}`,
        createdAt: '2026-01-01T00:00:00.000Z',
        author: 'A. Examiner',
        blocks,
      },
      fonts,
    );
    if (process.env.FW_MEASURE_PDF_OUT) writeFileSync(process.env.FW_MEASURE_PDF_OUT, pdf);
    const all = (await extractPdfText(pdf)).join('\n');
    expect(all).toContain('Measurements');
    expect(all).toContain('Reference points and residuals');
    const s = ENTRIES[0]!.outcome.ok ? ENTRIES[0]!.outcome.result : null;
    expect(all).toContain(formatInterval(s!.interval95, 'km/h'));
    expect(all).toContain('H, _ = cv2.findHomography(img, world, 0)');
    expect(all).toContain(
      `[${ROAD_CALIBRATION.points[0]!.image.x}, ${ROAD_CALIBRATION.points[0]!.image.y}]`,
    );
    expect(all).toContain('Assumptions and limits');
  }, 60_000);
});
