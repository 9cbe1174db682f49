import { frameIndex, type FrameIndex } from '../../core/ids';
import { parseRate } from '../../core/time-base';
import { frameMd5 } from '../../media/frame-md5';
import { MediaError } from '../../media/media-error';
import type { DecodedFrame, VideoSource } from '../../media/video-source';
import { frameToCanvas } from '../frame-canvas';

/** The frame on screen, with everything the inspector shows about it. */
export interface ShownFrame {
  readonly frame: DecodedFrame;
  readonly md5: string;
  readonly canvas: HTMLCanvasElement;
}

/**
 * Frame navigation. `wanted` is the frame the user asked for; `shown` is the one on screen.
 * Requests are "latest wins": while one frame decodes, further key presses only move
 * `wanted`, and the frames skipped over are never decoded.
 */
export class Player {
  wanted = $state<FrameIndex>(frameIndex(0));
  shown = $state.raw<ShownFrame | null>(null);
  playing = $state(false);
  error = $state<string | null>(null);
  readonly ready = $derived(this.shown !== null && this.shown.frame.index === this.wanted);

  #source: VideoSource | null = null;
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
    this.shown = null;
    this.error = null;
    this.wanted = frameIndex(0);
    if (source) void this.#pump();
  }

  goTo(n: number): void {
    if (!this.#source || this.frameCount === 0) return;
    const clamped = Math.min(Math.max(Math.round(n), 0), this.frameCount - 1);
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
    const rate =
      parseRate(this.#source?.facts.averageFrameRate) ??
      parseRate(this.#source?.facts.nominalFrameRate) ??
      25;
    this.#playTimer = setTimeout(async () => {
      if (!this.playing) return;
      if (this.wanted >= this.frameCount - 1) return this.pause();
      this.step(1);
      await this.#pump();
      if (this.playing) this.#scheduleNextPlayFrame();
    }, 1000 / rate);
  }

  /** Decodes until the shown frame is the wanted one; one decode at a time. */
  async #pump(): Promise<void> {
    if (this.#loading) return;
    this.#loading = true;
    try {
      while (this.#source && this.shown?.frame.index !== this.wanted) {
        const source = this.#source;
        const target = this.wanted;
        const frame = await source.frame(target);
        const md5 = await frameMd5(frame);
        if (source !== this.#source || target !== this.wanted) continue; // superseded
        this.shown = { frame, md5, canvas: frameToCanvas(frame, source.facts.colorSpace) };
        this.error = null;
      }
    } catch (error) {
      this.pause();
      this.error =
        error instanceof MediaError
          ? error.fullMessage
          : `Could not show this frame: ${String(error)}`;
    } finally {
      this.#loading = false;
    }
  }
}
