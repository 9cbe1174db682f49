import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';

const { version, dependencies } = JSON.parse(readFileSync('./package.json', 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/**
 * Cross-origin isolation: the app never needs a third-party resource, and isolation keeps it
 * that way (COEP refuses cross-origin subresources) while enabling SharedArrayBuffer should a
 * later decoder need it.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [svelte()],
  define: {
    __APP_VERSION__: JSON.stringify(version),
    // Named in exports and reports as the decoder's build (FFmpeg's own version is asked at run time).
    __FFMPEG_CORE_VERSION__: JSON.stringify(dependencies['@ffmpeg/core']),
  },
  // ffmpeg.wasm spawns its own worker with `new URL('./worker.js', import.meta.url)`;
  // pre-bundling would break that URL.
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util'] },
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Two cores, shared with a browser at times: a slow machine must not fail a test. Speed is
    // measured by `npm run bench`, not by test limits.
    testTimeout: 60_000,
  },
});
