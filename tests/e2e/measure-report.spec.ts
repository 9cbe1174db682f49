import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { extractPdfText } from './pdf-text';
import { renderPdfPages } from './pdf-pages';
import {
  downloadExport,
  drawSavedBox,
  loggedExports,
  expect,
  makeDraftCourtReport,
  openSampleForDrawing,
  oracleFor,
  test,
} from './support';
import { calibrationOf, homographyOf, measurementBase, toWorld } from './measure-support';

/**
 * Measurement in the court report and the measured-track CSV, in the built app: a native
 * export with a scene calibration, two objects drawn on four frames each and three
 * measurements is imported; the court report's Measurements section and How to verify, and
 * Export > Measured track (CSV), are checked against values worked out here from the file.
 */

const oracle = oracleFor('framewise-sample.mp4');
const sets = (page: Page) => page.getByRole('combobox', { name: 'Annotation set' });

/** Four points of a 4 m × 10 m rectangle on the ground, seen in perspective. */
const POINTS = [
  { image: { x: 100, y: 300 }, world: { x: 0, y: 10 } },
  { image: { x: 540, y: 300 }, world: { x: 4, y: 10 } },
  { image: { x: 600, y: 450 }, world: { x: 4, y: 0 } },
  { image: { x: 40, y: 450 }, world: { x: 0, y: 0 } },
];
const FRAMES = [10, 20, 30, 40];
/** The two objects' boxes on FRAMES[i]: they move down the frame side by side. */
const boxOf = (object: 0 | 1, i: number) => ({
  kind: 'rectangle',
  x: 120 + 60 * i + object * 30,
  y: 260 + 40 * i + object * 2,
  width: 100,
  height: 60,
  rotation: 0,
});

test('the court report measures, and the measured track comes out as CSV', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await openSampleForDrawing(page);
  // Without a calibration the measured track cannot be exported, and says why.
  await page.getByRole('button', { name: 'Export' }).click();
  const item = page.getByRole('menuitem', { name: 'Measured track (CSV)' });
  await expect(item).toBeDisabled();
  await expect(item).toHaveAttribute('title', /^Calibrate the scene first/);
  await page.keyboard.press('Escape');

  await drawSavedBox(page, 10);
  const json = JSON.parse(
    (await downloadExport(page, 'Annotations (JSON)')).bytes.toString('utf8'),
  );
  const timeBase = json.evidence.timeBase.split('/').map(Number) as [number, number];
  const seconds = (pts: number) => (pts * timeBase[0]) / timeBase[1];
  const drawn = json.tracks[0];
  const keyframe = drawn.keyframes[0];
  const trackOf = (object: 0 | 1, id: string, number: number) => ({
    ...drawn,
    id,
    number,
    positions: [],
    heldAfterLastKeyframe: null,
    keyframes: FRAMES.map((frame, i) => {
      const pts = oracle.frames[frame]!.pts!;
      return {
        ...keyframe,
        frame,
        pts,
        seconds: seconds(pts),
        frameMd5: null,
        shape: boxOf(object, i),
      };
    }),
  });
  json.tracks = [trackOf(0, drawn.id, 1), trackOf(1, `${drawn.id}_b`, 2)];
  const base = measurementBase(json);
  json.calibration = calibrationOf(json, POINTS);
  json.measurements = [
    {
      ...base,
      id: 'm_ruler',
      kind: 'distance',
      frame: 10,
      imagePoints: [POINTS[0]!.image, POINTS[1]!.image],
      unit: 'm',
    },
    {
      ...base,
      id: 'm_speed',
      kind: 'speed',
      trackIds: [drawn.id],
      fromFrame: 10,
      toFrame: 40,
      unit: 'km/h',
    },
    {
      ...base,
      id: 'm_apart',
      kind: 'separation',
      trackIds: [drawn.id, `${drawn.id}_b`],
      fromFrame: 10,
      toFrame: 40,
      toleranceM: 1,
      unit: 'm',
    },
    {
      ...base,
      id: 'm_short',
      kind: 'displacement',
      trackIds: [drawn.id],
      fromFrame: 41,
      toFrame: 60,
      unit: 'm',
    },
  ];
  await page.getByLabel('Import annotations').setInputFiles({
    name: 'measured.framewise.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
  await expect(sets(page).locator('option:checked')).toContainText('Set 2 (imported)');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // The values the app computes for the set (its own export), to find in the report.
  const computed = JSON.parse((await downloadExport(page, 'Annotations (JSON)')).bytes.toString());
  type Result = {
    kind: string;
    value: number | null;
    interval95: [number, number] | null;
    problem: string | null;
  };
  const result = (kind: string) =>
    computed.measurements.find((m: Result) => m.kind === kind) as Result;
  expect(result('distance').value).toBeCloseTo(4, 6);
  expect(result('speed').value).toBeGreaterThan(0);
  expect(result('displacement').problem).toMatch(/no drawn position from frame 41 to frame 60/);

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await makeDraftCourtReport(page);
  await expect.poll(() => downloads.length, { timeout: 90_000 }).toBe(3);
  const pdfDownload = downloads.find((d) => d.suggestedFilename().endsWith('.report.pdf'))!;
  const pdf = new Uint8Array(readFileSync((await pdfDownload.path())!));
  const pages = await extractPdfText(pdf);
  const text = pages.join('\n');
  const section = text.slice(text.indexOf('\nMeasurements\n'), text.indexOf('\nAudit log\n'));
  expect(section.length).toBeGreaterThan(0);
  /** The section's words, lines joined (a phrase may wrap). */
  const flat = section.replace(/\s+/g, ' ');

  // The calibration table: each point as given, residuals of an exact fit 0.
  POINTS.forEach((p, i) => {
    const row = [
      i + 1,
      p.image.x.toFixed(2),
      p.image.y.toFixed(2),
      p.world.x.toFixed(3),
      p.world.y.toFixed(3),
      '0.000',
      '0.0000',
    ];
    expect(section).toMatch(new RegExp(row.join('\\s+')));
  });
  expect(section).toMatch(/Reference pixel\s+± 0\.5 px per axis/);
  expect(section).toMatch(/Lens distortion\s+not corrected/);
  // Each measurement: value and 95 % interval as the app computed them; the failed one says why.
  const decimals = { m: 2, 'km/h': 1 } as const;
  for (const [kind, unit] of [
    ['distance', 'm'],
    ['speed', 'km/h'],
    ['separation', 'm'],
  ] as const) {
    const r = result(kind);
    const f = (v: number) => v.toFixed(decimals[unit]);
    expect(flat).toContain(
      `${f(r.value!)} ${unit}, 95 % interval ${f(r.interval95![0])} to ${f(r.interval95![1])} ${unit} (200 Monte Carlo draws, seed 7)`,
    );
  }
  expect(flat).toMatch(/Not computed: [^.]*no drawn position from frame 41 to frame 60/);
  expect(section).toContain('Moved together');
  expect(section).toMatch(/Measurement \d: Speed over each interval/);
  expect(section).toMatch(/Measurement \d: Separation on each frame/);
  for (const words of [
    'Assumptions and limits',
    'Ground plane only',
    'Heights above the ground are not measured',
    'The contact point is chosen by a person',
    'Only drawn or confirmed positions are used',
    'Lens distortion was not corrected',
    'Timing is from the frames’ timestamps (pts)',
  ]) {
    expect(flat).toContain(words);
  }
  // How to verify: the reference points as Python for OpenCV, and the matrix to compare.
  const verify = text.slice(text.indexOf('\nHow to verify\n'));
  expect(verify).toContain('import numpy as np, cv2');
  for (const p of POINTS) {
    expect(verify).toContain(`[${p.image.x}, ${p.image.y}]`);
    expect(verify).toContain(`[${p.world.x}, ${p.world.y}]`);
  }
  expect(verify).toContain('H, _ = cv2.findHomography(img, world, 0)');
  const h = homographyOf(POINTS);
  const cell = '(-?\\d\\.\\d{9}e[+-]\\d+)';
  const matrix = [0, 1, 2].flatMap((r) => {
    const row = new RegExp(`^${r}\\s+${cell}\\s+${cell}\\s+${cell}$`, 'm').exec(verify);
    expect(row, `matrix row ${r}`).not.toBeNull();
    return row!.slice(1).map(Number);
  });
  matrix.forEach((v, i) =>
    expect(Math.abs(v - h[i]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(h[i]!))),
  );

  // The pages as a reader sees them, beside the test's results.
  const images = await renderPdfPages(page, pdf);
  const first = pages.findIndex((p) => p.includes('Scene calibration'));
  images.forEach((png, i) => writeFileSync(testInfo.outputPath(`report-page-${i + 1}.png`), png));
  if (process.env.FW_MEASURE_PAGE_OUT)
    writeFileSync(process.env.FW_MEASURE_PAGE_OUT, images[first]!);

  // Export > Measured track (CSV): both objects, in a zip; rows worked out from the file.
  const zipped = await downloadExport(page, 'Measured track (CSV)');
  expect(zipped.name).toBe('framewise-sample.mp4.measured-tracks.zip');
  // Logged like every export: the file's name and the SHA-256 of the bytes downloaded.
  await expect
    .poll(async () => (await loggedExports(page)).map((e) => e.fileName))
    .toContain(zipped.name);
  const logged = (await loggedExports(page)).find((e) => e.fileName === zipped.name)!;
  expect(logged.sha256).toBe(createHash('sha256').update(zipped.bytes).digest('hex'));
  const files = unzipSync(new Uint8Array(zipped.bytes));
  expect(Object.keys(files).sort()).toEqual([
    `measured-track-1-${drawn.label}.csv`,
    `measured-track-2-${drawn.label}.csv`,
  ]);
  const lines = new TextDecoder()
    .decode(files[`measured-track-1-${drawn.label}.csv`])
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe(
    'frame,pts,seconds,image_x_px,image_y_px,world_x_m,world_y_m,speed_kmh,source,confidence,confirmed_by',
  );
  expect(lines).toHaveLength(1 + FRAMES.length);
  const expectedRow = (i: number) => {
    const box = boxOf(0, i);
    const [gx, gy] = [box.x + box.width / 2, box.y + box.height];
    const w = toWorld(h, gx, gy);
    const pts = oracle.frames[FRAMES[i]!]!.pts!;
    return { pts, s: seconds(pts), gx, gy, w };
  };
  const [a, b] = [expectedRow(0), expectedRow(1)];
  const speed = (Math.hypot(b.w.x - a.w.x, b.w.y - a.w.y) / (b.s - a.s)) * 3.6;
  const row = lines[2]!.split(',').map(Number);
  expect(row.slice(0, 5)).toEqual([20, b.pts, Number(b.s.toFixed(6)), b.gx, b.gy]);
  expect(row[5]).toBeCloseTo(b.w.x, 3);
  expect(row[6]).toBeCloseTo(b.w.y, 3);
  expect(row[7]).toBeCloseTo(speed, 2);
  expect(lines[1]!.endsWith(',')).toBe(true);
});
