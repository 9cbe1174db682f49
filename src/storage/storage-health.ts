/**
 * How safe this browser's storage is: whether the browser promised to keep it (persistent
 * storage is not cleared under storage pressure), and how much of the quota is used.
 */
export interface StorageHealth {
  /** True: kept until the user clears it; false: the browser may clear it; null: unknown. */
  readonly persisted: boolean | null;
  /** Bytes used by this site, and the most it may use; null where the browser does not say. */
  readonly usage: number | null;
  readonly quota: number | null;
}

/** Asks the browser to keep this site's data (it may say no; Chromium decides by itself). */
export async function requestPersistence(): Promise<boolean | null> {
  try {
    if (!navigator.storage?.persist) return null;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return null;
  }
}

export async function storageHealth(): Promise<StorageHealth> {
  try {
    const storage = navigator.storage;
    const [persisted, estimate] = await Promise.all([
      storage?.persisted ? storage.persisted() : Promise.resolve(null),
      storage?.estimate ? storage.estimate() : Promise.resolve(null),
    ]);
    return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
  } catch {
    return { persisted: null, usage: null, quota: null };
  }
}

/** A quota error from IndexedDB (Dexie wraps it; the DOM name survives in the chain). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { inner?: unknown }).inner) {
    if (e.name === 'QuotaExceededError' || /quota/i.test(e.message)) return true;
  }
  return false;
}
