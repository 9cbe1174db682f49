import type { Page } from '@playwright/test';
import zlib from 'node:zlib';
import {
  downloadExport,
  dragOnStage,
  expect,
  jumpTo,
  openSampleForDrawing,
  settledAuditCount,
  test,
} from './support';

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
  const count = String(await settledAuditCount(page));
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
  await expect(badge(page)).not.toHaveAttribute('data-count', count);
});

/**
 * A zip of one deflated entry built by hand (Node's zlib), whose headers state `statedSize`
 * for an entry that really inflates to `actualSize` bytes: the lying MOT zip of issue 12.
 */
function lyingZip(name: string, actualSize: number, statedSize: number): Buffer {
  // Deflate segments ended by a full flush stand alone, so one MiB's segment repeated and an
  // empty final block make a valid stream of any length without deflating it all.
  const mebibyte = 1024 * 1024;
  const segment = zlib.deflateRawSync(Buffer.alloc(mebibyte, 0x31), {
    finishFlush: zlib.constants.Z_FULL_FLUSH,
  });
  const last = zlib.deflateRawSync(Buffer.alloc(0));
  const data = Buffer.concat([...Array<Buffer>(actualSize / mebibyte).fill(segment), last]);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(statedSize, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(statedSize, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42); // local header at 0
  const directoryAt = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

test('a zip whose headers lie about its size is refused at once, and the page never freezes', async ({
  page,
}) => {
  await annotate(page);
  const count = String(await settledAuditCount(page));
  // 1.5 MB that inflates to 1.5 GB, while its headers say gt/gt.txt holds 100 bytes.
  const bomb = lyingZip('gt/gt.txt', 1536 * 1024 * 1024, 100);
  expect(bomb.length).toBeLessThan(2_000_000);
  // Watch the main thread: the longest gap between animation frames while the zip is read.
  await page.evaluate(() => {
    const w = window as unknown as { longestFrameGap: number };
    w.longestFrameGap = 0;
    let last = performance.now();
    const tick = (now: number) => {
      w.longestFrameGap = Math.max(w.longestFrameGap, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // Time in the page, from the file being chosen to the refusal being on screen.
  const refusedAfter = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let chosenAt = 0;
        document.addEventListener('change', () => (chosenAt = performance.now()), true);
        new MutationObserver((_, observer) => {
          const alert = document.querySelector('[role="alert"]');
          if (chosenAt && alert?.textContent?.includes('"lying.zip" was not imported')) {
            observer.disconnect();
            resolve(performance.now() - chosenAt);
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
  );
  await importFile(page, { name: 'lying.zip', bytes: bomb });
  const elapsed = await refusedAfter;
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    'gt/gt.txt inflates to more than the 100 bytes its header states',
  );
  console.log(`lying zip refused after ${Math.round(elapsed)} ms`);
  expect(elapsed, 'ms from choosing the zip to the refusal').toBeLessThan(1000);
  const longestGap = await page.evaluate(
    () => (window as unknown as { longestFrameGap: number }).longestFrameGap,
  );
  // Reading it on the main thread froze the page for 5–12 s; a machine under load still pauses briefly.
  console.log(`longest main-thread pause ${Math.round(longestGap)} ms`);
  expect(longestGap, 'longest main-thread pause (ms)').toBeLessThan(1000);
  // Nothing written: still one set, the audit log unchanged.
  await expect(sets(page).locator('option')).toHaveCount(1);
  await expect(badge(page)).toHaveAttribute('data-count', count);
});
