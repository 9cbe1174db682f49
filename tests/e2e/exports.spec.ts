import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import {
  downloadExport,
  dragOnStage,
  expect,
  jumpTo,
  loggedExports,
  oracleFor,
  openSampleForDrawing,
  settledAuditCount,
  test,
} from './support';

const SAMPLE = oracleFor('framewise-sample.mp4');
const LAST_FRAME = SAMPLE.frames.length - 1;

/** A box on frame 10, an arrow on frame 10 and an event 12–48 whose words start like a formula. */
async function annotate(page: Page): Promise<void> {
  await openSampleForDrawing(page);
  await jumpTo(page, 10);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 50 }, { x: 300, y: 250 });
  await page.getByRole('button', { name: 'Arrow' }).click();
  await dragOnStage(page, { x: 400, y: 300 }, { x: 500, y: 200 });
  await page.getByRole('textbox', { name: 'Event description' }).fill('=HYPERLINK("x") reverses');
  await page.getByRole('spinbutton', { name: 'Event start' }).fill('12');
  await page.getByRole('spinbutton', { name: 'Event end' }).fill('48');
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
}

const seconds = (frame: number) => Number(SAMPLE.frames[frame]!.pts) / 12800;

test('W3C, CVAT, MOT and events exports hold the annotations, and each is logged', async ({
  page,
}) => {
  await annotate(page);
  const badge = page.getByTestId('audit-badge');
  const before = await settledAuditCount(page);

  // W3C: a collection whose annotations target the file by its SHA-256 and exact frame times.
  const w3c = await downloadExport(page, 'W3C Web Annotation (JSON-LD)');
  expect(w3c.name).toBe('framewise-sample.mp4.annotations.jsonld');
  const collection = JSON.parse(w3c.bytes.toString('utf8'));
  expect(collection.type).toBe('AnnotationCollection');
  const items = collection.first.items as {
    motivation: string;
    target: { source: { id: string }; selector: { value: string; refinedBy?: unknown } };
  }[];
  expect(collection.total).toBe(items.length);
  expect(items).toHaveLength(3); // the box, the arrow, the event
  const ni = `ni:///sha-256;${Buffer.from(SAMPLE.sha256, 'hex').toString('base64url')}`;
  expect(items.every((a) => a.target.source.id === ni)).toBe(true);
  const box = items.find((a) => a.motivation === 'tagging' && a.target.selector.refinedBy)!;
  expect(box.target.selector.value).toBe(`t=${seconds(10)},${seconds(11)}`);
  expect(JSON.stringify(box.target.selector.refinedBy)).toContain('xywh=pixel:100,50,200,200');

  // CVAT: dense frames from the box's keyframe to the clip's end; the arrow has no CVAT form.
  const cvat = await downloadExport(page, 'CVAT for video 1.1 (XML)');
  expect(cvat.name).toBe('framewise-sample.mp4.cvat.xml');
  const xml = cvat.bytes.toString('utf8');
  expect(xml).toContain('<source>framewise-sample.mp4</source>');
  expect(xml).toMatch(/<original_size>\s*<width>640<\/width>\s*<height>360<\/height>/);
  expect(xml.match(/<box frame="/g)).toHaveLength(LAST_FRAME - 10 + 1);
  expect(xml).toMatch(/<box frame="10" keyframe="1" outside="0" occluded="0" xtl="100.00"/);
  await expect(page.getByRole('status')).toContainText('CVAT for video 1.1: 1 object');

  // MOT: a zip with gt/gt.txt (frames from 1) and gt/labels.txt.
  const mot = await downloadExport(page, 'MOT (CSV)');
  const files = unzipSync(new Uint8Array(mot.bytes));
  const gt = new TextDecoder().decode(files['gt/gt.txt']).trim().split('\r\n');
  expect(gt).toHaveLength(LAST_FRAME - 10 + 1);
  expect(gt[0]).toBe('11,1,100.0,50.0,200.0,200.0,1,1,1.0');
  expect(new TextDecoder().decode(files['gt/labels.txt'])).toBe('officer\nvehicle\nwindow frame');

  // Events: the formula-like description is text in the CSV; WebVTT cues from frame 0.
  const csv = (await downloadExport(page, 'Events (CSV)')).bytes.toString('utf8').split('\r\n');
  expect(csv[0]).toBe(
    'event_id,category,description,start_frame,start_pts,start_seconds,end_frame,end_pts,end_seconds',
  );
  expect(csv[1]).toContain(`,,"'=HYPERLINK(""x"") reverses",12,${SAMPLE.frames[12]!.pts},`);
  const vtt = (await downloadExport(page, 'Events (WebVTT)')).bytes.toString('utf8');
  expect(vtt.startsWith('WEBVTT')).toBe(true);
  expect(vtt).toContain('00:00:00.480 --> 00:00:01.960');

  // Five exports, five entries, each with the SHA-256 of the bytes downloaded.
  await expect(badge).toHaveAttribute('data-count', String(before + 5));
  await expect(badge).toHaveAttribute('data-state', 'intact');
  const logged = await loggedExports(page);
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  expect(logged).toContainEqual({ fileName: w3c.name, sha256: sha(w3c.bytes) });
  expect(logged).toContainEqual({ fileName: mot.name, sha256: sha(mot.bytes) });
});

test('the evidence package holds every export, and its SHA256SUMS checks out', async ({ page }) => {
  await annotate(page);
  const zip = await downloadExport(page, 'Evidence package (zip)');
  expect(zip.name).toBe('framewise-sample.mp4.evidence-package.zip');
  const files = unzipSync(new Uint8Array(zip.bytes));
  const names = Object.keys(files).sort();
  expect(names).toEqual(
    [
      'SHA256SUMS',
      'manifest.json',
      'annotations/framewise-sample.mp4.framewise.json',
      'annotations/framewise-sample.mp4.annotations.jsonld',
      'annotations/framewise-sample.mp4.cvat.xml',
      'annotations/mot/gt/gt.txt',
      'annotations/mot/gt/labels.txt',
      'events/framewise-sample.mp4.events.csv',
      'events/framewise-sample.mp4.events.vtt',
      'stills/framewise-sample.mp4.frame-000010.clean.png',
      'stills/framewise-sample.mp4.frame-000010.clean.png.json',
      'stills/framewise-sample.mp4.frame-000010.annotated.png',
      'stills/framewise-sample.mp4.frame-000010.annotated.png.json',
    ].sort(),
  );
  // What `sha256sum -c SHA256SUMS` does, with Node's crypto: every other file, each hash right.
  const sums = new TextDecoder().decode(files['SHA256SUMS']).trimEnd().split('\n');
  const listed = sums.map((line) => {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, hash, path] = match!;
    expect(createHash('sha256').update(files[path!]!).digest('hex'), path).toBe(hash);
    return path;
  });
  expect(listed.sort()).toEqual(names.filter((n) => n !== 'SHA256SUMS'));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  expect(manifest.evidence).toEqual({
    fileName: 'framewise-sample.mp4',
    size: SAMPLE.bytes,
    sha256: SAMPLE.sha256,
  });
  // The hash of SHA256SUMS is logged outside the zip.
  const sumsSha = createHash('sha256').update(files['SHA256SUMS']!).digest('hex');
  await expect(page.getByRole('status')).toContainText(sumsSha);
  const logged = await loggedExports(page);
  expect(logged.at(-1)).toMatchObject({
    fileName: zip.name,
    sha256: createHash('sha256').update(zip.bytes).digest('hex'),
  });
});
