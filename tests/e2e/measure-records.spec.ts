import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { downloadExport, drawSavedBox, expect, openSampleForDrawing, test } from './support';
import { calibrationOf, measurementBase } from './measure-support';

/**
 * The data layer of measurement in the built app, with real IndexedDB (Dexie version 12): a
 * native export carrying a scene calibration and measurements is imported into a new set, is
 * stored with it, goes into a backup, and comes out again in the set's own export with its
 * values computed by the app. (The calibration dialog and Measure panel come separately.)
 */

const sets = (page: Page) => page.getByRole('combobox', { name: 'Annotation set' });

/** Four points of a 4 m × 10 m rectangle on the ground, seen in perspective. */
const POINTS = [
  { image: { x: 100, y: 300 }, world: { x: 0, y: 10 } },
  { image: { x: 540, y: 300 }, world: { x: 4, y: 10 } },
  { image: { x: 600, y: 450 }, world: { x: 4, y: 0 } },
  { image: { x: 40, y: 450 }, world: { x: 0, y: 0 } },
];

test('a scene calibration and measurements travel through import, storage, backup and export', async ({
  page,
}) => {
  await openSampleForDrawing(page);
  await drawSavedBox(page, 10);
  const exported = await downloadExport(page, 'Annotations (JSON)');
  const json = JSON.parse(exported.bytes.toString('utf8'));
  expect(json.version).toBe(6);
  expect(json.calibration).toBeNull();
  const trackId: string = json.tracks[0].id;

  const measurement = measurementBase(json);
  json.calibration = calibrationOf(json, POINTS);
  json.measurements = [
    {
      ...measurement,
      id: 'measurement_ruler',
      kind: 'distance',
      frame: 10,
      imagePoints: [POINTS[0]!.image, POINTS[1]!.image],
      unit: 'm',
    },
    {
      ...measurement,
      id: 'measurement_speed',
      kind: 'speed',
      trackIds: [trackId],
      fromFrame: 5,
      toFrame: 40,
      unit: 'km/h',
    },
  ];
  await page.getByLabel('Import annotations').setInputFiles({
    name: 'measured.framewise.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
  await expect(sets(page).locator('option:checked')).toContainText('Set 2 (imported)');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // The set's own export computes them: the ruler spans exactly 4 m; the speed says why not.
  const again = JSON.parse((await downloadExport(page, 'Annotations (JSON)')).bytes.toString());
  expect(again.calibration.homography.rmsPx).toBeLessThan(1e-6);
  type Exported = { kind: string };
  const ruler = again.measurements.find((m: Exported) => m.kind === 'distance');
  const speed = again.measurements.find((m: Exported) => m.kind === 'speed');
  expect(ruler).toMatchObject({ kind: 'distance', unit: 'm', frames: [10], trackIds: [] });
  expect(ruler.value).toBeCloseTo(4, 6);
  expect(ruler.interval95[0]).toBeLessThan(4);
  expect(ruler.interval95[1]).toBeGreaterThan(4);
  expect(speed).toMatchObject({ kind: 'speed', unit: 'km/h', value: null, interval95: null });
  expect(speed.problem).toMatch(/only one drawn position from frame 5 to frame 40/);

  // Stored with the new set: a backup holds them, in that set, the speed on the new track.
  await page.reload();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything' }).click();
  const backup = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8'));
  expect(backup.version).toBe(5);
  const newSet = backup.records.sets.find((s: { name: string }) => s.name === 'Set 2 (imported)');
  expect(backup.records.calibrations).toEqual([
    expect.objectContaining({ setId: newSet.id, points: POINTS, pointSigmaPx: 0.5 }),
  ]);
  const newTrack = backup.records.tracks.find((t: { setId: string }) => t.setId === newSet.id);
  expect(
    backup.records.measurements
      .map((m: { kind: string; trackIds: string[] }) => [m.kind, m.trackIds])
      .sort(),
  ).toEqual([
    ['distance', []],
    ['speed', [newTrack.id]],
  ]);
  expect(speed.trackIds).toEqual([newTrack.id]);
  expect(
    backup.records.audit.filter((e: { action: string }) => e.action.startsWith('measurement.')),
  ).toHaveLength(2);
});
