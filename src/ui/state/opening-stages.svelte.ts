/**
 * The stages of opening a video, each with its own progress, and what waits for the video's
 * SHA-256. A video is shown as soon as its frame table and frame 0 are ready; its SHA-256
 * is computed meanwhile, and only then is its case found (cases are kept by SHA-256). An
 * action that needs the case (an edit, an export, an import) asked for before that waits
 * here, in order, and says so, then runs once the case is known: nothing is dropped.
 */
export class OpeningStages {
  /** Reading the packet listing (the frame table): how far FFmpeg has read the file, 0..1. */
  index = $state<number | null>(null);
  /** Decoding frame 0 (0, then 1 once it is on screen). */
  firstFrame = $state<number | null>(null);
  /** Computing the video's SHA-256, 0..1; null when not hashing. */
  hash = $state<number | null>(null);
  /** What waits for the SHA-256, in plain words, in the order asked. */
  waiting = $state.raw<string[]>([]);
  #actions: (() => void)[] = [];
  /** The identification in progress: stop it, or wait for it to end. */
  #identification: { stop: () => void; ended: Promise<void> } | null = null;

  /** True while the open video's SHA-256 (and so its case) is not known yet. */
  get identifying(): boolean {
    return this.hash !== null;
  }

  /** The open video's identification starts (its hash runs); `stop` cancels it. */
  beginIdentification(stop: () => void): () => void {
    let ended!: () => void;
    this.#identification = { stop, ended: new Promise<void>((resolve) => (ended = resolve)) };
    this.hash = 0;
    const identification = this.#identification;
    return () => {
      if (this.#identification === identification) {
        this.#identification = null;
        this.hash = null;
      }
      ended();
    };
  }

  /** Queues an action until the case is known (see Workspace.whenCaseKnown). */
  wait(what: string, run: () => void): void {
    this.#actions.push(run);
    this.waiting = [...this.waiting, what];
  }

  /** The actions that waited, in order, now to be run (the case is known). */
  takeWaiting(): (() => void)[] {
    this.waiting = [];
    return this.#actions.splice(0);
  }

  /**
   * Before another file is opened or the video closed: with actions waiting, waits for the
   * SHA-256 and the case, so they are saved; with none, stops hashing at once.
   */
  async settle(): Promise<void> {
    const identification = this.#identification;
    if (!identification) return;
    if (this.#actions.length > 0) return identification.ended;
    identification.stop();
  }

  /** Every stage done or given up (the open failed or another file was chosen). */
  clear(): void {
    this.index = null;
    this.firstFrame = null;
    if (!this.#identification) this.hash = null;
  }
}
