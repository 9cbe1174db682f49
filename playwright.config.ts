import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/e2e/chromium-path';

// Overridable so that two checkouts can run their suites side by side (each its own build).
const PORT = Number(process.env.FW_E2E_PORT ?? 4173);
const OUT_DIR = process.env.FW_E2E_OUTDIR ?? 'dist';

/** End-to-end tests against the built app (`vite build` runs first, see package.json). */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `test-results/${PORT}`,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  // Two cores: one worker keeps ffmpeg.wasm from competing with itself.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 860 },
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    acceptDownloads: true,
    // The service worker (issue 19) would precache the whole app, FFmpeg's 32 MB core
    // included, in every test's fresh context, and answer requests page.route never sees.
    // Only the specs about it (offline, static host) let it run.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
