/**
 * Issue 15, point 5: what leaves Framewise for a case of several videos. Two cameras of one
 * scene (tests/fixtures/sync: B starts 1.37 s after A), synchronised from the sound and one
 * anchor, a frame cited in each; the native JSON, the court report (PDF and HTML), its
 * evidence package and Verify must carry both videos and the sync, and both packages every
 * annotation set of the case (the other video's set as its native JSON under sets/).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import type { AnnotationsExport } from '../../src/core/exports/export-json-format';
import { validAnnotations } from './annotations-schema';
import { extractPdfText } from './pdf-text';
import { renderPdfPages } from './pdf-pages';
import {
  FIXTURES,
  expect,
  downloadExport,
  exportAnnotations,
  jumpTo,
  makeDraftCourtReport,
  test,
  waitForFrame,
} from './support';

const SYNC = join(FIXTURES, 'sync');
const sha256Of = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(SYNC, file)))
    .digest('hex');
const SHA_A = sha256Of('A.mp4');
const SHA_B = sha256Of('B.mp4');
/** Where each video's set goes in a package while the other video is the lead. */
const A_SET = 'sets/A.mp4/Set 1.framewise.json';
const B_SET = 'sets/B.mp4/Set 1.framewise.json';

const view = (page: Page, file: string) => page.getByRole('region', { name: file });
const syncRow = (page: Page, file: string) =>
  page.getByTestId('sync').and(page.locator(`[data-file="${file}"]`));

async function cite(page: Page, frame: number, caption: string): Promise<void> {
  await jumpTo(page, frame);
  await page.getByRole('textbox', { name: 'Citation caption' }).fill(caption);
  await page.getByRole('button', { name: 'Cite this one' }).click();
  await expect(page.getByRole('list', { name: 'Cited frames' })).toContainText(caption);
}

async function addEvent(page: Page, text: string, start: number, end: number): Promise<void> {
  await page.getByRole('textbox', { name: 'Event description' }).fill(text);
  await page.getByRole('spinbutton', { name: 'Event start' }).fill(String(start));
  await page.getByRole('spinbutton', { name: 'Event end' }).fill(String(end));
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByRole('list', { name: 'Events' })).toContainText(text);
}

interface OtherSet {
  id: string;
  name: string;
  status: string;
  path: string;
  videoSha256: string;
  videoFileName: string;
}
const manifestOf = (zip: Record<string, Uint8Array>) =>
  JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as {
    annotationSet: { id: string };
    otherSets?: OtherSet[];
    purpose: { contents: string };
    videos: { citedFrames: { frame: number; md5: string }[] }[];
  };

/** Another set's JSON in a package, valid against the published annotations schema. */
function packagedSet(zip: Record<string, Uint8Array>, path: string): AnnotationsExport {
  const json = validAnnotations(zip[path], path);
  // Its audit log is the case's, as the set on screen's JSON has it.
  expect(json.audit.count).toBe(json.audit.entries.length);
  return json;
}

/** Export > Court report (a draft: the sets are in progress): PDF, HTML and package. */
async function courtReport(page: Page) {
  const downloads: Download[] = [];
  const collect = (d: Download) => downloads.push(d);
  page.on('download', collect);
  await makeDraftCourtReport(page);
  await expect.poll(() => downloads.length, { timeout: 90_000 }).toBe(3);
  page.off('download', collect);
  const file = async (suffix: string) => {
    const d = downloads.find((x) => x.suggestedFilename().endsWith(suffix))!;
    return { path: (await d.path())!, bytes: readFileSync((await d.path())!) };
  };
  const pdf = await file('.report.pdf');
  const pkg = await file('.report.evidence-package.zip');
  // Kept beside the test's results, to be looked at.
  writeFileSync(test.info().outputPath('report.pdf'), pdf.bytes);
  const pages = await renderPdfPages(page, new Uint8Array(pdf.bytes));
  pages.forEach((png, i) => writeFileSync(test.info().outputPath(`report-page-${i + 1}.png`), png));
  return {
    // Words as read, lines joined: a phrase may wrap anywhere on the page.
    text: (await extractPdfText(new Uint8Array(pdf.bytes))).join('\n').replace(/\s+/g, ' '),
    html: (await file('.report.html')).bytes.toString('utf8'),
    zipPath: pkg.path,
    zip: unzipSync(new Uint8Array(pkg.bytes)),
  };
}

test('a two-video case: the JSON, the report, its package and Verify carry both videos and the sync', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await page.goto('/');
  await page.getByLabel('Open video').setInputFiles(join(SYNC, 'A.mp4'));
  await waitForFrame(page, 0);
  await expect(page.getByRole('combobox', { name: 'Annotation set' })).toBeVisible();
  await page.getByLabel('Add video to case').setInputFiles(join(SYNC, 'B.mp4'));
  await expect(view(page, 'B.mp4').getByTestId('frame-info')).toHaveAttribute('data-ready', 'true');
  await cite(page, 75, 'A sees the square at 3 s');
  await addEvent(page, 'A: the square in view', 75, 100);

  // B placed from its sound (accepted), then a second anchor far from it: A 220 ↔ B 223.
  await page.getByRole('button', { name: 'Synchronise…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Synchronise videos' });
  await dialog.getByLabel('Video to anchor').selectOption({ label: 'B.mp4' });
  await expect(async () => {
    await dialog.getByRole('button', { name: 'Suggest from sound' }).click();
    await expect(page.getByTestId('sync-suggestion')).toHaveAttribute('data-found', 'true', {
      timeout: 1000,
    });
  }).toPass();
  await dialog.getByRole('button', { name: 'Accept' }).click();
  await expect(syncRow(page, 'B.mp4')).toHaveAttribute('data-state', 'offset-only');
  await jumpTo(page, 220);
  await dialog.getByLabel('Its frame').fill('223');
  await expect(view(page, 'B.mp4').getByTestId('frame-info')).toHaveAttribute('data-frame', '223');
  await dialog.getByRole('button', { name: 'Add anchor' }).click();
  await expect(syncRow(page, 'B.mp4')).not.toHaveAttribute('data-state', 'offset-only');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // B becomes the lead; a frame of its own set is cited too.
  await view(page, 'B.mp4').getByRole('button', { name: 'Make lead' }).click();
  await expect(view(page, 'A.mp4')).toHaveAttribute('data-lead', 'false');
  // The lead stays on B's frame of the moment (223) once its set is shown.
  await expect(page.getByRole('spinbutton', { name: 'Frame', exact: true })).toHaveValue('223');
  await waitForFrame(page, 223);
  await cite(page, 48, 'B sees the square at 3 s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await test.step('the native JSON holds both videos and the sync', async () => {
    const json = (await exportAnnotations(page)) as unknown as {
      version: number;
      evidence: { sha256: string };
      videos: { role: string; sha256: string; frameCount: number; mapping: { state: string } }[];
      sync: {
        anchors: { source: string; residualMs: number | null }[];
        videos: { sha256: string; rateSd: number; offset: number; offsetSd: number }[];
        soundSuggestions: { score: number; method: string }[];
        method: string;
      };
    };
    expect(json.version).toBe(6);
    expect(json.evidence.sha256).toBe(SHA_B);
    expect(json.videos.map((v) => [v.role, v.sha256, v.frameCount])).toEqual([
      ['reference', SHA_A, 300],
      ['added', SHA_B, 300],
    ]);
    expect(json.videos[0]!.mapping.state).toBe('reference');
    expect(json.sync.anchors.map((a) => a.source).sort()).toEqual(['frames', 'sound']);
    expect(json.sync.anchors.every((a) => a.residualMs !== null)).toBe(true);
    const b = json.sync.videos.find((v) => v.sha256 === SHA_B)!;
    expect(Math.abs(b.offset - 1.37)).toBeLessThan(1 / 30);
    expect(b.offsetSd).toBeGreaterThan(0);
    expect(json.sync.soundSuggestions).toHaveLength(1);
    expect(json.sync.soundSuggestions[0]!.score).toBeGreaterThan(0.25);
    expect(json.sync.method).toContain('2 anchors');
  });

  const report = await courtReport(page);
  await test.step('the report: a row per video, Synchronisation, cited frames of both', async () => {
    const { text, html } = report;
    expect(text).toContain('Videos of the case');
    expect(text.replace(/\s+/g, '')).toContain(SHA_A);
    expect(text.replace(/\s+/g, '')).toContain(SHA_B);
    expect(text).toContain('Synchronisation');
    expect(text).toMatch(/2 anchors \(1 matched by eye on the pictures; 1 from the sound/);
    expect(text).toContain('Offsets suggested by the sound');
    expect(text).toContain('Sound travels about 2.9 ms per metre');
    expect(text).toContain('B.mp4, frame 48: B sees the square at 3 s');
    expect(text).toContain('Cited in A.mp4');
    expect(text).toContain('A.mp4, frame 75: A sees the square at 3 s');
    // Both show the case's instant 3 s: A exactly, B within its frame and the fit.
    expect(text).toContain('Case time 3.000000 s (the reference video: exact)');
    // B's frame 48 starts 1.6 s into B, about 2.97 s on the case timeline.
    expect(text).toMatch(/Case time 2\.9[5-9]\d{4} s ± 0\.0\d\d s/);
    expect(text).toContain("sha256sum 'A.mp4'");
    expect(text).toContain("sha256sum 'B.mp4'");
    expect(html).toContain('<h2>Synchronisation</h2>');
    expect(html).toContain('A.mp4, frame 75: A sees the square at 3 s');
  });

  await test.step('the package: sync.json, every video in the manifest, both stills', async () => {
    const { zip } = report;
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as {
      evidence: { sha256: string };
      videos: { role: string; sha256: string; citedFrames: { frame: number; md5: string }[] }[];
    };
    expect(manifest.evidence.sha256).toBe(SHA_B);
    expect(manifest.videos.map((v) => [v.role, v.sha256])).toEqual([
      ['reference', SHA_A],
      ['added', SHA_B],
    ]);
    expect(manifest.videos.map((v) => v.citedFrames.map((f) => f.frame))).toEqual([[75], [48]]);
    const sync = JSON.parse(new TextDecoder().decode(zip['sync.json'])) as {
      format: string;
      videos: unknown[];
      sync: { anchors: unknown[] };
    };
    expect(sync.format).toBe('framewise.sync');
    expect(sync.videos).toHaveLength(2);
    expect(sync.sync.anchors).toHaveLength(2);
    expect(zip['stills/A.mp4.frame-000075.clean.png']).toBeDefined();
    expect(zip['stills/B.mp4.frame-000048.annotated.png']).toBeDefined();
    // The videos themselves are never in a package.
    expect(Object.keys(zip).filter((p) => p.endsWith('.mp4'))).toEqual([]);
    const sidecar = JSON.parse(
      new TextDecoder().decode(zip['stills/A.mp4.frame-000075.clean.png.json']),
    );
    expect(sidecar.source.sha256).toBe(SHA_A);
    expect(sidecar.frame.md5).toBe(manifest.videos[0]!.citedFrames[0]!.md5);
  });

  await test.step("the package holds A's set too: its native JSON, with its events", async () => {
    const { zip } = report;
    const manifest = manifestOf(zip);
    expect(manifest.otherSets).toEqual([
      expect.objectContaining({
        name: 'Set 1',
        status: 'in progress',
        path: A_SET,
        videoSha256: SHA_A,
        videoFileName: 'A.mp4',
      }),
    ]);
    expect(manifest.otherSets![0]!.id).not.toBe(manifest.annotationSet.id);
    expect(manifest.purpose.contents).toContain('under sets/: “Set 1” of A.mp4');
    const json = packagedSet(zip, A_SET);
    expect(json.evidence.sha256).toBe(SHA_A);
    expect(json.annotationSet.id).toBe(manifest.otherSets![0]!.id);
    expect(json.events.map((e) => [e.description, e.start.frame, e.end.frame])).toEqual([
      ['A: the square in view', 75, 100],
    ]);
    expect(json.events[0]!.start.pts).not.toBeNull();
    expect(json.notes.map((n) => [n.frame, n.text])).toEqual([[75, 'A sees the square at 3 s']]);
    // A's file is open: its frames decoded for this export, as the set on screen's are.
    const frame75 = json.frames.find((f) => f.frame === 75)!;
    expect(frame75.md5).toBe(manifest.videos[0]!.citedFrames[0]!.md5);
    expect(frame75.decoder).toBeDefined();
    expect(json.evidence.decoder.name).toMatch(/^FFmpeg/);
    // The case's videos and sync, as the set on screen's JSON has them.
    expect(json.videos?.map((v) => v.sha256)).toEqual([SHA_A, SHA_B]);
    expect(json.sync?.anchors).toHaveLength(2);
  });

  await test.step('Verify: both originals, every check passes', async () => {
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'Verify…' }).click();
    await page.getByLabel('Package or annotations file').setInputFiles(report.zipPath);
    // Chosen, the package says which originals to give.
    const listed = page.getByRole('list', { name: 'Videos the export lists' });
    await expect(listed.getByRole('listitem')).toHaveText(['A.mp4 (reference)', 'B.mp4 (added)']);
    await page
      .getByLabel('Original video')
      .setInputFiles([join(SYNC, 'B.mp4'), join(SYNC, 'A.mp4')]);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const summary = page.getByTestId('verify-summary');
    await expect(summary).toBeVisible({ timeout: 120_000 });
    await expect(summary).toHaveAttribute('data-failed', '0');
    const checks = page.getByRole('list', { name: 'Checks' });
    for (const id of [
      'video-sha256',
      'frame-md5-48',
      `video-sha256:${SHA_A}`,
      `video-frame-count:${SHA_A}`,
      `frame-md5:${SHA_A}:75`,
      `file:${A_SET}`,
    ]) {
      await expect(checks.locator(`[data-check="${id}"]`), id).toHaveAttribute(
        'data-result',
        'passed',
      );
    }
    await expect(page.getByRole('list', { name: 'Videos of the case' })).toContainText(
      'A.mp4: checked with A.mp4',
    );
    await page.screenshot({ path: test.info().outputPath('verify.png') });
    // Without A's original, A fails by name; nothing passes quietly.
    await page.getByLabel('Original video').setInputFiles(join(SYNC, 'B.mp4'));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(summary).not.toHaveAttribute('data-failed', '0', { timeout: 120_000 });
    await expect(checks.locator(`[data-check="video-sha256:${SHA_A}"]`)).toContainText(
      'No file was given for A.mp4',
    );
  });

  let again: Awaited<ReturnType<typeof courtReport>> | null = null;
  await test.step('a video not open: its citation is listed, with why it has no still', async () => {
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByLabel('Open video').setInputFiles(join(SYNC, 'A.mp4'));
    await expect(view(page, 'B.mp4')).toBeVisible();
    await expect(view(page, 'A.mp4')).toHaveAttribute('data-lead', 'true');
    await expect(page.getByRole('list', { name: 'Cited frames' })).toContainText(
      'A sees the square at 3 s',
    );
    again = await courtReport(page);
    expect(again.text).toContain('A.mp4, frame 75: A sees the square at 3 s');
    expect(again.text).toContain('B.mp4, frame 48: B sees the square at 3 s');
    expect(again.text).toContain(
      'No still: B.mp4 was not open when this report was made, so this frame could not be decoded.',
    );
    const manifest = JSON.parse(new TextDecoder().decode(again.zip['manifest.json'])) as {
      videos: { citedFrames: { frame: number }[] }[];
    };
    expect(manifest.videos.map((v) => v.citedFrames.map((f) => f.frame))).toEqual([[75], []]);
    expect(again.zip['stills/B.mp4.frame-000048.clean.png']).toBeUndefined();
  });

  await test.step("both packages hold B's set though B is not open: pts and MD5s as stored", async () => {
    const menu = await downloadExport(page, 'Evidence package (zip)');
    const menuZip = unzipSync(new Uint8Array(menu.bytes));
    for (const zip of [again!.zip, menuZip]) {
      const manifest = manifestOf(zip);
      expect(manifest.otherSets?.map((s) => [s.path, s.videoSha256])).toEqual([[B_SET, SHA_B]]);
      expect(manifest.purpose.contents).toContain(
        '“Set 1” of B.mp4 (its file was not open: pts and MD5s as stored when annotated)',
      );
      const json = packagedSet(zip, B_SET);
      expect(json.evidence.sha256).toBe(SHA_B);
      expect(json.evidence.decoder.name).toMatch(/^None: B\.mp4 was not open/);
      // The citation keeps the pts stored when it was made; no frame was decoded for its MD5.
      expect(json.notes.map((n) => [n.frame, n.text])).toEqual([[48, 'B sees the square at 3 s']]);
      expect(json.notes[0]!.pts).not.toBeNull();
      expect(json.frames).toEqual([expect.objectContaining({ frame: 48, md5: null })]);
    }
  });
});
