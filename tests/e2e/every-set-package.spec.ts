/**
 * Issue 15, point 5: an evidence package holds every annotation set of its case, not only the
 * one on screen. One video, two sets: the package made from the second holds the first as its
 * native JSON under sets/, decoded afresh like the set on screen's (native FFmpeg's MD5).
 */
import { unzipSync } from 'fflate';
import { validAnnotations } from './annotations-schema';
import {
  downloadExport,
  drawSavedBox,
  expect,
  oracleFor,
  openSampleForDrawing,
  test,
} from './support';

const SET_1 = 'sets/framewise-sample.mp4/Set 1.framewise.json';

test('a package holds the other set of the video as its native JSON, with its events', async ({
  page,
}) => {
  const sample = oracleFor('framewise-sample.mp4');
  await openSampleForDrawing(page);
  await drawSavedBox(page, 30);
  await page.getByRole('textbox', { name: 'Event description' }).fill('officer arrives');
  await page.getByRole('spinbutton', { name: 'Event start' }).fill('30');
  await page.getByRole('spinbutton', { name: 'Event end' }).fill('45');
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByRole('list', { name: 'Events' })).toContainText('officer arrives');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.getByRole('button', { name: 'New set' }).click();
  const sets = page.getByRole('combobox', { name: 'Annotation set' });
  await expect(sets.locator('option:checked')).toHaveText(/^Set 2/);

  const zip = unzipSync(
    new Uint8Array((await downloadExport(page, 'Evidence package (zip)')).bytes),
  );
  const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as {
    annotationSet: { id: string; name: string };
    otherSets: { id: string; name: string; path: string; videoSha256: string }[];
    files: { path: string }[];
    purpose: { contents: string };
  };
  expect(manifest.annotationSet.name).toBe('Set 2');
  expect(manifest.otherSets).toEqual([
    expect.objectContaining({ name: 'Set 1', path: SET_1, videoSha256: sample.sha256 }),
  ]);
  expect(manifest.files.map((f) => f.path)).toContain(SET_1);
  expect(manifest.purpose.contents).toContain('under sets/: “Set 1” of framewise-sample.mp4');
  // SHA256SUMS covers it like every file.
  expect(new TextDecoder().decode(zip.SHA256SUMS)).toContain(`  ${SET_1}\n`);

  const set1 = validAnnotations(zip[SET_1], SET_1);
  expect(set1.annotationSet.id).toBe(manifest.otherSets[0]!.id);
  expect(set1.tracks).toHaveLength(1);
  expect(set1.events.map((e) => [e.description, e.start.frame, e.end.frame])).toEqual([
    ['officer arrives', 30, 45],
  ]);
  // The video is open: the frame decoded for this export, native FFmpeg's MD5 and pts.
  const frame30 = set1.frames.find((f) => f.frame === 30)!;
  expect(frame30.md5).toBe(sample.frames[30]!.md5);
  expect(frame30.pts).toBe(sample.frames[30]!.pts);
  expect(frame30.decoder).toBeDefined();
  // The set on screen's JSON is where it always was, and empty.
  const shown = validAnnotations(
    zip['annotations/framewise-sample.mp4.framewise.json'],
    'the set on screen',
  );
  expect(shown.annotationSet.id).toBe(manifest.annotationSet.id);
  expect(shown.tracks).toHaveLength(0);
});
