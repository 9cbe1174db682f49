import { expect, expectFrameMatchesOracle, jumpTo, oracleFor, openFixture, test } from './support';
import { FIXTURES } from './support';

/** Files that are not (complete, decodable) video: each gets a plain alert, nothing crashes. */
const BAD_FILES = [
  { file: 'corpus/bad-empty.mp4', says: /empty \(0 bytes\)/ },
  { file: 'corpus/bad-not-video.mp4', says: /not a video Framewise can read/ },
  { file: 'corpus/bad-random-bytes.mkv', says: /not a video Framewise can read/ },
  { file: 'corpus/bad-audio-only.m4a', says: /no video stream/ },
  { file: 'bad-header-only.mp4', says: /header but no complete frame/ },
  { file: 'bad-av1-unsupported.mkv', says: /coded as .*AV1.*cannot decode/ },
];

for (const bad of BAD_FILES) {
  test(`${bad.file} is refused with a plain alert and the app stays usable`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await page.getByLabel('Open video').setInputFiles(`${FIXTURES}${bad.file}`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(bad.says);
    await expect(page.locator('[data-testid=frame-info][data-ready=true]')).toHaveCount(0);
    // Nothing was made of it: no case for a file that cannot be shown.
    await page.reload();
    await expect(page.getByRole('list', { name: 'Cases' }).getByRole('listitem')).toHaveCount(0);

    // A good file opens afterwards, and the alert goes.
    await openFixture(page, 'framewise-sample.mp4');
    await expect(page.getByTestId('video-facts')).toHaveAttribute(
      'data-sha256',
      oracleFor('framewise-sample.mp4').sha256,
    );
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

test('a text file named .mp4 from memory is refused the same way', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Open video').setInputFiles({
    name: 'notes.mp4',
    mimeType: 'video/mp4',
    buffer: Buffer.from('These are my notes, not a video.\n'),
  });
  await expect(page.getByRole('alert')).toContainText(/not a video/);
});

test('a file cut short opens the frames it has and says the rest is missing', async ({ page }) => {
  const clip = 'corpus/bad-truncated.mp4';
  const oracle = oracleFor(clip); // native FFmpeg decodes 175 of the 300 frames
  await page.goto('/');
  await openFixture(page, clip);
  await expect(page.getByRole('alert')).toContainText(
    'cut short: its index lists 300 frames, but only 175 frames are in it',
  );
  await expect(page.getByTestId('video-facts')).toHaveAttribute('data-frame-count', '175');
  for (const n of [0, 100, 150, 174]) {
    await jumpTo(page, n);
    await expectFrameMatchesOracle(page, oracle.frames[n]!);
  }
});
