import type { Page } from '@playwright/test';
import { dragOnStage, expect, jumpTo, openFixture, test, waitForFrame } from './support';

/**
 * Issue 17: comparing two annotation sets in the built app. Set 1 (the reference) has one box
 * on frame 10; set 2 the same box and an extra one. On that frame: TP 1, FP 1, FN 0, so
 * precision 0.5, recall 1, MOTA 1 − 1/1 = 0, IDF1 2·1/(2·1 + 1 + 0) = 2/3, HOTA √(DetA·AssA)
 * = √(½·1); no events in either set: event κ 1 (full agreement on nothing).
 */
const CLIP = 'tracking/easy-glide.mp4';
const FRAME = { width: 320, height: 240 };

async function drawBox(page: Page, label: string, from: [number, number], to: [number, number]) {
  await page.getByLabel('Label').selectOption({ label });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: from[0], y: from[1] }, { x: to[0], y: to[1] }, FRAME);
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await page.keyboard.press('Escape');
}

test('compare two sets: scores, differences, each shown on its frame', async ({ page }) => {
  await page.goto('/');
  await openFixture(page, CLIP);
  await jumpTo(page, 10);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await drawBox(page, 'vehicle', [40, 60], [100, 110]);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.getByRole('button', { name: 'New set' }).click();
  await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(0);
  await drawBox(page, 'vehicle', [40, 60], [100, 110]);
  await drawBox(page, 'officer', [200, 150], [240, 200]);
  await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.getByRole('button', { name: 'Compare sets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare annotation sets' });
  const reference = dialog.getByRole('combobox', { name: 'Reference set' });
  const compared = dialog.getByRole('combobox', { name: 'Compared set' });
  const options = await reference.locator('option').allTextContents();
  await reference.selectOption({ label: options.find((o) => o.startsWith('Set 1'))! });
  await compared.selectOption({ label: options.find((o) => o.startsWith('Set 2'))! });
  await dialog.getByRole('spinbutton', { name: 'IoU threshold' }).fill('0.5');
  await dialog.getByRole('spinbutton', { name: 'Event tolerance (frames)' }).fill('2');
  await dialog.getByRole('button', { name: 'Compare' }).click();

  const result = dialog.getByTestId('comparison');
  await expect(result).toHaveAttribute('data-precision', '0.5');
  await expect(result).toHaveAttribute('data-recall', '1');
  await expect(result).toHaveAttribute('data-mota', '0');
  expect(Number(await result.getAttribute('data-idf1'))).toBeCloseTo(2 / 3, 9);
  expect(Number(await result.getAttribute('data-hota'))).toBeCloseTo(Math.SQRT1_2, 9);
  await expect(result).toHaveAttribute('data-event-kappa', '1');
  await expect(dialog.getByTestId('attribute-agreement')).toContainText('plate 1/1');
  await expect(dialog.getByRole('table', { name: 'Label confusion' })).toContainText('officer');

  const differences = dialog.getByRole('list', { name: 'Differences' });
  await expect(differences.getByRole('button')).toHaveCount(1);
  await expect(differences).toContainText('frame 10: extra · C officer #2');

  // A difference shows its frame.
  await jumpTo(page, 3);
  await differences.getByRole('button').first().click();
  await waitForFrame(page, 10);

  // The same set twice is refused in words.
  await compared.selectOption({ label: options.find((o) => o.startsWith('Set 1'))! });
  await dialog.getByRole('button', { name: 'Compare' }).click();
  await expect(dialog.getByRole('alert')).toContainText('the same set');
});
