import type { Locator } from '@playwright/test';
import { calibrateClock, clockPanel, openClockPanel } from './clock-support';
import {
  expect,
  FIXTURES,
  frameInfo,
  jumpTo,
  openFixture,
  storedAudit,
  test,
  waitForFrame,
} from './support';

/**
 * Reading the DVR's burnt-in clock beside the frame. The corpus CCTV clip is 25 fps and its
 * clock (drawtext of the pts from 2025-09-12 08:01:00) turns to 08:01:01 on frame 25: frame 24
 * still shows 08:01:00 (scripts/make-sample.sh draws the same clock).
 */
const CLIP = 'corpus/cctv-d1-h264.mp4';

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

test('the DVR clock is read in a panel beside the frame, on the tick, with its uncertainty and zone', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await openFixture(page, CLIP);
  await openClockPanel(page);
  const panel = clockPanel(page);

  // The panel leaves the whole stage in view: their boxes do not overlap.
  const stage = await boxOf(page.getByTestId('stage'));
  const side = await boxOf(panel);
  const overlaps =
    side.x < stage.x + stage.width &&
    stage.x < side.x + side.width &&
    side.y < stage.y + stage.height &&
    stage.y < side.y + side.height;
  expect(overlaps, 'the DVR clock panel covers the stage').toBe(false);
  // No modal dialog opened: the page behind takes clicks and keys.
  expect(await page.locator('dialog:modal').count()).toBe(0);

  // Frame 0 cannot be a tick: nothing before it shows the second before.
  await panel.getByRole('button', { name: 'The new second starts here' }).click();
  await expect(panel.getByTestId('dvr-clock-mark')).toContainText('Frame 0 cannot be the tick');

  // Step back and forth with the keys while the panel is open, to the change of second.
  await jumpTo(page, 23);
  await panel.getByRole('heading', { name: 'DVR clock' }).click();
  await page.keyboard.press('ArrowRight');
  await waitForFrame(page, 24);
  await page.keyboard.press('ArrowRight');
  await waitForFrame(page, 25);
  await panel.getByRole('button', { name: 'The new second starts here' }).click();
  await expect(panel.getByTestId('dvr-clock-mark')).toHaveAttribute('data-frame', '25');
  await expect(panel.getByTestId('dvr-clock-mark')).toContainText('± 0.040 s');
  // Back one, to check the frame before still shows the old second, and on again.
  await page.keyboard.press('ArrowLeft');
  await waitForFrame(page, 24);
  await page.keyboard.press('ArrowRight');
  await waitForFrame(page, 25);
  await page.screenshot({ path: testInfo.outputPath('dvr-clock-panel-tick.png') });

  // What the clock shows, to the second: a fraction typed is refused in plain words.
  const time = panel.getByRole('textbox', { name: 'DVR time shown' });
  await time.fill('2025-09-12 08:01:01.480');
  await panel.getByRole('textbox', { name: 'UTC offset' }).fill('+01:00');
  await panel.getByRole('button', { name: 'Save clock calibration' }).click();
  await expect(panel.getByRole('alert')).toContainText('whole second');
  await panel.getByRole('textbox', { name: 'UTC offset' }).fill('+25:00');
  await time.fill('2025-09-12 08:01:01');
  await panel.getByRole('button', { name: 'Save clock calibration' }).click();
  await expect(panel.getByRole('alert')).toContainText('UTC offset');
  expect(await frameInfo(page).getAttribute('data-dvr-time')).toBe('');

  await panel.getByRole('textbox', { name: 'UTC offset' }).fill('+01:00');
  await panel.getByRole('spinbutton', { name: 'DVR ahead of real time by (s)' }).fill('83.5');
  await panel
    .getByRole('textbox', { name: 'How the offset was measured' })
    .fill('DVR menu clock against a GPS phone');
  await panel.getByRole('button', { name: 'Save clock calibration' }).click();
  await expect(panel.getByRole('status')).toContainText(
    'Saved: 2025-09-12 08:01:01 on 25, ± 0.040 s (UTC+01:00).',
  );

  // Every frame's DVR time follows, with the uncertainty and zone beside it.
  await expect(frameInfo(page)).toHaveAttribute('data-dvr-time', '2025-09-12 08:01:01.000');
  await expect(frameInfo(page)).toHaveAttribute('data-dvr-uncertainty', '0.04');
  await expect(frameInfo(page)).toHaveAttribute('data-utc-offset-minutes', '60');
  await jumpTo(page, 40);
  await expect(frameInfo(page)).toHaveAttribute('data-dvr-time', '2025-09-12 08:01:01.600');
  await expect(frameInfo(page)).toHaveAttribute('data-corrected-time', '2025-09-12 07:59:38.100');
  await expect(page.getByTestId('frame-dvr-time')).toHaveText(
    '2025-09-12 08:01:01.600 ± 0.040 s (UTC+01:00)',
  );
  // The panel says it too, in view where the clock is read.
  await expect(panel.getByTestId('dvr-clock-now')).toHaveText(
    'On screen: 40 · 2025-09-12 08:01:01.600 ± 0.040 s (UTC+01:00)',
  );
  await page.screenshot({ path: testInfo.outputPath('dvr-clock-panel-saved.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: testInfo.outputPath('dvr-clock-panel-1280.png') });

  // A logged case edit, with the calibration before and after.
  const edit = (await storedAudit(page)).at(-1)!;
  expect(edit).toMatchObject({
    action: 'case.edit',
    detail: 'DVR clock calibration',
    before: { clock: null },
    after: {
      clock: {
        frame: 25,
        dvrTime: '2025-09-12 08:01:01',
        method: 'tick',
        uncertaintySeconds: 0.04,
        utcOffsetMinutes: 60,
        offsetSeconds: 83.5,
      },
    },
  });

  // Kept with the case: after a reload the same frame has the same time.
  await page.reload();
  // The case reopens where it was left: frame 40.
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}${CLIP}`);
  await waitForFrame(page, 40);
  await expect(page.getByTestId('frame-dvr-time')).toHaveText(
    '2025-09-12 08:01:01.600 ± 0.040 s (UTC+01:00)',
  );
});

test('without a tick the clock is read to ± 1 s, and a calibration can be removed', async ({
  page,
}) => {
  await page.goto('/');
  await openFixture(page, CLIP);
  await calibrateClock(page, {
    frame: 10,
    tick: false,
    dvrTime: '2025-09-12 08:01:00',
    utcOffset: '',
  });
  await expect(frameInfo(page)).toHaveAttribute('data-dvr-time', '2025-09-12 08:01:00.000');
  await expect(page.getByTestId('frame-dvr-time')).toHaveText(
    '2025-09-12 08:01:00.000 ± 1 s (UTC offset not known)',
  );
  await clockPanel(page).getByRole('button', { name: 'Remove clock calibration' }).click();
  await expect(frameInfo(page)).toHaveAttribute('data-dvr-time', '');
  await expect(frameInfo(page)).toContainText('not calibrated');
  const edit = (await storedAudit(page)).at(-1)!;
  expect(edit).toMatchObject({ action: 'case.edit', after: { clock: null } });
});
