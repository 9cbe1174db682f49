/**
 * The service worker's side of the page (issue 19): registers it, and says when a new
 * version has been installed and waits. Applying it is the person's choice ("Reload"), made
 * when no edit is still being written; until then the running version stays.
 */
import { registerSW } from 'virtual:pwa-register';

export class AppUpdate {
  /** A new version is installed and waiting for "Reload". */
  ready = $state(false);
  /** The app is cached: it loads with the network off. */
  offlineReady = $state(false);
  /** Why the service worker could not be registered, if it could not. */
  error = $state<string | null>(null);
  #apply: ((reload?: boolean) => Promise<void>) | null = null;

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#apply = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.ready = true),
      onOfflineReady: () => (this.offlineReady = true),
      onRegisterError: (error: unknown) => (this.error = String(error)),
    });
  }

  /** Lets the waiting version take over; the page reloads once it controls it. */
  async reload(): Promise<void> {
    await this.#apply?.(true);
  }
}
