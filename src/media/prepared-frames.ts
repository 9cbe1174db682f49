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
  /**
   * Counts setView calls: a frame asked for before the last one was made with settings no
   * longer wanted (and may be closed by the drop that call made), so it is never shown.
   */
  #generation = 0;
  readonly #generationOf = new WeakMap<RenderedFrame, number>();
  /** The made frames the map holds (the player frees a frame it stops showing otherwise). */
  readonly #held = new Set<RenderedFrame>();

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
    this.#generation++;
    this.clear(onScreen);
  }

  /** Whether `rendered` was asked for with the view settings wanted now (else: ask again). */
  isCurrent(rendered: RenderedFrame): boolean {
    return this.#generationOf.get(rendered) === this.#generation;
  }

  /** Whether `rendered` is still kept here (and so will be freed here when dropped). */
  holds(rendered: RenderedFrame): boolean {
    return this.#held.has(rendered);
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
      // The settings of now, not of when decoding ends (setView may come between).
      const [view, withClean, generation] = [this.#view, this.#withClean, this.#generation];
      prepared = source
        .frame(n, direction, jump, signal)
        .then((frame) => this.#renderer.render(frame, source.facts.colorSpace, view, withClean))
        .then((rendered) => {
          this.#generationOf.set(rendered, generation);
          return rendered;
        });
      const made = prepared;
      made.then(
        (rendered) => {
          if (this.#prepared.get(n) !== made) return;
          this.#made.add(made);
          this.#held.add(rendered);
        },
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
      void prepared
        .then((r) => {
          this.#held.delete(r);
          if (r !== onScreen) r.close();
        })
        .catch(() => {});
    }
  }
}
