import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/**
 * The WebCodecs parity harness page (tests/harness/webcodecs-parity.html) and the WebGL2 view
 * renderer's (tests/harness/view-gl.html), built for the e2e specs into
 * `<app build>/harness-webcodecs/` so the app's own preview server serves them from the app's
 * origin. A separate build: the app's bundle never contains the harness.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const appOutDir = process.env.FW_E2E_OUTDIR ?? 'dist';

export default defineConfig({
  root: resolve(here, 'tests/harness'),
  base: '/harness-webcodecs/',
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: resolve(here, appOutDir, 'harness-webcodecs'),
    emptyOutDir: true,
    rollupOptions: {
      input: [
        resolve(here, 'tests/harness/webcodecs-parity.html'),
        resolve(here, 'tests/harness/view-gl.html'),
      ],
    },
  },
});
