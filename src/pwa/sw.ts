/**
 * The service worker (issue 19): after one visit the app loads and works with the network
 * off. Every file of the build is precached at install (Workbox's list, injected at build
 * time: FFmpeg's core and the sample clip included) and served from the cache, the page
 * itself included. Every response it serves carries the app's
 * Content-Security-Policy (csp-policy.js), so the policy holds on any static host, whatever
 * headers that host sends.
 *
 * A new version installs beside the running one and waits: the page offers "Reload", and only
 * that (a SKIP_WAITING message) makes it take over. It never skips waiting on its own, so an
 * update never lands in the middle of work.
 */
/// <reference lib="webworker" />
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { withPolicy } from './with-policy';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

// Before the routes: every response the precache hands out passes through here.
addPlugins([
  {
    handlerWillRespond: async ({ response }) => withPolicy(response, __CONTENT_SECURITY_POLICY__),
  },
]);
// '/' is served index.html (the precache's directory index). No fallback for other paths:
// the app has no routes, and the WebCodecs test harness lives beside it in e2e builds.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
