import { readFileSync } from 'node:fs';
import {
  FIXTURES,
  expect,
  expectFrameMatchesOracle,
  jumpTo,
  oracleFor,
  openFixture,
  test,
  waitForFrame,
} from './support';

// Frame truth on the reference decoder: FFmpeg only (decoders.spec.ts does WebCodecs).
test.use({ decoder: 'ffmpeg' });

/**
 * Frame truth: the app's frame N has native FFmpeg's pts, picture type, key flag and MD5.
 * Fixtures and oracles are made by scripts/make-fixtures.sh with native ffmpeg.
 */
const CLIPS = [
  // H.264 with B-frames in MP4 (the sample footage).
  { file: 'framewise-sample.mp4', jumps: [0, 1, 2, 49, 50, 51, 99, 137, 150, 199, 3] },
  // H.264 with B-frames in MPEG-TS, first pts 1.48 s, keyframe every 25 frames.
  { file: 'ts-bframes-offset.ts', jumps: [0, 24, 25, 26, 49, 50, 74, 13, 1] },
];

for (const clip of CLIPS) {
  test(`${clip.file}: facts and jumped-to frames equal native FFmpeg`, async ({ page }) => {
    const oracle = oracleFor(clip.file);
    await page.goto('/');
    await openFixture(page, clip.file);

    const facts = page.getByTestId('video-facts');
    await expect(facts).toHaveAttribute('data-sha256', oracle.sha256);
    await expect(facts).toHaveAttribute('data-codec', oracle.codec);
    await expect(facts).toHaveAttribute('data-width', String(oracle.width));
    await expect(facts).toHaveAttribute('data-height', String(oracle.height));
    await expect(facts).toHaveAttribute('data-frame-count', String(oracle.frame_count));
    await expect(page.getByTestId('frame-info')).toHaveAttribute(
      'data-time-base',
      oracle.time_base,
    );

    await expectFrameMatchesOracle(page, oracle.frames[0]!);
    for (const n of clip.jumps) {
      await jumpTo(page, n);
      await expectFrameMatchesOracle(page, oracle.frames[n]!);
    }
  });
}

test('stepping with buttons and keys shows each neighbouring frame exactly', async ({ page }) => {
  const oracle = oracleFor('framewise-sample.mp4');
  await page.goto('/');
  await openFixture(page, 'framewise-sample.mp4');

  await page.getByRole('button', { name: 'Next frame' }).click();
  await waitForFrame(page, 1);
  await expectFrameMatchesOracle(page, oracle.frames[1]!);

  await page.locator('body').press('ArrowRight');
  await waitForFrame(page, 2);
  await page.locator('body').press('Shift+ArrowRight');
  await waitForFrame(page, 12);
  await expectFrameMatchesOracle(page, oracle.frames[12]!);

  await page.locator('body').press('End');
  await waitForFrame(page, 199);
  await expectFrameMatchesOracle(page, oracle.frames[199]!);
  await expect(page.getByRole('button', { name: 'Next frame' })).toBeDisabled();

  // Backward across a keyframe boundary (frame 150 is a keyframe: 149 needs the GOP before).
  await jumpTo(page, 151);
  await page.locator('body').press('ArrowLeft');
  await waitForFrame(page, 150);
  await page.getByRole('button', { name: 'Previous frame' }).click();
  await waitForFrame(page, 149);
  await expectFrameMatchesOracle(page, oracle.frames[149]!);
  await page.locator('body').press('Shift+ArrowLeft');
  await waitForFrame(page, 139);
  await expectFrameMatchesOracle(page, oracle.frames[139]!);

  await page.locator('body').press('Home');
  await waitForFrame(page, 0);
  await expectFrameMatchesOracle(page, oracle.frames[0]!);
});

test('play advances frames and pause stops on an exact frame', async ({ page }) => {
  const oracle = oracleFor('framewise-sample.mp4');
  await page.goto('/');
  await openFixture(page, 'framewise-sample.mp4');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect
    .poll(async () => Number(await page.getByTestId('frame-info').getAttribute('data-frame')))
    .toBeGreaterThan(5);
  await page.locator('body').press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const info = page.getByTestId('frame-info');
  await expect(info).toHaveAttribute('data-ready', 'true');
  const n = Number(await info.getAttribute('data-frame'));
  await expectFrameMatchesOracle(page, oracle.frames[n]!);
});

test('the sample footage that ships with the app opens', async ({ page }) => {
  const oracle = oracleFor('framewise-sample.mp4');
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  await expect(page.getByTestId('video-facts')).toHaveAttribute('data-sha256', oracle.sha256);
  await expectFrameMatchesOracle(page, oracle.frames[0]!);
});

test('dropping a file on the window opens it', async ({ page }) => {
  const oracle = oracleFor('ts-bframes-offset.ts');
  await page.goto('/');
  const base64 = readFileSync(`${FIXTURES}ts-bframes-offset.ts`).toString('base64');
  const dataTransfer = await page.evaluateHandle((data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'ts-bframes-offset.ts', { type: 'video/mp2t' }));
    return transfer;
  }, base64);
  await page.dispatchEvent('main, section', 'drop', { dataTransfer });
  await waitForFrame(page, 0);
  await expect(page.getByTestId('video-facts')).toHaveAttribute('data-sha256', oracle.sha256);
  await expectFrameMatchesOracle(page, oracle.frames[0]!);
});
