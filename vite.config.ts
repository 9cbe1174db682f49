import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './csp-policy.js';
import { VIDEO_FILE_TYPES } from './src/core/video-file-types';

const { version, dependencies } = JSON.parse(readFileSync('./package.json', 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/**
 * The build: the git commit it was made from (12 hex digits), "-modified" when tracked files
 * differed from it, "unknown" outside a git checkout. Shown in the ? overlay and named in the
 * court report, so a report says which build made it.
 */
function buildId(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short=12', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') ? `${commit}-modified` : commit;
  } catch {
    return 'unknown';
  }
}

/** The dark of the app's panels: the installed window's title bar and splash. */
const THEME = '#16181c';

/**
 * Installable and offline (issue 19): a manifest and a service worker (src/pwa/sw.ts) that
 * precaches the whole build, FFmpeg's 32 MB wasm and the sample clip included. A new version
 * waits until the person chooses "Reload" (registerType 'prompt'); the worker never skips
 * waiting on its own.
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/pwa',
  filename: 'sw.ts',
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    id: '/',
    name: 'Framewise',
    short_name: 'Framewise',
    description: 'Frame-accurate video annotation, offline in the browser.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: THEME,
    theme_color: THEME,
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    ],
    // Open with Framewise from the operating system; App.svelte takes them from launchQueue.
    file_handlers: [
      {
        action: '/',
        accept: Object.fromEntries(
          Object.entries(VIDEO_FILE_TYPES).map(([type, extensions]) => [type, [...extensions]]),
        ),
      },
    ],
  },
  injectManifest: {
    // The manifest and its icons are added by the plugin itself.
    globPatterns: ['**/*.{js,css,html,wasm,mp4,ttf}'],
    // FFmpeg's core is about 32 MB: the app is nothing offline without it.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  },
});

/**
 * Cross-origin isolation: the app never needs a third-party resource, and isolation keeps it
 * that way (COEP refuses cross-origin subresources) while enabling SharedArrayBuffer (the
 * WebCodecs worker then hands frames over without a copy). Nothing needs it: served without
 * these headers (any static host) the app works the same, and the Inspector says so.
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
  plugins: [svelte(), cspMeta(), pwa],
  define: {
    __APP_VERSION__: JSON.stringify(version),
    __APP_BUILD__: JSON.stringify(buildId()),
    __CONTENT_SECURITY_POLICY__: JSON.stringify(CONTENT_SECURITY_POLICY),
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
