import type { ViewSettings } from '../vision/view-settings';

/** Messages between the app and the frame-render worker. */
export interface RenderRequest {
  readonly id: number;
  readonly pixelFormat: string;
  readonly width: number;
  readonly height: number;
  readonly colorSpace: string;
  /** The raw frame: planes back to back, as FFmpeg's rawvideo writes them. */
  readonly data: Uint8Array;
  /** Its MD5 where already known (then the worker does not hash it again). */
  readonly md5?: string;
  /** View filters to show it with (a second bitmap); absent or null: the frame as decoded. */
  readonly view?: ViewSettings | null;
}

export type RenderResponse =
  | {
      readonly id: number;
      readonly kind: 'done';
      readonly bitmap: ImageBitmap;
      readonly md5: string;
      /** The picture with the view filters, when asked for. */
      readonly viewBitmap: ImageBitmap | null;
      /** Milliseconds the view filters took (their bench and the inspector's number). */
      readonly viewMs: number;
    }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
