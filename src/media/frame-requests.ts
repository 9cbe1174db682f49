import { CancelledError } from './cancelled';

/** What the requests need from the open video: frames on hand at once, or decoded on demand. */
export interface FrameSupply<F> {
  /** Frame n can be had without FFmpeg (already decoded, only to be rendered). */
  onHand(n: number): boolean;
  /** Frame n, screen-ready; aborting `signal` abandons the decode this call started. */
  get(n: number, how: { direction: 1 | -1; jump: boolean; signal?: AbortSignal }): Promise<F>;
  /** A decode now running (or waiting its turn) will bring frame n. */
  decoding(n: number): boolean;
  /** Estimated milliseconds until the decode that brings frame n ends; null if unknown. */
  decodeRemainingMs(n: number): number | null;
  /** The running decode may soon be abandoned: get ready to start the next one at once. */
  prepareToAbandon(): void;
}

export interface FrameRequestEvents<F> {
  /** Put this picture on screen: the one asked for, or one nearer to it than the one shown. */
  show(frame: F, fetchMs: number): void;
  /** The frame asked for could not be had. */
  fail(n: number, error: unknown): void;
}

export interface FrameRequestTiming {
  /**
   * How long the asked-for frame must stay put before a decode that will not bring it is
   * abandoned. Held keys repeat every 30 to 90 ms: while they do, each abandoned decode
   * would only be replaced by another one abandoned in turn.
   */
  readonly settleMs: number;
  /** What abandoning costs: ending the FFmpeg core and starting a fresh one. */
  readonly restartMs: number;
}

export const DEFAULT_TIMING: FrameRequestTiming = { settleMs: 150, restartMs: 300 };

/** What `get` answers for a frame on screen: its index. */
interface Indexed {
  readonly frame: { readonly index: number };
}

/**
 * "Latest wins" frame requests. Only the last frame asked for matters: frames asked for in
 * between are never decoded, at most one decode runs at a time (no backlog), and a decode
 * that will not bring the frame asked for is abandoned once the request has settled, unless
 * it is about to end anyway. Frames already decoded are shown at once, without waiting for
 * the decoder. A picture that arrives for an earlier request is shown only if it is nearer
 * to the frame asked for than the one on screen (the screen says which one it is).
 */
export class LatestFrameRequests<F extends Indexed> {
  #wanted: number;
  #shown: number | null = null;
  #direction: 1 | -1 = 1;
  /** The frame that could not be had; not asked for again until requested again. */
  #failed: number | null = null;
  #decode: { target: number; controller: AbortController } | null = null;
  /** The on-hand frame being rendered: one at a time, latest wins. */
  #quick: number | null = null;
  #abandonTimer: ReturnType<typeof setTimeout> | null = null;
  #waiters: (() => void)[] = [];
  #closed = false;

  constructor(
    private readonly supply: FrameSupply<F>,
    private readonly events: FrameRequestEvents<F>,
    first: number,
    private readonly timing: FrameRequestTiming = DEFAULT_TIMING,
  ) {
    this.#wanted = first;
    this.#schedule();
  }

  get wanted(): number {
    return this.#wanted;
  }

  /** The index of the picture last handed to `show`; null before the first. */
  get shown(): number | null {
    return this.#shown;
  }

  get direction(): 1 | -1 {
    return this.#direction;
  }

  /** Asks for frame n; earlier requests not yet met are superseded. */
  request(n: number): void {
    if (this.#closed) return;
    if (n !== this.#wanted) this.#direction = n > this.#wanted ? 1 : -1;
    this.#wanted = n;
    this.#failed = null;
    this.#armAbandonCheck();
    this.#schedule();
  }

  /**
   * Asks again for the frame on screen, as if it were not there (it is shown anew once made
   * again, e.g. with other view filters); the picture stays on screen meanwhile.
   */
  refresh(): void {
    if (this.#closed) return;
    this.#shown = null;
    this.#failed = null;
    this.#schedule();
  }

  /** Resolves once the frame asked for is shown, has failed, or the requests are closed. */
  settled(): Promise<void> {
    if (this.#isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Stops: the running decode is abandoned and nothing more is shown. */
  close(): void {
    this.#closed = true;
    if (this.#abandonTimer) clearTimeout(this.#abandonTimer);
    this.#decode?.controller.abort();
    this.#resolveWaiters();
  }

  #isSettled(): boolean {
    return this.#closed || this.#shown === this.#wanted || this.#failed === this.#wanted;
  }

  #resolveWaiters(): void {
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  /** Starts whatever brings the frame asked for nearer; called after every change. */
  #schedule(): void {
    if (this.#closed) return;
    if (this.#isSettled()) return this.#resolveWaiters();
    const target = this.#wanted;
    if (this.supply.onHand(target)) {
      if (this.#quick === null) this.#fetch(target, 'quick');
      return;
    }
    // One decode at a time. If it will not bring the target, the abandon check ends it.
    if (this.#decode === null) this.#fetch(target, 'decode');
  }

  #fetch(target: number, lane: 'quick' | 'decode'): void {
    const started = performance.now();
    let fetching: Promise<F>;
    if (lane === 'quick') {
      this.#quick = target;
      fetching = this.supply.get(target, { direction: this.#direction, jump: false });
    } else {
      const controller = new AbortController();
      this.#decode = { target, controller };
      // Far from the picture on screen: decode just around the target, to show it sooner.
      const jump = this.#shown === null || Math.abs(target - this.#shown) > 1;
      const how = { direction: this.#direction, jump, signal: controller.signal };
      fetching = untilAborted(this.supply.get(target, how), controller.signal);
    }
    const done = () => {
      if (lane === 'quick') this.#quick = null;
      else this.#decode = null;
    };
    fetching.then(
      (frame) => {
        done();
        this.#offer(frame, performance.now() - started);
        this.#schedule();
      },
      (error: unknown) => {
        done();
        if (!(error instanceof CancelledError) && target === this.#wanted && !this.#closed) {
          this.#failed = target;
          this.events.fail(target, error);
        }
        this.#schedule();
      },
    );
  }

  /** Shows a picture if it is the one asked for, or nearer to it than the one on screen. */
  #offer(frame: F, fetchMs: number): void {
    if (this.#closed) return;
    const n = frame.frame.index;
    const nearer =
      this.#shown === null || Math.abs(n - this.#wanted) < Math.abs(this.#shown - this.#wanted);
    if (n !== this.#wanted && !nearer) return;
    this.#shown = n;
    this.events.show(frame, fetchMs);
  }

  /**
   * Once the frame asked for has stayed put for `settleMs`, a running decode that will not
   * bring it is abandoned, unless it would end sooner than a restart of the core.
   */
  #armAbandonCheck(): void {
    if (this.#abandonTimer) clearTimeout(this.#abandonTimer);
    this.#abandonTimer = null;
    if (!this.#decode || this.supply.decoding(this.#wanted)) return;
    this.supply.prepareToAbandon();
    this.#abandonTimer = setTimeout(() => {
      this.#abandonTimer = null;
      const running = this.#decode;
      if (!running || this.supply.decoding(this.#wanted)) return;
      const remaining = this.supply.decodeRemainingMs(running.target);
      if (remaining !== null && remaining <= this.timing.restartMs) return;
      running.controller.abort();
    }, this.timing.settleMs);
  }
}

/** The promise, or a CancelledError as soon as `signal` aborts (whichever comes first). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
