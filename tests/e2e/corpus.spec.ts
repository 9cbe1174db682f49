import { expect, expectFrameMatchesOracle, jumpTo, oracleFor, openFixture, test } from './support';

// Frame truth on the reference decoder: FFmpeg only (decoders.spec.ts does WebCodecs).
test.use({ decoder: 'ffmpeg' });

/**
 * Frame truth on the footage corpus (DVR, bodycam and phone clips) against native FFmpeg:
 * every keyframe, its neighbours, and 20 frames spread over each clip, visited in a shuffled
 * (but fixed) order so both forward and backward jumps are exercised.
 */
const CLIPS = [
  'corpus/cctv-d1-h264.mp4', // H.264 with B-frames, D1
  'corpus/dvr-mjpeg.avi', // MJPEG in AVI, every frame a keyframe
  'corpus/interlaced-mpeg2.ts', // interlaced MPEG-2 in MPEG-TS, pts starting at 2.8 s
  'corpus/long-gop-1080p-h264.mp4', // 1080p, one keyframe every 300 frames
  'corpus/phone-vfr-rotated.mp4', // variable frame rate, rotation -90, audio
  'corpus/bodycam-hevc.mkv', // HEVC in Matroska
];

function framesToCheck(frameCount: number, keyframes: number[]): number[] {
  const picked = new Set<number>();
  for (const k of keyframes)
    for (const n of [k - 1, k, k + 1]) if (n >= 0 && n < frameCount) picked.add(n);
  for (let i = 0; i < 20; i++) picked.add(Math.round((i * (frameCount - 1)) / 19));
  // A fixed shuffle: deterministic runs, but not in ascending order.
  return [...picked].sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101) || a - b);
}

for (const clip of CLIPS) {
  test(`${clip}: sampled frames equal native FFmpeg`, async ({ page }) => {
    test.setTimeout(180_000);
    const oracle = oracleFor(clip);
    await page.goto('/');
    await openFixture(page, clip);
    const facts = page.getByTestId('video-facts');
    await expect(facts).toHaveAttribute('data-sha256', oracle.sha256);
    await expect(facts).toHaveAttribute('data-frame-count', String(oracle.frame_count));
    await expect(facts).toHaveAttribute('data-width', String(oracle.width));
    await expect(facts).toHaveAttribute('data-height', String(oracle.height));
    await expect(facts).toHaveAttribute('data-rotation', String(oracle.rotation ?? 0));
    await expect(page.getByTestId('frame-info')).toHaveAttribute(
      'data-time-base',
      oracle.time_base,
    );

    const keyframes = oracle.frames.filter((f) => f.key).map((f) => f.index);
    for (const n of framesToCheck(oracle.frame_count, keyframes)) {
      await jumpTo(page, n);
      await expectFrameMatchesOracle(page, oracle.frames[n]!);
    }
  });
}

test('a variable-frame-rate clip is flagged in the inspector', async ({ page }) => {
  await page.goto('/');
  await openFixture(page, 'corpus/phone-vfr-rotated.mp4');
  await expect(page.getByTestId('vfr-warning')).toContainText('Variable frame rate');
  await openFixture(page, 'corpus/cctv-d1-h264.mp4');
  await expect(page.getByTestId('vfr-warning')).toHaveCount(0);
});
