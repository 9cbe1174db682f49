import { expect, oracleFor, openFixture, test } from './support';

const BAD_FILES = [
  { name: 'empty.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(0), says: /empty/i },
  {
    name: 'notes.mp4',
    mimeType: 'video/mp4',
    buffer: Buffer.from('These are my notes, not a video.\n'),
    says: /not a video/i,
  },
];

for (const bad of BAD_FILES) {
  test(`${bad.name} is refused with a plain alert and the app stays usable`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await page
      .getByLabel('Open video')
      .setInputFiles({ name: bad.name, mimeType: bad.mimeType, buffer: bad.buffer });
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(bad.says);
    await expect(page.getByTestId('frame-info')).toHaveCount(0);

    // A good file opens afterwards, and the alert goes.
    await openFixture(page, 'framewise-sample.mp4');
    await expect(page.getByTestId('video-facts')).toHaveAttribute(
      'data-sha256',
      oracleFor('framewise-sample.mp4').sha256,
    );
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}
