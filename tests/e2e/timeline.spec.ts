import type { Locator } from '@playwright/test';
import { dragOnStage, expect, jumpTo, test, waitForFrame } from './support';

const FPS = 25; // the sample footage

async function visibleRange(timeline: Locator) {
  return {
    first: Number(await timeline.getAttribute('data-first-visible')),
    last: Number(await timeline.getAttribute('data-last-visible')),
  };
}

/** The screen x of the centre of a frame's slot on the timeline. */
async function timelineX(timeline: Locator, frame: number) {
  const box = (await timeline.boundingBox())!;
  const { first, last } = await visibleRange(timeline);
  return { x: box.x + ((frame - first + 0.5) * box.width) / (last - first + 1), box };
}

test('the timeline shows keyframes, seeks exactly, zooms and follows', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  const rectangle = page.getByRole('button', { name: 'Rectangle' });
  await expect(rectangle).toBeEnabled();

  await jumpTo(page, 10);
  await rectangle.click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  const objects = page.getByRole('list', { name: 'Objects' });
  await objects.getByRole('button', { name: 'officer #1' }).click();
  await jumpTo(page, 30);
  await dragOnStage(page, { x: 300, y: 140 }, { x: 400, y: 200 });

  const timeline = page.getByTestId('timeline');
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  await expect(timeline).toHaveAttribute('data-selected-keyframes', '10,30');
  await expect(timeline).toHaveAttribute('data-lane-count', '1');
  await expect(timeline).toHaveAttribute('data-event-count', '0');
  await expect(timeline).toHaveAttribute('data-first-visible', '0');

  // A click at the centre of frame 50's slot goes to frame 50, exactly.
  const at50 = await timelineX(timeline, 50);
  await page.mouse.click(at50.x, at50.box.y + at50.box.height - 12);
  await waitForFrame(page, 50);
  await expect(timeline).toHaveAttribute('aria-valuenow', '50');

  // Dragging seeks as it goes and ends where the pointer stops.
  const at60 = await timelineX(timeline, 60);
  const at80 = await timelineX(timeline, 80);
  await page.mouse.move(at60.x, at60.box.y + 30);
  await page.mouse.down();
  await page.mouse.move(at80.x, at60.box.y + 30, { steps: 5 });
  await page.mouse.up();
  await waitForFrame(page, 80);

  // Zooming in shows fewer frames, the playhead still among them.
  const before = await visibleRange(timeline);
  await page.getByRole('button', { name: 'Zoom timeline in' }).click();
  const zoomed = await visibleRange(timeline);
  expect(zoomed.last - zoomed.first).toBeLessThan(before.last - before.first);
  expect(zoomed.first).toBeLessThanOrEqual(80);
  expect(zoomed.last).toBeGreaterThanOrEqual(80);
  // Exact at this zoom too.
  const at90 = await timelineX(timeline, 90);
  await page.mouse.click(at90.x, at90.box.y + 40);
  await waitForFrame(page, 90);

  // The wheel zooms further around the pointer.
  await page.mouse.move(at90.x, at90.box.y + 40);
  await page.mouse.wheel(0, -300);
  await expect
    .poll(async () => {
      const r = await visibleRange(timeline);
      return r.last - r.first;
    })
    .toBeLessThan(zoomed.last - zoomed.first);

  // The view follows the playhead when it leaves.
  await jumpTo(page, 180);
  const followed = await visibleRange(timeline);
  expect(followed.first).toBeLessThanOrEqual(180);
  expect(followed.last).toBeGreaterThanOrEqual(180);

  await page.getByRole('button', { name: 'Whole clip' }).click();
  await expect(timeline).toHaveAttribute('data-first-visible', '0');
  await expect(timeline).toHaveAttribute('data-last-visible', '199');
});

test('Speed sets the playback rate; at 0.25× two seconds play about 12 frames', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  const speed = page.getByTestId('speed');
  await expect(speed).toHaveAttribute('data-rate', '1');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '0.25×' });
  await expect(speed).toHaveAttribute('data-rate', '0.25');

  // Timed in the page, so Playwright's own latency does not count.
  await page.evaluate(async () => {
    const button = (name: string) =>
      [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
    button('Play').click();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    button('Pause').click();
  });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const info = page.locator('[data-testid=frame-info][data-ready=true]');
  const played = Number(await info.getAttribute('data-frame'));
  expect(played).toBeLessThanOrEqual(2 * FPS * 0.25 + 2);
  expect(played).toBeGreaterThanOrEqual(2 * FPS * 0.25 - 4);
});
