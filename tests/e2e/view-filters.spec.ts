/**
 * Issue 18, view filters: a dark interlaced clip (tests/fixtures/view-filters, made with
 * native FFmpeg by scripts/make-dark-clip.sh, its truth beside it) brightened, one field
 * shown, and an enhanced still exported, which must be the picture FFmpeg makes with the
 * stated filter chain: the same MD5 of the filtered picture, and its PNG within PSNR 40 dB of
 * FFmpeg's. Throughout, the frame's own MD5 stays FFmpeg's and no record changes.
 */
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameStill } from '../../src/core/exports/frame-still';
import { rgbPsnr, type RgbaPicture } from '../../src/vision/frame-difference';
import { slide } from './view-support';
import {
  FIXTURES,
  expect,
  frameInfo,
  jumpTo,
  loggedExports,
  downloadExports,
  draftCourtReportHtml,
  openFixture,
  oracleFor,
  settledAuditCount,
  test,
} from './support';

const DIR = join(FIXTURES, 'view-filters');
const truth = JSON.parse(readFileSync(join(DIR, 'dark-interlaced.truth.json'), 'utf8')) as {
  frameMd5s: string[];
  frame: number;
  chains: { chain: string; md5: string; png: string }[];
};

const panel = (page: Page) => page.getByTestId('view-filters');

/** Waits until the picture on the stage is made with `chain` ("" as decoded). */
async function waitForPicture(page: Page, chain: string): Promise<void> {
  await expect(page.getByTestId('stage')).toHaveAttribute('data-view', chain);
}

/** A PNG's RGBA pixels, decoded by the browser. */
async function pixelsOf(page: Page, png: Buffer): Promise<RgbaPicture> {
  const { width, height, rgba } = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, rgba: [...data] };
  }, png.toString('base64'));
  return { width, height, data: Uint8Array.from(rgba) };
}

/** PSNR over R, G and B (vision's, unit-tested on hand-worked values); the sizes must agree. */
function psnrRgb(a: RgbaPicture, b: RgbaPicture): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  return rgbPsnr(a, b)!;
}

async function exportEnhanced(page: Page): Promise<{ png: Buffer; sidecar: FrameStill }> {
  const byName = await downloadExports(page, 'Enhanced still (PNG)', 2);
  const name = `dark-interlaced.mp4.frame-${String(truth.frame).padStart(6, '0')}.enhanced.png`;
  expect([...byName.keys()].sort()).toEqual([name, `${name}.json`]);
  return {
    png: byName.get(name)!,
    sidecar: JSON.parse(byName.get(`${name}.json`)!.toString('utf8')) as FrameStill,
  };
}

test('a dark interlaced clip brightened and split into fields: the frame and its MD5 stay FFmpeg’s; the enhanced still is FFmpeg’s picture', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await openFixture(page, 'view-filters/dark-interlaced.mp4');
  await expect(panel(page)).toHaveAttribute('data-active', 'false');
  await expect(panel(page)).toHaveAttribute('data-ffmpeg', '');
  await expect(page.getByTestId('view-badge')).toHaveCount(0);
  const auditBefore = await settledAuditCount(page);
  await page.screenshot({ path: 'test-results/view-before.png' });

  // Levels stretched and gamma raised, as the first chain of the truth: the white point at
  // 60, gamma 1.3, saturation 1.6.
  const eq = truth.chains[0]!;
  await slide(page, 'White point', 60);
  await slide(page, 'Gamma', 1.3);
  await slide(page, 'Saturation', 1.6);
  await expect(panel(page)).toHaveAttribute('data-active', 'true');
  await expect(panel(page)).toHaveAttribute('data-ffmpeg', eq.chain);
  await expect(page.getByTestId('view-badge')).toHaveText(
    'View: levels 0–60, gamma 1.3, saturation 1.6',
  );
  await waitForPicture(page, eq.chain);

  // Stepping with the filter on: every frame's MD5 is still native FFmpeg's.
  for (const n of [1, 2, truth.frame]) {
    await jumpTo(page, n);
    await expect(frameInfo(page)).toHaveAttribute('data-md5', truth.frameMd5s[n]!);
    await waitForPicture(page, eq.chain);
  }
  await page.screenshot({ path: 'test-results/view-after.png' });

  // The enhanced still: FFmpeg's filtered picture (its MD5), and FFmpeg's PNG within 40 dB.
  const { png, sidecar } = await exportEnhanced(page);
  expect(sidecar.kind).toBe('enhanced');
  expect(sidecar.frame.index).toBe(truth.frame);
  expect(sidecar.frame.md5).toBe(truth.frameMd5s[truth.frame]);
  expect(sidecar.enhancement!.pictureMd5).toBe(eq.md5);
  expect(sidecar.enhancement!.words).toBe('levels 0–60, gamma 1.3, saturation 1.6');
  expect(sidecar.enhancement!.ffmpegCommand).toBe(
    `ffmpeg -v error -i 'dark-interlaced.mp4' -map 0:v:0 -vf 'select=eq(n\\,3),lutyuv=y='\\''clip((val-0)*255/(60-0),0,255)'\\'':u=val:v=val,eq=gamma=1.3:saturation=1.6' -frames:v 1 frame-000003.enhanced.ffmpeg.png`,
  );
  const ours = await pixelsOf(page, png);
  const ffmpegs = await pixelsOf(page, readFileSync(join(DIR, eq.png)));
  expect(psnrRgb(ours, ffmpegs)).toBeGreaterThanOrEqual(40);
  // …and it is not the clean frame (the filter did something).
  const clean = await pixelsOf(page, readFileSync(join(DIR, 'dark-frame.png')));
  expect(psnrRgb(clean, ffmpegs)).toBeLessThan(25);

  // One field: the top, then the bottom, line-doubled; the frame's identity unchanged.
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect(panel(page)).toHaveAttribute('data-active', 'false');
  await expect(page.getByTestId('view-badge')).toHaveCount(0);
  await waitForPicture(page, '');
  const fields = page.getByRole('combobox', { name: 'Fields' });
  for (const [label, chain] of [
    ['Top field', truth.chains[1]!],
    ['Bottom field', truth.chains[2]!],
  ] as const) {
    await fields.selectOption({ label });
    await expect(panel(page)).toHaveAttribute('data-ffmpeg', chain.chain);
    await waitForPicture(page, chain.chain);
    await expect(frameInfo(page)).toHaveAttribute('data-md5', truth.frameMd5s[truth.frame]!);
    const field = await exportEnhanced(page);
    expect(field.sidecar.enhancement!.pictureMd5).toBe(chain.md5);
    const theirs = await pixelsOf(page, readFileSync(join(DIR, chain.png)));
    expect(psnrRgb(await pixelsOf(page, field.png), theirs)).toBeGreaterThanOrEqual(40);
  }

  // Stepping by field: top field first (field order "tt"), so → goes from frame 3's bottom
  // field to frame 4's top field and ← back; the frame's numbers never change with its field.
  const info = page.getByTestId('frame-info');
  await expect(page.getByTestId('field-stepping')).toHaveAttribute('data-first', 'top');
  await expect(info).toHaveAttribute('data-field', 'bottom');
  await fields.blur();
  await page.keyboard.press('ArrowRight');
  await expect(info).toHaveAttribute('data-frame', String(truth.frame + 1));
  await expect(info).toHaveAttribute('data-field', 'top');
  await expect(info).toHaveAttribute('data-md5', truth.frameMd5s[truth.frame + 1]!);
  await page.keyboard.press('ArrowLeft');
  await expect(info).toHaveAttribute('data-frame', String(truth.frame));
  await expect(info).toHaveAttribute('data-field', 'bottom');
  await page.keyboard.press('ArrowLeft');
  await expect(info).toHaveAttribute('data-frame', String(truth.frame));
  await expect(info).toHaveAttribute('data-field', 'top');
  await expect(info).toHaveAttribute('data-md5', truth.frameMd5s[truth.frame]!);
  await expect(info).toContainText('top field');
  await waitForPicture(page, truth.chains[1]!.chain);
  await page.screenshot({ path: 'test-results/view-top-field.png' });

  // Impossible settings are refused in words, and the view stays as it was.
  await fields.selectOption({ label: 'Both' });
  await expect(info).toHaveAttribute('data-field', '');
  await slide(page, 'White point', 60);
  await slide(page, 'Black point', 80);
  await expect(page.getByRole('alert').filter({ hasText: 'black point (80)' })).toContainText(
    'must be below the white point (60)',
  );
  await expect(page.getByRole('slider', { name: 'Black point', exact: true })).toHaveValue('0');
  await expect(panel(page)).toHaveAttribute(
    'data-ffmpeg',
    "lutyuv=y='clip((val-0)*255/(60-0),0,255)':u=val:v=val",
  );

  // A preset keeps a view; Reset view forgets it; choosing the preset brings it back.
  const levels = "lutyuv=y='clip((val-0)*255/(60-0),0,255)':u=val:v=val";
  await page.getByRole('textbox', { name: 'Preset name' }).fill('night CCTV');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect(panel(page)).toHaveAttribute('data-ffmpeg', '');
  await page.getByRole('combobox', { name: 'View preset' }).selectOption('night CCTV');
  await expect(panel(page)).toHaveAttribute('data-ffmpeg', levels);
  // Bicubic zoom changes how pixels are drawn, not what they are: said, but no filter.
  await page.getByRole('combobox', { name: 'Interpolation' }).selectOption('bicubic');
  await expect(page.getByTestId('view-badge')).toHaveText('View: levels 0–60, bicubic zoom');
  await expect(panel(page)).toHaveAttribute('data-ffmpeg', levels);

  // No record changed: the only audit entries added are the exports, logged with the chain.
  const exports = await loggedExports(page);
  expect(exports.filter((e) => e.fileName.endsWith('.enhanced.png'))).toHaveLength(3);
  expect(await settledAuditCount(page)).toBe(auditBefore + 6);

  // Verify: the still, its sidecar and the video; FFmpeg applies the chain itself.
  const pngPath = testInfo.outputPath('enhanced.png');
  const sidecarPath = testInfo.outputPath('enhanced.png.json');
  writeFileSync(pngPath, png);
  writeFileSync(sidecarPath, JSON.stringify(sidecar));
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Verify…' }).click();
  const verifyStill = async (sidecarFile: string) => {
    await page.getByLabel('Package or annotations file').setInputFiles(sidecarFile);
    await page.getByLabel('Still image (PNG)').setInputFiles(pngPath);
    await page.getByLabel('Original video').setInputFiles(join(DIR, 'dark-interlaced.mp4'));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const summary = page.getByTestId('verify-summary');
    await expect(summary).toBeVisible({ timeout: 60_000 });
    return summary;
  };
  const checks = page.getByRole('list', { name: 'Checks' });
  const result = (id: string) => checks.locator(`[data-check="${id}"]`);
  await expect(await verifyStill(sidecarPath)).toHaveAttribute('data-failed', '0');
  for (const id of [
    'still-image-sha256',
    'video-sha256',
    'enhanced-chain',
    'frame-md5-3',
    'enhanced-md5-3',
    'enhanced-png-3',
  ]) {
    await expect(result(id)).toHaveAttribute('data-result', 'passed');
  }
  await page.screenshot({ path: 'test-results/view-verify.png' });

  // A sidecar that claims other filters than those the picture was made with fails, named.
  const claimed = {
    ...sidecar,
    enhancement: { ...sidecar.enhancement!, filterChain: 'eq=gamma=1.9' },
  };
  const claimedPath = testInfo.outputPath('claimed.png.json');
  writeFileSync(claimedPath, JSON.stringify(claimed));
  await expect(await verifyStill(claimedPath)).not.toHaveAttribute('data-failed', '0');
  await expect(result('enhanced-md5-3')).toHaveAttribute('data-result', 'failed');
  await expect(result('enhanced-png-3')).toHaveAttribute('data-result', 'failed');
  // A filter Framewise never writes is refused, never run.
  const hostile = {
    ...sidecar,
    enhancement: { ...sidecar.enhancement!, filterChain: "movie='dark-interlaced.mp4'" },
  };
  const hostilePath = testInfo.outputPath('hostile.png.json');
  writeFileSync(hostilePath, JSON.stringify(hostile));
  await verifyStill(hostilePath);
  await expect(result('enhanced-chain')).toHaveAttribute('data-result', 'failed');
  await expect(result('enhanced-md5-3')).toHaveCount(0);
});

test('with filters on, the frame still and the frame comparison are of the frame as decoded', async ({
  page,
}) => {
  // While a filter is shown the clean picture is made only on request (stills, a pin), or
  // with every frame while one is pinned: both must still be the decoded frame.
  await page.goto('/');
  await openFixture(page, 'view-filters/dark-interlaced.mp4');
  await jumpTo(page, truth.frame);
  await slide(page, 'Gamma', 1.6);
  await slide(page, 'Sharpen', 1);
  await page.getByRole('checkbox', { name: 'Invert' }).check();
  const chain = 'eq=gamma=1.6,unsharp=5:5:1,negate';
  await waitForPicture(page, chain);
  const clean = await pixelsOf(page, readFileSync(join(DIR, 'dark-frame.png')));

  const stills = await downloadExports(page, 'Frame still (PNG)', 4);
  const still = [...stills].find(([name]) => name.endsWith('.clean.png'))![1];
  const stillPixels = await pixelsOf(page, still);
  expect(psnrRgb(stillPixels, clean)).toBeGreaterThanOrEqual(40);

  await page.getByRole('button', { name: 'Pin frame' }).click();
  const comparison = page.getByRole('region', { name: 'Frame comparison' });
  await comparison.getByRole('combobox', { name: 'Comparison' }).selectOption('difference');
  // The frame now against the frame pinned: both clean, so no pixel differs (the stage's
  // filtered picture against the clean one would differ nearly everywhere).
  await expect(comparison.getByTestId('frame-difference')).toHaveAttribute(
    'data-changed-pixels',
    '0',
  );
  await comparison.getByRole('combobox', { name: 'Comparison' }).selectOption('side');
  const pinned = await comparison.getByLabel(`Pinned frame ${truth.frame}`).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    return [...c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data];
  });
  await page.screenshot({ path: 'test-results/view-compare-clean.png' });
  const pinnedPicture = { width: clean.width, height: clean.height, data: Uint8Array.from(pinned) };
  expect(psnrRgb(pinnedPicture, clean)).toBeGreaterThanOrEqual(40);
  // The stage still shows the filtered picture, and the frame its own MD5.
  await waitForPicture(page, chain);
  await expect(frameInfo(page)).toHaveAttribute('data-md5', truth.frameMd5s[truth.frame]!);
});

test('while playing with filters on, a frame still and a pin still work and name their frame', async ({
  page,
}) => {
  const oracle = oracleFor('framewise-sample.mp4');
  await page.goto('/');
  await openFixture(page, 'framewise-sample.mp4');
  await slide(page, 'Gamma', 1.6);
  await page.getByRole('checkbox', { name: 'Invert' }).check();
  await waitForPicture(page, 'eq=gamma=1.6,negate');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(frameInfo(page)).not.toHaveAttribute('data-frame', '0');

  // The clean picture is made on request while the player goes on (and drops frames).
  const stills = await downloadExports(page, 'Frame still (PNG)', 4, () =>
    page.getByRole('button', { name: 'Pin frame' }).click(),
  );
  const comparison = page.getByRole('region', { name: 'Frame comparison' });
  await expect(comparison).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);

  const sidecar = [...stills].find(([name]) => name.endsWith('.clean.png.json'))![1];
  const still = JSON.parse(sidecar.toString('utf8')) as FrameStill;
  expect(still.frame.md5).toBe(oracle.frames[still.frame.index]!.md5);
  await comparison.getByRole('combobox', { name: 'Comparison' }).selectOption('difference');
  const pinned = Number(await comparison.getByTestId('pinned-frame').getAttribute('data-frame'));
  await expect(comparison.getByTestId('pinned-frame')).toHaveAttribute(
    'data-md5',
    oracle.frames[pinned]!.md5,
  );
});

test('a video one field of which FFmpeg would give another height: the field view is set back, in words', async ({
  page,
}) => {
  await page.goto('/');
  await openFixture(page, 'view-filters/dark-interlaced.mp4');
  const fields = page.getByRole('combobox', { name: 'Fields' });
  await slide(page, 'Gamma', 1.4);
  await fields.selectOption({ label: 'Top field' });
  await waitForPicture(page, 'field=type=top,scale=w=iw:h=ih*2:flags=neighbor,eq=gamma=1.4');

  // 54 lines of 4:2:0 (27 of chroma): FFmpeg's field filter would not keep its height.
  await openFixture(page, 'view-filters/odd-height-54.mp4');
  // Said under the top bar, where the examiner is looking (the View panel may be out of sight).
  await expect(page.getByRole('status').filter({ hasText: 'The view was changed' })).toContainText(
    'The view was changed for this video: One field can be shown only on a picture whose ' +
      "height is a multiple of 4 (this one is 54 lines): FFmpeg's field filter would give a " +
      'picture of another height, so the view could not be made again with FFmpeg.',
  );
  await expect(fields).toHaveValue('both');
  await waitForPicture(page, 'eq=gamma=1.4'); // the rest of the view kept
  await page.screenshot({ path: 'test-results/view-field-refused.png' });
  await expect(page.getByText('Could not show this frame')).toHaveCount(0);

  // Asked for again: refused, and the select goes back.
  await fields.selectOption({ label: 'Bottom field' });
  await expect(panel(page).getByRole('alert')).toContainText(
    'That view cannot be shown: One field can be shown only',
  );
  await expect(fields).toHaveValue('both');
  await waitForPicture(page, 'eq=gamma=1.4');
});

test('the court report lists the enhanced still of a cited frame, with the command that makes it again', async ({
  page,
}) => {
  await page.goto('/');
  await openFixture(page, 'view-filters/dark-interlaced.mp4');
  await jumpTo(page, truth.frame);
  await page.getByRole('textbox', { name: 'Citation caption' }).fill('the hand on the frame');
  await page.getByRole('button', { name: 'Cite this one' }).click();
  await slide(page, 'Gamma', 1.3);
  await waitForPicture(page, 'eq=gamma=1.3');
  await exportEnhanced(page);

  const text = await draftCourtReportHtml(page);
  expect(text).toContain('Enhanced stills exported of frame 3');
  expect(text).toContain('dark-interlaced.mp4.frame-000003.enhanced.png');
  expect(text).toContain('were exported of frame 3');
  expect(text).toContain('select=eq(n\\,3),eq=gamma=1.3');
  // The report's own stills are the frame as decoded: the view is not in them.
  expect(text).toContain('Frame 3 as decoded');
});
