/**
 * Reopening a case's video without asking for the file, where the browser allows it: a file
 * dropped on the window gives a FileSystemFileHandle (Chromium), kept by the video's SHA-256;
 * opening the case later asks the person's permission to read it again. Anything else (no
 * handle, permission refused, file moved) falls back to choosing the file. The opened file is
 * hashed and checked against the case like any other.
 */
import type { Sha256 } from '../../core/ids';

/** The part of FileSystemFileHandle used here (not yet in TypeScript's DOM types everywhere). */
export interface FileHandleLike {
  readonly kind: string;
  queryPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
  getFile(): Promise<File>;
}

interface HandleStore {
  fileHandle(sha256: Sha256): Promise<unknown>;
}

const isFileHandle = (value: unknown): value is FileHandleLike =>
  typeof value === 'object' &&
  value !== null &&
  (value as FileHandleLike).kind === 'file' &&
  typeof (value as FileHandleLike).getFile === 'function';

/**
 * The handle a drop gives, if any. Must be called during the drop event itself: the dropped
 * items are gone once the handler returns.
 */
export function handleFromDrop(event: DragEvent): Promise<FileHandleLike | null> {
  const item = event.dataTransfer?.items[0] as
    (DataTransferItem & { getAsFileSystemHandle?: () => Promise<unknown> }) | undefined;
  if (!item?.getAsFileSystemHandle) return Promise.resolve(null);
  return item
    .getAsFileSystemHandle()
    .then((handle) => (isFileHandle(handle) ? handle : null))
    .catch(() => null);
}

/**
 * The case's video read through its kept handle, with the person's permission (asked now if
 * not already given); null when there is no handle or it cannot be used.
 */
export async function fileFromKeptHandle(store: HandleStore, sha256: Sha256): Promise<File | null> {
  try {
    const handle = await store.fileHandle(sha256);
    if (!isFileHandle(handle)) return null;
    const mode = { mode: 'read' } as const;
    let permission = (await handle.queryPermission?.(mode)) ?? 'granted';
    if (permission === 'prompt') permission = (await handle.requestPermission?.(mode)) ?? 'denied';
    return permission === 'granted' ? await handle.getFile() : null;
  } catch {
    return null; // moved, deleted, or refused: choose the file instead
  }
}
