import type { Workspace } from './workspace.svelte';

/**
 * The picture actually on the stage, upright, in frame pixels: what the loupe magnifies.
 * Today the clean decoded frame; once view filters are on it is to be the filtered picture
 * (the one place to change). Reading it never changes the frame, its MD5 or the annotations.
 */
export function stagePicture(ws: Workspace): ImageBitmap | null {
  return ws.player.shown?.bitmap ?? null;
}
