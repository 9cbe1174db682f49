/// <reference types="svelte" />
/// <reference types="vite-plugin-pwa/client" />
/// <reference types="vite/client" />

/** The app's version from package.json, set by Vite at build time. */
declare const __APP_VERSION__: string;

/** The @ffmpeg/core package version (the wasm build of FFmpeg), from package.json. */
declare const __FFMPEG_CORE_VERSION__: string;

/** The build: the git commit it was made from (see vite.config.ts `buildId`). */
declare const __APP_BUILD__: string;

/** The Content-Security-Policy (csp-policy.js), for the service worker to add to its responses. */
declare const __CONTENT_SECURITY_POLICY__: string;
