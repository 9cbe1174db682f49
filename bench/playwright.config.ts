import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/chromium-path';

// Overridable, like the e2e config, so that two checkouts can bench side by side.
const PORT = Number(process.env.FW_BENCH_PORT ?? 4174);
const OUT_DIR = process.env.FW_BENCH_OUTDIR ?? 'dist';

/** `npm run bench`: drives the built app in headless Chromium and prints a table. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 20 * 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    headless: true,
    viewport: { width: 1400, height: 860 },
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    // As in the e2e suite: no service worker precaching 36 MB under the measurements.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    // The config lives in bench/; the app (vite.config.ts, dist/) is one folder up.
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
