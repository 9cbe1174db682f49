import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TEST_EXAMINER,
  drawSavedBox,
  expect,
  jumpTo,
  openSampleForDrawing,
  reopenCase,
  test,
  waitForFrame,
} from './support';
import { calibrateClock } from './clock-support';

const cases = (page: Page) => page.getByRole('list', { name: 'Cases' });

/** A fresh profile names nobody: restoring and opening are logged, so name someone first. */
async function nameExaminer(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Examiner', exact: true }).fill('B. Restorer');
  await page.getByRole('textbox', { name: 'Examiner', exact: true }).press('Enter');
}

test('a backup restores into a fresh browser profile; a damaged one writes nothing', async ({
  page,
  browser,
}) => {
  await openSampleForDrawing(page);
  await drawSavedBox(page, 30);
  // The sample's burnt-in clock turns to 08:01:01 on frame 25 (25 fps).
  await calibrateClock(page, {
    frame: 25,
    tick: true,
    dvrTime: '2025-09-12 08:01:01',
    utcOffset: '+01:00',
  });

  await page.reload();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything' }).click();
  const backupPath = (await (await downloading).path())!;
  const backup = JSON.parse(readFileSync(backupPath, 'utf8'));
  expect(backup.format).toBe('framewise.backup');
  expect(backup.version).toBe(5);
  expect(backup.records).toMatchObject({ calibrations: [], measurements: [] });
  expect(backup.records.cases[0].clock).toMatchObject({ method: 'tick', utcOffsetMinutes: 60 });
  expect(backup.records.cases).toHaveLength(1);
  expect(backup.records.tracks).toHaveLength(1);

  // Another profile: a new, empty browser storage.
  const fresh = await browser.newContext();
  const foreign: string[] = [];
  fresh.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== new URL(page.url()).origin) foreign.push(url);
  });
  const other = await fresh.newPage();
  await other.goto('/');
  await nameExaminer(other);
  await expect(cases(other).getByRole('listitem')).toHaveCount(0);

  // A truncated copy is refused in plain words, and nothing is written.
  const damaged = join(tmpdir(), `framewise-damaged-${Date.now()}.json`);
  const text = readFileSync(backupPath, 'utf8');
  writeFileSync(damaged, text.slice(0, Math.floor(text.length / 2)));
  await other.getByLabel('Restore from backup').setInputFiles(damaged);
  await expect(other.getByRole('alert')).toContainText('is not a Framewise backup');
  await expect(other.getByRole('alert')).toContainText('not complete JSON');
  await expect(cases(other).getByRole('listitem')).toHaveCount(0);

  // The whole file restores, and the case opens with its video.
  await other.getByLabel('Restore from backup').setInputFiles(backupPath);
  const ask = other.getByRole('dialog', { name: /Restore/ });
  await expect(ask).toContainText('1 case');
  await ask.getByRole('button', { name: 'Add the missing ones' }).click();
  await expect(cases(other).getByRole('listitem')).toHaveCount(1);
  await expect(other.getByRole('status')).toContainText('framewise-sample');
  await reopenCase(other, 'framewise-sample.mp4');
  await waitForFrame(other, 0);
  await jumpTo(other, 30);
  await expect(other.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(1);
  await expect(other.getByTestId('frame-dvr-time')).toHaveText(
    '2025-09-12 08:01:01.200 ± 0.040 s (UTC+01:00)',
  );
  await expect(other.getByTestId('audit-badge')).toHaveAttribute('data-state', 'intact');
  await fresh.close();
  expect(foreign, 'requests that left the app origin').toEqual([]);
});

/** A copy of a record without the given fields. */
function omit(record: object, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** A version 2 backup as Framewise wrote it before annotation sets (version 1). */
function asVersion1(backup: Record<string, unknown>): Record<string, unknown> {
  const records = backup.records as Record<string, Record<string, unknown>[]>;
  const bare = (r: unknown) =>
    r === null || typeof r !== 'object' || Array.isArray(r) ? r : omit(r, 'setId');
  type Step = { changes: { before: unknown; after: unknown }[] };
  const steps = (list: Step[]) =>
    list.map((c) => ({
      ...c,
      changes: c.changes.map((ch) => ({ ...ch, before: bare(ch.before), after: bare(ch.after) })),
    }));
  return {
    ...backup,
    version: 1,
    records: {
      ...omit(records, 'sets', 'histories', 'deletions'),
      cases: records.cases!.map((c) => omit(c, 'clock')),
      tracks: records.tracks!.map(bare),
      events: records.events!.map(bare),
      notes: records.notes!.map(bare),
      history: records.histories!.map((h) => {
        const { past, future } = h as unknown as { past: Step[]; future: Step[] };
        return { ...omit(h, 'setId'), past: steps(past), future: steps(future) };
      }),
    },
  };
}

test('a version 1 backup (before annotation sets) restores: Set 1, logged, undo intact', async ({
  page,
  browser,
}) => {
  await openSampleForDrawing(page);
  await drawSavedBox(page, 30);
  await page.reload();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything' }).click();
  const backup = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8'));
  const oldFile = join(tmpdir(), `framewise-v1-${Date.now()}.json`);
  writeFileSync(oldFile, JSON.stringify(asVersion1(backup)));

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/');
  await nameExaminer(other);
  await other.getByLabel('Restore from backup').setInputFiles(oldFile);
  await other
    .getByRole('dialog', { name: /Restore/ })
    .getByRole('button', { name: 'Add the missing ones' })
    .click();
  await expect(cases(other).getByRole('listitem')).toHaveCount(1);
  await reopenCase(other, 'framewise-sample.mp4');
  await waitForFrame(other, 0);
  await jumpTo(other, 30);
  const objects = other.getByRole('list', { name: 'Objects' });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(
    other.getByRole('combobox', { name: 'Annotation set' }).locator('option:checked'),
  ).toHaveText(`Set 1 · ${TEST_EXAMINER}`);
  // Logged: the four entries of the backup, the restore, the set made by the upgrade (on
  // first opening), and the hash check.
  await expect(other.getByTestId('audit-badge')).toHaveAttribute('data-count', '7');
  await expect(other.getByTestId('audit-badge')).toHaveAttribute('data-state', 'intact');
  // The undo step from before sets still works both ways: its record came back into the set.
  await other.getByRole('button', { name: 'Undo' }).click();
  await expect(objects.getByRole('listitem')).toHaveCount(0);
  await other.getByRole('button', { name: 'Redo' }).click();
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(other.getByTestId('save-state')).toHaveText('Saved');
  await other.reload();
  await reopenCase(other, 'framewise-sample.mp4');
  await waitForFrame(other, 30); // where it was left before the reload
  await expect(other.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(1);
  await fresh.close();
});
