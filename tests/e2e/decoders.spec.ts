import type { Page } from '@playwright/test';
import {
  expect,
  expectFrameMatchesOracle,
  FIXTURES,
  frameInfo,
  jumpTo,
  oracleFor,
  openFixture,
  test,
  waitForDecoderCheck,
  waitForFrame,
} from './support';

/**
 * The WebCodecs path (issue 14): once checked against FFmpeg on a sample of frames, WebCodecs
 * decodes new frames, and each still has native FFmpeg's pts, picture type and framemd5. A
 * file WebCodecs cannot decode, or decodes differently, stays with FFmpeg, saying why. (The
 * frame-exactness suites corpus, containers and frame-truth run on FFmpeg only.)
 */

const decoderCheck = (page: Page) => page.getByTestId('decoder-check');

/** Serves the WebCodecs worker with `fault` (plain JavaScript run first): a decoder gone wrong. */
async function withFaultyWorker(page: Page, fault: string): Promise<void> {
  await page.route('**/assets/webcodecs.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: fault + (await response.text()) });
  });
}

/** Keyframes and their neighbours, and eight frames spread over the clip, shuffled. */
function framesToCheck(frameCount: number, keyframes: number[]): number[] {
  const picked = new Set<number>();
  for (const k of keyframes)
    for (const n of [k - 1, k, k + 1]) if (n >= 0 && n < frameCount) picked.add(n);
  for (let i = 0; i < 8; i++) picked.add(Math.round((i * (frameCount - 1)) / 7));
  return [...picked].sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101) || a - b);
}

const WEBCODECS_CLIPS = [
  'corpus/long-gop-1080p-h264.mp4', // 1080p, a keyframe at 0 and 80 only
  'corpus/cctv-d1-h264.mp4', // H.264 with B-frames
  'corpus/phone-vfr-rotated.mp4', // variable frame rate, turned -90°
  'ts-bframes-offset.ts', // MPEG-TS, pts from 1.48 s, B-frames
  'containers/vp8.webm',
  'containers/vp9.webm',
  'framewise-sample.mp4', // the frame-truth suite's clip
  'containers/editlist.mp4', // an edit list: frames decoded before the first shown
];

for (const clip of WEBCODECS_CLIPS) {
  test(`${clip}: on WebCodecs, sampled frames equal native FFmpeg`, async ({ page }) => {
    test.setTimeout(120_000);
    const oracle = oracleFor(clip);
    await page.goto('/');
    await openFixture(page, clip);
    await waitForDecoderCheck(page, 'verified');
    expect(Number(await decoderCheck(page).getAttribute('data-compared'))).toBeGreaterThan(0);
    // No frame cache: each frame is decoded afresh (frames FFmpeg decoded before the check
    // ended would otherwise be shown from the cache).
    const cache = page.getByRole('spinbutton', { name: 'Cache size (MB)' });
    await cache.fill('0');
    await cache.press('Enter');
    const keyframes = oracle.frames.filter((f) => f.key).map((f) => f.index);
    const decoders: string[] = [];
    for (const n of framesToCheck(oracle.frame_count, keyframes)) {
      await jumpTo(page, n);
      await expectFrameMatchesOracle(page, oracle.frames[n]!);
      decoders.push((await frameInfo(page).getAttribute('data-decoder'))!);
    }
    // A few may still be on hand, screen-ready, from FFmpeg's first window; the rest are WebCodecs'.
    expect(decoders.every((d) => d === 'webcodecs' || d === 'ffmpeg')).toBe(true);
    expect(decoders.filter((d) => d === 'webcodecs').length).toBeGreaterThan(decoders.length / 2);
  });
}

test('stepping forward and back through a long GOP on WebCodecs keeps every frame exact', async ({
  page,
}) => {
  const clip = 'corpus/long-gop-1080p-h264.mp4';
  const oracle = oracleFor(clip);
  await page.goto('/');
  await openFixture(page, clip);
  await waitForDecoderCheck(page, 'verified');
  await jumpTo(page, 200);
  await expect(frameInfo(page)).toHaveAttribute('data-decoder', 'webcodecs');
  for (let n = 201; n <= 215; n++) {
    await page.keyboard.press('ArrowRight');
    await waitForFrame(page, n);
    await expectFrameMatchesOracle(page, oracle.frames[n]!);
  }
  for (let n = 214; n >= 185; n--) {
    await page.keyboard.press('ArrowLeft');
    await waitForFrame(page, n);
    await expectFrameMatchesOracle(page, oracle.frames[n]!);
  }
  await expect(page.getByTestId('decode-speed')).toContainText('(WebCodecs)');
});

test('HEVC, which WebCodecs does not decode here, stays on FFmpeg and says why', async ({
  page,
}) => {
  const clip = 'corpus/bodycam-hevc.mkv';
  const oracle = oracleFor(clip);
  await page.goto('/');
  await openFixture(page, clip);
  await waitForDecoderCheck(page, 'not-used');
  await expect(decoderCheck(page)).toContainText('WebCodecs not used');
  await jumpTo(page, 40);
  await expectFrameMatchesOracle(page, oracle.frames[40]!);
  await expect(frameInfo(page)).toHaveAttribute('data-decoder', 'ffmpeg');
});

test('a WebCodecs frame that differs from FFmpeg’s sends the whole file to FFmpeg, naming the frame', async ({
  page,
}) => {
  const clip = 'corpus/cctv-d1-h264.mp4';
  const oracle = oracleFor(clip);
  // A decoder that gets frame 2 wrong: one byte of its luma flipped, inside the worker.
  await withFaultyWorker(
    page,
    `
      const copyTo = VideoFrame.prototype.copyTo;
      VideoFrame.prototype.copyTo = async function (destination, options) {
        const layout = await copyTo.call(this, destination, options);
        if (this.timestamp === ${oracle.frames[2]!.pts}) {
          const bytes = ArrayBuffer.isView(destination)
            ? new Uint8Array(destination.buffer, destination.byteOffset, destination.byteLength)
            : new Uint8Array(destination);
          bytes[layout[0].offset] ^= 0xff;
        }
        return layout;
      };
    `,
  );
  await page.goto('/');
  await openFixture(page, clip);
  await waitForDecoderCheck(page, 'differs');
  await expect(decoderCheck(page)).toHaveAttribute('data-first-difference', '2');
  await expect(decoderCheck(page)).toContainText('frame 2 decoded by WebCodecs has MD5');
  await expect(decoderCheck(page)).toContainText(`by FFmpeg ${oracle.frames[2]!.md5}`);
  // Every frame, the faulty one included, from FFmpeg and exact.
  for (const n of [2, 150, 260]) {
    await jumpTo(page, n);
    await expectFrameMatchesOracle(page, oracle.frames[n]!);
    await expect(frameInfo(page)).toHaveAttribute('data-decoder', 'ffmpeg');
  }
});

test('when WebCodecs stops decoding later in the file, FFmpeg takes over and the frame is still shown', async ({
  page,
}) => {
  const clip = 'corpus/cctv-d1-h264.mp4';
  const oracle = oracleFor(clip);
  // A decoder that chokes on frame 200's packet (not among the frames the check compares).
  await withFaultyWorker(
    page,
    `
      const decode = VideoDecoder.prototype.decode;
      VideoDecoder.prototype.decode = function (chunk) {
        if (chunk.timestamp === ${oracle.frames[200]!.pts}) throw new Error('a damaged packet');
        return decode.call(this, chunk);
      };
    `,
  );
  await page.goto('/');
  await openFixture(page, clip);
  await waitForDecoderCheck(page, 'verified');
  await jumpTo(page, 200);
  await expectFrameMatchesOracle(page, oracle.frames[200]!);
  await expect(frameInfo(page)).toHaveAttribute('data-decoder', 'ffmpeg');
  await waitForDecoderCheck(page, 'not-used');
  await expect(decoderCheck(page)).toContainText('WebCodecs stopped decoding');
  await expect(decoderCheck(page)).toContainText('a damaged packet');
  // And so on, on FFmpeg.
  await jumpTo(page, 120);
  await expectFrameMatchesOracle(page, oracle.frames[120]!);
  await expect(frameInfo(page)).toHaveAttribute('data-decoder', 'ffmpeg');
});

test('"FFmpeg only" keeps every frame on FFmpeg, and Automatic brings WebCodecs back', async ({
  page,
}) => {
  const clip = 'corpus/cctv-d1-h264.mp4';
  const oracle = oracleFor(clip);
  await page.goto('/');
  await openFixture(page, clip);
  await waitForDecoderCheck(page, 'verified');
  const choice = page.getByRole('combobox', { name: 'Decoder' });
  await choice.selectOption('FFmpeg only');
  await waitForDecoderCheck(page, 'not-used');
  await jumpTo(page, 120);
  await expectFrameMatchesOracle(page, oracle.frames[120]!);
  await expect(frameInfo(page)).toHaveAttribute('data-decoder', 'ffmpeg');
  // The choice is kept for the next video too.
  await page.reload();
  // The case reopens where it was left, at frame 120.
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}${clip}`);
  await waitForFrame(page, 120);
  await expect(choice).toHaveValue('ffmpeg');
  await expect(decoderCheck(page)).toHaveAttribute('data-state', 'not-used');
  await choice.selectOption('Automatic');
  await waitForDecoderCheck(page, 'verified');
  // A frame away from those the check decoded with FFmpeg (and their windows).
  await jumpTo(page, 190);
  await expectFrameMatchesOracle(page, oracle.frames[190]!);
  await expect(frameInfo(page)).toHaveAttribute('data-decoder', 'webcodecs');
});

/** Records each frame that comes on screen, in the page (read back with `seenFrames`). */
async function recordFramesShown(page: Page): Promise<void> {
  await page.evaluate(() => {
    const info = document.querySelector<HTMLElement>('[data-testid=frame-info]')!;
    const seen: number[] = [];
    (window as unknown as { seen: number[] }).seen = seen;
    new MutationObserver(() => {
      if (info.dataset.ready !== 'true') return;
      const n = Number(info.dataset.frame);
      if (seen.at(-1) !== n) seen.push(n);
    }).observe(info, { attributes: true });
  });
}

const seenFrames = (page: Page) =>
  page.evaluate(() => (window as unknown as { seen: number[] }).seen);

test('playing at 1× on WebCodecs shows every frame, in order', async ({ page }) => {
  const clip = 'corpus/long-gop-1080p-h264.mp4';
  await page.goto('/');
  await openFixture(page, clip);
  await waitForDecoderCheck(page, 'verified');
  await jumpTo(page, 100);
  await recordFramesShown(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(2000);
  await page.getByRole('button', { name: 'Pause' }).click();
  const seen = await seenFrames(page);
  expect(seen.length).toBeGreaterThan(20);
  expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => 101 + i));
});

test('when decoding cannot keep up, playback slows, says so, and still skips no frame', async ({
  page,
}) => {
  // HEVC at 1080p on FFmpeg decodes at about 20 frames a second here: 2× (50 a second) is out of reach.
  await page.goto('/');
  await openFixture(page, 'corpus/bodycam-hevc.mkv');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await recordFramesShown(page);
  await page.getByRole('button', { name: 'Play' }).click();
  const lag = page.getByTestId('playback-lag');
  await expect(lag).toBeVisible({ timeout: 15_000 });
  await expect(lag).toContainText('decoding falls behind');
  expect(Number(await lag.getAttribute('data-speed'))).toBeLessThan(2);
  await page.waitForTimeout(1000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(lag).toHaveCount(0);
  const seen = await seenFrames(page);
  expect(seen.length).toBeGreaterThanOrEqual(4);
  expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => 1 + i));
});
