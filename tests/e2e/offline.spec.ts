import { test, expect, expectFrameMatchesOracle, oracleFor, waitForFrame } from './support';
import type { Page } from '@playwright/test';
import { VIDEO_FILE_TYPES } from '../../src/core/video-file-types';

const sample = oracleFor('framewise-sample.mp4');

/** Waits until the service worker has installed (the whole precache fetched) and is active. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

// The service worker is what this spec is about (the others block it: playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('after one visit the app loads, opens the sample and decodes it with the network off', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await waitForServiceWorker(page);
  // The first visit is not controlled (no clients.claim: a new worker takes no page over by
  // itself); the next load is.
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  // The page itself carries the policy (csp-policy.js), served by the worker.
  expect(reloaded?.headers()['content-security-policy']).toContain("default-src 'self'");

  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  await expectFrameMatchesOracle(page, sample.frames[0]!);
  await page.keyboard.press('ArrowRight');
  await waitForFrame(page, 1);
  await expectFrameMatchesOracle(page, sample.frames[1]!);

  // Any response the worker serves has it, FFmpeg's wasm as well as the page.
  const policies = await page.evaluate(async () => {
    // FFmpeg's wasm, as the precache lists it (the core's worker fetched it, not the page).
    const cache = await caches.open((await caches.keys()).find((k) => k.includes('precache'))!);
    const wasm = (await cache.keys()).map((r) => r.url).find((url) => url.endsWith('.wasm'))!;
    const [root, core] = await Promise.all([fetch('/'), fetch(wasm)]);
    return [root, core].map((r) => r.headers.get('content-security-policy'));
  });
  expect(policies[0]).toContain("connect-src 'self'");
  expect(policies[1]).toBe(policies[0]);
});

test('the manifest makes it installable and opens video files from the system', async ({
  page,
}) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  // Playwright's contexts are incognito profiles, where Chromium installs nothing; that is
  // the only objection it may have.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] };
  expect(errors).toEqual([]);

  const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as {
    name: string;
    theme_color: string;
    icons: { sizes: string; type: string }[];
    file_handlers: { action: string; accept: Record<string, string[]> }[];
  };
  expect(manifest.name).toBe('Framewise');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512']);
  expect(manifest.file_handlers).toEqual([{ action: '/', accept: VIDEO_FILE_TYPES }]);
  for (const icon of ['/icons/icon-192.png', '/icons/icon-512.png']) {
    const response = await page.request.get(icon);
    expect(response.headers()['content-type']).toBe('image/png');
  }
  // Chromium gives the page a launch queue; the app has set its consumer on it.
  expect(await page.evaluate(() => 'launchQueue' in window)).toBe(true);
});

test('storage that lasts: a refusal is said, and old work in no file is a reminder to back up', async ({
  page,
}) => {
  // Ten days ago: a box drawn and saved, never exported.
  const now = Date.now();
  await page.clock.install({ time: now - 10 * 24 * 3600_000 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  // Headless Chromium refuses persistent storage: the case bar and the Storage section say so.
  await expect(page.getByTestId('storage-refused')).toHaveText(
    'Storage may be cleared by the browser',
  );
  await expect(page.getByTestId('storage-health')).toContainText('and it refused');
  await expect(page.getByTestId('backup-reminder')).toBeHidden();
  await page.getByRole('button', { name: 'Rectangle' }).click();
  const box = page.getByTestId('stage');
  const area = (await box.boundingBox())!;
  await page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.5, area.y + area.height * 0.5, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // Today: the case reopened reminds, and Back up now makes the backup and ends the reminder.
  await page.clock.setSystemTime(now + 3600_000);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  await expect(page.getByTestId('backup-reminder')).toHaveText('Not backed up for 10 days');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up now' }).click();
  expect((await downloading).suggestedFilename()).toMatch(/^framewise-backup-.*\.json$/);
  await expect(page.getByTestId('backup-reminder')).toBeHidden();
});
