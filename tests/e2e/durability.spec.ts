import { dragOnStage, expect, jumpTo, openSampleForDrawing, test, waitForFrame } from './support';

test('a page closed right after an edit was shown as saved loses nothing', async ({
  context,
  page,
}) => {
  await openSampleForDrawing(page);
  await jumpTo(page, 30);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await dragOnStage(page, { x: 300, y: 100 }, { x: 400, y: 160 });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  // Closed at once, without any unload handling a crash would not get either.
  await page.close({ runBeforeUnload: false });

  const reopened = await context.newPage();
  await reopened.goto('/');
  await reopened.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(reopened, 30); // the frame last viewed
  const objects = reopened.getByRole('list', { name: 'Objects' });
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  await expect(reopened.getByTestId('audit-badge')).toHaveAttribute('data-state', 'intact');
  // The inspector says how much of this browser's storage is used.
  const storage = reopened.getByTestId('storage-health');
  await expect(storage).toHaveAttribute('data-usage', /^[1-9]\d*$/);
  await expect(storage).toHaveAttribute('data-quota', /^[1-9]\d*$/);
});
