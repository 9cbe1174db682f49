import { expect, expectFrameMatchesOracle, jumpTo, oracleFor, openFixture, test } from './support';

// Frame truth on the reference decoder: FFmpeg only (decoders.spec.ts does WebCodecs).
test.use({ decoder: 'ffmpeg' });

/**
 * One short clip per container and codec family the browser core decodes (made by
 * scripts/make-fixtures.sh), against native FFmpeg: keyframes, their neighbours, a spread of
 * frames, and the last frame, jumped to out of order.
 */
const CLIPS = [
  'containers/vp9.webm',
  'containers/vp8.webm',
  'containers/mpeg4-bframes.avi', // packets without pts: the frame table comes from a decode
  'containers/h264.flv',
  'containers/wmv2.asf',
  'containers/mpeg2-ps.mpg',
  'containers/raw.h264', // no timestamps at all: frames are counted, pts is empty
  'containers/raw.hevc',
  'containers/editlist.mp4', // the edit list starts on a B-frame between keyframes
];

for (const clip of CLIPS) {
  test(`${clip}: frames equal native FFmpeg`, async ({ page }) => {
    const oracle = oracleFor(clip);
    await page.goto('/');
    await openFixture(page, clip);
    await expect(page.getByTestId('video-facts')).toHaveAttribute(
      'data-frame-count',
      String(oracle.frame_count),
    );
    const last = oracle.frame_count - 1;
    const picked = new Set([last, 1, Math.floor(last / 2), 2, last - 1]);
    for (const f of oracle.frames)
      if (f.key) for (const n of [f.index - 1, f.index, f.index + 1]) picked.add(n);
    for (const n of [...picked].filter((n) => n > 0 && n <= last)) {
      await jumpTo(page, n);
      await expectFrameMatchesOracle(page, oracle.frames[n]!);
    }
    await jumpTo(page, 0);
    await expectFrameMatchesOracle(page, oracle.frames[0]!);
  });
}
