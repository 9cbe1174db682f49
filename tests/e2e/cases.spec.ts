import type { Page } from '@playwright/test';
import {
  dragOnStage,
  drawSavedBox,
  expect,
  jumpTo,
  oracleFor,
  openSampleForDrawing,
  reopenCase,
  test,
  waitForFrame,
} from './support';

const cases = (page: Page) => page.getByRole('list', { name: 'Cases' });

test('a case is renamed, reopened only with its own video, and deleted after asking', async ({
  page,
}) => {
  await openSampleForDrawing(page);
  await drawSavedBox(page, 30);

  await page.reload();
  await expect(cases(page).getByRole('listitem')).toHaveCount(1);
  await cases(page).getByRole('button', { name: 'Rename case' }).click();
  await page.getByRole('textbox', { name: 'New case name' }).fill('Shooting, 12 Sept');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(cases(page)).toContainText('Shooting, 12 Sept');
  await expect(cases(page)).toContainText('framewise-sample.mp4');

  // Another file is refused, with both hashes, and nothing opens.
  const other = oracleFor('containers/vp9.webm');
  const sample = oracleFor('framewise-sample.mp4');
  await reopenCase(page, 'containers/vp9.webm');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This is not the video of case "Shooting, 12 Sept"');
  await expect(alert).toContainText(other.sha256);
  await expect(alert).toContainText(sample.sha256);
  await expect(page.getByTestId('frame-info')).toHaveCount(0);

  // The right file opens the case, with its box.
  await reopenCase(page, 'framewise-sample.mp4');
  await waitForFrame(page, 30); // where the case was left
  await expect(page.locator('.topbar .case')).toHaveText('Shooting, 12 Sept');
  await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(1);
  // Created, ingested, first set made, box drawn, renamed, wrong file refused, right file
  // checked: all logged.
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-state', 'intact');
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '7');

  await page.reload();
  await cases(page).getByRole('button', { name: 'Delete case' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete case “Shooting, 12 Sept”?' });
  await expect(confirm).toContainText('1 annotation set with 1 object, 0 events and 0 notes');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(cases(page).getByRole('listitem')).toHaveCount(1);
  await cases(page).getByRole('button', { name: 'Delete case' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(cases(page).getByRole('listitem')).toHaveCount(0);
  await page.reload();
  await expect(cases(page).getByRole('listitem')).toHaveCount(0);
  // The deletion itself is recorded, and outlives the case and its log.
  await page.getByText('Deleted cases (1)').click();
  const deleted = page.getByRole('list', { name: 'Deleted cases' });
  await expect(deleted).toContainText('Shooting, 12 Sept');
  await expect(deleted).toContainText('framewise-sample.mp4 · deleted');
  await expect(deleted).toContainText('audit log: 7 entries, head');
});

test('case details and acquisition notes are saved and logged', async ({ page }) => {
  await openSampleForDrawing(page);
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '3');
  await page.getByRole('button', { name: 'Case details' }).click();
  const details = page.getByRole('dialog', { name: 'Case details' });
  await details.getByLabel('Reference number').fill('ICE-2025-0912');
  await details.getByLabel('DVR make and model').fill('Hikvision DS-7208');
  await details.getByLabel('Camera or channel').fill('CH 3');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details).toBeHidden();
  // One entry for the case's details, one for the evidence's acquisition notes.
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '5');

  await page.reload();
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  await page.getByRole('button', { name: 'Case details' }).click();
  await expect(details.getByLabel('Reference number')).toHaveValue('ICE-2025-0912');
  await expect(details.getByLabel('DVR make and model')).toHaveValue('Hikvision DS-7208');
});

test('another case can be started on the open video', async ({ page }) => {
  await openSampleForDrawing(page);
  await jumpTo(page, 30);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await page.getByRole('button', { name: 'New case' }).click();
  await expect(page.locator('.topbar .case')).toHaveText('framewise-sample (2)');
  await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(0);
  // Created, with its first set.
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '2');
  // The video's acquisition notes, edited in the new case, are logged in both cases.
  await page.getByRole('button', { name: 'Case details' }).click();
  const details = page.getByRole('dialog', { name: 'Case details' });
  await details.getByLabel('Source').fill('DVR, exported to USB');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '3');
  // Close goes back to the first screen and its list of cases, no reload needed.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(cases(page).getByRole('listitem')).toHaveCount(2);
  await expect(cases(page)).toContainText('framewise-sample (2)');
  // The first case: created, ingested, first set, box drawn, the acquisition edit made in the
  // other, and the hash check on reopening.
  const first = cases(page).getByRole('listitem').filter({ hasNotText: '(2)' });
  await reopenCase(page, 'framewise-sample.mp4', first);
  await waitForFrame(page, 30); // where the first case was left
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '6');
});

test('annotation sets: a second examiner annotates apart, a final set takes no edits', async ({
  page,
}) => {
  const examiner = page.getByRole('textbox', { name: 'Examiner' });
  const sets = page.getByRole('combobox', { name: 'Annotation set' });
  const status = page.getByRole('combobox', { name: 'Set status' });
  const objects = page.getByRole('list', { name: 'Objects' });
  // The first set is made with the case, by the examiner named then.
  await page.goto('/');
  await examiner.fill('A. Examiner');
  await examiner.press('Enter');
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  await drawSavedBox(page, 30);
  await expect(objects).toContainText('officer');

  // A second examiner starts an empty set of their own and draws a vehicle in it.
  await examiner.fill('B. Reviewer');
  await examiner.press('Enter');
  await page.getByRole('button', { name: 'New set' }).click();
  await expect(sets.locator('option:checked')).toHaveText('Set 2 · B. Reviewer');
  await expect(objects.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await page.getByLabel('Label', { exact: true }).selectOption({ label: 'vehicle' });
  await dragOnStage(page, { x: 300, y: 200 }, { x: 400, y: 260 });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(objects).toContainText('vehicle');

  // Labels are the case's: "officer", used in Set 1 only, cannot be removed from Set 2.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  const editor = page.getByRole('dialog', { name: 'Labels of this case' });
  await editor.getByRole('button', { name: 'Remove label' }).first().click();
  await editor.getByRole('button', { name: 'Save labels' }).click();
  await expect(editor.getByRole('alert')).toContainText('officer is used by 1 object');
  await editor.getByRole('button', { name: 'Cancel' }).click();

  // Back to the first set: its own object and its own undo history.
  await sets.selectOption({ label: 'Set 1 · A. Examiner' });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(objects).toContainText('officer');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

  // Signed off as final: an edit is refused in plain words, and nothing changes.
  await status.selectOption('final');
  await expect(page.getByTestId('annotation-set')).toHaveAttribute('data-status', 'final');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 400, y: 50 }, { x: 450, y: 90 });
  await expect(page.getByRole('status')).toContainText('Set 1 is final, so it cannot be changed');
  await expect(objects.getByRole('listitem')).toHaveCount(1);

  // After a reload the set changed last opens, still final; both sets, the status change and
  // the two set creations are in the case's audit log.
  await page.reload();
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 30); // the set and frame last viewed
  await expect(sets.locator('option:checked')).toHaveText('Set 1 · A. Examiner');
  await expect(sets.locator('option')).toHaveText(['Set 1 · A. Examiner', 'Set 2 · B. Reviewer']);
  await expect(page.getByTestId('annotation-set')).toHaveAttribute('data-status', 'final');
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-state', 'intact');
  // Created, ingested, set 1, box, set 2, vehicle, set 1 final, hash check on reopening.
  await expect(page.getByTestId('audit-badge')).toHaveAttribute('data-count', '8');
});
