/**
 * Issue 15, the case timeline: every video of a case on one axis of case seconds, a lane
 * each with its extent, its waveform and its events; clicking it moves the lead. The clips
 * (tests/fixtures/sync, truth beside them): A 25 fps the reference, B 30 fps starting 1.37 s
 * after it, C 24 fps from 0.6 s, running 0.1 % slow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FIXTURES, expect, reopenCase, test, waitForFrame } from './support';

const SYNC = join(FIXTURES, 'sync');
const truth = JSON.parse(readFileSync(join(SYNC, 'sync.truth.json'), 'utf8')) as {
  clips: { file: string; instants: { case_s: number; frame: number }[] }[];
};
const truthFrame = (file: string, caseS: number) =>
  truth.clips.find((c) => c.file === file)!.instants.find((i) => i.case_s === caseS)!.frame;

const frameOf = (page: Page, file: string) =>
  page.getByRole('region', { name: file }).getByTestId('frame-info');
const lane = (page: Page, file: string) =>
  page.getByTestId('case-lane').and(page.locator(`[data-file="${file}"]`));
const wave = (page: Page, file: string) =>
  page.getByTestId('waveform').and(page.locator(`[data-file="${file}"]`));

async function addVideo(page: Page, file: string): Promise<void> {
  await page.getByLabel('Add video to case').setInputFiles(join(SYNC, file));
  await expect(frameOf(page, file)).toHaveAttribute('data-ready', 'true');
}

async function addEvent(page: Page, text: string, start: number, end: number): Promise<void> {
  await page.getByRole('textbox', { name: 'Event description' }).fill(text);
  await page.getByRole('spinbutton', { name: 'Event start' }).fill(String(start));
  await page.getByRole('spinbutton', { name: 'Event end' }).fill(String(end));
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByRole('list', { name: 'Events' })).toContainText(text);
}

/** Clicks the case timeline at `caseS` seconds (its axis spans data-start-s..data-end-s). */
async function clickAt(page: Page, caseS: number): Promise<void> {
  const axis = page.getByTestId('case-timeline');
  const start = Number(await axis.getAttribute('data-start-s'));
  const end = Number(await axis.getAttribute('data-end-s'));
  const box = (await axis.boundingBox())!;
  await page.mouse.click(box.x + ((caseS - start) / (end - start)) * box.width, box.y + 8);
}

test('one axis: a lane per video with its waveform and events; synchronised; clicking moves the lead', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Open video').setInputFiles(join(SYNC, 'A.mp4'));
  await waitForFrame(page, 0);
  await expect(page.getByRole('combobox', { name: 'Annotation set' })).toBeVisible();
  // One video: no case timeline; the lead's timeline has its one waveform lane, as ever.
  await expect(page.getByTestId('case-timeline')).toHaveCount(0);
  await expect(page.getByTestId('waveform')).toHaveCount(1);
  await addEvent(page, 'A: first bang', 75, 100);

  await addVideo(page, 'B.mp4');
  await addVideo(page, 'C.mp4');
  await expect(page.getByTestId('case-lane')).toHaveCount(3);
  // A waveform lane per video with sound, the lead's timeline no longer one of them.
  for (const file of ['A.mp4', 'B.mp4', 'C.mp4']) {
    await expect(wave(page, file)).toHaveAttribute('data-state', 'ready');
  }
  await expect(page.getByTestId('waveform')).toHaveCount(3);
  await expect(page.getByTestId('timeline').getByTestId('waveform')).toHaveCount(0);
  await expect(lane(page, 'A.mp4')).toHaveAttribute('data-lead', 'true');
  await expect(lane(page, 'A.mp4')).toHaveAttribute('data-event-count', '1');
  // Not yet synchronised: B is drawn as if it began with A, and says so.
  await expect(lane(page, 'B.mp4')).toHaveAttribute('data-sync', 'unsynced');
  await expect(wave(page, 'B.mp4')).toHaveAttribute('data-offset-s', '0');
  await expect(page.getByRole('region', { name: 'Case time axis' })).toContainText(
    'not synchronised',
  );

  // B from its sound: its lane moves to start 1.37 s after A (within a frame interval).
  await page.getByRole('button', { name: 'Synchronise…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Synchronise videos' });
  await dialog.getByLabel('Video to anchor').selectOption({ label: 'B.mp4' });
  await expect(async () => {
    await dialog.getByRole('button', { name: 'Suggest from sound' }).click();
    await expect(page.getByTestId('sync-suggestion')).toHaveAttribute('data-found', 'true', {
      timeout: 1000,
    });
  }).toPass();
  await dialog.getByRole('button', { name: 'Accept' }).click();
  await expect(lane(page, 'B.mp4')).toHaveAttribute('data-sync', 'offset-only');
  const offset = Number(await wave(page, 'B.mp4').getAttribute('data-offset-s'));
  expect(Math.abs(offset - 1.37)).toBeLessThan(1 / 30);
  expect(Number(await lane(page, 'B.mp4').getAttribute('data-start-s'))).toBeCloseTo(offset, 6);
  // 300 frames at 30 fps: its extent is 10 s long (to the end of its last frame).
  expect(Number(await lane(page, 'B.mp4').getAttribute('data-end-s'))).toBeCloseTo(offset + 10, 3);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Clicking the case timeline at 9 s (mid-frame) moves the lead to its frame at 9 s; the
  // playhead is at that frame's instant.
  await clickAt(page, 9 + 0.02);
  const a9 = truthFrame('A.mp4', 9);
  await waitForFrame(page, a9);
  await expect(frameOf(page, 'A.mp4')).toHaveAttribute('data-frame', String(a9));
  const instant = Number(await page.getByTestId('case-timeline').getAttribute('data-instant-s'));
  expect(instant).toBeCloseTo(a9 / 25, 6);
  await clickAt(page, 3 + 0.02);
  await expect(frameOf(page, 'A.mp4')).toHaveAttribute(
    'data-frame',
    String(truthFrame('A.mp4', 3)),
  );

  // Another video's events come from its own set: made on B as the lead, shown on B's lane
  // once A is the lead again.
  await page
    .getByRole('region', { name: 'B.mp4' })
    .getByRole('button', { name: 'Make lead' })
    .click();
  await expect(lane(page, 'B.mp4')).toHaveAttribute('data-lead', 'true');
  await addEvent(page, 'B: a bang', 48, 123);
  await expect(lane(page, 'B.mp4')).toHaveAttribute('data-event-count', '1');
  await expect(lane(page, 'A.mp4')).toHaveAttribute('data-event-count', '1');
  await page
    .getByRole('region', { name: 'A.mp4' })
    .getByRole('button', { name: 'Make lead' })
    .click();
  await expect(lane(page, 'A.mp4')).toHaveAttribute('data-lead', 'true');
  await expect(lane(page, 'B.mp4')).toHaveAttribute('data-event-count', '1');
  await expect(lane(page, 'A.mp4')).toHaveAttribute('data-event-count', '1');

  await page.screenshot({ path: 'test-results/case-timeline.png' });
});

test("a reopened case's other video is named on its lane, 'file not open', until it is chosen", async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Open video').setInputFiles(join(SYNC, 'A.mp4'));
  await waitForFrame(page, 0);
  await expect(page.getByRole('combobox', { name: 'Annotation set' })).toBeVisible();
  await addVideo(page, 'B.mp4');
  await expect(page.getByTestId('waveform')).toHaveCount(2);

  await page.reload();
  await reopenCase(page, 'sync/A.mp4');
  await waitForFrame(page, 0);
  await expect(lane(page, 'B.mp4')).toHaveAttribute('data-open', 'false');
  await expect(lane(page, 'B.mp4')).toContainText('file not open');
  await expect(page.getByRole('region', { name: 'Case time axis' })).toContainText('file not open');
  await expect(wave(page, 'A.mp4')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('waveform')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/case-timeline-not-open.png' });

  await page.getByLabel('Open B.mp4').setInputFiles(join(SYNC, 'B.mp4'));
  await expect(lane(page, 'B.mp4')).toHaveAttribute('data-open', 'true');
  await expect(page.getByTestId('waveform')).toHaveCount(2);
});
