import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './csp-policy.js';

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

/**
 * The network lock (issue 19, csp-policy.js): sent as a response header, which holds for the
 * page and for every worker loaded from the server; a worker loaded from the network follows
 * its own response's header, not the page's <meta>.
 */
const headers = { ...isolationHeaders, 'Content-Security-Policy': CONTENT_SECURITY_POLICY };

/**
 * The same policy as a <meta> tag in index.html, first in <head> (before any script), for a
 * host that sends no header: it holds for the page (and its blob workers), not for workers
 * loaded from the network. Made from csp-policy.js at build, so the two cannot differ.
 */
function cspMeta(): Plugin {
  return {
    name: 'framewise-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [svelte(), cspMeta()],
  define: {
    __APP_VERSION__: JSON.stringify(version),
    // Named in exports and reports as the decoder's build (FFmpeg's own version is asked at run time).
    __FFMPEG_CORE_VERSION__: JSON.stringify(dependencies['@ffmpeg/core']),
  },
  // ffmpeg.wasm spawns its own worker with `new URL('./worker.js', import.meta.url)`;
  // pre-bundling would break that URL.
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util'] },
  worker: { format: 'es' },
  server: { headers },
  preview: { headers },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Two cores, shared with a browser at times: a slow machine must not fail a test. Speed is
    // measured by `npm run bench`, not by test limits.
    testTimeout: 60_000,
  },
});
