import type { Workspace } from './workspace.svelte';

/**
 * The picture actually on the stage, upright, in frame pixels: what the loupe magnifies.
 * With view filters on, the filtered picture (as the stage draws it; its badge says so);
 * else the clean decoded frame. Reading it never changes the frame, its MD5 or annotations.
 */
export function stagePicture(ws: Workspace): ImageBitmap | null {
  return ws.player.shown?.picture ?? null;
}
