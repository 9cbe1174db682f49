import type { ViewSettings } from '../vision/view-settings';

/** Where the view filters were drawn: WebGL2 in the worker, or its CPU fallback. */
export type ViewRenderer = 'webgl2' | 'cpu';

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
  /**
   * Whether to make the clean picture too when the view changes pixels (else it is made only
   * when asked for, by a request without a view).
   */
  readonly withClean?: boolean;
  /**
   * Where to draw the view filters (the page's localStorage['framewise.view-renderer']):
   * 'cpu' even where WebGL2 is at hand (a check, and a way out); 'webgl2' even on a software
   * GL; absent: WebGL2 on a GPU, else the CPU.
   */
  readonly viewRendererChoice?: ViewRenderer;
}

export type RenderResponse =
  | {
      readonly id: number;
      readonly kind: 'done';
      /** The frame as decoded; null when a filtered picture was made and no clean asked for. */
      readonly bitmap: ImageBitmap | null;
      readonly md5: string;
      /** The picture with the view filters, when asked for. */
      readonly viewBitmap: ImageBitmap | null;
      /** Milliseconds the view filters took (their bench and the inspector's number). */
      readonly viewMs: number;
      /** Where the view filters were drawn; null when there was no filtered picture. */
      readonly viewRenderer: ViewRenderer | null;
    }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
