import { frameIndex, type FrameIndex } from '../../core/ids';
import { parseRate } from '../../core/time/time-base';
import type { RenderedFrame } from '../../media/frame-renderer';
import { LatestFrameRequests } from '../../media/frame-requests';
import { MediaError } from '../../media/media-error';
import { PreparedFrames } from '../../media/prepared-frames';
import type { VideoSource } from '../../media/video-source';
import type { ViewSettings } from '../../vision/view-settings';

/** Playback speeds offered (the Speed control): slow motion for close study, up to 2×. */
export const PLAYBACK_RATES = [0.25, 0.5, 1, 1.5, 2] as const;
export type PlaybackRate = (typeof PLAYBACK_RATES)[number];

/**
 * Frame navigation. `wanted` is the frame the user asked for; `shown` is the one on screen.
 * Requests are "latest wins" (media/frame-requests.ts): while one frame decodes, further key
 * presses only move `wanted`, the frames skipped over are never decoded, and a decode that
 * will not bring `wanted` is abandoned once the keys stop.
 */
/** How long a replaced frame's bitmaps are kept before they are freed (see `show`). */
const FREE_REPLACED_MS = 1000;

export class Player {
  wanted = $state<FrameIndex>(frameIndex(0));
  shown = $state.raw<RenderedFrame | null>(null);
  playing = $state(false);
  /** Playback speed, a multiple of the video's frame rate. */
  rate = $state<PlaybackRate>(1);
  error = $state<string | null>(null);
  /** Milliseconds from asking for the shown frame to having it on screen. */
  lastFetchMs = $state(0);
  /** FFmpeg's decoding speed on this file so far, frames per second. */
  decodeFps = $state<number | null>(null);
  readonly ready = $derived(this.shown !== null && this.shown.frame.index === this.wanted);

  #source = $state.raw<VideoSource | null>(null);
  readonly #prepared = new PreparedFrames();
  #requests: LatestFrameRequests<RenderedFrame> | null = null;
  #playTimer: ReturnType<typeof setTimeout> | null = null;
  /** The play run's clock: when which frame was on screen; later frames are due from it. */
  #playClock: { at: number; frame: number } | null = null;
  /** When recent frames were shown while playing (the speed actually reached). */
  #shownTimes: number[] = [];
  /**
   * While playing slower than asked (decoding falls behind): the speed reached, as a multiple
   * of the video's frame rate (e.g. 0.8); null when playback keeps to the clock.
   */
  playbackLag = $state<number | null>(null);
  /** Which play run is current; a timer of an earlier run stops itself. */
  #playRun = 0;

  constructor(
    /** Hears each frame shown while playing, at which speed (the sound follows it). */
    private readonly onPlayedFrame: (frame: number, rate: number) => void = () => {},
    /** Hears playing stop (the sound stops). */
    private readonly onStopped: () => void = () => {},
  ) {}

  get source(): VideoSource | null {
    return this.#source;
  }

  get frameCount(): number {
    return this.#source?.frameCount ?? 0;
  }

  /** Readies the rendering of frames before a video is open (the first frame shows sooner). */
  warmUp(): void {
    this.#prepared.warmUp();
  }

  attach(source: VideoSource | null): void {
    this.pause();
    this.#requests?.close();
    this.#requests = null;
    this.#source = source;
    this.#prepared.clear();
    this.shown = null;
    this.error = null;
    this.wanted = frameIndex(0);
    if (source) {
      this.#requests = this.#requestsFor(source);
      this.#readyNeighbours(source);
    }
  }

  /** Frames WebCodecs decodes one by one are made screen-ready as they come near the playhead. */
  #readyNeighbours(source: VideoSource): void {
    source.onDecoded = (index) => {
      const requests = this.#requests;
      if (source !== this.#source || !requests || !this.ready) return;
      if (Math.abs(index - this.wanted) > 4) return;
      this.#prepared.prepareAround(source, this.wanted, requests.direction, this.shown);
    };
  }

  /**
   * The same file with its whole frame table (a long file's second indexing step): the
   * frame on screen and the one asked for stay, as their numbers are the same in both.
   */
  extend(source: VideoSource): void {
    if (!this.#source || this.#source.file !== source.file) return;
    this.#source = source;
    // The requests put on screen only what comes from the current source: they are made
    // anew for this one (or every frame asked for after the switch would be dropped).
    this.#requests?.close();
    this.#requests = this.#requestsFor(source);
    this.#readyNeighbours(source);
    if (!this.ready) this.#requests.request(this.wanted);
  }

  goTo(n: number): void {
    if (!this.#source || !this.#requests || this.frameCount === 0) return;
    const clamped = Math.min(Math.max(Math.round(n), 0), this.frameCount - 1);
    this.wanted = frameIndex(clamped);
    this.#requests.request(clamped);
  }

  /**
   * Shows frames with these view filters (null: as decoded). The frame on screen stays until
   * it is made again with them; `shown.view` says which view the picture on screen has.
   * `withClean`: each frame's clean picture is made with it too (`shown.clean` is then never
   * null), for what draws the frame as decoded beside the stage (the frame comparison).
   */
  setView(view: ViewSettings | null, withClean = false): void {
    // Without a view every frame comes with its clean picture anyway.
    const clean = view !== null && withClean;
    if (view === this.#prepared.view && clean === this.#prepared.withClean) return;
    this.#prepared.setView(view, clean, this.shown);
    this.#requests?.refresh();
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
    this.#playClock = null;
    this.#shownTimes = [];
    this.#scheduleNextPlayFrame(++this.#playRun, 0);
  }

  pause(): void {
    this.playing = false;
    this.playbackLag = null;
    this.#playRun++;
    if (this.#playTimer) clearTimeout(this.#playTimer);
    this.#playTimer = null;
    this.onStopped();
  }

  setRate(rate: number): void {
    const allowed = PLAYBACK_RATES.find((r) => r === rate);
    if (allowed !== undefined) this.rate = allowed;
  }

  /** One step slower (-1) or faster (+1) through PLAYBACK_RATES ([ and ] keys). */
  changeRate(direction: -1 | 1): void {
    const index = PLAYBACK_RATES.indexOf(this.rate) + direction;
    this.setRate(PLAYBACK_RATES[Math.min(Math.max(index, 0), PLAYBACK_RATES.length - 1)]!);
  }

  /**
   * Plays every frame, frame k due at the run's start + k / (fps × rate) seconds: timers'
   * lateness does not add up, so at 1× the picture keeps to the clock. When decoding is
   * slower than that, playback goes as fast as frames arrive, never skipping one (an
   * examiner must see every frame), and says so (`playbackLag`); the clock then starts
   * again from the frame on screen rather than rushing to catch up.
   */
  #scheduleNextPlayFrame(run: number, delay: number): void {
    this.#playTimer = setTimeout(async () => {
      if (run !== this.#playRun) return;
      if (this.wanted >= this.frameCount - 1) return this.pause();
      this.step(1);
      await this.#settled();
      // A pause and play while this frame loaded started a new run: this one must end, or
      // two loops would step at once and frames would be skipped.
      if (run !== this.#playRun) return;
      // The sound plays from this frame's time (or goes on, if it is there already).
      this.onPlayedFrame(this.wanted, this.rate);
      const now = performance.now();
      const interval = this.#frameInterval();
      this.#noteShown(now, interval);
      this.#playClock ??= { at: now, frame: this.wanted };
      const due = this.#playClock.at + (this.wanted + 1 - this.#playClock.frame) * interval;
      if (now - due > interval) this.#playClock = { at: now, frame: this.wanted };
      this.#scheduleNextPlayFrame(run, Math.max(0, due - now));
    }, delay);
  }

  /** Keeps the last two seconds' showing times; sets `playbackLag` when under 97 % of the speed. */
  #noteShown(now: number, interval: number): void {
    const times = this.#shownTimes;
    times.push(now);
    while (times.length > 2 && now - times[0]! > 2000) times.shift();
    if (times.length < 4) return;
    const reached = (times.length - 1) / (now - times[0]!);
    // Frames shown per frame due: 1 when keeping to the clock.
    const ratio = reached * interval;
    this.playbackLag = ratio < 0.97 ? Math.round(ratio * this.rate * 100) / 100 : null;
  }

  /** Milliseconds between frames at the current rate. */
  #frameInterval(): number {
    const facts = this.#source?.facts;
    const fps = parseRate(facts?.averageFrameRate) ?? parseRate(facts?.nominalFrameRate) ?? 25;
    return 1000 / (fps * this.rate);
  }

  /** Resolves once the wanted frame is on screen (or failed). */
  #settled(): Promise<void> {
    return this.#requests?.settled() ?? Promise.resolve();
  }

  /** Frame requests on `source`, putting what arrives on screen. */
  #requestsFor(source: VideoSource): LatestFrameRequests<RenderedFrame> {
    const prepared = this.#prepared;
    const requests: LatestFrameRequests<RenderedFrame> = new LatestFrameRequests(
      {
        onHand: (n) => prepared.onHand(source, frameIndex(n)),
        get: (n, how) => prepared.get(source, frameIndex(n), how.direction, how.jump, how.signal),
        decoding: (n) => source.decoding(n),
        decodeRemainingMs: (n) => source.decodeRemainingMs(n),
        prepareToAbandon: () => source.prepareToAbandon(),
      },
      {
        show: (rendered, fetchMs) => {
          if (source !== this.#source) return;
          // Asked for before the view settings last changed: made again as they are now.
          if (!prepared.isCurrent(rendered)) return requests.refresh();
          const previous = this.shown;
          this.shown = rendered;
          // A frame dropped while on screen is freed here once it is replaced (after the
          // stage has drawn the new one: a closed bitmap cannot be drawn).
          if (previous && previous !== rendered && !prepared.holds(previous)) {
            setTimeout(() => previous.close(), FREE_REPLACED_MS);
          }
          this.lastFetchMs = fetchMs;
          this.decodeFps = source.decodeFps;
          if (rendered.frame.index !== requests.wanted) return;
          this.error = null;
          prepared.prepareAround(source, rendered.frame.index, requests.direction, rendered);
        },
        fail: (_n, error) => {
          if (source !== this.#source) return;
          this.pause();
          this.error =
            error instanceof MediaError
              ? error.fullMessage
              : `Could not show this frame: ${error instanceof Error ? error.message : String(error)}`;
        },
      },
      this.wanted,
    );
    return requests;
  }
}
