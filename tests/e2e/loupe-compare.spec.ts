import type { Locator, Page } from '@playwright/test';
import {
  expect,
  frameInfo,
  jumpTo,
  openFixture,
  oracleFor,
  stagePoint,
  test,
  waitForFrame,
} from './support';

/**
 * Issue 18, point 3 in the built app: the loupe over the stage, and the pinned-frame
 * comparison (side by side, wipe, difference). Neither may change the frame, its MD5 or the
 * annotations; the difference's count is checked against one counted here from the pixels.
 */
const CLIP = 'framewise-sample.mp4';
const ORACLE = oracleFor(CLIP);
const [N, M] = [10, 20];
const SHOTS = 'test-results/loupe-compare';

/** The frame on screen is frame n with the oracle's MD5 (so nothing changed it). */
async function expectCleanFrame(page: Page, n: number): Promise<void> {
  await waitForFrame(page, n);
  await expect(frameInfo(page)).toHaveAttribute('data-md5', ORACLE.frames[n]!.md5);
  await expect(page.getByTestId('stage')).toHaveAttribute('data-shown-frame', String(n));
}

const words = (n: number) =>
  `Frame ${n} · pts ${ORACLE.frames[n]!.pts} · MD5 ${ORACLE.frames[n]!.md5}`;

/** A canvas's RGBA pixels, read in the page. */
function pixelsOf(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return Array.from(data);
  });
}

test('the loupe shows the pixels under the pointer, magnified, and changes nothing', async ({
  page,
}) => {
  await page.goto('/');
  await openFixture(page, CLIP);
  await jumpTo(page, N);
  await expectCleanFrame(page, N);

  const loupe = page.getByTestId('loupe');
  const control = page.getByRole('combobox', { name: 'Loupe' });
  await expect(control).toHaveValue('0');
  const at = await stagePoint(page, 200.5, 120.5);
  await page.mouse.move(at.x, at.y);
  await expect(page.getByTestId('pixel-readout')).toHaveAttribute('data-x', '200');
  await expect(loupe).toHaveCount(0);

  await control.selectOption({ label: '4×' });
  await page.mouse.move(at.x + 1, at.y);
  await page.mouse.move(at.x, at.y);
  await expect(loupe).toBeVisible();
  await expect(loupe).toHaveAttribute('data-zoom', '4');
  await expect(loupe).toHaveAttribute('data-x', '200');
  await expect(loupe).toHaveAttribute('data-y', '120');
  await expect(loupe).toContainText('x 200 y 120');
  // Beside the pointer, never over it.
  const box = (await loupe.boundingBox())!;
  const covers =
    at.x >= box.x && at.x <= box.x + box.width && at.y >= box.y && at.y <= box.y + box.height;
  expect(covers, 'the loupe covers the pointer').toBe(false);
  await page.screenshot({ path: `${SHOTS}/loupe-4x.png` });

  // It follows the pointer's frame pixel.
  const there = await stagePoint(page, 431.5, 77.5);
  await page.mouse.move(there.x, there.y, { steps: 4 });
  await expect(loupe).toHaveAttribute('data-x', '431');
  await expect(loupe).toHaveAttribute('data-y', '77');
  await expect(page.getByTestId('pixel-readout')).toHaveAttribute('data-x', '431');

  // Honest pixels: each frame pixel is one flat 4 × 4 block, the centre one the frame's own.
  const blocks = await loupe.locator('canvas').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const zoom = 4;
    const at = (x: number, y: number) =>
      Array.from(data.slice((y * c.width + x) * 4, (y * c.width + x) * 4 + 4));
    let flat = true;
    // Blocks away from the crosshair's row and column.
    for (const [bx, by] of [
      [2, 3],
      [5, 30],
      [33, 8],
    ] as const) {
      const first = at(bx * zoom, by * zoom).join();
      for (let dy = 0; dy < zoom; dy++)
        for (let dx = 0; dx < zoom; dx++)
          if (at(bx * zoom + dx, by * zoom + dy).join() !== first) flat = false;
    }
    const centre = ((c.width / zoom - 1) / 2) * zoom;
    return { flat, centre: at(centre + 1, centre + 1), size: c.width };
  });
  expect(blocks.flat).toBe(true);
  expect(blocks.size).toBe(41 * 4);

  // Shift+L cycles 4× → 8× → 16× → off → 2×.
  await page.keyboard.press('Shift+L');
  await expect(loupe).toHaveAttribute('data-zoom', '8');
  await page.keyboard.press('Shift+L');
  await expect(loupe).toHaveAttribute('data-zoom', '16');
  await expect(control).toHaveValue('16');
  await page.screenshot({ path: `${SHOTS}/loupe-16x.png` });
  await page.keyboard.press('Shift+L');
  await expect(loupe).toHaveCount(0);
  await page.keyboard.press('Shift+L');
  await expect(loupe).toHaveAttribute('data-zoom', '2');
  // Plain L is still the Polyline tool's key (only once a case is open: nothing to check here).

  // Off the frame, no loupe.
  const stageBox = (await page.getByTestId('stage').boundingBox())!;
  await page.mouse.move(stageBox.x + stageBox.width / 2, stageBox.y + stageBox.height + 200);
  await expect(loupe).toHaveCount(0);
  await expectCleanFrame(page, N);

  // The loupe's centre pixel is the frame's own pixel: the same as the comparison's picture.
  await page.getByRole('button', { name: 'Pin frame' }).click();
  const panel = page.getByRole('region', { name: 'Frame comparison' });
  const nowCanvas = panel.getByLabel(`Frame ${N} now`);
  await expect(nowCanvas).toBeVisible();
  const framePixel = await nowCanvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(431, 77, 1, 1).data);
  });
  expect(blocks.centre).toEqual(framePixel);

  // On a smaller window the View toolbar's controls stay on screen (they wrap if need be).
  await page.setViewportSize({ width: 1100, height: 720 });
  await expect(page.getByRole('button', { name: 'Pin frame' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('combobox', { name: 'Loupe' })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: `${SHOTS}/side-by-side-1100.png` });
});

test('pin a frame, step on, compare side by side, by wipe and by difference', async ({ page }) => {
  await page.goto('/');
  await openFixture(page, CLIP);
  await jumpTo(page, N);
  await expectCleanFrame(page, N);

  // The loupe on meanwhile: nothing of it may reach the frame.
  await page.getByRole('combobox', { name: 'Loupe' }).selectOption({ label: '8×' });
  await page.getByRole('button', { name: 'Pin frame' }).click();
  const panel = page.getByRole('region', { name: 'Frame comparison' });
  await expect(panel).toBeVisible();
  const mode = panel.getByRole('combobox', { name: 'Comparison' });
  await expect(mode).toHaveValue('side');

  // A frame against itself: no pixel differs.
  await mode.selectOption({ label: 'Difference' });
  const difference = panel.getByTestId('frame-difference');
  await expect(difference).toHaveAttribute('data-changed-pixels', '0');
  await expect(panel).toContainText('No pixel differs');

  // Step on: the comparison follows the frame shown.
  await jumpTo(page, M);
  await expectCleanFrame(page, M);
  await expect(panel.getByTestId('compared-frame')).toHaveAttribute('data-frame', String(M));
  await expect(panel.getByTestId('pinned-frame')).toHaveText(words(N));
  await expect(panel.getByTestId('compared-frame')).toHaveText(words(M));
  await expect(difference).not.toHaveAttribute('data-changed-pixels', '0');
  const changed = Number(await difference.getAttribute('data-changed-pixels'));
  const diffPixels = await pixelsOf(difference.locator('canvas'));
  await page.screenshot({ path: `${SHOTS}/difference.png` });

  // Side by side: each picture named; the count made here from their pixels is the panel's.
  await mode.selectOption({ label: 'Side by side' });
  const pinnedCanvas = panel.getByLabel(`Pinned frame ${N}`);
  const nowCanvas = panel.getByLabel(`Frame ${M} now`);
  await expect(pinnedCanvas).toBeVisible();
  await expect(panel.locator('figcaption').first()).toHaveText(`Pinned · ${words(N)}`);
  await expect(panel.locator('figcaption').nth(1)).toHaveText(`Now · ${words(M)}`);
  const a = await pixelsOf(pinnedCanvas);
  const b = await pixelsOf(nowCanvas);
  expect(a.length).toBe(ORACLE.width * ORACLE.height * 4);
  let ours = 0;
  let sameDiff = true;
  for (let i = 0; i < a.length; i += 4) {
    let differs = false;
    for (let k = 0; k < 4; k++) {
      const d = Math.abs(a[i + k]! - b[i + k]!);
      if (d !== 0) differs = true;
      if (k < 3 && diffPixels[i + k] !== d) sameDiff = false;
    }
    if (diffPixels[i + 3] !== 255) sameDiff = false;
    if (differs) ours++;
  }
  expect(ours).toBeGreaterThan(0);
  expect(changed).toBe(ours);
  expect(sameDiff, 'the difference picture is |A − B| per channel').toBe(true);
  const share = ((100 * ours) / (ORACLE.width * ORACLE.height)).toFixed(1);
  const count = ours.toLocaleString('en-US');
  await page.screenshot({ path: `${SHOTS}/side-by-side.png` });
  await mode.selectOption({ label: 'Difference' });
  await expect(panel).toContainText(`${count} pixels differ (${share} %)`);
  // The same pixels as a mask: white where any channel differs.
  await panel.getByRole('checkbox', { name: 'Changed pixels in white' }).check();
  await expect(async () => {
    const mask = await pixelsOf(difference.locator('canvas'));
    let white = 0;
    for (let i = 0; i < mask.length; i += 4) if (mask[i] === 255) white++;
    expect(white).toBe(ours);
  }).toPass();
  await panel.getByRole('button', { name: 'Enlarge' }).click();
  await page.screenshot({ path: `${SHOTS}/difference-mask-enlarged.png` });
  await panel.getByRole('button', { name: 'Enlarge' }).click();
  await panel.getByRole('checkbox', { name: 'Changed pixels in white' }).uncheck();

  // Wipe: pinned left of the line, the frame now right of it; the slider and a drag move it.
  await mode.selectOption({ label: 'Wipe' });
  const wipe = panel.getByTestId('frame-wipe');
  await expect(wipe).toHaveAttribute('data-pinned-frame', String(N));
  await expect(wipe).toHaveAttribute('data-frame', String(M));
  await expect(panel).toContainText(`◀ Pinned ${N}`);
  await expect(panel).toContainText(`Now ${M} ▶`);
  await panel.getByRole('slider', { name: 'Wipe position' }).fill('25');
  await expect(wipe).toHaveAttribute('data-wipe', '25');
  const w = await pixelsOf(wipe.locator('canvas'));
  const split = Math.round(0.25 * ORACLE.width) * 4;
  let leftIsPinned = true;
  let rightIsNow = true;
  for (let y = 0; y < ORACLE.height; y++) {
    const row = y * ORACLE.width * 4;
    for (let i = row; i < row + ORACLE.width * 4; i++) {
      if (i - row < split ? w[i] !== a[i] : w[i] !== b[i]) {
        if (i - row < split) leftIsPinned = false;
        else rightIsNow = false;
      }
    }
  }
  expect(leftIsPinned && rightIsNow).toBe(true);
  const wipeBox = (await wipe.boundingBox())!;
  await page.mouse.move(wipeBox.x + wipeBox.width * 0.5, wipeBox.y + wipeBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(wipeBox.x + wipeBox.width * 0.75, wipeBox.y + wipeBox.height / 2, {
    steps: 5,
  });
  await page.mouse.up();
  expect(Number(await wipe.getAttribute('data-wipe'))).toBeCloseTo(75, 0);
  await page.screenshot({ path: `${SHOTS}/wipe.png` });

  // With the loupe over the stage too, the frame is untouched.
  const at = await stagePoint(page, 100.5, 100.5);
  await page.mouse.move(at.x, at.y);
  await expect(page.getByTestId('loupe')).toHaveAttribute('data-zoom', '8');
  await page.screenshot({ path: `${SHOTS}/wipe-and-loupe.png` });
  await expectCleanFrame(page, M);

  // Stepping back to the pinned frame: nothing differs again.
  await mode.selectOption({ label: 'Difference' });
  await jumpTo(page, N);
  await expect(difference).toHaveAttribute('data-changed-pixels', '0');

  await panel.getByRole('button', { name: 'Unpin' }).click();
  await expect(panel).toHaveCount(0);
  await expectCleanFrame(page, N);
});
