import type { Page } from '@playwright/test';
import { dragOnStage, expect, jumpTo, test, waitForFrame } from './support';

const HOSTILE = '<img src=x onerror=alert(1)>';

async function drawBox(page: Page) {
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 200, y: 120 }, { x: 340, y: 220 });
}

/** Opens the sample; its case opens on the frame last viewed in it (`frame`). */
async function openSample(page: Page, frame = 0) {
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, frame);
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();
}

/** The Label chooser, by its exact name (other controls' names contain "label"). */
const chooser = (page: Page) => page.getByRole('combobox', { name: 'Label', exact: true });
const objects = (page: Page) => page.getByRole('list', { name: 'Objects' });
const editor = (page: Page) => page.getByRole('dialog', { name: 'Labels of this case' });
const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('Saved');

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await openSample(page);
});

test('a label named like HTML stays text, and is saved with the case', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const images = await page.locator('img').count();

  await page.getByRole('button', { name: 'Edit labels' }).click();
  await editor(page).getByRole('button', { name: 'Add label' }).click();
  await editor(page).getByRole('textbox', { name: 'Label name' }).last().fill(HOSTILE);
  await editor(page).getByRole('button', { name: 'Save labels' }).click();
  await expect(editor(page)).toBeHidden();

  await chooser(page).selectOption({ label: HOSTILE });
  await drawBox(page);
  await expect(objects(page).getByRole('listitem')).toHaveCount(1);
  await expect(objects(page).getByRole('listitem').first()).toContainText(`${HOSTILE} #1`);
  expect(await page.locator('img').count()).toBe(images);
  expect(dialogs).toEqual([]);
  await saved(page);

  await page.reload();
  await openSample(page);
  await expect(chooser(page).locator('option', { hasText: HOSTILE })).toHaveCount(1);
  await expect(objects(page)).toContainText(`${HOSTILE} #1`);
  expect(await page.locator('img').count()).toBe(images);
  expect(dialogs).toEqual([]);
});

test('a duplicate label name is refused in plain words and changes nothing', async ({ page }) => {
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await editor(page).getByRole('button', { name: 'Add label' }).click();
  await editor(page).getByRole('textbox', { name: 'Label name' }).last().fill('Vehicle');
  await editor(page).getByRole('button', { name: 'Save labels' }).click();

  const alert = editor(page).getByRole('alert');
  await expect(alert).toContainText('There are two labels called "Vehicle"');
  await expect(editor(page)).toBeVisible();
  await expect(chooser(page).locator('option')).toHaveCount(3);

  await editor(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(editor(page)).toBeHidden();
  await expect(chooser(page).locator('option')).toHaveText(['officer', 'vehicle', 'window frame']);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // Reopened, the editor starts from the saved labels again.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await expect(editor(page).getByRole('textbox', { name: 'Label name' })).toHaveCount(3);
});

test('per-object and per-frame attributes of the selected object', async ({ page }) => {
  const panel = page.getByRole('region', { name: 'Attributes' });
  await expect(panel).toContainText('Select an object');
  await chooser(page).selectOption({ label: 'officer' });
  await drawBox(page);
  await objects(page).getByRole('button', { name: 'officer #1' }).click();
  await expect(panel).toContainText('officer #1');

  const agency = panel.getByRole('combobox', { name: 'agency' });
  const holding = panel.getByRole('checkbox', { name: 'holding on to vehicle' });
  await agency.selectOption('ICE');
  await jumpTo(page, 5);
  await expect(holding).not.toBeChecked();
  await holding.check();
  await expect(holding).toBeChecked();

  await jumpTo(page, 3);
  await expect(holding).not.toBeChecked();
  await expect(agency).toHaveValue('ICE');
  await jumpTo(page, 8);
  await expect(holding).toBeChecked();

  await page.locator('body').press('Control+z');
  await expect(holding).not.toBeChecked();
  await jumpTo(page, 5);
  await expect(holding).not.toBeChecked();
  await expect(agency).toHaveValue('ICE');
  await saved(page);
});

test('events and notes are listed, survive a reload, and can be deleted', async ({ page }) => {
  await page.getByRole('textbox', { name: 'Event description' }).fill('vehicle reverses');
  await page.getByRole('combobox', { name: 'Event category' }).selectOption({ label: 'vehicle' });
  await page.getByRole('spinbutton', { name: 'Event start' }).fill('12');
  await page.getByRole('spinbutton', { name: 'Event end' }).fill('48');
  await page.getByRole('button', { name: 'Add event' }).click();
  const events = page.getByRole('list', { name: 'Events' });
  await expect(events.getByRole('listitem')).toHaveCount(1);
  await expect(events).toContainText('12–48 · vehicle · vehicle reverses');

  await jumpTo(page, 20);
  const text = page.getByRole('textbox', { name: 'Note text' });
  await text.fill('driver door open');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('radio', { name: 'Interpretation' }).check();
  await text.fill('the driver is about to leave');
  await page.getByRole('button', { name: 'Add note' }).click();
  const notes = page.getByRole('list', { name: 'Notes' });
  await expect(notes.getByRole('listitem')).toHaveCount(2);
  await expect(notes.getByRole('listitem').first()).toContainText('OBS');
  await expect(notes.getByRole('listitem').first()).toContainText('driver door open');
  await expect(notes.getByRole('listitem').last()).toContainText('INT');
  await saved(page);

  await page.reload();
  await openSample(page, 20);
  await expect(events).toContainText('12–48 · vehicle · vehicle reverses');
  await expect(notes.getByRole('listitem')).toHaveCount(2);
  await expect(notes).toContainText('the driver is about to leave');

  await page.getByRole('button', { name: 'Go to event 12–48' }).click();
  await waitForFrame(page, 12);
  await page.getByRole('button', { name: 'Delete event 12–48' }).click();
  await expect(events.getByRole('listitem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete observation at 20' }).click();
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await expect(notes).toContainText('INT');
  await saved(page);
});

test('events and notes are edited in place, one undoable step each', async ({ page }) => {
  const events = page.getByRole('list', { name: 'Events' });
  const notes = page.getByRole('list', { name: 'Notes' });
  const description = page.getByRole('textbox', { name: 'Edited description' });
  await page.getByRole('textbox', { name: 'Event description' }).fill('vehicle reverses');
  await page.getByRole('combobox', { name: 'Event category' }).selectOption({ label: 'vehicle' });
  await page.getByRole('spinbutton', { name: 'Event start' }).fill('12');
  await page.getByRole('spinbutton', { name: 'Event end' }).fill('48');
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(events).toContainText('12–48 · vehicle · vehicle reverses');

  // Escape cancels: nothing changes, and focus goes back to the Edit button.
  await page.getByRole('button', { name: 'Edit event 12–48' }).click();
  await expect(description).toBeFocused();
  await description.fill('something else');
  await description.press('Escape');
  await expect(description).toHaveCount(0);
  await expect(events).toContainText('12–48 · vehicle · vehicle reverses');
  await expect(page.getByRole('button', { name: 'Edit event 12–48' })).toBeFocused();

  // What adding refuses, editing refuses too, in plain words, and the form stays open.
  await page.getByRole('button', { name: 'Edit event 12–48' }).click();
  await page.getByRole('spinbutton', { name: 'Edited end' }).fill('5000');
  await page.getByRole('button', { name: 'Save event' }).click();
  await expect(events.getByRole('alert')).toContainText('whole numbers from 0 to 199');
  await description.fill(' ');
  await page.getByRole('button', { name: 'Save event' }).click();
  await expect(events.getByRole('alert')).toContainText('Describe the event');

  await description.fill('vehicle reverses into the officer');
  await page.getByRole('spinbutton', { name: 'Edited end' }).fill('60');
  await page.getByRole('button', { name: 'Save event' }).click();
  await expect(description).toHaveCount(0);
  await expect(events.getByRole('listitem')).toHaveCount(1);
  await expect(events).toContainText('12–60 · vehicle · vehicle reverses into the officer');

  await page.locator('body').press('Control+z');
  await expect(events).toContainText('12–48 · vehicle · vehicle reverses');
  await expect(events).not.toContainText('into the officer');
  await page.locator('body').press('Control+Shift+z');
  await expect(events).toContainText('12–60 · vehicle · vehicle reverses into the officer');

  // Given backwards, start and end are swapped; the category can be cleared.
  await page.getByRole('button', { name: 'Edit event 12–60' }).click();
  await page.getByRole('spinbutton', { name: 'Edited start' }).fill('70');
  await page.getByRole('combobox', { name: 'Edited category' }).selectOption({ label: 'none' });
  await description.press('Enter');
  await expect(events).toContainText('60–70 · vehicle reverses into the officer');

  await jumpTo(page, 20);
  await page.getByRole('textbox', { name: 'Note text' }).fill('driver door open');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await expect(notes).toContainText('OBS');
  await page.getByRole('button', { name: 'Edit observation at 20' }).click();
  await page.getByRole('combobox', { name: 'Edited kind' }).selectOption('interpretation');
  await page.getByRole('textbox', { name: 'Edited note' }).fill('the driver is about to leave');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('textbox', { name: 'Edited note' })).toHaveCount(0);
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await expect(notes).toContainText('INT');
  await expect(notes).not.toContainText('OBS');
  await expect(notes).toContainText('the driver is about to leave');
  await expect(notes).not.toContainText('driver door open');
  await saved(page);

  await page.reload();
  await openSample(page, 20);
  await expect(events).toContainText('60–70 · vehicle reverses into the officer');
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await expect(notes).toContainText('INT');
  await expect(notes).toContainText('the driver is about to leave');
  await expect(page.getByRole('button', { name: 'Edit interpretation at 20' })).toBeVisible();
});
