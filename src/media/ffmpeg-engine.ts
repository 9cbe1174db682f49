import { FFFSType, FFmpeg } from '@ffmpeg/ffmpeg';
// The single-thread core, served from the app's own origin (never a CDN).
import coreURL from '@ffmpeg/core?url';
import wasmURL from '@ffmpeg/core/wasm?url';
import { CancelledError } from './cancelled';
import { MediaError } from './media-error';
import { CORE_MODULE_FIELD } from './core-factory-hooks';
import { coreModules } from './core-module';
// ffmpeg.wasm's worker with WORKERFS reading in large blocks (ffmpeg.worker.ts).
import classWorkerURL from './ffmpeg.worker.ts?worker&url';
import { READ_PROGRESS_CHANNEL, type ReadProgressMessage } from './block-reads';
import { parseFfmpegVersion } from './showinfo';

/**
 * The published 0.12.10 core crashes ("memory access out of bounds") after roughly 100
 * exec/ffprobe calls on one instance; we start a fresh one well before that (about 50 ms
 * once the page has compiled the wasm: see core-module.ts).
 */
const CALLS_BEFORE_RESTART = 60;
const MOUNT_DIR = '/in';

/**
 * Each core load, as a user-timing measure (`performance.getEntriesByName`), so a bench or
 * a profile can see what restarts cost: `detail.loadMs` is the load of the core (the page's
 * one compile of the wasm on the first, then the worker, its script and the instance), the
 * rest the first exec and the mount.
 */
export const CORE_LOAD_MEASURE = 'framewise:ffmpeg-core-load';

function markCoreLoad(started: number, loaded: number): void {
  const detail = { loadMs: Math.round(loaded - started) };
  performance.measure(CORE_LOAD_MEASURE, { start: started, end: performance.now(), detail });
}

type LoadConfig = NonNullable<Parameters<FFmpeg['load']>[0]> & {
  [CORE_MODULE_FIELD]?: WebAssembly.Module;
};

export interface CallResult {
  /** 0 on success. */
  readonly code: number;
  /** What FFmpeg printed during this call, line by line. */
  readonly log: readonly string[];
}

/**
 * ffmpeg.wasm behind a queue. The core runs in ffmpeg.wasm's own worker; this class makes sure
 * only one command runs at a time, restarts the core before its known crash and after any
 * wasm error, and reads the open file in place through a WORKERFS mount (no copy into the
 * wasm heap, so the file's size does not grow the tab's memory).
 */
export class FfmpegEngine {
  #ffmpeg: FFmpeg | null = null;
  #callsOnInstance = 0;
  #file: File | null = null;
  #log: string[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  #version = 'unknown';
  #queued = 0;
  #running: { background: boolean; cancelled: boolean } | null = null;
  /**
   * A core loaded ahead with the open file mounted, taken when a call is abandoned (or at the
   * periodic restart): the next call then starts at once instead of after a load (about
   * 50 ms here from the compiled module; more on a busy machine).
   */
  #spare: { file: File | null; core: Promise<FFmpeg> } | null = null;
  /** Counts `open` calls: a call queued for an earlier file is cancelled, not run. */
  #generation = 0;

  /** e.g. "n5.1.4"; known once the core has loaded. */
  get version(): string {
    return this.#version;
  }

  /** Path of the mounted file inside the core's file system. */
  get inputPath(): string {
    if (!this.#file) throw new Error('no file is open');
    return `${MOUNT_DIR}/${this.#file.name}`;
  }

  /**
   * Makes `file` the input of every later call. The file chosen last wins: a call still
   * running or waiting for an earlier file is cancelled (CancelledError), not finished.
   */
  open(file: File): Promise<void> {
    this.#generation++;
    if (this.#running) {
      this.#running.cancelled = true;
      this.#drop();
    }
    return this.#serially(async () => {
      this.#file = file;
      // A fresh instance per file: nothing of the previous file stays mounted or cached. A
      // blank core (warmUp) never had a file: it is as fresh, and already loaded.
      this.#drop();
      if (this.#spare?.file !== null) this.#dropSpare();
      await this.#instance();
    });
  }

  exec(args: readonly string[]): Promise<CallResult> {
    return this.#serially(() => this.#call('exec', args));
  }

  ffprobe(args: readonly string[]): Promise<CallResult> {
    return this.#serially(() => this.#call('ffprobe', args));
  }

  /**
   * Runs a call that writes `outputPath`, then reads that file back and deletes it. A
   * `background` call (prefetching) may be cancelled by `cancelBackground`; any call may be
   * abandoned through `signal` (see `#abandonOn`). Both reject with CancelledError.
   */
  execToFile(
    args: readonly string[],
    outputPath: string,
    options: { background?: boolean; signal?: AbortSignal } = {},
  ): Promise<CallResult & { output: Uint8Array | null }> {
    const { background = false, signal } = options;
    return this.#serially(() => {
      // Abandoned while it waited its turn: it never runs.
      if (signal?.aborted) throw new CancelledError();
      return this.#callToFile('exec', args, outputPath, background, signal);
    });
  }

  /**
   * An ffprobe call that writes `outputPath`, as text. `onReadProgress` hears how far into
   * the open file FFmpeg has read (0..1), for calls that read it all (a packet listing).
   */
  ffprobeToText(
    args: readonly string[],
    outputPath: string,
    onReadProgress?: (fraction: number) => void,
  ): Promise<CallResult & { text: string }> {
    return this.#serially(async () => {
      const stopListening = onReadProgress ? this.#listenToReads(onReadProgress) : () => {};
      try {
        const result = await this.#callToFile('ffprobe', args, outputPath);
        return { ...result, text: result.output ? new TextDecoder().decode(result.output) : '' };
      } finally {
        stopListening();
      }
    });
  }

  /** Hears the worker's reads of the open file (ffmpeg.worker.ts) until the returned stop. */
  #listenToReads(onReadProgress: (fraction: number) => void): () => void {
    const file = this.#file;
    const channel = new BroadcastChannel(READ_PROGRESS_CHANNEL);
    channel.onmessage = (event: MessageEvent<ReadProgressMessage>) => {
      const { name, size, position } = event.data;
      if (file && name === file.name && size === file.size && size > 0) {
        onReadProgress(Math.min(1, position / size));
      }
    };
    return () => channel.close();
  }

  async #callToFile(
    kind: 'exec' | 'ffprobe',
    args: readonly string[],
    outputPath: string,
    background = false,
    signal?: AbortSignal,
  ) {
    const result = await this.#call(kind, args, background, signal);
    const ffmpeg = await this.#instance();
    let output: Uint8Array | null;
    try {
      const data = await ffmpeg.readFile(outputPath);
      output = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      await ffmpeg.deleteFile(outputPath);
    } catch {
      output = null; // the call wrote nothing
    }
    return { ...result, output };
  }

  /** True while a call runs or waits: background work should not queue behind it. */
  get busy(): boolean {
    return this.#queued > 0;
  }

  /** The number of the file opened last; calls made for an earlier one are cancelled. */
  get generation(): number {
    return this.#generation;
  }

  #serially<T>(task: () => Promise<T>): Promise<T> {
    this.#queued++;
    const generation = this.#generation;
    const guarded = () => {
      if (generation !== this.#generation) throw new CancelledError();
      return task();
    };
    const run = this.#queue.then(guarded, guarded).finally(() => this.#queued--);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * One ffmpeg or ffprobe call. A wasm trap leaves the instance unusable, so the call is
   * retried once on a fresh instance (the user never sees the restart). Note that the core
   * logs "Aborted()" at the end of every call: that is its normal exit, not a failure.
   */
  async #call(
    kind: 'exec' | 'ffprobe',
    args: readonly string[],
    background = false,
    signal?: AbortSignal,
  ): Promise<CallResult> {
    for (let attempt = 1; ; attempt++) {
      const ffmpeg = await this.#instance();
      if (signal?.aborted) throw new CancelledError();
      this.#callsOnInstance++;
      this.#log = [];
      const running = { background, cancelled: false };
      this.#running = running;
      const stopAbandoning = this.#abandonOn(signal, running);
      try {
        const code = await ffmpeg[kind]([...args]);
        return { code, log: this.#log };
      } catch (error) {
        this.#drop();
        if (running.cancelled) throw new CancelledError();
        if (attempt >= 2) {
          // What the core throws when it traps is not always an Error ("[object Object]"
          // was all a person saw): said in plain words, with its last log lines.
          if (error instanceof Error) throw error;
          throw new MediaError(
            'FFmpeg stopped while reading this file: a part of it (a stream it cannot decode, or damaged data) makes its decoder fail.',
            this.#log.slice(-3).join(' ').trim(),
          );
        }
      } finally {
        stopAbandoning();
        this.#running = null;
      }
    }
  }

  /**
   * While `running` runs, an abort of `signal` ends it by ending its core (an exec cannot be
   * interrupted otherwise; the next call starts a fresh core, about 50 ms). Only this call is
   * ended: a signal aborted after its call finished does nothing. Returns the unsubscribe.
   */
  #abandonOn(
    signal: AbortSignal | undefined,
    running: { background: boolean; cancelled: boolean },
  ): () => void {
    if (!signal) return () => {};
    const abandon = () => {
      if (this.#running !== running) return;
      running.cancelled = true;
      this.#drop();
    };
    signal.addEventListener('abort', abandon, { once: true });
    return () => signal.removeEventListener('abort', abandon);
  }

  /**
   * Stops a background call that is running (by ending its core: calls cannot be interrupted
   * otherwise), so a request the user is waiting for runs at once. The next call starts a
   * fresh core (about 50 ms). Returns whether anything was cancelled.
   */
  cancelBackground(): boolean {
    if (!this.#running?.background) return false;
    this.#running.cancelled = true;
    this.#drop();
    return true;
  }

  async #instance(): Promise<FFmpeg> {
    if (this.#ffmpeg && this.#callsOnInstance < CALLS_BEFORE_RESTART) return this.#ffmpeg;
    this.#drop();
    const ffmpeg = (await this.#takeSpare()) ?? (await this.#loadCore(this.#file));
    this.#callsOnInstance = 0;
    this.#ffmpeg = ffmpeg;
    return ffmpeg;
  }

  /** A fresh core with `file` mounted; its logs go to the call running on it once current. */
  async #loadCore(file: File | null): Promise<FFmpeg> {
    const ffmpeg = new FFmpeg();
    const ownLog: string[] = [];
    ffmpeg.on('log', ({ message }) => (this.#ffmpeg === ffmpeg ? this.#log : ownLog).push(message));
    const started = performance.now();
    // Compiled once per page; each load after the first only instantiates it (the worker
    // fetches and compiles the wasm itself if it could not be compiled here).
    const module = await coreModules.get(wasmURL);
    const config: LoadConfig = { coreURL, wasmURL, classWorkerURL };
    if (module) config[CORE_MODULE_FIELD] = module;
    await ffmpeg.load(config);
    const loaded = performance.now();
    // Measured here: on a fresh core, an exec after ffprobe calls aborts unless an exec ran
    // first. `-version` is that first exec, and tells the decoder version for the record.
    await ffmpeg.exec(['-hide_banner', '-version']);
    this.#version = parseFfmpegVersion(ownLog);
    if (file) await this.#mount(ffmpeg, file);
    markCoreLoad(started, loaded);
    return ffmpeg;
  }

  async #mount(ffmpeg: FFmpeg, file: File): Promise<void> {
    await ffmpeg.createDir(MOUNT_DIR);
    await ffmpeg.mount(FFFSType.WORKERFS, { files: [file] }, MOUNT_DIR);
  }

  /**
   * Loads a spare core for the open file, if there is none: a call is likely to be abandoned
   * soon (the frame asked for has moved past what it decodes). Not done ahead of every call:
   * loading one competes with decoding for the processor.
   */
  prepareSpare(): void {
    if (this.#spare || !this.#file) return;
    const spare = { file: this.#file, core: this.#loadCore(this.#file) };
    this.#spare = spare;
    spare.core.catch(() => this.#spare === spare && (this.#spare = null));
  }

  /**
   * Loads a core with no file, before any file is chosen (at the app's start), so that
   * opening the first one starts with its probe rather than a load (0.3 to 1 s here: the
   * first load also compiles the wasm, which every later load reuses).
   */
  warmUp(): void {
    if (this.#spare || this.#ffmpeg || this.#file) return;
    const spare = { file: null, core: this.#loadCore(null) };
    this.#spare = spare;
    spare.core.catch(() => this.#spare === spare && (this.#spare = null));
  }

  /**
   * The spare core, if it was made for the open file (or blank: the file is mounted on it
   * now) and loaded; null otherwise.
   */
  async #takeSpare(): Promise<FFmpeg | null> {
    const spare = this.#spare;
    if (!spare) return null;
    this.#spare = null;
    if (spare.file === null && this.#file) {
      const file = this.#file;
      try {
        const core = await spare.core;
        await this.#mount(core, file);
        return core;
      } catch {
        return null;
      }
    }
    if (spare.file !== this.#file) {
      void spare.core.then((core) => core.terminate()).catch(() => {});
      return null;
    }
    return spare.core.catch(() => null);
  }

  #dropSpare(): void {
    void this.#spare?.core.then((core) => core.terminate()).catch(() => {});
    this.#spare = null;
  }

  /** Lets go of the file and stops the core (an engine made for one job, e.g. a verification). */
  close(): void {
    this.#file = null;
    this.#drop();
    this.#dropSpare();
  }

  #drop(): void {
    this.#ffmpeg?.terminate();
    this.#ffmpeg = null;
  }
}
