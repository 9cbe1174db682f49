import { readFileSync } from 'node:fs';
import { expect, FIXTURES, jumpTo, openFixture, test, waitForFrame } from './support';

/** bangs.mp4: 4 s at 25 fps, 1 kHz bangs of 50 ms at known times (its truth beside it). */
const truth = JSON.parse(readFileSync(`${FIXTURES}sound/bangs.truth.json`, 'utf8')) as {
  bangs_s: number[];
  bang_frames: number[];
  duration_s: number;
  fps: number;
};

test('the waveform lane shows the sound, its loud onsets at the known bangs; clicking it seeks', async ({
  page,
}) => {
  await page.goto('/');
  await openFixture(page, 'sound/bangs.mp4');
  const wave = page.getByTestId('waveform');
  await expect(wave).toHaveAttribute('data-state', 'ready');
  await expect(wave).toHaveAttribute('data-sample-rate', '16000');
  expect(Number(await wave.getAttribute('data-duration-s'))).toBeCloseTo(truth.duration_s, 1);
  const onsets = (await wave.getAttribute('data-loud-onsets-s'))!.split(',').map(Number);
  expect(onsets).toHaveLength(truth.bangs_s.length);
  // Within one 10 ms bucket of the truth (AAC smears a bang's start by a few ms).
  onsets.forEach((t, i) => expect(Math.abs(t - truth.bangs_s[i]!)).toBeLessThanOrEqual(0.0105));
  await expect(page.getByTestId('video-facts')).toHaveAttribute('data-audio', 'aac');
  await expect(page.getByTestId('audio-facts')).toContainText('aac');

  // Clicking the waveform where the second bang is seeks to its frame, as the timeline does;
  // an event is then marked on the sound with "Start here".
  const timeline = page.getByTestId('timeline');
  const box = (await wave.boundingBox())!;
  const first = Number(await timeline.getAttribute('data-first-visible'));
  const last = Number(await timeline.getAttribute('data-last-visible'));
  const frame = truth.bang_frames[1]!;
  await page.mouse.click(
    box.x + ((frame - first + 0.5) * box.width) / (last - first + 1),
    box.y + box.height / 2,
  );
  await waitForFrame(page, frame);
  await page.getByRole('textbox', { name: 'Event description' }).fill('bang heard');
  await page.getByRole('button', { name: 'Start here' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Event start' })).toHaveValue(String(frame));
});

test('playing at 1× starts the sound in step; at 2× it is muted with a note', async ({ page }) => {
  await page.goto('/');
  await openFixture(page, 'sound/bangs.mp4');
  const wave = page.getByTestId('waveform');
  await expect(wave).toHaveAttribute('data-state', 'ready');
  await expect(wave).toHaveAttribute('data-playing-audio', 'false');
  await expect(page.getByTestId('sound-muted')).toHaveCount(0);

  // From frame 50 (2.00 s): the sound starts at the time of the first frame played, 51 (2.04 s)
  // or, if that frame was slow to come, a frame or two later.
  await jumpTo(page, 50);
  const play = page.getByRole('button', { name: 'Play' });
  await play.click();
  await expect(wave).toHaveAttribute('data-playing-audio', 'true');
  const from = Number(await wave.getAttribute('data-audio-from-s'));
  expect(from).toBeGreaterThanOrEqual(51 / truth.fps - 0.001);
  expect(from).toBeLessThanOrEqual(54 / truth.fps + 0.001);
  // In step: the frame's own time, not a time between frames.
  expect(Math.abs(from * truth.fps - Math.round(from * truth.fps))).toBeLessThan(0.01);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(wave).toHaveAttribute('data-playing-audio', 'false');

  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await expect(page.getByTestId('sound-muted')).toHaveText('Sound only at 1×');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.waitForTimeout(300);
  await expect(wave).toHaveAttribute('data-playing-audio', 'false');
  await page.getByRole('button', { name: 'Pause' }).click();
});

test('a video without sound says "No audio", in the lane and in the video facts', async ({
  page,
}) => {
  await page.goto('/');
  await openFixture(page, 'framewise-sample.mp4');
  const wave = page.getByTestId('waveform');
  await expect(wave).toHaveAttribute('data-state', 'none');
  await expect(wave).toHaveText('No audio');
  await expect(page.getByTestId('audio-facts')).toHaveText('No audio');
  await expect(page.getByTestId('video-facts')).toHaveAttribute('data-audio', 'none');
});
