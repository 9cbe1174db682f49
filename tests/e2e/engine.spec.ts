import { mkdtempSync, copyFileSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FIXTURES,
  expect,
  expectFrameMatchesOracle,
  oracleFor,
  openFixture,
  test,
  waitForFrame,
} from './support';

test('every frame, stepped one by one with no cache, stays exact across core restarts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const clip = 'ts-bframes-offset.ts';
  const oracle = oracleFor(clip);
  await page.goto('/');
  await openFixture(page, clip);
  // No cache: every step is its own FFmpeg call, so 75 steps pass the core's restart point
  // (the published core crashes after about 100 calls; the engine restarts it before).
  const cache = page.getByLabel('Cache size (MB)');
  await cache.fill('0');
  await cache.press('Enter');
  await cache.blur();
  for (let n = 1; n < oracle.frame_count; n++) {
    await page.getByRole('button', { name: 'Next frame' }).click();
    await waitForFrame(page, n);
    await expectFrameMatchesOracle(page, oracle.frames[n]!);
  }
  // And backwards over a keyframe boundary, still uncached.
  for (let n = 51; n >= 47; n--) {
    const field = page.getByRole('spinbutton', { name: 'Frame', exact: true });
    await field.fill(String(n));
    await field.press('Enter');
    await waitForFrame(page, n);
    await expectFrameMatchesOracle(page, oracle.frames[n]!);
  }
});

test('a 2 GB file opens to its first frame without the tab holding the file in memory', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // The sample clip followed by 2 GB of zeros (sparse on disk): a valid MP4 that FFmpeg
  // reads to the end of its frames, and a large file to hash and mount.
  const dir = mkdtempSync(join(tmpdir(), 'framewise-big-'));
  const big = join(dir, 'big-2gb.mp4');
  copyFileSync(`${FIXTURES}framewise-sample.mp4`, big);
  truncateSync(big, 2_100_000_000);
  try {
    await page.goto('/');
    await page.getByLabel('Open video').setInputFiles(big);
    await expect(
      page.getByRole('progressbar', { name: 'Computing the SHA-256 of the video' }),
    ).toBeVisible();
    await waitForFrame(page, 0);
    await expectFrameMatchesOracle(page, oracleFor('framewise-sample.mp4').frames[0]!);
    // The SHA-256 streams through all 2.1 GB in a worker, with a progress bar meanwhile.
    await expect(page.getByTestId('video-facts')).toHaveAttribute('data-sha256', /^[0-9a-f]{64}$/, {
      timeout: 180_000,
    });
    const bytes = await page.evaluate(async () => {
      const measure = (
        performance as unknown as {
          measureUserAgentSpecificMemory: () => Promise<{ bytes: number }>;
        }
      ).measureUserAgentSpecificMemory;
      return (await measure.call(performance)).bytes;
    });
    // Page, workers and the wasm heap together stay far below the file's size.
    expect(bytes).toBeLessThan(500 * 1024 * 1024);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
