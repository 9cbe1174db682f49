import { dragOnStage, expect, jumpTo, openSampleForDrawing, test } from './support';

test('two tabs on one case stay in step, and the audit log keeps both', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openSampleForDrawing(first);
  await openSampleForDrawing(second);
  await jumpTo(first, 20);
  await jumpTo(second, 20);

  // Input goes to the tab in front (a background tab's frames are throttled).
  await first.bringToFront();
  await first.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(first, { x: 100, y: 100 }, { x: 200, y: 160 });
  await expect(first.getByTestId('save-state')).toHaveText('Saved');
  // The other tab follows without a reload, and says where the change came from.
  const objects = second.getByRole('list', { name: 'Objects' });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(second.getByRole('status')).toContainText('Updated from another tab');

  // Both tabs edit the same box: the last write wins, and both edits are in the audit log.
  await second.bringToFront();
  await second.getByRole('button', { name: 'Select', exact: true }).click();
  await dragOnStage(second, { x: 150, y: 130 }, { x: 250, y: 130 });
  await expect(second.getByTestId('save-state')).toHaveText('Saved');
  await expect(first.getByRole('list', { name: 'Objects' })).toContainText(
    /box x (199|200|201)\.\d/,
  );
  await first.bringToFront();
  await first.getByRole('button', { name: 'Select', exact: true }).click();
  await dragOnStage(first, { x: 250, y: 130 }, { x: 250, y: 200 });
  await expect(first.getByTestId('save-state')).toHaveText('Saved');
  await expect(objects).toContainText(/y (169|170|171)\.\d/);

  // One chain: created, ingested, first set (first tab), hash-checked (second tab), drawn,
  // moved twice.
  await expect(first.getByTestId('audit-badge')).toHaveAttribute('data-state', 'intact');
  await expect(first.getByTestId('audit-badge')).toHaveAttribute('data-count', '7');
  await expect(second.getByTestId('audit-badge')).toHaveAttribute('data-count', '7');

  // An undo in one tab (writing back an older record) is followed by the other.
  await second.bringToFront();
  await second.locator('body').press('Control+z');
  await expect(second.getByTestId('save-state')).toHaveText('Saved');
  await expect(first.getByRole('list', { name: 'Objects' })).toContainText('box x 100.0 y 100.0');

  // Deleted in one tab: the other says so rather than keep saving into nothing.
  await second.getByRole('button', { name: 'Close', exact: true }).click();
  await second
    .getByRole('list', { name: 'Cases' })
    .getByRole('button', { name: 'Delete case' })
    .click();
  await second.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(first.getByRole('alert')).toContainText('was deleted in another tab');

  // An edit made there cannot be saved: it stays on screen, the case cannot be left with it
  // unsaved, and discarding it (two clicks) brings back what is stored.
  await first.bringToFront();
  await first.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(first, { x: 300, y: 100 }, { x: 400, y: 160 });
  await expect(first.getByTestId('save-state')).toHaveAttribute('data-state', 'failed');
  await expect(first.getByRole('alert')).toContainText('could not be saved');
  await first.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(first.getByRole('alert')).toContainText('not saved yet, so the case stays open');
  await first.getByRole('button', { name: 'Discard unsaved edits' }).click();
  await first.getByRole('button', { name: 'Click again to discard them' }).click();
  await expect(first.getByRole('status')).toContainText('Unsaved edits were discarded');
  await expect(first.getByTestId('save-state')).toHaveText('Saved');
  await first.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(first.getByRole('list', { name: 'Cases' }).getByRole('listitem')).toHaveCount(0);
});
