import {
  test as base,
  expect,
  expectFrameMatchesOracle,
  openFixture,
  oracleFor,
  waitForFrame,
} from './support';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic, type StaticServer } from './static-server';

/**
 * Issue 19, point 3: the built folder works from any static server, with no special headers.
 * A copy of the build is served by tests/e2e/static-server.ts (Content-Type only) on the port
 * after the preview server's.
 */
const PORT = Number(process.env.FW_E2E_PORT ?? 4173) + 1;
const BUILD = process.env.FW_E2E_OUTDIR ?? 'dist';
const sample = oracleFor('framewise-sample.mp4');

/** A copy of the build (the update test changes its service worker), served plainly. */
const test = base.extend<object, { site: StaticServer & { folder: string } }>({
  site: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const folder = mkdtempSync(join(tmpdir(), 'framewise-static-'));
      cpSync(BUILD, folder, { recursive: true });
      const server = await serveStatic(folder, PORT);
      await use({ ...server, folder });
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
    // Before the examiner's storage is made (on this server) for the first test.
    { scope: 'worker', auto: true },
  ],
});

test.use({
  baseURL: `http://localhost:${PORT}`,
  examiner: 'Static Host Examiner',
  serviceWorkers: 'allow', // its update prompt is the service worker's
});

test('a plain static server is enough: no isolation headers, the clip decodes exactly', async ({
  page,
  site,
}) => {
  await page.goto('/');
  expect(site.served.find((s) => s.path === '/')!.headers).toEqual({
    'Content-Type': 'text/html; charset=utf-8',
  });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);

  await openFixture(page, 'framewise-sample.mp4');
  await expectFrameMatchesOracle(page, sample.frames[0]!);
  for (const n of [1, 2, 3]) {
    await page.keyboard.press('ArrowRight');
    await waitForFrame(page, n);
    await expectFrameMatchesOracle(page, sample.frames[n]!);
  }
  await expect(page.getByTestId('isolation')).toHaveAttribute('data-isolated', 'false');
  await expect(page.getByTestId('isolation')).toContainText(
    'Not cross-origin isolated (served without COOP/COEP headers)',
  );

  // The version and build, in the ? overlay.
  await page.keyboard.press('?');
  await expect(page.getByTestId('app-version')).toHaveText(/Framewise \d+\.\d+\.\d+ · build \w+/);
  await page.getByTestId('app-version').screenshot({ path: 'test-results/app-version.png' });
});

test('a new version is offered, and applied only when the person chooses Reload', async ({
  page,
  site,
}) => {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  const first = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);

  // The host gets a new build (here: the same one with a changed service worker).
  const sw = join(site.folder, 'sw.js');
  writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// the next version\n`);
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())!.update();
  });
  const prompt = page.getByRole('status').filter({ hasText: 'A new version is ready' });
  await expect(prompt).toBeVisible();
  await prompt.screenshot({ path: 'test-results/update-prompt.png' });
  // Waiting, not applied: the running version still controls the page.
  expect(
    await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return registration.waiting !== null && registration.active !== null;
    }),
  ).toBe(true);

  await prompt.getByRole('button', { name: 'Reload' }).click();
  await page.waitForEvent('load');
  await expect(page.getByRole('button', { name: 'Open sample footage' })).toBeVisible();
  await expect(prompt).toBeHidden();
  expect(
    await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return {
        controlled: navigator.serviceWorker.controller !== null,
        waiting: registration.waiting,
      };
    }),
  ).toEqual({ controlled: true, waiting: null });
  expect(first).toMatch(/\/sw\.js$/);
});
