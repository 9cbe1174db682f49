import { readFileSync, writeFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { dragOnStage, expect, jumpTo, openFixture, TEST_EXAMINER, test } from './support';

/**
 * Issue 17: a trainer runs a whole class in the built app. The exercise is made from set 1 (a
 * vehicle box on frames 10–30 of a tracking clip); three trainees answer it in sets of their
 * own (two with the box, one without); the trainer imports the exercise and the three
 * submissions at once: class table, CSV and feedback sheets. Then the bad inputs: a submission
 * for another video, a corrupt file, and a reference changed after the exercise was made.
 */
const CLIP = 'tracking/easy-glide.mp4';
const FRAME = { width: 320, height: 240 };

async function saved(page: Page) {
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
}

async function setExaminer(page: Page, name: string) {
  const field = page.getByRole('textbox', { name: 'Examiner' });
  await field.fill(name);
  await field.press('Enter');
}

async function drawVehicle(page: Page) {
  await jumpTo(page, 10);
  await page.getByLabel('Label').selectOption({ label: 'vehicle' });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 40, y: 60 }, { x: 100, y: 110 }, FRAME);
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await page.keyboard.press('Escape');
  await saved(page);
}

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const waiting = page.waitForEvent('download');
  await click();
  const d: Download = await waiting;
  const path = `${dir}/${d.suggestedFilename()}`;
  await d.saveAs(path);
  return path;
}

async function exportItem(page: Page, item: string) {
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

test('a trainer runs a class: exercise out, three submissions in, table and feedback out', async ({
  page,
}, testInfo) => {
  const dir = testInfo.outputPath();
  await page.goto('/');
  await openFixture(page, CLIP);
  await saved(page);
  await drawVehicle(page);

  // The exercise, made from set 1 (the reference stays here).
  await exportItem(page, 'Exercise');
  const dialog = page.getByRole('dialog', { name: 'Make an exercise' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Glide: box the vehicle');
  await dialog.getByRole('textbox', { name: 'Instructions' }).fill('Box the vehicle on frame 10.');
  await dialog.getByRole('spinbutton', { name: 'First frame' }).fill('5');
  await dialog.getByRole('spinbutton', { name: 'Last frame' }).fill('30');
  const exercise = await download(
    page,
    () => dialog.getByRole('button', { name: 'Make exercise' }).click(),
    dir,
  );
  expect(JSON.parse(readFileSync(exercise, 'utf8'))).toMatchObject({
    format: 'framewise.exercise',
    span: { firstFrame: 5, lastFrame: 30 },
    reference: { name: 'Set 1' },
  });

  // Three trainees, each in a set of their own, answer it.
  const submissions: string[] = [];
  for (const [name, drawsBox] of [
    ['Ann Trainee', true],
    ['Ben Trainee', true],
    ['Cat Trainee', false],
  ] as const) {
    await setExaminer(page, name);
    await page.getByRole('button', { name: 'New set' }).click();
    await page.getByLabel('Open exercise').setInputFiles(exercise);
    await expect(page.getByTestId('exercise')).toContainText('Exercise: Glide: box the vehicle');
    if (drawsBox) await drawVehicle(page);
    submissions.push(await download(page, () => exportItem(page, 'Submission'), dir));
  }
  expect(JSON.parse(readFileSync(submissions[0]!, 'utf8'))).toMatchObject({
    format: 'framewise.submission',
    examiner: { name: 'Ann Trainee' },
  });

  // The trainer imports the exercise and the submissions together.
  await setExaminer(page, TEST_EXAMINER);
  await page.getByRole('button', { name: 'Compare sets' }).click();
  const panel = page.getByRole('dialog', { name: 'Compare annotation sets' });
  const reference = panel.getByRole('combobox', { name: 'Reference set' });
  const options = await reference.locator('option').allTextContents();
  await reference.selectOption({ label: options.find((o) => o.startsWith('Set 1'))! });
  await panel.getByLabel('Import submissions').setInputFiles([exercise, ...submissions]);
  const classDialog = page.getByRole('dialog', { name: 'Class: Glide: box the vehicle' });
  const table = classDialog.getByRole('table', { name: 'Class table' });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  const recall = (name: string) =>
    table.locator(`tr[data-trainee="${name}"] td[data-column="recall"]`);
  await expect(recall('Ann Trainee')).toHaveText('1');
  await expect(recall('Ben Trainee')).toHaveText('1');
  await expect(recall('Cat Trainee')).toHaveText('0');
  // Sortable: recall ascending puts Cat first.
  await table.getByRole('button', { name: 'Recall' }).click();
  await table.getByRole('button', { name: /Recall/ }).click();
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-trainee', 'Cat Trainee');

  const csv = readFileSync(
    await download(
      page,
      () => classDialog.getByRole('button', { name: 'Class table (CSV)' }).click(),
      dir,
    ),
    'utf8',
  ).split('\r\n');
  expect(csv[0]!.startsWith('trainee,precision,recall,mota,idf1,hota,')).toBe(true);
  expect(csv.filter((l) => l.startsWith('Cat Trainee,'))[0]).toContain(',0,');
  expect(csv).toHaveLength(5); // header, three rows, the final empty line

  const zip = unzipSync(
    readFileSync(
      await download(
        page,
        () => classDialog.getByRole('button', { name: 'Feedback sheets' }).click(),
        dir,
      ),
    ),
  );
  const names = Object.keys(zip).sort();
  expect(names).toHaveLength(6);
  const catHtml = new TextDecoder().decode(
    zip[names.find((n) => /Cat-Trainee\.feedback\.html$/.test(n))!],
  );
  expect(catHtml).toContain('Feedback: Cat Trainee');
  expect(catHtml).toContain('Differences (1)');
  expect(catHtml).toContain('missing · R vehicle #1');
  expect(catHtml).toContain('<img'); // the stills of reference and trainee side by side
  expect(zip[names.find((n) => n.endsWith('.pdf'))!]!.slice(0, 5)).toEqual(
    new TextEncoder().encode('%PDF-'),
  );

  // Bad input: a submission for another video and a corrupt file are refused, the rest kept.
  const other = JSON.parse(readFileSync(submissions[0]!, 'utf8')) as { video: { sha256: string } };
  other.video.sha256 = 'f'.repeat(64);
  writeFileSync(`${dir}/other-video.submission.json`, JSON.stringify(other));
  writeFileSync(`${dir}/corrupt.submission.json`, '{"format": "framewise.submission", ');
  writeFileSync(`${dir}/copy-of-ben.submission.json`, readFileSync(submissions[1]!));
  await classDialog.getByRole('button', { name: 'Close' }).click();
  await panel
    .getByLabel('Import submissions')
    .setInputFiles([
      exercise,
      submissions[1]!,
      `${dir}/other-video.submission.json`,
      `${dir}/corrupt.submission.json`,
      `${dir}/copy-of-ben.submission.json`,
    ]);
  const refused = classDialog.getByRole('list', { name: 'Refused submissions' });
  await expect(refused.getByRole('listitem')).toHaveCount(3);
  await expect(refused).toContainText(
    "copy-of-ben.submission.json: the same submission as Ben Trainee's (the same file)",
  );
  await expect(refused).toContainText(
    'other-video.submission.json: This submission is for another video',
  );
  await expect(refused).toContainText('corrupt.submission.json: ');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await classDialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('alert').first()).toContainText('3 of 4 submissions were refused');

  // A reference changed after the exercise was made: nothing is compared.
  await page.getByRole('button', { name: 'Dismiss' }).first().click();
  const sets = page.getByRole('combobox', { name: 'Annotation set' });
  await sets.selectOption({
    label: (await sets.locator('option').allTextContents()).find((o) => o.startsWith('Set 1'))!,
  });
  await jumpTo(page, 10);
  await dragOnStage(page, { x: 70, y: 85 }, { x: 80, y: 85 }, FRAME);
  await saved(page);
  await panel.getByLabel('Import submissions').setInputFiles([exercise, ...submissions]);
  await expect(page.getByRole('alert').first()).toContainText('does not match the exercise');
});

test('a trainee on another machine opens the exercise: wrong video refused, then the labels added', async ({
  page,
  browser,
}, testInfo) => {
  const dir = testInfo.outputPath();
  // The trainer: a label of their own ("door"), the exercise made from set 1.
  await page.goto('/');
  await openFixture(page, CLIP);
  await saved(page);
  await page.getByRole('button', { name: 'Edit labels' }).click();
  const editor = page.getByRole('dialog', { name: 'Labels of this case' });
  await editor.getByRole('button', { name: 'Add label' }).click();
  await editor.getByRole('textbox', { name: 'Label name' }).last().fill('door');
  await editor.getByRole('button', { name: 'Save labels' }).click();
  await saved(page);
  await exportItem(page, 'Exercise');
  const dialog = page.getByRole('dialog', { name: 'Make an exercise' });
  const exercise = await download(
    page,
    () => dialog.getByRole('button', { name: 'Make exercise' }).click(),
    dir,
  );

  // The trainee: a browser of their own (nothing of the trainer's stored).
  const context = await browser.newContext();
  const trainee = await context.newPage();
  await trainee.goto('/');
  await trainee.getByRole('textbox', { name: 'Examiner' }).fill('Dee Trainee');
  await trainee.getByRole('textbox', { name: 'Examiner' }).press('Enter');
  await openFixture(trainee, 'tracking/hard-leaves.mp4');
  await saved(trainee);
  await trainee.getByLabel('Open exercise').setInputFiles(exercise);
  await expect(trainee.getByRole('alert')).toContainText('This exercise is for another video');
  await expect(trainee.getByTestId('exercise')).toHaveCount(0);

  await trainee.getByRole('button', { name: 'Close', exact: true }).click();
  await openFixture(trainee, CLIP);
  await saved(trainee);
  await trainee.getByLabel('Open exercise').setInputFiles(exercise);
  await expect(trainee.getByTestId('exercise')).toBeVisible();
  await expect(trainee.getByRole('status').filter({ hasText: 'Added the exercise' })).toContainText(
    '“door”',
  );
  await expect(trainee.getByLabel('Label').locator('option')).toContainText(['door']);
  await context.close();
});
