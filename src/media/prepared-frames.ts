import type { FrameIndex } from '../core/ids';
import { FrameRenderer, type RenderedFrame } from './frame-renderer';
import type { VideoSource } from './video-source';
import type { ViewSettings } from '../vision/view-settings';

/** How many frames ahead of the step direction (and one behind) are made screen-ready. */
const PREPARE_AHEAD = 8;
/** Screen-ready frames kept; 1080p bitmaps are 8 MB each. */
const PREPARED_MAX = 12;
/**
 * Start decoding the next window when the step direction is this close to the cache's edge:
 * further ahead with WebCodecs, whose windows go on from where decoding stands (cheap to
 * start early), than with FFmpeg (whose background window is dropped at the next request).
 */
const PREFETCH_MARGIN = { ffmpeg: 8, webcodecs: 16 } as const;

/**
 * Screen-ready frames (bitmap + MD5) for a small window around the playhead, so a step to a
 * decoded neighbour costs no conversion at all. When the playhead nears the edge of what is
 * decoded, the next window is decoded in the background, but only if FFmpeg is idle.
 */
export class PreparedFrames {
  readonly #renderer = new FrameRenderer();
  readonly #prepared = new Map<FrameIndex, Promise<RenderedFrame>>();
  /** The prepared frames whose bitmap is made (the others are still decoding or rendering). */
  readonly #made = new Set<Promise<RenderedFrame>>();
  /** The view filters frames are rendered with (null: the frame as decoded only). */
  #view: ViewSettings | null = null;
  /** Whether the clean picture is made with each filtered one (see FrameRenderer.render). */
  #withClean = false;

  get view(): ViewSettings | null {
    return this.#view;
  }

  get withClean(): boolean {
    return this.#withClean;
  }

  /**
   * Renders frames from now on with `view` (and their clean picture too if `withClean`); the
   * frames made otherwise are dropped (the decoded frames stay in the source's cache, so
   * each is only converted again).
   */
  setView(view: ViewSettings | null, withClean: boolean, onScreen: RenderedFrame | null): void {
    this.#view = view;
    this.#withClean = withClean;
    this.clear(onScreen);
  }

  /** Starts the rendering workers ahead (see FrameRenderer.warmUp). */
  warmUp(): void {
    this.#renderer.warmUp();
  }

  /**
   * The screen-ready frame n: decoded if need be, then rendered in the worker. Aborting
   * `signal` abandons the decode this call started.
   */
  get(
    source: VideoSource,
    n: FrameIndex,
    direction: 1 | -1 = 1,
    jump = false,
    signal?: AbortSignal,
  ): Promise<RenderedFrame> {
    let prepared = this.#prepared.get(n);
    if (!prepared) {
      prepared = source
        .frame(n, direction, jump, signal)
        .then((frame) =>
          this.#renderer.render(frame, source.facts.colorSpace, this.#view, this.#withClean),
        );
      const made = prepared;
      made.then(
        () => this.#prepared.get(n) === made && this.#made.add(made),
        () => this.#prepared.get(n) === made && this.#prepared.delete(n),
      );
      this.#prepared.set(n, prepared);
    }
    return prepared;
  }

  /** Whether frame n is on hand without decoding (screen-ready, or decoded and cached). */
  onHand(source: VideoSource, n: FrameIndex): boolean {
    const prepared = this.#prepared.get(n);
    return (prepared !== undefined && this.#made.has(prepared)) || source.cached(n) !== undefined;
  }

  /** Renders the decoded neighbours of n in the step direction; forgets far ones. */
  prepareAround(
    source: VideoSource,
    n: FrameIndex,
    direction: 1 | -1,
    onScreen: RenderedFrame | null,
  ): void {
    const keep = new Set<number>([n, n - direction]);
    for (let d = 1; d <= PREPARE_AHEAD; d++) keep.add(n + d * direction);
    for (const k of keep) {
      const index = k as FrameIndex;
      if (k < 0 || k >= source.frameCount || this.#prepared.has(index)) continue;
      if (source.cached(index)) void this.get(source, index, direction).catch(() => {});
    }
    source.prefetch(n + PREFETCH_MARGIN[source.decoder] * direction, direction);
    if (this.#prepared.size > PREPARED_MAX) this.#drop((index) => !keep.has(index), onScreen);
  }

  clear(onScreen: RenderedFrame | null = null): void {
    this.#drop(() => true, onScreen);
  }

  #drop(shouldDrop: (index: FrameIndex) => boolean, onScreen: RenderedFrame | null): void {
    for (const [index, prepared] of this.#prepared) {
      if (!shouldDrop(index)) continue;
      this.#prepared.delete(index);
      this.#made.delete(prepared);
      // Free the bitmap, unless it is on screen (the stage still draws it).
      void prepared.then((r) => r !== onScreen && r.close()).catch(() => {});
    }
  }
}
