import type { Page } from '@playwright/test';
import {
  downloadExport,
  drawSavedBox,
  expect,
  openSampleForDrawing,
  oracleFor,
  test,
} from './support';
import { calibrationOf, homographyOf, toWorld } from './measure-support';

/**
 * The ground point the examiner sets (issue 13), in the built app: a native export with a
 * scene calibration and one object drawn on two frames is imported; the object's displacement
 * is measured, then its ground point is moved to the top centre of its box. The displacement
 * becomes what the homography gives for the two top-centres (worked out here from the file),
 * Undo brings the old value back, and the set's export carries the ground point.
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
const FRAMES = [10, 40];
const BOXES = [
  { x: 120, y: 200, width: 100, height: 60 },
  { x: 300, y: 240, width: 100, height: 60 },
];

/** The ground distance between the two boxes' points at `v` down them (centred across). */
function displacementAt(v: number): number {
  const h = homographyOf(POINTS);
  const [a, b] = BOXES.map((b) => toWorld(h, b.x + b.width / 2, b.y + v * b.height));
  return Math.hypot(b!.x - a!.x, b!.y - a!.y);
}

test('the examiner sets an object’s ground point: the measurement follows, undo restores it, the export carries it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openSampleForDrawing(page);
  await drawSavedBox(page, 10);
  const json = JSON.parse(
    (await downloadExport(page, 'Annotations (JSON)')).bytes.toString('utf8'),
  );
  const timeBase = json.evidence.timeBase.split('/').map(Number) as [number, number];
  const drawn = json.tracks[0];
  const keyframe = drawn.keyframes[0];
  json.tracks = [
    {
      ...drawn,
      positions: [],
      heldAfterLastKeyframe: null,
      keyframes: FRAMES.map((frame, i) => {
        const pts = oracle.frames[frame]!.pts!;
        return {
          ...keyframe,
          frame,
          pts,
          seconds: (pts * timeBase[0]) / timeBase[1],
          frameMd5: null,
          shape: { kind: 'rectangle', ...BOXES[i]!, rotation: 0 },
        };
      }),
    },
  ];
  json.calibration = calibrationOf(json, POINTS);
  json.measurements = [];
  await page.getByLabel('Import annotations').setInputFiles({
    name: 'ground-point.framewise.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
  await expect(sets(page).locator('option:checked')).toContainText('Set 2 (imported)');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // Select the object and measure its displacement from its bottom-centres (the default).
  const title = `${drawn.label} #1`;
  await page
    .getByRole('list', { name: 'Objects' })
    .getByRole('button', { name: title, exact: true })
    .click();
  const groundPoint = page.getByRole('combobox', { name: 'Ground point', exact: true });
  await expect(groundPoint.locator('option:checked')).toHaveText('Bottom centre (default)');
  await page.getByRole('button', { name: 'Displacement' }).click();
  const displacement = page
    .getByRole('list', { name: 'Measurements' })
    .locator('li[data-kind=displacement]');
  await expect(displacement).not.toHaveAttribute('data-value', '');
  const before = Number(await displacement.getAttribute('data-value'));
  expect(before).toBeCloseTo(displacementAt(1), 6);

  // The top centre of this object's box: the displacement is that of the two top-centres.
  await groundPoint.selectOption({ label: 'Top centre' });
  await page
    .getByRole('combobox', { name: 'Ground point applies to' })
    .selectOption({ label: 'This object' });
  await page.getByRole('button', { name: 'Set ground point' }).click();
  const after = displacementAt(0);
  expect(Math.abs(after - before)).toBeGreaterThan(0.05);
  await expect
    .poll(async () => Number(await displacement.getAttribute('data-value')))
    .toBeCloseTo(after, 6);
  await expect(groundPoint.locator('option:checked')).toHaveText('Top centre');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // The set's export carries it (for the object, by its id) and says so in the method.
  const exported = JSON.parse(
    (await downloadExport(page, 'Annotations (JSON)')).bytes.toString('utf8'),
  );
  expect(exported.version).toBe(6);
  expect(exported.calibration.groundAnchors).toEqual({
    byLabel: [],
    byTrack: [{ trackId: exported.tracks[0].id, u: 0.5, v: 0 }],
  });
  expect(exported.measurements[0].value).toBeCloseTo(after, 6);
  expect(exported.measurements[0].method).toContain(
    `The ground point of ${title} was set by the examiner at 50 % across, 0 % down its box`,
  );

  // Undo: the bottom-centre again, and its displacement.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect
    .poll(async () => Number(await displacement.getAttribute('data-value')))
    .toBeCloseTo(before, 9);
  await expect(groundPoint.locator('option:checked')).toHaveText('Bottom centre (default)');

  // A custom point, a quarter down the box, for every object of the label: the displacement
  // follows, and the export carries it by label name.
  await groundPoint.selectOption({ label: 'Custom…' });
  await page.getByRole('spinbutton', { name: 'Across (0–1)' }).fill('0.5');
  await page.getByRole('spinbutton', { name: 'Down (0–1)' }).fill('0.25');
  await page
    .getByRole('combobox', { name: 'Ground point applies to' })
    .selectOption({ label: `Every ${drawn.label}` });
  await page.getByRole('button', { name: 'Set ground point' }).click();
  await expect
    .poll(async () => Number(await displacement.getAttribute('data-value')))
    .toBeCloseTo(displacementAt(0.25), 6);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const byLabel = JSON.parse(
    (await downloadExport(page, 'Annotations (JSON)')).bytes.toString('utf8'),
  );
  expect(byLabel.calibration.groundAnchors).toEqual({
    byLabel: [{ label: drawn.label, u: 0.5, v: 0.25 }],
    byTrack: [],
  });
});
