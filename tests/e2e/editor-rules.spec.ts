import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import type { FrameStill } from '../../src/core/exports/frame-still';
import {
  clickOnStage,
  dragOnStage,
  expect,
  jumpTo,
  openSampleForDrawing,
  test,
  waitForFrame,
  downloadExports,
} from './support';

/** The Label chooser, by its exact name (other controls' names contain "label"). */
const chooser = (page: Page) => page.getByRole('combobox', { name: 'Label', exact: true });
const objects = (page: Page) => page.getByRole('list', { name: 'Objects' });
const item = (page: Page, title: string) =>
  objects(page).getByRole('listitem').filter({ hasText: title });
const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('Saved');
const toolButton = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Draws the usual 100 × 60 box at 100,100 as a new officer and selects it. */
async function drawSelectedOfficer(page: Page): Promise<void> {
  await chooser(page).selectOption({ label: 'officer' });
  await toolButton(page, 'Rectangle').click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await objects(page).getByRole('button', { name: 'officer #1' }).click();
  await expect(page.getByTestId('drawing-target')).toContainText('officer #1');
}

test('drawing with another label, or far away, never moves the selected object', async ({
  page,
}) => {
  await openSampleForDrawing(page);
  await drawSelectedOfficer(page);
  const officer = item(page, 'officer #1');
  await expect(officer).toContainText('box x 100.0 y 100.0 w 100.0 h 60.0');

  // Another label, right over it: a new object; officer #1 stays where it was drawn.
  await chooser(page).selectOption({ label: 'vehicle' });
  await expect(page.getByTestId('label-differs')).toContainText('the next drawing starts a new');
  await dragOnStage(page, { x: 110, y: 105 }, { x: 230, y: 170 });
  await expect(objects(page).getByRole('listitem')).toHaveCount(2);
  await expect(item(page, 'vehicle #2')).toBeVisible();
  await expect(officer).toContainText('box x 100.0 y 100.0 w 100.0 h 60.0');
  await expect(page.getByText("the chosen label is not officer #1's")).toBeVisible();

  // The same label, far across the frame: a new object too.
  await chooser(page).selectOption({ label: 'officer' });
  await dragOnStage(page, { x: 500, y: 250 }, { x: 540, y: 330 });
  await expect(objects(page).getByRole('listitem')).toHaveCount(3);
  await expect(item(page, 'officer #3')).toBeVisible();
  await expect(officer).toContainText('box x 100.0 y 100.0 w 100.0 h 60.0');

  // The same label, near it: its keyframe on this frame, as before.
  await dragOnStage(page, { x: 120, y: 100 }, { x: 220, y: 160 });
  await expect(objects(page).getByRole('listitem')).toHaveCount(3);
  await expect(officer).toContainText(/box x 1[12]\d\.\d y 100\.0/);
  await saved(page);
});

test('a per-frame attribute ticked on frame 0 holds at keyframes on frame 30 and later', async ({
  page,
}) => {
  await openSampleForDrawing(page);
  await drawSelectedOfficer(page);
  // A keyframe on frame 30 drawn before the box is ticked (following the officer first).
  await jumpTo(page, 30);
  await dragOnStage(page, { x: 130, y: 100 }, { x: 230, y: 160 });
  await expect(item(page, 'officer #1')).toContainText('keyframe (drawn)');

  await jumpTo(page, 0);
  const holding = page
    .getByRole('region', { name: 'Attributes' })
    .getByRole('checkbox', { name: 'holding on to vehicle' });
  await holding.check();
  await expect(holding).toBeChecked();
  await jumpTo(page, 30);
  await expect(holding).toBeChecked();

  // A new keyframe drawn later starts from the values in force there.
  await jumpTo(page, 45);
  await dragOnStage(page, { x: 150, y: 100 }, { x: 250, y: 160 });
  await expect(item(page, 'officer #1')).toContainText('keyframe (drawn)');
  await expect(holding).toBeChecked();
  await saved(page);
});

test('Esc keeps the drawing tool; tools have keys; a polygon says how to finish', async ({
  page,
}) => {
  await openSampleForDrawing(page);
  const body = page.locator('body');
  await toolButton(page, 'Rectangle').click();
  await body.press('Escape');
  await expect(toolButton(page, 'Rectangle')).toHaveAttribute('aria-pressed', 'true');
  // The next drag draws (it is not a pan of the frame).
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await expect(objects(page).getByRole('listitem')).toHaveCount(1);

  await body.press('v');
  await expect(toolButton(page, 'Select')).toHaveAttribute('aria-pressed', 'true');
  await body.press('b');
  await expect(toolButton(page, 'Rectangle')).toHaveAttribute('aria-pressed', 'true');
  await expect(toolButton(page, 'Rectangle')).toHaveAttribute('title', /\(B\)/);

  await body.press('g');
  await expect(toolButton(page, 'Polygon')).toHaveAttribute('aria-pressed', 'true');
  const hint = page.getByTestId('drawing-hint');
  await expect(hint).toContainText('click to add points');
  await clickOnStage(page, 350, 50);
  await clickOnStage(page, 450, 60);
  await expect(hint).toContainText('2 points');
  await expect(hint).toContainText('Esc cancels');
  await body.press('Escape'); // drops the polygon, keeps the tool
  await expect(hint).not.toContainText('2 points');
  await expect(toolButton(page, 'Polygon')).toHaveAttribute('aria-pressed', 'true');
  await expect(objects(page).getByRole('listitem')).toHaveCount(1);

  await body.press('v');
  await expect(toolButton(page, 'Select')).toHaveAttribute('aria-pressed', 'true');
  await expect(hint).toHaveCount(0);
  await body.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toContainText('Rectangle tool');
  await expect(overlay).toContainText('Polygon tool');
  await expect(overlay).toContainText('ends a held track here');
});

/** The places stored in this browser's settings (last-viewed.svelte.ts). */
function storedPlaces(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('framewise');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').getAll();
          request.onsuccess = () => {
            open.result.close();
            const settings = request.result as { key: string; value: string }[];
            resolve(
              settings
                .filter((s) => s.key.startsWith('lastViewed:'))
                .map((s) => JSON.parse(s.value) as unknown),
            );
          };
        };
      }),
  );
}

test('reopening a case returns to the set and frame last viewed', async ({ page }) => {
  await openSampleForDrawing(page);
  const sets = page.getByRole('combobox', { name: 'Annotation set' });
  await page.getByRole('button', { name: 'New set' }).click();
  await expect(sets.locator('option')).toHaveCount(2);
  // Back to the first set (not the newest), on frame 37.
  const first = await sets.locator('option').first().getAttribute('value');
  await sets.selectOption(first!);
  await expect(sets).toHaveValue(first!);
  await jumpTo(page, 37);
  await expect.poll(() => storedPlaces(page)).toContainEqual({ setId: first!, frame: 37 });

  await page.reload();
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 37);
  await expect(sets).toHaveValue(first!);
});

/** Clicks Export > Frame still (PNG) and returns the annotated still's sidecar. */
async function annotatedSidecar(page: Page): Promise<FrameStill> {
  let sidecar: FrameStill | null = null;
  for (const [name, bytes] of await downloadExports(page, 'Frame still (PNG)', 4)) {
    writeFileSync(test.info().outputPath(name), bytes); // to look at
    if (name.endsWith('.annotated.png.json')) {
      sidecar = JSON.parse(bytes.toString('utf8')) as FrameStill;
    }
  }
  return sidecar!;
}

test('a held position looks held, says so beside stills and citations, and ends in one key', async ({
  page,
}) => {
  await openSampleForDrawing(page);
  await chooser(page).selectOption({ label: 'vehicle' });
  await toolButton(page, 'Rectangle').click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 220, y: 170 });
  await objects(page).getByRole('button', { name: 'vehicle #1' }).click();
  await jumpTo(page, 10);
  await dragOnStage(page, { x: 160, y: 110 }, { x: 280, y: 180 });
  await toolButton(page, 'Select').click();

  // Between the keyframes: interpolated (dashed); after the last: held (dotted, titled so).
  await jumpTo(page, 5);
  await expect(item(page, 'vehicle #1')).toContainText('interpolated from 0');
  await expect(item(page, 'vehicle #1')).not.toContainText('End here');
  await page.getByTestId('stage').screenshot({ path: test.info().outputPath('interpolated.png') });
  await jumpTo(page, 20);
  await expect(item(page, 'vehicle #1')).toContainText('held from 10');
  await expect(item(page, 'vehicle #1')).toContainText('Computed: its last keyframe carried on');
  await page.getByTestId('stage').screenshot({ path: test.info().outputPath('held.png') });

  // Cited: the citation says what on it is computed.
  await page.getByRole('textbox', { name: 'Citation caption' }).fill('the car drives off');
  await page.getByRole('button', { name: 'Cite this one' }).click();
  const cited = page.getByRole('list', { name: 'Cited frames' }).getByRole('listitem');
  await expect(cited.getByTestId('citation-computed')).toHaveText(
    'Computed, not observed: vehicle #1 held from 10',
  );

  // A still of it: the sidecar says so in words.
  const sidecar = await annotatedSidecar(page);
  expect(sidecar.computed!.statement).toContain('vehicle #1 held from frame 10');
  expect(sidecar.computed!.positions).toEqual([
    expect.objectContaining({ title: 'vehicle #1', source: 'held', fromFrame: 10 }),
  ]);

  // Ended here in one click (O with it selected does the same).
  await item(page, 'vehicle #1').getByRole('button', { name: 'End here (O)' }).click();
  await expect(objects(page).getByRole('listitem')).toHaveCount(0);
  await expect(cited.getByTestId('citation-computed')).toHaveCount(0);
  await page.locator('body').press('Control+z');
  await expect(objects(page).getByRole('listitem')).toHaveCount(1);
  // Still the selected object: O ends it here too.
  await expect(objects(page).getByRole('button', { name: 'vehicle #1' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.locator('body').press('o');
  await expect(objects(page).getByRole('listitem')).toHaveCount(0);
  await saved(page);
});
