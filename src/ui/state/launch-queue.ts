/**
 * Files the operating system hands over ("Open with Framewise", the manifest's
 * `file_handlers`, issue 19): the first one is opened as "Open video" opens a file, and its
 * handle is kept, as for a dropped file, so the case can reopen it later without asking.
 */
import type { FileHandleLike } from './file-handles';

interface LaunchParamsLike {
  readonly files: readonly FileHandleLike[];
}
interface LaunchQueueLike {
  setConsumer(consumer: (params: LaunchParamsLike) => void): void;
}

type Open = (file: File, handle: Promise<FileHandleLike | null>) => Promise<void>;

/** Registers the consumer; false where the browser has no launch queue (not installed). */
export function consumeLaunchedFiles(target: object, open: Open): boolean {
  const queue = (target as { launchQueue?: LaunchQueueLike }).launchQueue;
  if (!queue) return false;
  queue.setConsumer((params) => {
    const handle = params.files[0];
    if (!handle || handle.kind !== 'file') return;
    void handle.getFile().then((file) => open(file, Promise.resolve(handle)));
  });
  return true;
}
