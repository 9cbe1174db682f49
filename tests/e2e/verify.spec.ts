import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  dragOnStage,
  expect,
  FIXTURES,
  jumpTo,
  oracleFor,
  openSampleForDrawing,
  test,
} from './support';

const SAMPLE = oracleFor('framewise-sample.mp4');
const VIDEO = `${FIXTURES}framewise-sample.mp4`;
const JSON_PATH = 'annotations/framewise-sample.mp4.framewise.json';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface ExportJson {
  tracks: { keyframes: { shape: { x: number } }[] }[];
  audit: { entries: { seq: number; action: string; examiner: string }[] };
}
interface Manifest {
  files: { path: string; size: number; sha256: string }[];
}

/** Chooses the two files in the Verify view, verifies, and waits for the summary. */
async function verify(page: Page, packagePath: string, videoPath: string) {
  await page.getByLabel('Package or annotations file').setInputFiles(packagePath);
  await page.getByLabel('Original video').setInputFiles(videoPath);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Verify', exact: true })).toBeEnabled({
    timeout: 60_000,
  });
  const summary = page.getByTestId('verify-summary');
  await expect(summary).toBeVisible();
  return summary;
}

/** The ids of the failed checks on screen. */
function failedChecks(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Checks' })
    .locator('[data-result=failed]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-check') ?? ''));
}

const checkItem = (page: Page, id: string) =>
  page.getByRole('list', { name: 'Checks' }).locator(`[data-check="${id}"]`);

test('a package and the original video verify; a changed video, file or audit entry fails, named', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);

  // A box on frame 10, a note on frame 20, then the evidence package.
  await openSampleForDrawing(page);
  await jumpTo(page, 10);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 50 }, { x: 300, y: 250 });
  await jumpTo(page, 20);
  await page.getByRole('textbox', { name: 'Note text' }).fill('driver door open');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Evidence package (zip)' }).click();
  const packagePath = testInfo.outputPath('package.zip');
  await (await downloading).saveAs(packagePath);

  // Back to the first screen, and into the Verify view.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Verify…' }).click();
  await expect(
    page.getByRole('heading', { name: 'Verify an export against its video' }),
  ).toBeVisible();

  /** The whole view, every check on show (the app scrolls inside a window-high layout). */
  async function shoot(name: string) {
    await page.setViewportSize({ width: 1400, height: 3200 });
    await page.screenshot({ path: testInfo.outputPath(name) });
    await page.setViewportSize({ width: 1400, height: 860 });
  }

  await test.step('the package and the original video: every check passes', async () => {
    await page.getByLabel('Package or annotations file').setInputFiles(packagePath);
    await page.getByLabel('Original video').setInputFiles(VIDEO);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    // Hashing and decoding show their progress.
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/);
    const summary = page.getByTestId('verify-summary');
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(summary).toHaveAttribute('data-failed', '0');
    const items = page.getByRole('list', { name: 'Checks' }).getByRole('listitem');
    const count = await items.count();
    await expect(summary).toHaveText(`✓ All ${count} checks passed`);
    expect(await failedChecks(page)).toEqual([]);
    for (const id of [
      `file:${JSON_PATH}`,
      'file:manifest.json',
      'manifest',
      'export-json',
      'video-sha256',
      'video-size',
      'video-frame-count',
      'frame-md5-10',
      'frame-md5-20',
      'audit-chain',
      'audit-head',
      'audit-count',
    ]) {
      await expect(checkItem(page, id), id).toHaveAttribute('data-result', 'passed');
    }
    // What was checked is on show: the video's hash and each frame's MD5, as computed here.
    await expect(checkItem(page, 'video-sha256')).toContainText(SAMPLE.sha256);
    await expect(checkItem(page, 'video-sha256')).toContainText('PASSED');
    await expect(checkItem(page, 'frame-md5-10')).toContainText(SAMPLE.frames[10]!.md5);
    await expect(checkItem(page, 'frame-md5-20')).toContainText(SAMPLE.frames[20]!.md5);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await shoot('verify-passed.png');
  });

  await test.step('(a) the video with one byte changed: its SHA-256 fails', async () => {
    const bytes = new Uint8Array(readFileSync(VIDEO));
    // Near the end: the last frame's data (moov is at the start), so the file still decodes.
    const at = bytes.length - 50;
    bytes[at] = bytes[at]! ^ 0x01;
    const changedVideo = testInfo.outputPath('framewise-sample-changed.mp4');
    writeFileSync(changedVideo, bytes);
    const summary = await verify(page, packagePath, changedVideo);
    const hash = checkItem(page, 'video-sha256');
    await expect(hash).toHaveAttribute('data-result', 'failed');
    await expect(hash).toContainText('FAILED');
    await expect(hash).toContainText('not the original video');
    await expect(hash).toContainText(sha256(bytes));
    // Frames 10 and 20 are untouched by that byte: they still decode bit for bit, and say
    // that the file is not the original. Only the hash fails.
    expect(await failedChecks(page)).toEqual(['video-sha256']);
    await expect(checkItem(page, 'frame-md5-10')).toContainText('not the original video');
    await expect(summary).toHaveAttribute('data-failed', '1');
    await expect(summary).toContainText(/1 of \d+ checks failed/);
    await shoot('verify-failed-video.png');
  });

  const files = unzipSync(new Uint8Array(readFileSync(packagePath)));
  const original = JSON.parse(new TextDecoder().decode(files[JSON_PATH])) as ExportJson;

  await test.step("(b) the package with the box's x changed: that file fails", async () => {
    const changed = structuredClone(original);
    changed.tracks[0]!.keyframes[0]!.shape.x += 1;
    const zip = zipSync({
      ...files,
      [JSON_PATH]: strToU8(`${JSON.stringify(changed, null, 2)}\n`),
    });
    const changedPackage = testInfo.outputPath('package-box-moved.zip');
    writeFileSync(changedPackage, zip);
    const summary = await verify(page, changedPackage, VIDEO);
    const file = checkItem(page, `file:${JSON_PATH}`);
    await expect(file).toHaveAttribute('data-result', 'failed');
    await expect(file).toContainText(`File ${JSON_PATH}`);
    await expect(file).toContainText('changed after the package was made');
    // manifest.json lists the file's old hash too; nothing else is wrong.
    expect(await failedChecks(page)).toEqual([`file:${JSON_PATH}`, 'manifest']);
    await expect(checkItem(page, 'manifest')).toContainText(`disagrees with ${JSON_PATH}`);
    await expect(summary).toHaveAttribute('data-failed', '2');
    await shoot('verify-failed-file.png');
  });

  await test.step('(c) one audit entry changed, sums fixed up: the chain fails, naming it', async () => {
    const changed = structuredClone(original);
    const entry = changed.audit.entries.find((e) => e.action === 'track.create')!;
    entry.examiner = 'Someone Else';
    const json = strToU8(`${JSON.stringify(changed, null, 2)}\n`);
    // Rewrite manifest.json and SHA256SUMS to match, as a careful forger would.
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Manifest;
    const listed = manifest.files.find((f) => f.path === JSON_PATH)!;
    listed.sha256 = sha256(json);
    listed.size = json.length;
    const manifestBytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
    const sums = new TextDecoder()
      .decode(files['SHA256SUMS'])
      .split('\n')
      .map((line) =>
        line.endsWith(`  ${JSON_PATH}`)
          ? `${sha256(json)}  ${JSON_PATH}`
          : line.endsWith('  manifest.json')
            ? `${sha256(manifestBytes)}  manifest.json`
            : line,
      )
      .join('\n');
    const zip = zipSync({
      ...files,
      [JSON_PATH]: json,
      'manifest.json': manifestBytes,
      SHA256SUMS: strToU8(sums),
    });
    const forged = testInfo.outputPath('package-audit-changed.zip');
    writeFileSync(forged, zip);
    const summary = await verify(page, forged, VIDEO);
    expect(await failedChecks(page)).toEqual(['audit-chain']);
    const chain = checkItem(page, 'audit-chain');
    await expect(chain).toContainText(`entry ${entry.seq} (track.create by Someone Else`);
    await expect(chain).toContainText('its hash does not match its contents');
    await expect(checkItem(page, `file:${JSON_PATH}`)).toHaveAttribute('data-result', 'passed');
    await expect(summary).toHaveAttribute('data-failed', '1');
    await expect(summary).toContainText(/1 of \d+ checks failed/);
    await shoot('verify-failed-audit.png');
  });

  await test.step('the annotations file alone (JSON) and the video: every check passes', async () => {
    const json = testInfo.outputPath('framewise-sample.mp4.framewise.json');
    writeFileSync(json, files[JSON_PATH]!);
    const summary = await verify(page, json, VIDEO);
    await expect(summary).toHaveAttribute('data-failed', '0');
    await expect(checkItem(page, 'audit-chain')).toHaveAttribute('data-result', 'passed');
    await expect(checkItem(page, 'frame-md5-20')).toHaveAttribute('data-result', 'passed');
    await expect(page.locator('[data-check^="file:"]')).toHaveCount(0);
  });

  await test.step('an unreadable file: one failed check, in plain words', async () => {
    const junk = testInfo.outputPath('not-an-export.json');
    writeFileSync(junk, '{"format": "framewise.annotations", "version": 3, "evid');
    const summary = await verify(page, junk, VIDEO);
    await expect(summary).toHaveAttribute('data-failed', '1');
    await expect(page.getByRole('alert')).toContainText('cut short');
    await expect(checkItem(page, 'export-json')).toHaveAttribute('data-result', 'failed');
  });

  // Back to the first screen.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Cases' })).toBeVisible();
  await shoot('welcome.png');
});
