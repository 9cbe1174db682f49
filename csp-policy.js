/**
 * The app's Content-Security-Policy (issue 19): nothing may leave the origin, not even from a
 * worker. One string, used wherever the policy travels: `npm start`'s server (a response
 * header), the service worker (a header on every response it serves, which makes it hold on
 * any static host) and the page's <meta> tag (a fallback for the page only: Chromium applies
 * a meta policy to the document, not to workers loaded from the network).
 *
 * - scripts and workers only from the app itself and blob: (ffmpeg.wasm starts its worker
 *   from a blob), 'wasm-unsafe-eval' to compile FFmpeg's WebAssembly; no inline script, no
 *   eval (Ajv's validators are generated at build time for that reason);
 * - connect-src 'self' blob: data: : fetches, XHR, WebSockets and EventSource to any other
 *   origin are refused;
 * - styles inline are allowed: Svelte sets style attributes; a style cannot send data
 *   anywhere when images, fonts and connections are held to the origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: data:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "manifest-src 'self'",
  // Added with the header (issue 19): no other site may frame the app (clickjacking). Ignored
  // in a <meta> policy, so META_CONTENT_SECURITY_POLICY leaves it out.
  "frame-ancestors 'none'",
].join('; ');

/** Directives a <meta> policy may not carry (the browser ignores them there, with a warning). */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

/**
 * The same policy for the page's <meta http-equiv="Content-Security-Policy"> (the fallback
 * where no header is sent): CONTENT_SECURITY_POLICY without its header-only directives.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !HEADER_ONLY.includes(directive.split(' ')[0]))
  .join('; ');
