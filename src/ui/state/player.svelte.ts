import { frameIndex, type FrameIndex } from '../../core/ids';
import { parseRate } from '../../core/time-base';
import type { RenderedFrame } from '../../media/frame-renderer';
import { MediaError } from '../../media/media-error';
import { PreparedFrames } from '../../media/prepared-frames';
import type { VideoSource } from '../../media/video-source';

/**
 * Frame navigation. `wanted` is the frame the user asked for; `shown` is the one on screen.
 * Requests are "latest wins": while one frame decodes, further key presses only move
 * `wanted`, and the frames skipped over are never decoded.
 */
export class Player {
  wanted = $state<FrameIndex>(frameIndex(0));
  shown = $state.raw<RenderedFrame | null>(null);
  playing = $state(false);
  error = $state<string | null>(null);
  /** Milliseconds from asking for the shown frame to having it on screen. */
  lastFetchMs = $state(0);
  /** FFmpeg's decoding speed on this file so far, frames per second. */
  decodeFps = $state<number | null>(null);
  readonly ready = $derived(this.shown !== null && this.shown.frame.index === this.wanted);

  #source: VideoSource | null = null;
  readonly #prepared = new PreparedFrames();
  #direction: 1 | -1 = 1;
  /** The last move went further than one frame: decode just around the target. */
  #jumped = true;
  #loading = false;
  #playTimer: ReturnType<typeof setTimeout> | null = null;

  get source(): VideoSource | null {
    return this.#source;
  }

  get frameCount(): number {
    return this.#source?.frameCount ?? 0;
  }

  attach(source: VideoSource | null): void {
    this.pause();
    this.#source = source;
    this.#prepared.clear();
    this.shown = null;
    this.error = null;
    this.wanted = frameIndex(0);
    if (source) void this.#pump();
  }

  goTo(n: number): void {
    if (!this.#source || this.frameCount === 0) return;
    const clamped = Math.min(Math.max(Math.round(n), 0), this.frameCount - 1);
    if (clamped !== this.wanted) this.#direction = clamped > this.wanted ? 1 : -1;
    this.#jumped = Math.abs(clamped - this.wanted) > 1;
    this.wanted = frameIndex(clamped);
    void this.#pump();
  }

  step(delta: number): void {
    this.goTo(this.wanted + delta);
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (!this.#source || this.playing) return;
    if (this.wanted >= this.frameCount - 1) this.goTo(0);
    this.playing = true;
    this.#scheduleNextPlayFrame();
  }

  pause(): void {
    this.playing = false;
    if (this.#playTimer) clearTimeout(this.#playTimer);
    this.#playTimer = null;
  }

  #scheduleNextPlayFrame(): void {
    const facts = this.#source?.facts;
    const rate = parseRate(facts?.averageFrameRate) ?? parseRate(facts?.nominalFrameRate) ?? 25;
    this.#playTimer = setTimeout(async () => {
      if (!this.playing) return;
      if (this.wanted >= this.frameCount - 1) return this.pause();
      this.step(1);
      await this.#pump();
      if (this.playing) this.#scheduleNextPlayFrame();
    }, 1000 / rate);
  }

  /** Fetches until the shown frame is the wanted one; one fetch at a time. */
  async #pump(): Promise<void> {
    if (this.#loading) return;
    this.#loading = true;
    try {
      while (this.#source && this.shown?.frame.index !== this.wanted) {
        const source = this.#source;
        const target = this.wanted;
        const started = performance.now();
        const rendered = await this.#prepared.get(source, target, this.#direction, this.#jumped);
        if (source !== this.#source || target !== this.wanted) continue; // superseded
        this.shown = rendered;
        this.lastFetchMs = performance.now() - started;
        this.decodeFps = source.decodeFps;
        this.error = null;
        this.#prepared.prepareAround(source, target, this.#direction, rendered);
      }
    } catch (error) {
      this.pause();
      this.error =
        error instanceof MediaError
          ? error.fullMessage
          : `Could not show this frame: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#loading = false;
    }
  }
}
