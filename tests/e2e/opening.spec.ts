import { copyFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FIXTURES,
  dragOnStage,
  expect,
  exportAnnotations,
  frameInfo,
  oracleFor,
  test,
  waitForFrame,
} from './support';

/**
 * Issue 12, points 6 and 11: a long file is shown before its SHA-256 is known, each stage
 * of opening with its own progress bar, and what is done meanwhile waits for the hash and
 * is saved with the case; the file chosen last is the one that opens.
 */
const LONG = 'long-12min-tiny.mp4'; // scripts/make-long-video.sh: 12 min, 25 fps, 160×90
const LONG_FRAMES = 18_000;
const LONG_SIZE = { width: 160, height: 90 };

test('a long file shows frame 0 and steps while its SHA-256 is computed; a box drawn meanwhile is saved with its case', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // The long clip followed by zeros to 4 GB (sparse on disk): a valid MP4 whose hash takes
  // a while, so what happens before the hash is known can be seen.
  const dir = mkdtempSync(join(tmpdir(), 'framewise-long-'));
  const big = join(dir, 'long-padded.mp4');
  copyFileSync(`${FIXTURES}${LONG}`, big);
  truncateSync(big, 4_000_000_000);
  try {
    // Every progress bar shown while opening, by its accessible name.
    await page.addInitScript(() => {
      const names = new Set<string>();
      (window as unknown as { stagesSeen: Set<string> }).stagesSeen = names;
      const look = () => {
        for (const bar of Array.from(document.querySelectorAll('[role=progressbar]'))) {
          const id = bar.getAttribute('aria-labelledby');
          const name = id ? document.getElementById(id)?.textContent : null;
          if (name) names.add(name);
        }
      };
      document.addEventListener('DOMContentLoaded', () =>
        new MutationObserver(look).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
        }),
      );
    });
    await page.goto('/');
    await page.getByLabel('Open video').setInputFiles(big);
    await waitForFrame(page, 0);
    const hashing = page.getByRole('progressbar', { name: 'Computing the SHA-256 of the video' });
    // Frame 0 is on screen, identified by its own facts, while the file is still hashed.
    await expect(hashing).toBeVisible();
    await expect(frameInfo(page)).toHaveAttribute('data-md5', /^[0-9a-f]{32}$/);
    await expect(page.getByTestId('video-facts')).toHaveAttribute('data-sha256', '');
    await expect(page.getByTestId('video-facts')).toHaveAttribute(
      'data-frame-count',
      String(LONG_FRAMES),
    );
    // Stepping works at once.
    await page.keyboard.press('ArrowRight');
    await waitForFrame(page, 1);
    await page.keyboard.press('ArrowLeft');
    await waitForFrame(page, 0);
    await expect(hashing).toBeVisible();

    // A box drawn now waits for the hash, and says so.
    await page.getByRole('button', { name: 'Rectangle' }).click();
    await dragOnStage(page, { x: 20, y: 20 }, { x: 80, y: 60 }, LONG_SIZE);
    await expect(
      page.getByRole('progressbar', { name: 'Waiting for the SHA-256 of the video' }),
    ).toBeVisible();
    await expect(page.getByText(/Then: the rectangle you drew on frame 0/)).toBeVisible();

    // Once the hash is known, the case is found and the box is in it, saved.
    await expect(page.getByTestId('video-facts')).toHaveAttribute('data-sha256', /^[0-9a-f]{64}$/, {
      timeout: 240_000,
    });
    await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(1);
    await expect(page.getByTestId('save-state')).toHaveText('Saved');
    const exported = await exportAnnotations(page);
    expect(exported.tracks).toHaveLength(1);
    expect(exported.tracks[0]!.keyframes.map((k) => k.frame)).toEqual([0]);

    const seen = await page.evaluate(() => [
      ...(window as unknown as { stagesSeen: Set<string> }).stagesSeen,
    ]);
    for (const stage of [
      'Reading the frame index…',
      'Decoding frame 0…',
      'Computing the SHA-256 of the video…',
      'Waiting for the SHA-256 of the video…',
    ]) {
      expect(seen, `progress bars seen: ${seen.join(' | ')}`).toContain(stage);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a good clip chosen right after a cut-short file’s alert is the one that opens', async ({
  page,
}) => {
  const sample = oracleFor('framewise-sample.mp4');
  await page.goto('/');
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}corpus/bad-truncated.mp4`);
  await expect(page.getByRole('alert')).toContainText('cut short');
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}framewise-sample.mp4`);
  const facts = page.getByTestId('video-facts');
  await expect(facts).toHaveAttribute('data-sha256', sample.sha256);
  await expect(facts).toHaveAttribute('data-frame-count', String(sample.frame_count));
  await expect(facts).toContainText('framewise-sample.mp4');
  await waitForFrame(page, 0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a good clip chosen at once after a cut-short file is the one that opens', async ({
  page,
}) => {
  const sample = oracleFor('framewise-sample.mp4');
  await page.goto('/');
  const input = page.getByLabel('Open video');
  await input.setInputFiles(`${FIXTURES}corpus/bad-truncated.mp4`);
  await input.setInputFiles(`${FIXTURES}framewise-sample.mp4`); // while the first opens
  const facts = page.getByTestId('video-facts');
  await expect(facts).toHaveAttribute('data-sha256', sample.sha256);
  await expect(facts).toHaveAttribute('data-frame-count', String(sample.frame_count));
  await waitForFrame(page, 0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a file chosen while another is still being read wins over it', async ({ page }) => {
  const sample = oracleFor('framewise-sample.mp4');
  await page.goto('/');
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}${LONG}`);
  await expect(page.getByText('Opening…')).toBeVisible();
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}framewise-sample.mp4`);
  const facts = page.getByTestId('video-facts');
  await expect(facts).toHaveAttribute('data-sha256', sample.sha256);
  await waitForFrame(page, 0);
  // The first file's open was cancelled: it never comes back over the second.
  await page.waitForTimeout(3000);
  await expect(facts).toContainText('framewise-sample.mp4');
  await expect(facts).toHaveAttribute('data-frame-count', String(sample.frame_count));
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a file chosen while the one on screen is still hashed wins over it', async ({ page }) => {
  const sample = oracleFor('framewise-sample.mp4');
  const dir = mkdtempSync(join(tmpdir(), 'framewise-long-'));
  const big = join(dir, 'long-padded.mp4');
  copyFileSync(`${FIXTURES}${LONG}`, big);
  truncateSync(big, 4_000_000_000);
  try {
    await page.goto('/');
    await page.getByLabel('Open video').setInputFiles(big);
    await waitForFrame(page, 0); // on screen, its SHA-256 not yet known
    await expect(page.getByTestId('video-facts')).toHaveAttribute('data-sha256', '');
    await page.getByLabel('Open video').setInputFiles(`${FIXTURES}framewise-sample.mp4`);
    const facts = page.getByTestId('video-facts');
    await expect(facts).toHaveAttribute('data-sha256', sample.sha256);
    await expect(facts).toContainText('framewise-sample.mp4');
    await waitForFrame(page, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
