/**
 * Issue 15: several videos in one case, synchronised on one timeline. The clips are one scene
 * filmed by three cameras with a known truth (tests/fixtures/sync/sync.truth.json, made by
 * scripts/make-sync-clips.sh): B starts 1.37 s after A (30 fps), C runs 0.1 % slow (24 fps).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FIXTURES, expect, reopenCase, storedAudit, test, waitForFrame } from './support';

const SYNC = join(FIXTURES, 'sync');

interface ClipTruth {
  file: string;
  fps: number;
  rate: number;
  offset_s: number;
  instants: { case_s: number; frame: number; delta_ms: number }[];
}
const truth = JSON.parse(readFileSync(join(SYNC, 'sync.truth.json'), 'utf8')) as {
  clips: ClipTruth[];
};
const clip = (file: string) => truth.clips.find((c) => c.file === file)!;
/** Every frame's MD5 as native FFmpeg's framemd5 gives it (A.mp4.md5…, one per line). */
const md5Of = (file: string) =>
  readFileSync(join(SYNC, `${file}.md5`), 'utf8')
    .trim()
    .split('\n');

const view = (page: Page, file: string) => page.getByRole('region', { name: file });
const frameOf = (page: Page, file: string) => view(page, file).getByTestId('frame-info');
const syncRow = (page: Page, file: string) =>
  page.getByTestId('sync').and(page.locator(`[data-file="${file}"]`));

async function addVideo(page: Page, file: string): Promise<void> {
  await page.getByLabel('Add video to case').setInputFiles(join(SYNC, file));
  await expect(frameOf(page, file)).toHaveAttribute('data-ready', 'true');
}

async function goToLeadFrame(page: Page, n: number): Promise<void> {
  const box = page.getByRole('spinbutton', { name: 'Frame', exact: true });
  await box.fill(String(n));
  await box.press('Enter');
  await expect(frameOf(page, 'A.mp4')).toHaveAttribute('data-frame', String(n));
  await expect(frameOf(page, 'A.mp4')).toHaveAttribute('data-ready', 'true');
}

test('three cameras: added, synchronised from sound and anchors, stepped together', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Open video').setInputFiles(join(SYNC, 'A.mp4'));
  await waitForFrame(page, 0);
  await expect(page.getByRole('combobox', { name: 'Annotation set' })).toBeVisible();
  // One video: the views are not split, frame-info is the inspector's as ever.
  await expect(page.getByRole('region', { name: 'A.mp4' })).toHaveCount(0);

  await addVideo(page, 'B.mp4');
  await addVideo(page, 'C.mp4');
  await expect(view(page, 'A.mp4')).toHaveAttribute('data-lead', 'true');
  await expect(view(page, 'B.mp4')).toHaveAttribute('data-lead', 'false');
  await expect(view(page, 'B.mp4').getByTestId('video-facts')).toHaveAttribute(
    'data-frame-count',
    '300',
  );

  await page.getByRole('button', { name: 'Synchronise…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Synchronise videos' });
  await expect(syncRow(page, 'A.mp4')).toHaveAttribute('data-state', 'reference');
  await expect(syncRow(page, 'B.mp4')).toHaveAttribute('data-state', 'unsynced');

  // B from its sound: within one frame interval (1/30 s) of the true 1.37 s, nothing applied
  // until accepted.
  await dialog.getByLabel('Video to anchor').selectOption({ label: 'B.mp4' });
  await expect(view(page, 'B.mp4').getByTestId('waveform')).toHaveCount(0); // sound decoded apart
  await expect(async () => {
    await dialog.getByRole('button', { name: 'Suggest from sound' }).click();
    await expect(page.getByTestId('sync-suggestion')).toHaveAttribute('data-found', 'true', {
      timeout: 1000,
    });
  }).toPass();
  const suggestion = page.getByTestId('sync-suggestion');
  const offset = Number(await suggestion.getAttribute('data-offset-s'));
  expect(Math.abs(offset - clip('B.mp4').offset_s)).toBeLessThan(1 / 30);
  expect(Number(await suggestion.getAttribute('data-score'))).toBeGreaterThan(0.25);
  await expect(syncRow(page, 'B.mp4')).toHaveAttribute('data-state', 'unsynced');
  await dialog.getByRole('button', { name: 'Accept' }).click();
  await expect(syncRow(page, 'B.mp4')).toHaveAttribute('data-state', 'offset-only');
  const bOffset = Number(await syncRow(page, 'B.mp4').getAttribute('data-offset-s'));
  expect(Math.abs(bOffset - 1.37)).toBeLessThan(1 / 30);

  // C from two anchors at the first and last bang it hears: the 0.1 % drift is recovered.
  await dialog.getByLabel('Video to anchor').selectOption({ label: 'C.mp4' });
  for (const [a, c] of [
    [92, 74],
    [220, 197],
  ] as const) {
    await goToLeadFrame(page, a);
    await dialog.getByLabel('Its frame').fill(String(c));
    await expect(frameOf(page, 'C.mp4')).toHaveAttribute('data-frame', String(c));
    await dialog.getByRole('button', { name: 'Add anchor' }).click();
  }
  await expect(syncRow(page, 'C.mp4')).toHaveAttribute('data-state', 'synced');
  const rate = Number(await syncRow(page, 'C.mp4').getAttribute('data-rate'));
  expect(Math.abs(rate - clip('C.mp4').rate)).toBeLessThan(0.0002);

  // A contradicting anchor is refused in words and changes nothing.
  await goToLeadFrame(page, 150);
  await dialog.getByLabel('Its frame').fill('20');
  await dialog.getByRole('button', { name: 'Add anchor' }).click();
  await expect(page.getByRole('alert')).toContainText('The anchor was not added');
  await expect(syncRow(page, 'C.mp4')).toHaveAttribute('data-rate', String(rate));
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Stepping the lead shows, in every view, the frame on screen at its instant.
  for (const instant of [3, 9]) {
    const leadFrame = clip('A.mp4').instants.find((i) => i.case_s === instant)!.frame;
    await goToLeadFrame(page, leadFrame);
    for (const file of ['B.mp4', 'C.mp4']) {
      const expected = clip(file).instants.find((i) => i.case_s === instant)!;
      await expect(frameOf(page, file)).toHaveAttribute('data-frame', String(expected.frame));
      await expect(frameOf(page, file)).toHaveAttribute('data-ready', 'true');
      const delta = Number(await frameOf(page, file).getAttribute('data-delta-ms'));
      expect(Math.abs(delta - expected.delta_ms)).toBeLessThan(2);
      // Frame-exact as ever: the frame FFmpeg decodes, bit for bit.
      await expect(frameOf(page, file)).toHaveAttribute('data-md5', md5Of(file)[expected.frame]!);
    }
  }

  await expect(view(page, 'B.mp4')).toContainText(/−3\d ms/);

  // Play runs them together: paused anywhere, B shows the frame at the lead's instant.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1200);
  await page.getByRole('button', { name: 'Pause' }).click();
  const lead = Number(await frameOf(page, 'A.mp4').getAttribute('data-frame'));
  expect(lead).toBeGreaterThan(225);
  const expectedB = Math.floor((lead / 25 - bOffset) * 30 + 1e-6);
  await expect(frameOf(page, 'B.mp4')).toHaveAttribute('data-frame', String(expectedB));

  // Sync edits are undoable steps, logged.
  await page.locator('body').press('Control+z');
  await page.getByRole('button', { name: 'Synchronise…' }).click();
  await expect(syncRow(page, 'C.mp4')).toHaveAttribute('data-state', 'offset-only');
  await page.screenshot({ path: 'test-results/several-videos.png' });
  const actions = (await storedAudit(page)).map((e) => e.action);
  expect(actions.filter((a) => a === 'video.add')).toHaveLength(2);
  expect(actions.filter((a) => a === 'sync.edit').length).toBeGreaterThanOrEqual(3);
});

test('bad input: no video, the same video twice, sound FFmpeg cannot decode; nothing changes', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Open video').setInputFiles(join(SYNC, 'A.mp4'));
  await waitForFrame(page, 0);
  await expect(page.getByRole('combobox', { name: 'Annotation set' })).toBeVisible();
  await page
    .getByLabel('Add video to case')
    .setInputFiles(join(FIXTURES, 'corpus', 'bad-audio-only.m4a'));
  await expect(page.getByRole('alert')).toContainText('"bad-audio-only.m4a" was not added');
  await page.getByLabel('Add video to case').setInputFiles(join(SYNC, 'A.mp4'));
  await expect(page.getByRole('alert')).toContainText('already in the case');
  await expect(page.getByRole('region', { name: 'A.mp4' })).toHaveCount(0);
  const actions = (await storedAudit(page)).map((e) => e.action);
  expect(actions).not.toContain('video.add');

  // A file whose sound FFmpeg cannot decode (its AAC configuration zeroed): refused in plain
  // words (FFmpeg stops while describing it), nothing added.
  const undecodable = join(FIXTURES, 'sound', 'undecodable-audio.mp4');
  await page.getByLabel('Add video to case').setInputFiles(undecodable);
  await expect(page.getByRole('alert')).toContainText('FFmpeg stopped while reading this file');
  await expect(page.getByRole('region', { name: 'undecodable-audio.mp4' })).toHaveCount(0);
});

interface DatabaseDump {
  version: number;
  stores: {
    name: string;
    keyPath: string | string[];
    autoIncrement: boolean;
    indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
    records: unknown[];
  }[];
}

test.describe('an old database', () => {
  // The browser starts empty (no examiner stored): the old database brings its own.
  test.use({ examiner: '' });

  test('a real database of the version before opens: its case gains a second video, reopened with both files', async ({
    page,
  }) => {
    const dump = JSON.parse(
      readFileSync(join(FIXTURES, 'old-v12', 'framewise-database-v12.json'), 'utf8'),
    ) as DatabaseDump;
    // Written as the previous build left it, on the app's origin before the app opens it.
    await page.goto('/sample/framewise-sample.mp4');
    await page.evaluate(async (dump: DatabaseDump) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('framewise', dump.version);
        request.onupgradeneeded = () => {
          for (const store of dump.stores) {
            const created = request.result.createObjectStore(store.name, {
              keyPath: store.keyPath,
              autoIncrement: store.autoIncrement,
            });
            for (const index of store.indexes) {
              created.createIndex(index.name, index.keyPath, {
                unique: index.unique,
                multiEntry: index.multiEntry,
              });
            }
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(
        dump.stores.map((s) => s.name),
        'readwrite',
      );
      for (const store of dump.stores) {
        for (const record of store.records) tx.objectStore(store.name).put(record);
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, dump);

    await page.goto('/');
    const cases = page.getByRole('list', { name: 'Cases' });
    await expect(cases).toContainText('framewise-sample');
    await reopenCase(page, 'framewise-sample.mp4');
    // Where the person was when the old build last showed it (the place is kept too).
    await expect(page.getByRole('combobox', { name: 'Annotation set' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Events' })).toContainText('vehicle reverses');
    await expect(page.getByTestId('audit-badge')).toContainText('intact');

    await page.getByLabel('Add video to case').setInputFiles(join(FIXTURES, 'sound', 'bangs.mp4'));
    await expect(frameOf(page, 'bangs.mp4')).toHaveAttribute('data-ready', 'true');
    await page.reload();
    await reopenCase(page, 'framewise-sample.mp4');
    // The other video's view asks for its file, checked by its SHA-256.
    const other = view(page, 'bangs.mp4');
    await expect(other).toContainText("This video's file is not open");
    await other.getByLabel('Open bangs.mp4').setInputFiles(join(SYNC, 'B.mp4'));
    await expect(page.getByRole('alert')).toContainText('This is not the video "bangs.mp4"');
    await other.getByLabel('Open bangs.mp4').setInputFiles(join(FIXTURES, 'sound', 'bangs.mp4'));
    await expect(frameOf(page, 'bangs.mp4')).toHaveAttribute('data-ready', 'true');
    // Made the lead, it has its own (empty) annotation set; the old case's box stays with its video.
    await other.getByRole('button', { name: 'Make lead' }).click();
    await expect(view(page, 'bangs.mp4')).toHaveAttribute('data-lead', 'true');
    await expect(page.getByRole('list', { name: 'Events' })).not.toContainText('vehicle reverses');
    await view(page, 'framewise-sample.mp4').getByRole('button', { name: 'Make lead' }).click();
    await expect(view(page, 'framewise-sample.mp4')).toHaveAttribute('data-lead', 'true');
    await expect(page.getByRole('list', { name: 'Events' })).toContainText('vehicle reverses');
  });
  test('a real backup of the version before restores: its case opens and takes a second video', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('textbox', { name: 'Examiner', exact: true }).fill('B. Restorer');
    await page.getByRole('textbox', { name: 'Examiner', exact: true }).press('Enter');
    await page
      .getByLabel('Restore from backup')
      .setInputFiles(join(FIXTURES, 'old-v12', 'framewise-backup-v4.json'));
    await page
      .getByRole('dialog', { name: /Restore/ })
      .getByRole('button', { name: 'Add the missing ones' })
      .click();
    await expect(page.getByRole('list', { name: 'Cases' }).getByRole('listitem')).toHaveCount(1);
    await reopenCase(page, 'framewise-sample.mp4');
    await expect(page.getByRole('list', { name: 'Events' })).toContainText('vehicle reverses');
    await page.getByLabel('Add video to case').setInputFiles(join(FIXTURES, 'sound', 'bangs.mp4'));
    await expect(frameOf(page, 'bangs.mp4')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('audit-badge')).toContainText('intact');
  });
});
