import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FIXTURES,
  TEST_EXAMINER,
  dragOnStage,
  drawSavedBox,
  expect,
  jumpTo,
  openSampleForDrawing,
  reopenCase,
  storedAudit,
  test,
  waitForFrame,
} from './support';

/** How many records an IndexedDB table of the app holds. */
function storedCount(page: Page, table: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('framewise');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
        };
      }),
    table,
  );
}

const examinerDialog = (page: Page) => page.getByRole('dialog', { name: 'Examiner' });
const topBarExaminer = (page: Page) => page.getByRole('textbox', { name: 'Examiner', exact: true });
const setChooser = (page: Page) => page.getByRole('combobox', { name: 'Annotation set' });

test.describe('with no examiner named', () => {
  test.use({ examiner: '' });

  test('opening a video asks who is working first, and writes nothing before Continue', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(topBarExaminer(page)).toHaveValue('');

    // Cancelled: nothing opened, nothing written.
    await page.getByLabel('Open video').setInputFiles(`${FIXTURES}framewise-sample.mp4`);
    await expect(examinerDialog(page)).toBeVisible();
    expect(await storedCount(page, 'cases')).toBe(0);
    expect(await storedCount(page, 'audit')).toBe(0);
    await examinerDialog(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(examinerDialog(page)).toBeHidden();
    await expect(page.getByTestId('frame-info')).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Cases' }).getByRole('listitem')).toHaveCount(0);
    expect(await storedCount(page, 'cases')).toBe(0);
    expect(await storedCount(page, 'audit')).toBe(0);

    // Asked again; Continue is not possible without a name; the name given is in every entry.
    await page.getByRole('button', { name: 'Open sample footage' }).click();
    await expect(examinerDialog(page)).toBeVisible();
    const go = examinerDialog(page).getByRole('button', { name: 'Continue' });
    await expect(go).toBeDisabled();
    expect(await storedCount(page, 'cases')).toBe(0);
    await examinerDialog(page).getByRole('textbox', { name: 'Examiner name' }).fill('Dana Reyes');
    await examinerDialog(page)
      .getByRole('textbox', { name: 'Role' })
      .fill('forensic video analyst');
    await go.click();
    await waitForFrame(page, 0);
    await expect(examinerDialog(page)).toBeHidden();
    await expect(topBarExaminer(page)).toHaveValue('Dana Reyes');
    await expect(setChooser(page).locator('option:checked')).toHaveText('Set 1 · Dana Reyes');
    await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '3');
    const log = await storedAudit(page);
    expect(log.map((e) => e.action)).toEqual(['case.create', 'evidence.ingest', 'set.create']);
    expect(log.every((e) => e.examiner === 'Dana Reyes')).toBe(true);
    expect(await storedCount(page, 'cases')).toBe(1);
  });

  test('an edit with the name cleared waits for it: cancelled it is not done', async ({ page }) => {
    await page.goto('/');
    await topBarExaminer(page).fill('A. Examiner');
    await topBarExaminer(page).press('Enter');
    await openSampleForDrawing(page);
    await topBarExaminer(page).fill('');
    await topBarExaminer(page).press('Enter');
    const objects = page.getByRole('list', { name: 'Objects' }).getByRole('listitem');

    await jumpTo(page, 10);
    await page.getByRole('button', { name: 'Rectangle' }).click();
    await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
    await expect(examinerDialog(page)).toBeVisible();
    await examinerDialog(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(objects).toHaveCount(0);
    await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '3');

    await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
    await examinerDialog(page).getByRole('textbox', { name: 'Examiner name' }).fill('C. Second');
    await examinerDialog(page).getByRole('button', { name: 'Continue' }).click();
    await expect(objects).toHaveCount(1);
    await expect(page.getByTestId('save-state')).toHaveText('Saved');
    const log = await storedAudit(page);
    expect(log.map((e) => [e.action, e.examiner])).toEqual([
      ['case.create', 'A. Examiner'],
      ['evidence.ingest', 'A. Examiner'],
      ['set.create', 'A. Examiner'],
      ['track.create', 'C. Second'],
    ]);
  });
});

test("a set's annotator is named later, logged; a final set's cannot be changed", async ({
  page,
  browser,
}) => {
  // A set that names nobody, as made before the app asked (a backup from then).
  await openSampleForDrawing(page);
  await drawSavedBox(page, 30);
  await page.reload();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything' }).click();
  const backup = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8'));
  backup.records.sets[0].annotator = '';
  const oldFile = join(tmpdir(), `framewise-unattributed-${Date.now()}.json`);
  writeFileSync(oldFile, JSON.stringify(backup));

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/');
  await topBarExaminer(other).fill('B. Reviewer');
  await topBarExaminer(other).press('Enter');
  await other.getByLabel('Restore from backup').setInputFiles(oldFile);
  await other
    .getByRole('dialog', { name: /Restore/ })
    .getByRole('button', { name: 'Add the missing ones' })
    .click();
  await reopenCase(other, 'framewise-sample.mp4');
  await waitForFrame(other, 0);
  await expect(setChooser(other).locator('option:checked')).toHaveText(
    'Set 1 · no annotator named',
  );

  await other.getByRole('button', { name: 'Annotator…' }).click();
  const dialog = other.getByRole('dialog', { name: 'Annotator of Set 1' });
  await dialog.getByRole('textbox', { name: 'Annotator name' }).fill('A. Examiner');
  await dialog.getByRole('button', { name: 'Save annotator' }).click();
  await expect(dialog).toBeHidden();
  await expect(setChooser(other).locator('option:checked')).toHaveText('Set 1 · A. Examiner');
  const named = (await storedAudit(other)).at(-1)!;
  expect(named).toMatchObject({
    action: 'set.edit',
    examiner: 'B. Reviewer',
    before: { annotator: '' },
    after: { annotator: 'A. Examiner' },
  });
  await expect(other.getByTestId('audit-badge')).toHaveAttribute('data-state', 'intact');

  // Kept after a reload; a final set's annotator is not changed.
  await other.reload();
  await reopenCase(other, 'framewise-sample.mp4');
  await waitForFrame(other, 0);
  await expect(setChooser(other).locator('option:checked')).toHaveText('Set 1 · A. Examiner');
  await other.getByRole('combobox', { name: 'Set status' }).selectOption('final');
  await expect(other.getByTestId('annotation-set')).toHaveAttribute('data-status', 'final');
  const count = (await storedAudit(other)).length;
  await other.getByRole('button', { name: 'Annotator…' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Annotator name' })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Save annotator' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await storedAudit(other)).length).toBe(count);
  await fresh.close();
});

test.describe('who made the default examiner', () => {
  test('the shared fixture names an examiner before the page loads', async ({ page }) => {
    await page.goto('/');
    await expect(topBarExaminer(page)).toHaveValue(TEST_EXAMINER);
  });
});
