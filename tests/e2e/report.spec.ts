import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { extractPdfText } from './pdf-text';
import { renderPdfPages } from './pdf-pages';
import { calibrateClock } from './clock-support';
import {
  dragOnStage,
  expect,
  frameInfo,
  jumpTo,
  makeDraftCourtReport,
  openFixture,
  oracleFor,
  test,
} from './support';

const CLIP = 'corpus/cctv-d1-h264.mp4';
const FILE = 'cctv-d1-h264.mp4';
const oracle = oracleFor(CLIP);
const HOSTILE = '<script>alert(1)</script> door opens';
/**
 * The DVR clock turns to 08:01:01 on frame 25 (the tick; the clip is 25 fps), and the DVR runs
 * 83.5 s ahead of real time; its zone is UTC+01:00.
 */
const TICK_FRAME = 25;
const OFFSET = 83.5;

/** The DVR and corrected times of a frame, as the report must print them (1/12800 time base). */
function clockOf(frame: number): { dvr: string; corrected: string } {
  const pts = oracle.frames[frame]!.pts! - oracle.frames[TICK_FRAME]!.pts!;
  const ms = Date.UTC(2025, 8, 12, 8, 1, 1) + (pts / 12800) * 1000;
  const format = (t: number) =>
    `${new Date(t).toISOString().replace('T', ' ').replace('Z', '')} ± 0.040 s (UTC+01:00)`;
  return { dvr: format(ms), corrected: format(ms - OFFSET * 1000) };
}

async function cite(page: Page, frame: number, caption: string): Promise<void> {
  await jumpTo(page, frame);
  await page.getByRole('textbox', { name: 'Citation caption' }).fill(caption);
  await page.getByRole('button', { name: 'Cite this one' }).click();
  await expect(page.getByRole('list', { name: 'Cited frames' })).toContainText(caption);
}

test('a court report cites three frames with their MD5s, times and a calibrated clock', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Examiner' }).fill('A. Examiner');
  await page.getByRole('textbox', { name: 'Examiner' }).press('Enter');
  await openFixture(page, CLIP);
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();

  await page.getByRole('button', { name: 'Case details' }).click();
  const details = page.getByRole('dialog', { name: 'Case details' });
  await details.getByLabel('Reference number').fill('ICE-2025-0912');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details).toBeHidden();
  // Calibrate the clock beside the frame: the tick on frame 25, to ± one frame interval.
  await calibrateClock(page, {
    frame: TICK_FRAME,
    tick: true,
    dvrTime: '2025-09-12 08:01:01',
    utcOffset: '+01:00',
    aheadSeconds: OFFSET,
    measuredHow: 'DVR menu clock against a GPS phone',
  });
  await jumpTo(page, 40);
  await expect(frameInfo(page)).toHaveAttribute('data-dvr-time', '2025-09-12 08:01:01.600');
  await expect(frameInfo(page)).toHaveAttribute('data-corrected-time', '2025-09-12 07:59:38.100');

  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 200, y: 150 }, { x: 400, y: 350 }, { width: 704, height: 576 });
  await page.getByRole('textbox', { name: 'Note text' }).fill('a person stands by the car');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('radio', { name: 'Interpretation' }).check();
  await page.getByRole('textbox', { name: 'Note text' }).fill('the person is an officer');
  await page.getByRole('button', { name: 'Add note' }).click();
  const cited = [40, 100, 200];
  await cite(page, 40, 'officer holds the window frame');
  await cite(page, 100, 'car reverses');
  await cite(page, 200, HOSTILE);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // The officer is blocked out of the report's stills, for publication.
  await jumpTo(page, 40);
  await page.getByRole('list', { name: 'Objects' }).getByRole('button', { name: 'Redact' }).click();

  // Export > Court report: the package, the PDF and the HTML (a draft: the set is in progress).
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await makeDraftCourtReport(page);
  await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(3);
  const file = async (suffix: string) => {
    const d = downloads.find((x) => x.suggestedFilename().endsWith(suffix))!;
    expect(d, suffix).toBeDefined();
    return readFileSync((await d.path())!);
  };
  const pdf = await file('.report.pdf');
  const html = (await file('.report.html')).toString('utf8');
  const zip = unzipSync(new Uint8Array(await file('.report.evidence-package.zip')));

  // The PDF's text, checked against the native-FFmpeg oracle.
  const pages = await extractPdfText(new Uint8Array(pdf));
  const text = pages.join('\n');
  expect(text).toContain(`SHA-256 ${oracle.sha256}`);
  expect(text).toContain('ICE-2025-0912');
  for (const frame of cited) {
    const truth = oracle.frames[frame]!;
    expect(text).toContain(`Frame ${frame}: `);
    expect(text).toContain(truth.md5);
    expect(text).toMatch(new RegExp(`pts\\s+${truth.pts}\\b`));
    expect(text).toContain(truth.time!.toFixed(6));
    expect(text).toContain(clockOf(frame).dvr);
    expect(text).toContain(clockOf(frame).corrected);
    // The command that reproduces the MD5 with FFmpeg names the frame's line.
    expect(text).toContain(`sed -n '${frame + 1}p'`);
  }
  expect(text).toMatch(/How it was read\s+the tick: frame 25 is the first to show this second/);
  expect(text).toMatch(/Uncertainty\s+± 0\.040 s/);
  expect(text).toMatch(/Time zone of the DVR clock\s+UTC\+01:00/);
  expect(text).toContain(`sha256sum '${FILE}'`);
  expect(text).toContain('sha256sum -c SHA256SUMS');
  const sums = createHash('sha256').update(zip['SHA256SUMS']!).digest('hex');
  expect(text).toContain(sums);
  expect(text).toContain(HOSTILE);
  expect(text).toMatch(/Observations: what the frames show[\s\S]*a person stands by the car/);
  expect(text).toMatch(
    /Interpretations: what the examiner concludes[\s\S]*the person is an officer/,
  );
  expect(pages.every((p, i) => p.includes(`page ${i + 1} of ${pages.length}`))).toBe(true);
  expect(text).toMatch(/Redacted stills[^.]*frame 40 \(officer\s+#1\)/);
  expect(text).toContain('Frame 40 as decoded (redacted: officer #1)');

  // The HTML report: the same words, user text as text, nothing that loads or runs.
  expect(html).toContain(oracle.frames[100]!.md5);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; door opens');
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/src="https?:/);

  // The package holds the cited frames' stills, with the oracle's MD5 in each sidecar.
  const sidecar = JSON.parse(
    new TextDecoder().decode(zip[`stills/${FILE}.frame-000100.clean.png.json`]),
  );
  expect(sidecar.frame.md5).toBe(oracle.frames[100]!.md5);

  // The pages as a reader sees them (saved beside the test's results to be looked at).
  const images = await renderPdfPages(page, new Uint8Array(pdf));
  expect(images.length).toBe(pages.length);
  images.forEach((png, i) => writeFileSync(testInfo.outputPath(`report-page-${i + 1}.png`), png));
  writeFileSync(testInfo.outputPath('report.pdf'), pdf);
});
