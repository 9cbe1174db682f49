import type { FrameIndex, Pts } from '../../core/ids';
import type { RenderedFrame } from '../../media/frame-renderer';
import type { RgbaPicture } from '../../vision/frame-difference';
import type { Workspace } from './workspace.svelte';

/** How the pinned frame and the frame shown now are put side by side. */
export type CompareMode = 'side' | 'wipe' | 'difference';

export const COMPARE_MODES: readonly { value: CompareMode; name: string }[] = [
  { value: 'side', name: 'Side by side' },
  { value: 'wipe', name: 'Wipe' },
  { value: 'difference', name: 'Difference' },
];

/** A frame kept on screen for comparison: its numbers and a copy of its clean picture. */
export interface PinnedFrame {
  readonly index: FrameIndex;
  readonly pts: Pts;
  readonly md5: string;
  /** Our own copy (the player closes the bitmaps it no longer shows). */
  readonly bitmap: ImageBitmap;
  /** The video it belongs to (compared only with frames of that video). */
  readonly source: object;
}

/**
 * The pinned-frame comparison (issue 18): the frame pinned ("Pin frame", K), how it is
 * compared with the frame shown now, and the wipe's position. The comparison is always of
 * the clean decoded frames (their MD5s are what the panel names), never of a view filter's
 * picture. Pinning copies the picture; it never changes the frame, annotations or hashes.
 */
export class FrameCompare {
  pinned = $state.raw<PinnedFrame | null>(null);
  mode = $state<CompareMode>('side');
  /** Where the wipe's line is, in percent of the width from the left (the pinned side). */
  wipe = $state(50);
  /** Difference shown as a mask: white where any channel differs (else the exact |A − B|). */
  markChanged = $state(false);
  /** The panel widened over the stage, for a closer look. */
  large = $state(false);
  /** Counts pins, so a copy that finishes after a newer pin or an unpin is dropped. */
  #pinRun = 0;

  /** Keeps `shown` (the frame on screen) for comparison; replaces any frame pinned before. */
  async pin(shown: RenderedFrame, source: object): Promise<void> {
    const run = ++this.#pinRun;
    const bitmap = await shown.cleanCopy();
    if (run !== this.#pinRun) {
      bitmap.close();
      return;
    }
    this.#release();
    const { index, pts } = shown.frame;
    this.pinned = { index, pts, md5: shown.md5, bitmap, source };
  }

  unpin(): void {
    this.#pinRun++;
    this.#release();
  }

  #release(): void {
    this.pinned?.bitmap.close();
    this.pinned = null;
  }
}

/** A bitmap's RGBA pixels, exactly as drawn (no smoothing, no scaling). */
export function rgbaOf(bitmap: ImageBitmap): RgbaPicture {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser gave no 2D canvas');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
}

/** "Frame 12 · pts 36036 · MD5 0f3a…" — the numbers that name a picture of the comparison. */
export function frameWords(frame: { index: number; pts: number; md5: string }): string {
  return `Frame ${frame.index} · pts ${frame.pts} · ${md5Words(frame.md5)}`;
}

export const md5Words = (md5: string): string => `MD5 ${md5 || '(not yet computed)'}`;

/** White where any channel differs, black elsewhere: the changed pixels as an opaque mask. */
export function changedMask(changed: Uint8Array): ImageDataArray {
  const mask = new Uint8ClampedArray(changed.length * 4);
  for (let p = 0; p < changed.length; p++) {
    const v = changed[p] ? 255 : 0;
    mask[4 * p] = mask[4 * p + 1] = mask[4 * p + 2] = v;
    mask[4 * p + 3] = 255;
  }
  return mask;
}

/**
 * "Pin frame" (K): keeps the frame on screen for comparison, in place of any pinned before;
 * only once the picture is the frame named (never one still waiting for its decode).
 */
export function pinShownFrame(ws: Workspace): void {
  const shown = ws.player.shown;
  // One video only: with several, the stage is their views side by side (no panel there).
  if (!shown || !ws.player.ready || !ws.source || ws.videos.several) return;
  const pinned = ws.frameCompare.pinned;
  if (pinned && pinned.index === shown.frame.index && pinned.source === ws.source) return;
  ws.frameCompare.pin(shown, ws.source).catch((error: unknown) => {
    ws.alert = `Frame ${shown.frame.index} could not be pinned (${String(error)}). Step away and back to it, then pin it again.`;
  });
}
