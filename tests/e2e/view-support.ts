/** Driving the View panel (issue 18) from e2e specs and benches. */
import type { Page } from '@playwright/test';

/** Sets a slider (a range input) as a person dragging it to `value` would. */
export async function slide(page: Page, name: string, value: number): Promise<void> {
  await page.getByRole('slider', { name, exact: true }).fill(String(value));
}

/** Every filter of the View panel on: levels, eq, saturation, sharpen, invert, top field. */
export async function showEveryViewFilter(page: Page): Promise<void> {
  await slide(page, 'Black point', 16);
  await slide(page, 'White point', 220);
  await slide(page, 'Brightness', 0.05);
  await slide(page, 'Contrast', 1.3);
  await slide(page, 'Gamma', 1.6);
  await slide(page, 'Saturation', 1.5);
  await slide(page, 'Sharpen', 1);
  await page.getByRole('checkbox', { name: 'Invert' }).check();
  await page.getByRole('combobox', { name: 'Fields' }).selectOption({ label: 'Top field' });
}
