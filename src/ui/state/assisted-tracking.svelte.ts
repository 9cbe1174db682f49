/**
 * What the tracking controls show (issue 16): how many frames a run goes, the run under way
 * (its progress bar and Stop), and what the last run did, in words. The run itself is
 * tracking-actions.ts.
 */
export interface TrackingProgress {
  readonly direction: 1 | -1;
  readonly from: number;
  /** Frames tracked so far, of `total`. */
  readonly done: number;
  readonly total: number;
}

export class AssistedTracking {
  /** The "Track frames" spinbutton. */
  frames = $state(100);
  progress = $state.raw<TrackingProgress | null>(null);
  /** What the last run did and why it ended, e.g. "Tracked 57 frames forward … Lost: …". */
  outcome = $state<string | null>(null);
  /** Frames per second of the last run, decoding included (shown beside the outcome). */
  lastFps = $state<number | null>(null);
  #stop = new AbortController();

  get running(): boolean {
    return this.progress !== null;
  }

  /** Ends the run under way after the frame in hand; what it tracked so far is kept. */
  stop(): void {
    if (this.running) this.#stop.abort();
  }

  /** Aborted when Stop is pressed: the run stops waiting for the frame being decoded. */
  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  begin(progress: TrackingProgress): void {
    this.#stop = new AbortController();
    this.outcome = null;
    this.progress = progress;
  }

  end(outcome: string, fps: number | null): void {
    this.progress = null;
    this.outcome = outcome;
    this.lastFps = fps;
  }
}
