import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dragOnStage,
  expect,
  jumpTo,
  openSampleForDrawing,
  reopenCase,
  test,
  waitForFrame,
} from './support';

const cases = (page: Page) => page.getByRole('list', { name: 'Cases' });

test('a backup restores into a fresh browser profile; a damaged one writes nothing', async ({
  page,
  browser,
}) => {
  await openSampleForDrawing(page);
  await jumpTo(page, 30);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.reload();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything' }).click();
  const backupPath = (await (await downloading).path())!;
  const backup = JSON.parse(readFileSync(backupPath, 'utf8'));
  expect(backup.format).toBe('framewise.backup');
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
  await expect(other.getByTestId('audit-badge')).toHaveAttribute('data-state', 'intact');
  await fresh.close();
  expect(foreign, 'requests that left the app origin').toEqual([]);
});
