import type { Page } from '@playwright/test';
import type { HarnessFrame } from '../../src/media/webcodecs/parity-harness';
import { FIXTURES, expect, oracleFor, test, buildHarness } from './support';

/**
 * WebCodecs in real Chromium against native FFmpeg's framemd5 (the fixtures' oracles), through
 * a harness page built apart from the app (vite.harness.config.ts) and served from the app's
 * origin by its preview server. No app state is involved, so nobody needs to be named.
 */
test.use({ examiner: '' });

test.beforeAll(buildHarness);

async function openHarness(page: Page, fileName: string): Promise<void> {
  await page.goto('/harness-webcodecs/webcodecs-parity.html');
  await expect(page.locator('body[data-ready=true]')).toBeAttached();
  await page.locator('#file').setInputFiles(`${FIXTURES}${fileName}`);
}

function oracleFrames(fileName: string): HarnessFrame[] {
  return oracleFor(fileName).frames.map((f) => ({ pts: f.pts!, key: f.key === 1, md5: f.md5 }));
}

/** The first ten frames and the first five keyframes. */
function sampleOf(frames: readonly HarnessFrame[]): number[] {
  const keys = frames.flatMap((f, i) => (f.key ? [i] : [])).slice(0, 5);
  const first = frames.slice(0, 10).map((_, i) => i);
  return [...new Set([...first, ...keys])].sort((a, b) => a - b);
}

/** Clips whose codec this Chromium decodes with WebCodecs and whose container mediabunny reads. */
const DECODED = [
  'framewise-sample.mp4',
  'ts-bframes-offset.ts',
  'containers/editlist.mp4',
  'containers/vp8.webm',
  'containers/vp9.webm',
  'corpus/cctv-d1-h264.mp4',
  'corpus/phone-vfr-rotated.mp4',
  'corpus/long-gop-1080p-h264.mp4',
  // AV1, which the app's ffmpeg.wasm cannot decode (oracle from native FFmpeg with libdav1d).
  'bad-av1-unsupported.mkv',
];

for (const fileName of DECODED) {
  test(`${fileName}: WebCodecs gives native FFmpeg's framemd5 at FFmpeg's pts`, async ({
    page,
  }) => {
    const frames = oracleFrames(fileName);
    const sample = sampleOf(frames);
    await openHarness(page, fileName);
    const decoded = await page.evaluate(
      ([all, wanted]) => window.__framewiseParity!.decode(all, wanted),
      [frames, sample.map((i) => frames[i]!.pts)] as const,
    );
    expect(decoded.reason).toBeUndefined();
    expect(decoded.ok).toBe(true);
    // Every sampled frame came out, identified by the oracle's pts, with the oracle's MD5 (of
    // the picture turned upright, as FFmpeg's autorotate does for the phone clip).
    const byPts = decoded.md5ByPts!;
    expect(
      Object.keys(byPts)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(sample.map((i) => frames[i]!.pts).sort((a, b) => a - b));
    for (const i of sample) {
      expect(byPts[frames[i]!.pts], `frame ${i} (pts ${frames[i]!.pts})`).toBe(frames[i]!.md5);
    }
    // The parity check on its own sample (first five, three keyframes, the widest pts step),
    // with the rotation FFmpeg read from the display matrix.
    const verdict = await page.evaluate(
      ([all, rotation]) => window.__framewiseParity!.check(all, { rotation }),
      [frames, oracleFor(fileName).rotation] as const,
    );
    expect(verdict).toMatchObject({ verified: true, compared: verdict.sample.length });
  });
}

test('one corrupted FFmpeg MD5 fails the check, and the verdict names that frame', async ({
  page,
}) => {
  const fileName = 'framewise-sample.mp4';
  const frames = oracleFrames(fileName);
  await openHarness(page, fileName);
  const verdict = await page.evaluate(
    (all) => window.__framewiseParity!.check(all, { sample: [0, 1, 2, 49, 50], corrupt: [49] }),
    frames,
  );
  expect(verdict).toMatchObject({
    verified: false,
    firstDifference: { frame: 49, pts: frames[49]!.pts, webcodecs: frames[49]!.md5 },
  });
  expect('firstDifference' in verdict && verdict.firstDifference.ffmpeg).not.toBe(frames[49]!.md5);
});

test('HEVC, which this Chromium does not decode, gets a clean "not supported"', async ({
  page,
}) => {
  const fileName = 'corpus/bodycam-hevc.mkv';
  await openHarness(page, fileName);
  const verdict = await page.evaluate(
    (all) => window.__framewiseParity!.check(all),
    oracleFrames(fileName),
  );
  expect(verdict).toMatchObject({
    verified: false,
    unsupported: true,
    reason: expect.stringMatching(/^WebCodecs does not decode hev1\./),
  });
});

test('a container mediabunny cannot read, and a truncated MP4, stay with FFmpeg', async ({
  page,
}) => {
  await openHarness(page, 'containers/h264.flv');
  const flv = await page.evaluate(
    (all) => window.__framewiseParity!.check(all),
    oracleFrames('containers/h264.flv'),
  );
  expect(flv).toMatchObject({
    verified: false,
    reason: expect.stringMatching(/^mediabunny cannot read this container/),
  });

  await openHarness(page, 'corpus/bad-truncated.mp4');
  const truncated = await page.evaluate(
    (all) => window.__framewiseParity!.check(all),
    oracleFrames('corpus/bad-truncated.mp4'),
  );
  expect(truncated).toMatchObject({
    verified: false,
    unsupported: false,
    reason: 'FFmpeg lists 175 frames, mediabunny 300',
  });
});
