import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { dragOnStage, expect, FIXTURES, jumpTo, openFixture, stagePoint, test } from './support';

/**
 * Measurement in the built app, on footage with a known truth (road-25fps.mp4, made by
 * scripts/make-measure-fixture.mjs): a vehicle reversing at 18 km/h, an officer beside it
 * moving with it for the first 1.2 s. The examiner calibrates the scene from the marked
 * rectangle, draws both on a few frames, and measures speed, distance and "moved together";
 * every value must match the truth within the targets, its 95 % interval hold the
 * truth, and bad input be refused in words with nothing saved.
 */

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Truth {
  /** Ground metres to frame pixels, row-major 3×3. */
  groundToImage: number[];
  referencePoints: { image: [number, number]; world: [number, number] }[];
  vehicle: { speedKmh: number };
  positions: { frame: number; vehicle: { ground: number[]; box: Box }; officer: { box: Box } }[];
}
const truth = JSON.parse(readFileSync(`${FIXTURES}measure/road-25fps.truth.json`, 'utf8')) as Truth;
const FRAMES = [0, 10, 20, 30];

const measurements = (page: Page) =>
  page.getByRole('list', { name: 'Measurements' }).locator('li[data-kind]');

async function drawBox(page: Page, frame: number, box: Box) {
  await jumpTo(page, frame);
  await dragOnStage(page, { x: box.x, y: box.y }, { x: box.x + box.width, y: box.y + box.height });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
}

async function calibrate(page: Page) {
  await page.getByRole('button', { name: 'Calibrate scene' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scene calibration' });
  await expect(dialog).toBeVisible();
  const points = dialog.getByRole('textbox', { name: 'Reference points' });
  // A click on the frame starts a line with that pixel (sub-pixel), awaiting its world x,y.
  const [first] = truth.referencePoints;
  const at = await stagePoint(page, first!.image[0], first!.image[1]);
  await page.mouse.click(at.x, at.y);
  const clicked = (await points.inputValue()).split(',');
  expect(clicked).toHaveLength(3);
  expect(Math.abs(Number(clicked[0]) - first!.image[0])).toBeLessThan(1.5);
  expect(Math.abs(Number(clicked[1]) - first!.image[1])).toBeLessThan(1.5);
  await expect(points).toBeFocused();

  // Three points are refused in words, and nothing is saved.
  const lines = truth.referencePoints.map((p) => [...p.image, ...p.world].join(','));
  await points.fill(lines.slice(0, 3).join('\n'));
  await dialog.getByRole('button', { name: 'Save calibration' }).click();
  await expect(dialog.getByRole('alert')).toContainText('4');
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-points', '0');

  // Points in a line are refused too.
  await points.fill(['100,300,0,0', '200,300,1,0', '300,300,2,0', '400,300,3,0'].join('\n'));
  await dialog.getByRole('button', { name: 'Save calibration' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/line/i);
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-points', '0');

  // The surveyed rectangle (a tape measure's CSV), with the examiner's uncertainties.
  await points.fill(lines.join('\n'));
  await dialog.getByRole('spinbutton', { name: 'Point uncertainty (px)' }).fill('0.5');
  await dialog.getByRole('spinbutton', { name: 'World uncertainty (m)' }).fill('0.02');
  await dialog.getByRole('button', { name: 'Save calibration' }).click();
  const calibration = page.getByTestId('calibration');
  await expect(calibration).toHaveAttribute('data-points', '4');
  expect(Number(await calibration.getAttribute('data-rmse-px'))).toBeLessThan(0.01);
  await expect(page.getByRole('button', { name: 'Ground grid' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('calibrate, draw and measure speed, distance and moving together on footage of known truth', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await openFixture(page, 'measure/road-25fps.mp4');
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();

  // Measuring before calibrating is refused in words.
  const objects = page.getByRole('list', { name: 'Objects' });
  await page.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'vehicle' });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await drawBox(page, 0, truth.positions[0]!.vehicle.box);
  await objects.getByRole('button', { name: 'vehicle #1', exact: true }).click();
  await page.getByRole('button', { name: 'Measure speed' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'calibrat' })).toBeVisible();
  await expect(measurements(page)).toHaveCount(0);

  await calibrate(page);

  // The vehicle on four frames (it is selected, so each box drawn near it is its keyframe).
  await page.getByRole('button', { name: 'Rectangle' }).click();
  for (const frame of FRAMES.slice(1))
    await drawBox(page, frame, truth.positions[frame]!.vehicle.box);

  // A track with one drawn position in the range cannot give a speed: refused, nothing saved.
  await page.getByRole('spinbutton', { name: 'From frame' }).fill('1');
  await page.getByRole('spinbutton', { name: 'To frame' }).fill('15');
  await page.getByRole('button', { name: 'Measure speed' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'only one drawn position' }),
  ).toBeVisible();
  await expect(measurements(page)).toHaveCount(0);

  await page.getByRole('spinbutton', { name: 'From frame' }).fill('0');
  await page.getByRole('spinbutton', { name: 'To frame' }).fill('30');
  await page.getByRole('button', { name: 'Measure speed' }).click();
  const speed = page.locator('li[data-kind=speed]');
  await expect(speed).toHaveAttribute('data-unit', 'km/h');
  const value = Number(await speed.getAttribute('data-value'));
  const low = Number(await speed.getAttribute('data-low'));
  const high = Number(await speed.getAttribute('data-high'));
  const trueSpeed = truth.vehicle.speedKmh;
  expect(Math.abs(value - trueSpeed) / trueSpeed).toBeLessThan(0.03);
  expect(low).toBeLessThanOrEqual(trueSpeed);
  expect(high).toBeGreaterThanOrEqual(trueSpeed);
  await expect(speed).toHaveAttribute('data-frames', FRAMES.join(' '));
  await expect(speed).toContainText('km/h (95 %:');
  // The new measurement is chosen: its speed-over-time chart is on show under the list.
  await expect(page.getByTestId('measurement-chart')).toHaveAttribute('data-kind', 'speed');

  // The officer, a new object, on the same frames.
  await page.keyboard.press('n');
  await page.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'officer' });
  const [firstFrame, ...laterFrames] = FRAMES;
  await drawBox(page, firstFrame!, truth.positions[firstFrame!]!.officer.box);
  await objects.getByRole('button', { name: 'officer #2', exact: true }).click();
  for (const frame of laterFrames) await drawBox(page, frame, truth.positions[frame]!.officer.box);
  // The officer is selected; Shift+click chooses the vehicle as the second object.
  await objects.getByRole('button', { name: 'vehicle #1', exact: true }).click({
    modifiers: ['Shift'],
  });
  await page.getByRole('spinbutton', { name: 'From frame' }).fill('0');
  await page.getByRole('spinbutton', { name: 'To frame' }).fill('30');
  await page.getByRole('spinbutton', { name: 'Together within (m)' }).fill('2');
  await page.getByRole('button', { name: 'Distance between objects' }).click();
  const apart = page.locator('li[data-kind=separation]');
  await expect(apart).toHaveAttribute('data-unit', 'm');
  // 0.6 m gap + half the vehicle (0.9 m) + half the officer (0.25 m): 1.75 m between ground points.
  const distance = Number(await apart.getAttribute('data-value'));
  expect(Math.abs(distance - 1.75) / 1.75).toBeLessThan(0.05);
  expect(Number(await apart.getAttribute('data-low'))).toBeLessThanOrEqual(1.75 + 0.02);
  expect(Number(await apart.getAttribute('data-high'))).toBeGreaterThanOrEqual(1.75 - 0.02);
  // Moved together from frame 0 to 30: 6 m in 1.2 s.
  await expect(apart.getByText(/Together 0–30 \(1\.20 s\)/)).toBeVisible();
  await expect(page.getByTestId('measurement-chart')).toHaveAttribute('data-kind', 'separation');

  // The Ruler: the rectangle's width (4.5 m) on the frame on screen.
  await page.getByRole('button', { name: 'Ruler' }).click();
  const [a, b] = truth.referencePoints;
  await dragOnStage(page, { x: a!.image[0], y: a!.image[1] }, { x: b!.image[0], y: b!.image[1] });
  const ruler = page.locator('li[data-kind=distance]');
  await expect(ruler).toHaveAttribute('data-unit', 'm');
  expect(Math.abs(Number(await ruler.getAttribute('data-value')) - 4.5) / 4.5).toBeLessThan(0.02);

  // Everything is saved: after a reload the same values come back, recomputed.
  const before = await measurements(page).evaluateAll((items) =>
    items.map((li) => [li.getAttribute('data-kind'), li.getAttribute('data-value')]),
  );
  await page.reload();
  // The case reopens where it was left (frame 30), not at frame 0.
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}measure/road-25fps.mp4`);
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-points', '4');
  await expect(measurements(page)).toHaveCount(3);
  await expect(page.locator('li[data-kind=speed]')).not.toHaveAttribute('data-value', '');
  await expect(page.locator('li[data-kind=distance]')).not.toHaveAttribute('data-value', '');
  await expect(page.locator('li[data-kind=separation]')).not.toHaveAttribute('data-value', '');
  const after = await measurements(page).evaluateAll((items) =>
    items.map((li) => [li.getAttribute('data-kind'), li.getAttribute('data-value')]),
  );
  expect(after).toEqual(before);
});

/** Whether the stage's overlay shows the grid's colour near a frame pixel (within 3 px). */
async function gridColourNear(page: Page, x: number, y: number): Promise<boolean> {
  const at = await stagePoint(page, x, y);
  return page.evaluate(
    ({ sx, sy }) => {
      const canvases = [
        ...document.querySelectorAll<HTMLCanvasElement>('[data-testid=stage] canvas'),
      ];
      const overlay = canvases.at(-1)!;
      const box = overlay.getBoundingClientRect();
      const ratio = overlay.width / box.width;
      const [cx, cy] = [Math.round((sx - box.left) * ratio), Math.round((sy - box.top) * ratio)];
      const r = Math.ceil(3 * ratio);
      const pixels = overlay
        .getContext('2d')!
        .getImageData(cx - r, cy - r, 2 * r + 1, 2 * r + 1).data;
      for (let i = 0; i < pixels.length; i += 4) {
        // The grid's green (#3ddc97), drawn opaque.
        const [red, green, blue, alpha] = [
          pixels[i]!,
          pixels[i + 1]!,
          pixels[i + 2]!,
          pixels[i + 3]!,
        ];
        if (alpha > 200 && green > 180 && red < 120 && blue > 110 && blue < 190) return true;
      }
      return false;
    },
    { sx: at.x, sy: at.y },
  );
}

test('a known rectangle clicked on the frame calibrates the scene, straight lines give the lens distortion, the ground grid follows it, undo takes it back', async ({
  page,
}) => {
  await page.goto('/');
  await openFixture(page, 'measure/road-25fps.mp4');
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();
  await page.getByRole('button', { name: 'Calibrate scene' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scene calibration' });
  await dialog.getByRole('radio', { name: 'A corner of a known rectangle' }).check();
  // The marked rectangle's corners in order around it: (0, 0), along its width, then on.
  for (const corner of truth.referencePoints) {
    const at = await stagePoint(page, corner.image[0], corner.image[1]);
    await page.mouse.click(at.x, at.y);
  }
  await expect(dialog).toContainText('Corners clicked: 4 of 4');
  await dialog.getByRole('spinbutton', { name: 'Rectangle width (m)' }).fill('4.5');
  await dialog.getByRole('spinbutton', { name: 'Rectangle length (m)' }).fill('12');
  await dialog.getByRole('button', { name: 'Add rectangle' }).click();
  const lines = (await dialog.getByRole('textbox', { name: 'Reference points' }).inputValue())
    .trim()
    .split('\n');
  expect(lines.map((l) => l.split(',').slice(2).join(','))).toEqual([
    '0,0',
    '4.5,0',
    '4.5,12',
    '0,12',
  ]);
  // Lens distortion from lines straight in the world: the lane edges x = 0 and x = 4.5 m,
  // three clicks along each. The clip is rendered without distortion: k comes out near 0.
  const h = truth.groundToImage;
  const toImage = (wx: number, wy: number) => {
    const w = h[6]! * wx + h[7]! * wy + h[8]!;
    return { x: (h[0]! * wx + h[1]! * wy + h[2]!) / w, y: (h[3]! * wx + h[4]! * wy + h[5]!) / w };
  };
  await dialog.getByRole('radio', { name: 'A point on a straight line' }).check();
  for (const wx of [0, 4.5]) {
    for (const wy of [0, 6, 12]) {
      const p = toImage(wx, wy);
      const at = await stagePoint(page, p.x, p.y);
      await page.mouse.click(at.x, at.y);
    }
    await dialog.getByRole('button', { name: 'New line' }).click();
  }
  await dialog.getByRole('button', { name: 'Estimate k from the lines' }).click();
  const k = dialog.getByRole('spinbutton', { name: 'Lens distortion k' });
  await expect(k).not.toHaveValue('');
  expect(Math.abs(Number(await k.inputValue()))).toBeLessThan(0.02);
  await k.fill('');

  await dialog.getByRole('button', { name: 'Save calibration' }).click();
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-points', '4');
  await expect(page.getByTestId('calibration')).toContainText('distortion not corrected');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The grid line x = 1 m crosses y = 6 m where the truth's homography puts it; the middle
  // of a square (1.5 m, 6.5 m) has no line.
  const onGrid = toImage(1, 6);
  const inSquare = toImage(1.5, 6.5);
  await expect.poll(() => gridColourNear(page, onGrid.x, onGrid.y)).toBe(true);
  expect(await gridColourNear(page, inSquare.x, inSquare.y)).toBe(false);
  await page.getByRole('button', { name: 'Ground grid' }).click();
  await expect.poll(() => gridColourNear(page, onGrid.x, onGrid.y)).toBe(false);

  // The calibration is an edit like any other: undo takes it back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-points', '0');
});
