/// <reference types="svelte" />
/// <reference types="vite/client" />

/** The app's version from package.json, set by Vite at build time. */
declare const __APP_VERSION__: string;

/** The @ffmpeg/core package version (the wasm build of FFmpeg), from package.json. */
declare const __FFMPEG_CORE_VERSION__: string;
