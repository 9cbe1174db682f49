import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { FrameStill } from '../../src/core/exports/frame-still';
import type { RectangleShape } from '../../src/core/annotations/model';
import {
  dragOnStage,
  expect,
  frameInfo,
  jumpTo,
  loggedExports,
  oracleFor,
  openFixture,
  test,
  downloadExports,
} from './support';

interface Size {
  width: number;
  height: number;
}
interface StillDownload {
  name: string;
  bytes: Buffer;
}

/** Width and height from a PNG's IHDR chunk (which must come first). */
function pngSize(png: Buffer): Size {
  expect(png.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Export > Frame still (PNG): the four downloads, by file name. */
async function exportStills(page: Page): Promise<Map<string, StillDownload>> {
  const files = new Map<string, StillDownload>();
  for (const [name, bytes] of await downloadExports(page, 'Frame still (PNG)', 4)) {
    files.set(name, { name, bytes });
    // Kept with the test's results, to look at.
    writeFileSync(test.info().outputPath(name), bytes);
  }
  return files;
}

/** Draws a rectangle by dragging between two frame pixels (the stage fitted to the frame). */
async function drawBox(page: Page, frame: Size, from: Size, to: Size): Promise<void> {
  await page.getByRole('button', { name: 'Rectangle' }).click();
  const point = (p: Size) => ({ x: p.width, y: p.height });
  await dragOnStage(page, point(from), point(to), frame);
}

/**
 * Decodes both PNGs in the browser and compares them pixel by pixel: the bounding box of the
 * pixels that differ, and how many differ.
 */
function pixelDifference(page: Page, clean: Buffer, annotated: Buffer) {
  return page.evaluate(
    async ([a, b]) => {
      const pixels = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
          colorSpaceConversion: 'none',
          premultiplyAlpha: 'none',
        });
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [p, q] = [await pixels(a), await pixels(b)];
      let count = 0;
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      let opaque = true;
      for (let i = 0; i < p.data.length; i += 4) {
        if (p.data[i + 3] !== 255 || q.data[i + 3] !== 255) opaque = false;
        if (
          p.data[i] === q.data[i] &&
          p.data[i + 1] === q.data[i + 1] &&
          p.data[i + 2] === q.data[i + 2]
        )
          continue;
        const x = (i / 4) % p.width;
        const y = Math.floor(i / 4 / p.width);
        count++;
        [minX, minY, maxX, maxY] = [
          Math.min(minX, x),
          Math.min(minY, y),
          Math.max(maxX, x),
          Math.max(maxY, y),
        ];
      }
      return { count, minX, minY, maxX, maxY, opaque, sameSize: p.width === q.width };
    },
    [clean.toString('base64'), annotated.toString('base64')] as const,
  );
}

/** The four files, their names, sizes, hashes and frame facts; returns the parsed parts. */
async function checkStills(
  page: Page,
  files: Map<string, StillDownload>,
  clip: string,
  frame: number,
  size: Size,
) {
  const oracle = oracleFor(clip);
  const base = `${clip.split('/').pop()}.frame-${String(frame).padStart(6, '0')}`;
  const names = {
    clean: `${base}.clean.png`,
    annotated: `${base}.annotated.png`,
  };
  expect([...files.keys()].sort()).toEqual(
    [names.annotated, `${names.annotated}.json`, names.clean, `${names.clean}.json`].sort(),
  );
  const expected = oracle.frames[frame]!;
  // The app's own MD5 of the frame on screen is the oracle's (frame-truth covers this too).
  await expect(frameInfo(page)).toHaveAttribute('data-md5', expected.md5);
  const parts = {} as Record<'clean' | 'annotated', { png: Buffer; still: FrameStill }>;
  for (const kind of ['clean', 'annotated'] as const) {
    const png = files.get(names[kind])!.bytes;
    const still = JSON.parse(
      files.get(`${names[kind]}.json`)!.bytes.toString('utf8'),
    ) as FrameStill;
    expect(pngSize(png), `${kind} PNG size`).toEqual(size);
    expect(still).toMatchObject({
      format: 'framewise.still',
      version: 1,
      kind,
      source: { fileName: clip.split('/').pop(), sha256: oracle.sha256 },
      frame: { index: frame, pts: expected.pts, timeBase: oracle.time_base, md5: expected.md5 },
      image: { fileName: names[kind], ...size, sha256: sha256(png) },
      generator: { name: 'Framewise' },
    });
    parts[kind] = { png, still };
  }
  expect(parts.clean.still.overlays).toBeUndefined();
  expect(parts.clean.png.equals(parts.annotated.png)).toBe(false);

  // Each download is in the audit trail with the SHA-256 of what was downloaded.
  await expect
    .poll(async () => (await loggedExports(page)).map((e) => `${e.fileName} ${e.sha256}`).sort())
    .toEqual([...files.values()].map((f) => `${f.name} ${sha256(f.bytes)}`).sort());
  return parts;
}

/**
 * The annotated still differs from the clean one only around the box: its outline (2 px) and
 * its title tag just above its top-left corner.
 */
async function expectOnlyBoxDiffers(
  page: Page,
  clean: Buffer,
  annotated: Buffer,
  box: RectangleShape,
): Promise<void> {
  const diff = await pixelDifference(page, clean, annotated);
  expect(diff.opaque, 'stills are opaque').toBe(true);
  expect(diff.sameSize).toBe(true);
  const margin = 3;
  expect(diff.minX).toBeGreaterThanOrEqual(Math.floor(box.x) - margin);
  expect(diff.minX).toBeLessThanOrEqual(Math.ceil(box.x) + margin);
  expect(diff.maxX).toBeLessThanOrEqual(Math.ceil(box.x + box.width) + margin);
  expect(diff.maxX).toBeGreaterThanOrEqual(Math.floor(box.x + box.width) - margin);
  // The title tag sits 20 px above the box.
  expect(diff.minY).toBeGreaterThanOrEqual(Math.floor(box.y) - 20 - margin);
  expect(diff.minY).toBeLessThan(Math.floor(box.y) - 10);
  expect(diff.maxY).toBeLessThanOrEqual(Math.ceil(box.y + box.height) + margin);
  expect(diff.maxY).toBeGreaterThanOrEqual(Math.floor(box.y + box.height) - margin);
  // An outline and a tag, not a filled box.
  expect(diff.count).toBeGreaterThan(2 * (box.width + box.height));
  expect(diff.count).toBeLessThan((box.width * box.height) / 3);
}

test('Export > Frame still (PNG): clean and annotated stills with their sidecars', async ({
  page,
}) => {
  const clip = 'framewise-sample.mp4';
  const size = { width: 640, height: 360 };
  await page.goto('/');
  await openFixture(page, clip);
  await jumpTo(page, 75);
  await page.getByLabel('Label').selectOption({ label: 'officer' });
  await drawBox(page, size, { width: 100, height: 50 }, { width: 300, height: 250 });
  await expect(page.getByRole('list', { name: 'Objects' })).toContainText('officer #1');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  const files = await exportStills(page);
  const { clean, annotated } = await checkStills(page, files, clip, 75, size);
  const overlays = annotated.still.overlays!;
  expect(overlays).toHaveLength(1);
  expect(overlays[0]).toMatchObject({
    title: 'officer #1',
    label: 'officer',
    number: 1,
    source: 'drawn',
    occluded: false,
  });
  const box = overlays[0]!.shape as RectangleShape;
  expect(box).toMatchObject({ kind: 'rectangle', rotation: 0 });
  expect(box.x).toBeCloseTo(100, -1);
  expect(box.width).toBeCloseTo(200, -1);
  await expectOnlyBoxDiffers(page, clean.png, annotated.png, box);
});

test('a frame still of a rotated phone clip is upright, at the source resolution', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const clip = 'corpus/phone-vfr-rotated.mp4';
  const oracle = oracleFor(clip);
  expect(Math.abs(oracle.rotation ?? 0)).toBe(90);
  // Stored 1280 × 720, shown upright: 720 × 1280.
  const size = { width: oracle.height, height: oracle.width };
  await page.goto('/');
  await openFixture(page, clip);
  await jumpTo(page, 30);
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();
  await drawBox(page, size, { width: 200, height: 500 }, { width: 500, height: 900 });
  await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  const files = await exportStills(page);
  const { clean, annotated } = await checkStills(page, files, clip, 30, size);
  const box = annotated.still.overlays![0]!.shape as RectangleShape;
  expect(box.y).toBeCloseTo(500, -1);
  expect(box.height).toBeCloseTo(400, -1);
  await expectOnlyBoxDiffers(page, clean.png, annotated.png, box);
});

/** How many pixels in a box of a PNG are pure black, and how many there are (browser decode). */
function blackPixels(page: Page, png: Buffer, box: { x: number; y: number; w: number; h: number }) {
  return page.evaluate(
    async ([base64, area]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(area.x, area.y, area.w, area.h);
      let black = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 0) black++;
      }
      return { black, total: data.length / 4 };
    },
    [png.toString('base64'), box] as const,
  );
}

test('a redacted object is blocked out of both stills, and their sidecars say so', async ({
  page,
}) => {
  const clip = 'framewise-sample.mp4';
  const size = { width: 640, height: 360 };
  await page.goto('/');
  await openFixture(page, clip);
  await jumpTo(page, 75);
  await drawBox(page, size, { width: 100, height: 50 }, { width: 300, height: 250 });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const objects = page.getByRole('list', { name: 'Objects' });
  await objects.getByRole('button', { name: 'Redact' }).click();
  await expect(objects.getByRole('button', { name: 'Redact' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  const files = await exportStills(page);
  const inside = { x: 110, y: 60, w: 180, h: 180 };
  for (const kind of ['clean', 'annotated']) {
    const name = `${clip}.frame-000075.${kind}.png`;
    const png = files.get(name)!.bytes;
    expect(await blackPixels(page, png, inside)).toEqual({ black: 180 * 180, total: 180 * 180 });
    const sidecar = JSON.parse(files.get(`${name}.json`)!.bytes.toString('utf8')) as FrameStill;
    expect(sidecar.redacted.map((r) => r.title)).toEqual(['officer #1']);
    // The frame it was made from is still named by its MD5; the image is not that frame.
    expect(sidecar.frame.md5).toBe(oracleFor(clip).frames[75]!.md5);
    expect(['ffmpeg', 'webcodecs']).toContain(sidecar.frame.decoder);
  }
  // Outside the box the frame is untouched (the sample's grey background, not black).
  const outside = await blackPixels(page, files.get(`${clip}.frame-000075.clean.png`)!.bytes, {
    x: 400,
    y: 280,
    w: 100,
    h: 50,
  });
  expect(outside.black).toBe(0);
});
