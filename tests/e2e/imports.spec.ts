import type { Page } from '@playwright/test';
import { downloadExport, dragOnStage, expect, jumpTo, openSampleForDrawing, test } from './support';

const importFile = (page: Page, file: { name: string; bytes: Buffer }) =>
  page.getByLabel('Import annotations').setInputFiles({
    name: file.name,
    mimeType: 'application/octet-stream',
    buffer: file.bytes,
  });

const sets = (page: Page) => page.getByRole('combobox', { name: 'Annotation set' });
const objects = (page: Page) => page.getByRole('list', { name: 'Objects' });
const badge = (page: Page) => page.getByTestId('audit-badge');

async function annotate(page: Page): Promise<void> {
  await openSampleForDrawing(page);
  await jumpTo(page, 10);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 50 }, { x: 300, y: 250 });
  await page.getByRole('textbox', { name: 'Event description' }).fill('vehicle reverses');
  await page.getByRole('spinbutton', { name: 'Event start' }).fill('12');
  await page.getByRole('spinbutton', { name: 'Event end' }).fill('48');
  await page.getByRole('button', { name: 'Add event' }).click();
  await page.getByRole('textbox', { name: 'Note text' }).fill('driver door open');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
}

test('exports come back in as new annotation sets: Framewise JSON, CVAT and MOT', async ({
  page,
}) => {
  await annotate(page);
  const native = await downloadExport(page, 'Annotations (JSON)');
  const cvat = await downloadExport(page, 'CVAT for video 1.1 (XML)');
  const mot = await downloadExport(page, 'MOT (CSV)');

  for (const [file, set, events] of [
    [native, 'Set 2 (imported)', 1],
    [cvat, 'Set 3 (imported)', 0],
    [mot, 'Set 4 (imported)', 0],
  ] as const) {
    await importFile(page, file);
    await expect(sets(page).locator('option:checked')).toContainText(set);
    await expect(page.getByRole('status')).toContainText(`from "${file.name}"`);
    await expect(page.getByTestId('save-state')).toHaveText('Saved');
    await jumpTo(page, 10);
    await expect(objects(page).getByRole('listitem')).toHaveCount(1);
    await expect(objects(page)).toContainText('officer #1');
    await expect(page.getByRole('list', { name: 'Events' }).getByRole('listitem')).toHaveCount(
      events,
    );
  }
  // The box is where it was drawn, in every set (frame pixels, through each format).
  await expect(objects(page)).toContainText(/box x 100\.\d y 50\.\d/);
  // The import is the new set's first step: undo takes it back, and it is all logged.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(objects(page).getByRole('listitem')).toHaveCount(0);
  await expect(badge(page)).toHaveAttribute('data-state', 'intact');
});

test('hostile and wrong files are refused in plain words and change nothing', async ({ page }) => {
  await annotate(page);
  const native = await downloadExport(page, 'Annotations (JSON)');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const count = await badge(page).getAttribute('data-count');
  const json = JSON.parse(native.bytes.toString('utf8'));

  const cases: [string, Buffer, RegExp][] = [
    ['cut.json', native.bytes.subarray(0, native.bytes.length / 2), /not complete JSON/],
    ['deep.json', Buffer.alloc(50_000_000, '['), /nests lists or objects more than/],
    [
      'bomb.xml',
      Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><annotations>&b;</annotations>',
      ),
      /DOCTYPE|entit/i,
    ],
    [
      'huge.json',
      Buffer.from(
        JSON.stringify({ ...json, tracks: [] }).replace('"frameCount":200', '"frameCount":1e400'),
      ),
      /frameCount/,
    ],
    [
      'other-video.json',
      Buffer.from(
        JSON.stringify({ ...json, evidence: { ...json.evidence, sha256: 'b'.repeat(64) } }),
      ),
      /made on another video/,
    ],
    ['not-annotations.json', Buffer.from('{"format":"framewise.backup","version":2}'), /backup/i],
    ['random.bin', Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x13]), /not text/],
  ];
  for (const [name, buffer, expected] of cases) {
    await importFile(page, { name, bytes: buffer });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`"${name}" was not imported`);
    await expect(alert).toContainText(expected);
    await expect(sets(page).locator('option')).toHaveCount(1);
  }
  // A script in a string is data: imported as text, nothing runs.
  const dialogs: string[] = [];
  page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
  const hostile = JSON.stringify(json).replace('driver door open', '<img src=x onerror=alert(1)>');
  await importFile(page, { name: 'script.json', bytes: Buffer.from(hostile) });
  await expect(sets(page).locator('option')).toHaveCount(2);
  await jumpTo(page, 10);
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText(
    '<img src=x onerror=alert(1)>',
  );
  expect(dialogs).toEqual([]);
  // Only the accepted import was logged.
  await expect(badge(page)).not.toHaveAttribute('data-count', count!);
});
