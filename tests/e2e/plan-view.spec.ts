import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  FIXTURES,
  drawSavedBox,
  expect,
  exportAnnotations,
  jumpTo,
  openFixture,
  oracleFor,
  test,
} from './support';

/**
 * The plan view in the built app, on the rendered road clip (scripts/make-measure-fixture.mjs):
 * a native export carrying the clip's reference points and two objects drawn where the truth
 * put them is imported as a new set; "Plan view" then warps the frame on screen onto the
 * ground in a worker and draws each object's path in metres. The paths are checked against
 * the truth in the PNG's pixels and in the SVG's path data, and both downloads arrive.
 */

const CLIP = 'measure/road-25fps.mp4';
const FRAMES = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 49];

interface Truth {
  imageToGround: number[];
  referencePoints: { image: [number, number]; world: [number, number] }[];
  positions: Record<
    'vehicle' | 'officer',
    { ground: [number, number]; box: { x: number; y: number; width: number; height: number } }
  >[];
}
const truth = JSON.parse(readFileSync(`${FIXTURES}measure/road-25fps.truth.json`, 'utf8')) as Truth;
const oracle = oracleFor(CLIP);

/** What the plan image's data attributes say: world metres → pixels of the PNG. */
async function planGeometry(page: Page) {
  const img = page.getByTestId('plan-view');
  const read = async (name: string) => Number(await img.getAttribute(`data-${name}`));
  const [pxPerM, mapTop, minX, maxY] = [
    await read('px-per-m'),
    await read('map-top'),
    await read('min-x'),
    await read('max-y'),
  ];
  return {
    pxPerM,
    toPlan: ([x, y]: readonly [number, number]) => ({
      x: (x - minX) * pxPerM,
      y: mapTop + (maxY - y) * pxPerM,
    }),
    toWorld: (x: number, y: number) => ({ x: minX + x / pxPerM, y: maxY - (y - mapTop) / pxPerM }),
  };
}

/** The colour of one pixel of the plan image on screen (its PNG, decoded). */
const pixelAt = (page: Page, at: { x: number; y: number }) =>
  page.getByTestId('plan-view').evaluate(async (el: HTMLImageElement, p) => {
    await el.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [el.naturalWidth, el.naturalHeight];
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(el, 0, 0);
    return [...ctx.getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data.slice(0, 3)];
  }, at);

/** Where a pixel of the road clip's frame lies on the ground (the truth's homography). */
function groundOfPixel(x: number, y: number): [number, number] {
  const h = truth.imageToGround;
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

test('the plan view shows each object’s ground path in metres over the warped frame, as PNG and SVG', async ({
  page,
}) => {
  await page.goto('/');
  await openFixture(page, CLIP);
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();
  // With no calibration the button says why it cannot open.
  const button = page.getByRole('button', { name: 'Plan view' });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute('title', /Calibrate the scene first/);

  await drawSavedBox(page, 0);
  const json = JSON.parse(JSON.stringify(await exportAnnotations(page)));
  const drawn = json.tracks[0];
  const keyframe = (object: 'vehicle' | 'officer', n: number) => {
    const b = truth.positions[n]![object].box;
    const [x, y] = [Math.round(b.x), Math.round(b.y)];
    return {
      ...drawn.keyframes[0],
      frame: n,
      pts: oracle.frames[n]!.pts,
      seconds: oracle.frames[n]!.time,
      frameMd5: oracle.frames[n]!.md5,
      attributes: {},
      shape: {
        kind: 'rectangle',
        x,
        y,
        width: Math.round(b.x + b.width) - x,
        height: Math.round(b.y + b.height) - y,
        rotation: 0,
      },
    };
  };
  json.tracks = (['vehicle', 'officer'] as const).map((object, i) => ({
    ...drawn,
    id: `track_${object}`,
    number: i + 1,
    label: object,
    attributes: {},
    keyframes: FRAMES.map((n) => keyframe(object, n)),
    positions: [],
    heldAfterLastKeyframe: null,
  }));
  json.calibration = {
    id: 'calibration_road',
    evidenceSha256: json.evidence.sha256,
    points: truth.referencePoints.map((p) => ({
      image: { x: p.image[0], y: p.image[1] },
      world: { x: p.world[0], y: p.world[1] },
      residualPx: null,
      residualM: null,
    })),
    pointSigmaPx: 0.5,
    worldSigmaM: 0.02,
    positionSigmaPx: 1,
    distortion: null,
    homography: null,
    fitProblem: null,
    createdAt: json.exportedAt,
    modifiedAt: json.exportedAt,
  };
  await page.getByLabel('Import annotations').setInputFiles({
    name: 'road.framewise.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
  await expect(
    page.getByRole('combobox', { name: 'Annotation set' }).locator('option:checked'),
  ).toContainText('Set 2 (imported)');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await jumpTo(page, 12);

  await expect(button).toBeEnabled();
  // Room for the whole dialog in the screenshot kept with the test's results.
  await page.setViewportSize({ width: 1400, height: 1150 });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Plan view' });
  await expect(dialog).toBeVisible();
  const img = dialog.getByTestId('plan-view');
  await expect(img).toBeVisible();
  await expect(img).toHaveAttribute('data-frame', '12');
  await expect(dialog.getByRole('list', { name: 'Paths on the plan' })).toContainText('vehicle #1');
  const width = Number(await img.getAttribute('data-width'));
  const height = Number(await img.getAttribute('data-height'));
  expect(Math.max(width, height)).toBeLessThanOrEqual(1600);
  expect(Math.max(width, height)).toBeGreaterThanOrEqual(400);
  const geometry = await planGeometry(page);
  console.log(
    `plan view ${width}×${height} px, ${geometry.pxPerM.toFixed(2)} px/m, warp ${await img.getAttribute('data-warp-ms')} ms, all ${await img.getAttribute('data-render-ms')} ms`,
  );

  // The PNG's pixels: the ground is not blank, and the vehicle's path (label colour #ff5c5c)
  // runs through where the truth says it was between two keyframes (frame 22: 3.5 m, 3 m).
  const between = geometry.toPlan(truth.positions[22]!.vehicle.ground);
  const pixels = await img.evaluate(async (el: HTMLImageElement, at) => {
    await el.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [el.naturalWidth, el.naturalHeight];
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(el, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    // Variance of the grey level over the map (title band and legend excluded).
    let [sum, sum2, n] = [0, 0, 0];
    for (let y = 60; y < canvas.height - 80; y += 3) {
      for (let x = 0; x < canvas.width; x += 3) {
        const i = (y * canvas.width + x) * 4;
        const g = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
        [sum, sum2, n] = [sum + g, sum2 + g * g, n + 1];
      }
    }
    // The nearest pixel of the vehicle's colour to the truth's point (px).
    let nearest = Infinity;
    for (let dy = -8; dy <= 8; dy++) {
      for (let dx = -8; dx <= 8; dx++) {
        const i = ((Math.round(at.y) + dy) * canvas.width + Math.round(at.x) + dx) * 4;
        const off =
          Math.abs(data[i]! - 0xff) + Math.abs(data[i + 1]! - 0x5c) + Math.abs(data[i + 2]! - 0x5c);
        if (off < 60) nearest = Math.min(nearest, Math.hypot(dx, dy));
      }
    }
    return {
      size: [canvas.width, canvas.height],
      variance: sum2 / n - (sum / n) ** 2,
      nearest,
    };
  }, between);
  expect(pixels.size).toEqual([width, height]);
  expect(pixels.variance).toBeGreaterThan(100);
  // Within 0.1 m of the truth (boxes drawn to whole pixels), at about 48 px per metre.
  expect(pixels.nearest).toBeLessThanOrEqual(0.1 * geometry.pxPerM + 1);

  await dialog.screenshot({ path: test.info().outputPath('plan-view-dialog.png') });

  // Both downloads, named after the video, with their types.
  await page.evaluate(() => {
    const types: string[] = [];
    (window as unknown as { blobTypes: string[] }).blobTypes = types;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob) types.push(blob.type);
      return create(blob);
    };
  });
  const download = async (name: string) => {
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name }).click();
    const file = await downloading;
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  };
  const png = await download('Download PNG');
  expect(png.name).toBe('road-25fps-plan-view.png');
  writeFileSync(test.info().outputPath(png.name), png.bytes);
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([width, height]);
  const svgFile = await download('Download SVG');
  expect(svgFile.name).toBe('road-25fps-plan-view.svg');
  writeFileSync(test.info().outputPath(svgFile.name), svgFile.bytes);
  expect(
    await page.evaluate(() => (window as unknown as { blobTypes: string[] }).blobTypes),
  ).toEqual(['image/png', 'image/svg+xml']);

  // The SVG parses as XML; the vehicle's path goes through its measured ground points.
  const svg = svgFile.bytes.toString('utf8');
  expect(svg).toContain('<image');
  expect(svg).toContain('<path');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return null;
    const path = [...doc.querySelectorAll('path[data-track]')].find(
      (p) => p.getAttribute('stroke') === '#ff5c5c',
    );
    return {
      width: doc.documentElement.getAttribute('width'),
      image: doc.querySelector('image')?.getAttribute('href')?.slice(0, 22) ?? null,
      d: path?.getAttribute('d') ?? null,
      title: doc.querySelector('title')?.textContent ?? null,
    };
  }, svg);
  expect(parsed).not.toBeNull();
  expect(parsed!.width).toBe(String(width));
  expect(parsed!.image).toBe('data:image/png;base64,');
  expect(parsed!.title).toBe(
    'road-25fps.mp4: Plan view — ground plane from the homography (4 reference points)',
  );
  const points = parsed!
    .d!.split(/[ML]/)
    .filter((s) => s.trim())
    .map((s) => s.trim().split(' ').map(Number));
  expect(points).toHaveLength(FRAMES.length);
  points.forEach(([x, y], i) => {
    const world = geometry.toWorld(x!, y!);
    const [tx, ty] = truth.positions[FRAMES[i]!]!.vehicle.ground;
    expect(Math.hypot(world.x - tx, world.y - ty), `frame ${FRAMES[i]}`).toBeLessThan(0.1);
  });

  // The vehicle's own pixels on frame 12 (inside its box) land on the ground behind it.
  const inBox = geometry.toPlan(groundOfPixel(340, 85));
  expect((await pixelAt(page, inBox))[0]).toBeGreaterThan(100);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Redacted for publication, the vehicle is blocked out (black) of the warped ground too.
  await page
    .getByRole('list', { name: 'Objects' })
    .getByRole('listitem')
    .filter({ hasText: 'vehicle #1' })
    .getByRole('button', { name: 'Redact' })
    .click();
  await button.click();
  await expect(dialog.getByTestId('plan-view')).toBeVisible();
  expect(await pixelAt(page, inBox)).toEqual([0, 0, 0]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
