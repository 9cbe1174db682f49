import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/core/evidence/canonical-json';
import {
  dragOnStage,
  expect,
  exportAnnotations,
  jumpTo,
  openSampleForDrawing,
  storedAudit,
  tamperWithAuditEntry,
  test,
} from './support';

const badge = (page: Page) => page.getByTestId('audit-badge');

test('every change is in a hash chain that stock tools can check', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Examiner' }).fill('A. Examiner');
  await page.getByRole('textbox', { name: 'Examiner' }).press('Enter');
  // A setting of this browser: there after a reload (and before the case is opened).
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Examiner' })).toHaveValue('A. Examiner', {
      timeout: 1000,
    });
  }).toPass();
  await openSampleForDrawing(page);
  await expect(badge(page)).toHaveAttribute('data-state', 'intact');
  // Case created, evidence ingested, its first annotation set made.
  await expect(badge(page)).toHaveAttribute('data-count', '3');

  await jumpTo(page, 10);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await exportAnnotations(page);
  await expect(badge(page)).toHaveAttribute('data-count', '6');

  const log = await storedAudit(page);
  expect(log.map((e) => e.action)).toEqual([
    'case.create',
    'evidence.ingest',
    'set.create',
    'track.create',
    'track.delete',
    'export',
  ]);
  expect(log.every((e) => e.examiner === 'A. Examiner')).toBe(true);
  expect(log[4]!['detail']).toBe('create track (undo)');
  // Recomputed here with Node's own SHA-256 over the RFC 8785 form: each entry's hash covers
  // everything but the hash, and each names the one before it.
  log.forEach((entry, i) => {
    const { hash, ...unsigned } = entry;
    expect(createHash('sha256').update(canonicalJson(unsigned)).digest('hex')).toBe(hash);
    expect(entry.prevHash).toBe(i === 0 ? '0'.repeat(64) : log[i - 1]!.hash);
  });
});

test('a changed audit entry is found and named', async ({ page }) => {
  await openSampleForDrawing(page);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await expect(badge(page)).toHaveAttribute('data-count', '4');

  // Someone edits the stored record of the drawn box, one number, outside Framewise.
  await tamperWithAuditEntry(page, 3, 'change');
  await page.reload();
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await expect(badge(page)).toHaveAttribute('data-state', 'broken');
  await expect(badge(page)).toHaveAttribute('data-broken-at', '3');
  await expect(page.getByRole('alert')).toContainText('broken at entry 3');
  await expect(page.getByRole('alert')).toContainText('was changed');
});

test('entries cut off the end of the log are found too', async ({ page }) => {
  await openSampleForDrawing(page);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '4');

  // The last entry (the drawn box) is deleted outside Framewise: the rest still chains.
  await tamperWithAuditEntry(page, 3, 'delete');
  await page.reload();
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-state', 'broken');
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-broken-at', '3');
  await expect(page.getByRole('alert')).toContainText('entry 3 is missing');
});
