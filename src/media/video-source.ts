import { frameAtPts, keyframeAtOrBefore, type FrameTable } from '../core/time/frame-table';
import type { FrameIndex, Pts } from '../core/ids';
import { streamStats, type StreamStats } from '../core/time/stream-stats';
import { ByteLruCache } from './frame-cache';
import { CancelledError } from './cancelled';
import type { FfmpegEngine } from './ffmpeg-engine';
import { MediaError } from './media-error';
import { ffmpegComplaint, indexFileStart, indexInBackground, indexWholeFile } from './frame-index';
import { parseStreamFacts, type StreamFacts } from './probe';
import { decodeStarts, decodeWindow, type DecodeStart } from './seek-plan';
import { parseShowinfo, type ShowinfoFrame } from './showinfo';
import type { WebCodecsPath } from './webcodecs/webcodecs-path';

/** Whether two frames' bytes are the same. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One decoded picture, exactly as FFmpeg's rawvideo output gives it. */
export interface DecodedFrame {
  readonly index: FrameIndex;
  readonly pts: Pts;
  readonly key: boolean;
  /** I, P, B or '' if the decoder does not say. */
  readonly type: string;
  readonly pixelFormat: string;
  /** Size of the picture as decoded and rotated upright by FFmpeg. */
  readonly width: number;
  readonly height: number;
  /** Planes back to back, no padding: the bytes `ffmpeg -f framemd5` hashes. */
  readonly data: Uint8Array;
  /** Which decoder made it: FFmpeg, or WebCodecs once verified against FFmpeg for the file. */
  readonly decoder: FrameDecoder;
  /** framemd5 of `data` where already taken (WebCodecs' worker hashes as it decodes). */
  readonly md5?: string;
}

export type FrameDecoder = 'ffmpeg' | 'webcodecs';

const DEFAULT_CACHE_BYTES = 512 * 1024 * 1024;

/**
 * What the sources of one file share: its decoded frames, how fast each decoder went, and
 * the WebCodecs path once it is verified for this file (see decoder-check.ts).
 */
interface SharedDecoding {
  readonly cache: ByteLruCache<FrameIndex, DecodedFrame>;
  cacheBytes: number;
  readonly speed: Record<FrameDecoder, { frames: number; ms: number }>;
  webcodecs: WebCodecsPath | null;
  /** Frames arriving from a WebCodecs window, for requests waiting on one of them. */
  readonly arrivals: Map<number, ((frame: DecodedFrame) => void)[]>;
  /** Hears of each frame WebCodecs adds to the cache (the player readies its neighbours). */
  onDecoded: ((index: FrameIndex) => void) | null;
  onWebCodecsFailed: ((reason: string) => void) | null;
}
/**
 * Frames a jump decodes around its target (a step decodes up to WINDOW_MAX_BYTES' worth): 4
 * before it and 3 after. FFmpeg hands a window back only once its last frame is decoded, so
 * each frame after the target delays the jump (50 ms a frame for HEVC 1080p here); stepping
 * on from there decodes the next window in the background.
 */
const JUMP_WINDOW_FRAMES = 8;
const WINDOW_MAX_BYTES = 96 * 1024 * 1024;
const OUTPUT_PATH = '/window.raw';
/** FFmpeg's ways of saying it has no (working) decoder for a stream. */
const NO_DECODER =
  /decoder .*not found|hardware accelerated .* decoding|no decoder|unsupported codec|codec not currently supported|Error while opening decoder/i;

/** How one decode call runs: a jump's small window, background prefetching, abandonment. */
interface DecodeOptions {
  readonly jump?: boolean;
  readonly background?: boolean;
  readonly signal?: AbortSignal;
  /** FFmpeg, even where WebCodecs is verified (the reference: reports, Verify, parity). */
  readonly reference?: boolean;
}

/** An open video file: its facts, its frame table, and exact frames on request. */
export class VideoSource {
  readonly #shared: SharedDecoding;
  /** Frames FFmpeg decoded so far, and the time its decode calls took. */
  /** Windows being decoded, so a request for a frame in one waits for it, not redoes it. */
  #inFlight: {
    first: number;
    last: number;
    background: boolean;
    decoder: FrameDecoder;
    /** Stops a WebCodecs window (FFmpeg's background calls stop through the engine). */
    stop?: AbortController;
    /** When it was asked for, and how many frames FFmpeg must decode for it (from its keyframe). */
    startedAt: number;
    framesToDecode: number;
    done: Promise<DecodedFrame[]>;
  }[] = [];
  #stats: StreamStats | null = null;

  private constructor(
    readonly file: File,
    readonly facts: StreamFacts & { streamIndex: number },
    readonly table: FrameTable,
    private readonly engine: FfmpegEngine,
    /** The file ends before all the frames its index declares: it was cut short. */
    readonly cutShort: boolean,
    /** The engine's file this source was opened as (see FfmpegEngine.generation). */
    private readonly generation: number,
    /** Decoded frames and decoding counts, shared with the same file's complete source. */
    shared?: SharedDecoding,
  ) {
    this.#shared = shared ?? {
      cache: new ByteLruCache<FrameIndex, DecodedFrame>(DEFAULT_CACHE_BYTES),
      cacheBytes: DEFAULT_CACHE_BYTES,
      speed: { ffmpeg: { frames: 0, ms: 0 }, webcodecs: { frames: 0, ms: 0 } },
      webcodecs: null,
      arrivals: new Map(),
      onDecoded: null,
      onWebCodecsFailed: null,
    };
    this.streamIndex = facts.streamIndex;
  }

  readonly streamIndex: number;

  /** For a file cut short: a plain sentence saying which frames are missing; else null. */
  get cutShortWarning(): string | null {
    if (!this.cutShort) return null;
    const declared = this.facts.declaredFrameCount;
    const present = this.frameCount;
    const listed =
      declared && declared > present ? `its index lists ${declared} frames, but only ` : '';
    return `This file is cut short: ${listed}${present} frames are in it (frames 0 to ${present - 1}). Those can be viewed and annotated; the rest of the recording is missing from this copy.`;
  }

  /**
   * Opens a file: its facts, then its frame table from the packet listing, whose progress
   * (how far FFmpeg has read the file) `onIndexProgress` hears. Opening another file on the
   * same engine meanwhile cancels this (CancelledError).
   */
  static async open(
    file: File,
    engine: FfmpegEngine,
    onIndexProgress: (fraction: number) => void = () => {},
  ): Promise<VideoSource> {
    if (file.size === 0) {
      throw new MediaError('This file is empty (0 bytes). Choose a video file.');
    }
    await engine.open(file);
    const generation = engine.generation;
    const input = engine.inputPath;
    const streams = await engine.ffprobeToText(
      ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', input, '-o', '/streams.json'],
      '/streams.json',
    );
    // ffprobe's exit code is not reliable in ffmpeg.wasm; its JSON is. A file FFmpeg cannot
    // read yields no "format" section.
    const facts = parseStreamFacts(streams.text, ffmpegComplaint(streams.log));
    const start = await indexFileStart(engine, file, facts, onIndexProgress);
    if (!start) {
      const { table, partial } = await indexWholeFile(engine, facts, onIndexProgress);
      return new VideoSource(file, facts, table, engine, partial, generation);
    }
    // An MP4/MOV or a long file: its sample table or its start now, FFmpeg's whole table
    // from an engine of its own (see whole()).
    const source = new VideoSource(file, facts, start.table, engine, false, generation);
    source.#indexComplete = false;
    source.#holdsEveryFrame = start.whole;
    source.#readWhole = () => {
      const rest = indexInBackground(file, facts, start.table, start.whole, onIndexProgress);
      source.#stopIndexing = rest.stop;
      return rest.done.then(({ table, partial, sameAsStart }) => {
        // FFmpeg's listing is the sample table read in JavaScript, field for field: this
        // source stays (a new one would not know the decodes under way and start them again).
        if (sameAsStart && !partial) {
          source.#indexComplete = true;
          return source;
        }
        return new VideoSource(file, facts, table, engine, partial, generation, source.#shared);
      });
    };
    return source;
  }

  #readWhole: (() => Promise<VideoSource>) | null = null;
  #whole: Promise<VideoSource> | null = null;
  #stopIndexing: () => void = () => {};

  /**
   * This file with its whole frame table: itself, or, for a long file opened with its start
   * only (see frame-index.ts), a source with the whole table, sharing this one's decoded
   * frames (the frame numbers of the start are the same in both, checked). The first call
   * starts reading it: after frame 0 is on screen, so the two do not compete for the CPU.
   */
  whole(): Promise<VideoSource> {
    this.#whole ??= this.#readWhole ? this.#readWhole() : Promise.resolve(this);
    return this.#whole;
  }
  #indexComplete = true;
  #holdsEveryFrame = true;

  /**
   * True when the table holds every frame of the file, even while FFmpeg's whole listing
   * (whole()) has yet to confirm it (a long MP4 read from its sample table): that check
   * need not be hurried, nothing more can be navigated to once it is done.
   */
  get holdsEveryFrame(): boolean {
    return this.#holdsEveryFrame;
  }

  /** False while only the start of a long file is indexed (`complete` brings the rest). */
  get indexComplete(): boolean {
    return this.#indexComplete;
  }

  /** Lets go of the file: stops reading its frame table and closes its WebCodecs worker. */
  close(): void {
    this.#stopIndexing();
    this.stopWebCodecs();
  }

  /** The decoder new frames come from: WebCodecs once verified for this file, else FFmpeg. */
  get decoder(): FrameDecoder {
    return this.#shared.webcodecs ? 'webcodecs' : 'ffmpeg';
  }

  /**
   * Hears of each frame WebCodecs decodes, as it comes (FFmpeg's come a window at a time, with
   * the request that asked for them): the player readies those near the playhead for the screen.
   */
  set onDecoded(listener: ((index: FrameIndex) => void) | null) {
    this.#shared.onDecoded = listener;
  }

  /** Hears why WebCodecs was given up for this file after it had been verified. */
  set onWebCodecsFailed(listener: ((reason: string) => void) | null) {
    this.#shared.onWebCodecsFailed = listener;
  }

  #webCodecsFailed(reason: string): void {
    if (!this.#shared.webcodecs) return;
    this.stopWebCodecs();
    this.#shared.onWebCodecsFailed?.(reason);
  }

  /** Decodes with WebCodecs from now on (only after decoder-check.ts verified it). */
  useWebCodecs(path: WebCodecsPath): void {
    this.#shared.webcodecs = path;
  }

  /**
   * Back to FFmpeg for everything (the check failed, or the user chose FFmpeg only): the
   * frames WebCodecs decoded leave the cache, so none of them is shown again.
   */
  stopWebCodecs(): void {
    const path = this.#shared.webcodecs;
    if (!path) return;
    this.#shared.webcodecs = null;
    for (const w of this.#inFlight) if (w.decoder === 'webcodecs') w.stop?.abort();
    this.#shared.cache.deleteWhere((frame) => frame.decoder === 'webcodecs');
    path.dispose();
  }

  /** Frame rate, VFR and GOP facts measured from the frame table. */
  get stats(): StreamStats {
    this.#stats ??= streamStats(this.table, this.facts.timeBase);
    return this.#stats;
  }

  /** Frames per second FFmpeg has decoded in this file so far (including seeks and output). */
  get decodeFps(): number | null {
    const { frames, ms } = this.#shared.speed[this.decoder];
    return ms > 0 ? frames / (ms / 1000) : null;
  }

  get frameCount(): number {
    return this.table.frames.length;
  }

  get decoderVersion(): string {
    return this.engine.version;
  }

  cached(n: FrameIndex): DecodedFrame | undefined {
    return this.#shared.cache.get(n);
  }

  /**
   * Frame n, bit-exact: from the cache, else by decoding the window around it (ahead of n
   * when stepping forward, behind it when stepping back). A `jump` decodes only a few frames
   * around n, to show it sooner; stepping on from there prefetches the rest. Aborting
   * `signal` abandons the decode this call started (CancelledError): the user moved on.
   */
  async frame(
    n: FrameIndex,
    direction: 1 | -1 = 1,
    jump = false,
    signal?: AbortSignal,
  ): Promise<DecodedFrame> {
    if (n >= this.frameCount) throw new RangeError(`frame ${n} is past the last frame`);
    const hit = this.#shared.cache.get(n) ?? (await this.#fromWindowInFlight(n));
    if (hit) return hit;
    // The user waits for n: background work that does not hold it is dropped, not waited for.
    this.#cancelBackground();
    const wanted = await this.#frameOfWindow(
      this.#decodeWindowOnce(n, direction, { jump, signal }),
      n,
    );
    if (!wanted) {
      throw new MediaError(
        `Frame ${n} could not be decoded. The file may be damaged or cut short at that point.`,
      );
    }
    return wanted;
  }

  /**
   * Decodes the window holding n in the background, if it is not cached and FFmpeg has
   * nothing else to do, so stepping on does not stop at the window's edge.
   */
  prefetch(n: number, direction: 1 | -1): void {
    const busy = this.#shared.webcodecs?.busy ?? this.engine.busy;
    if (n < 0 || n >= this.frameCount || busy) return;
    const index = n as FrameIndex;
    if (this.#shared.cache.has(index) || this.#inFlight.some((w) => w.first <= n && n <= w.last))
      return;
    void this.#decodeWindowOnce(index, direction, { background: true }).catch(() => {}); // a real request will say
  }

  /** Whether a decode now running (or waiting its turn) will bring frame n. */
  decoding(n: number): boolean {
    return this.#inFlight.some((w) => w.first <= n && n <= w.last);
  }

  /**
   * Estimated milliseconds until the decode that will bring frame n ends, from the frames it
   * must decode and the decoding speed so far; null when nothing decodes n or the speed is
   * not known yet.
   */
  decodeRemainingMs(n: number): number | null {
    const window = this.#inFlight.find((w) => w.first <= n && n <= w.last);
    const fps = this.decodeFps;
    if (!window || !fps) return null;
    const expectedMs = (window.framesToDecode / fps) * 1000;
    return Math.max(0, expectedMs - (performance.now() - window.startedAt));
  }

  /** The decode running may soon be abandoned: have a fresh core ready (see the engine). */
  prepareToAbandon(): void {
    if (!this.#shared.webcodecs) this.engine.prepareSpare();
  }

  /**
   * Frame n as FFmpeg decodes it, whatever the decoder on screen: the reference for court
   * reports, Verify and the WebCodecs check. A WebCodecs frame in the cache is replaced by
   * FFmpeg's (`onDiffer` hears if their bytes differ: then WebCodecs is wrong for this file).
   */
  async referenceFrame(
    n: FrameIndex,
    onDiffer?: (webcodecs: DecodedFrame, ffmpeg: DecodedFrame) => void,
  ): Promise<DecodedFrame> {
    const cached = this.#shared.cache.get(n);
    if (cached?.decoder === 'ffmpeg') return cached;
    const inFlight = this.#inFlight.find(
      (w) => w.decoder === 'ffmpeg' && w.first <= n && n <= w.last,
    );
    const fromWindow = inFlight && (await inFlight.done.catch(() => [])).find((f) => f.index === n);
    const frame =
      fromWindow ??
      (await this.#frameOfWindow(this.#decodeWindowOnce(n, 1, { jump: true, reference: true }), n));
    if (!frame) {
      throw new MediaError(
        `Frame ${n} could not be decoded. The file may be damaged or cut short at that point.`,
      );
    }
    if (cached && onDiffer && !sameBytes(cached.data, frame.data)) onDiffer(cached, frame);
    return frame;
  }

  setCacheBytes(bytes: number): void {
    this.#shared.cacheBytes = bytes;
    this.#shared.cache.setMaxBytes(bytes);
  }

  /** If a window being decoded holds n, waits for it and returns n from the cache. */
  async #fromWindowInFlight(n: FrameIndex): Promise<DecodedFrame | undefined> {
    const window = this.#inFlight.find((w) => w.first <= n && n <= w.last);
    if (!window) return undefined;
    return this.#frameOfWindow(
      window.done.catch(() => []),
      n,
    );
  }

  /**
   * Frame n from a window's decode: as soon as it arrives (WebCodecs hands frames out one by
   * one), else when the window ends.
   */
  #frameOfWindow(done: Promise<DecodedFrame[]>, n: FrameIndex): Promise<DecodedFrame | undefined> {
    const arrivals = this.#shared.arrivals;
    let settle: (frame: DecodedFrame) => void = () => {};
    const arrived = new Promise<DecodedFrame>((resolve) => (settle = resolve));
    arrivals.set(n, [...(arrivals.get(n) ?? []), settle]);
    const ended = done.then(
      (frames) => frames.find((f) => f.index === n) ?? this.#shared.cache.get(n),
    );
    return Promise.race([arrived, ended]).finally(() => {
      const left = (arrivals.get(n) ?? []).filter((s) => s !== settle);
      if (left.length > 0) arrivals.set(n, left);
      else arrivals.delete(n);
    });
  }

  /** Drops background decoding: FFmpeg's through the engine, WebCodecs' through its window. */
  #cancelBackground(): void {
    if (this.#inFlight.some((w) => w.background && w.decoder === 'ffmpeg')) {
      this.engine.cancelBackground();
    }
    for (const w of this.#inFlight) if (w.background && w.decoder === 'webcodecs') w.stop?.abort();
  }

  #decodeWindowOnce(
    n: FrameIndex,
    direction: 1 | -1,
    { jump = false, background = false, signal, reference = false }: DecodeOptions = {},
  ): Promise<DecodedFrame[]> {
    const keyframe = keyframeAtOrBefore(this.table, n);
    const frameBytes = Math.max(1, this.facts.width * this.facts.height * 1.5);
    const webcodecs = reference ? null : this.#shared.webcodecs;
    const budget = Math.min(
      jump ? JUMP_WINDOW_FRAMES : Infinity,
      Math.floor(Math.min(WINDOW_MAX_BYTES, this.#shared.cacheBytes) / frameBytes),
    );
    const { first, last } = decodeWindow(n, keyframe, this.frameCount, budget, direction);
    const stop = new AbortController();
    if (signal) signal.addEventListener('abort', () => stop.abort(), { once: true });
    const window = {
      first,
      last,
      background,
      decoder: (webcodecs ? 'webcodecs' : 'ffmpeg') as FrameDecoder,
      stop,
      startedAt: performance.now(),
      framesToDecode: last - keyframe + 1,
      done: webcodecs
        ? this.#decodeWindowWebCodecs(webcodecs, n, first, last, stop.signal).catch(
            (error: unknown) => {
              // Stopped on purpose: the user moved on, or background work gave way.
              if (error instanceof CancelledError && (signal?.aborted || background)) throw error;
              // WebCodecs stopped (a decoder error, a packet it cannot read; or it was given
              // up for this file meanwhile): FFmpeg decodes this window and every frame
              // after, as it would have without WebCodecs.
              if (!(error instanceof CancelledError)) {
                this.#webCodecsFailed(error instanceof Error ? error.message : String(error));
              }
              return this.#decodeWindow(n, first, last, { background, signal });
            },
          )
        : this.#decodeWindow(n, first, last, { background, signal }),
    };
    this.#inFlight.push(window);
    void window.done
      .catch(() => {})
      .finally(() => (this.#inFlight = this.#inFlight.filter((w) => w !== window)));
    return window.done;
  }

  /**
   * Frames first..last (those not cached) with WebCodecs, each cached and handed to whoever
   * waits for it as it comes. Every frame is named by its pts, as FFmpeg's are.
   */
  async #decodeWindowWebCodecs(
    path: WebCodecsPath,
    n: FrameIndex,
    first: number,
    last: number,
    signal: AbortSignal,
  ): Promise<DecodedFrame[]> {
    const { frames } = this.table;
    const wanted: number[] = [];
    for (let i = first; i <= last; i++) {
      if (i === n || !this.#shared.cache.has(i as FrameIndex)) wanted.push(frames[i]!.pts);
    }
    const decoded: DecodedFrame[] = [];
    const started = performance.now();
    const pictures = await path.decode(
      wanted,
      (out) => {
        const index = frameAtPts(this.table, out.pts as Pts);
        if (index === null) return;
        const frame: DecodedFrame = {
          index,
          pts: frames[index]!.pts,
          key: frames[index]!.key,
          type: out.type,
          pixelFormat: 'yuv420p',
          width: out.width,
          height: out.height,
          data: out.data,
          decoder: 'webcodecs',
          md5: out.md5,
        };
        this.#shared.cache.set(index, frame, out.data.byteLength);
        decoded.push(frame);
        for (const settle of this.#shared.arrivals.get(index) ?? []) settle(frame);
        this.#shared.onDecoded?.(index);
      },
      signal,
    );
    const speed = this.#shared.speed.webcodecs;
    speed.ms += performance.now() - started;
    speed.frames += pictures;
    return decoded;
  }

  /**
   * Decodes frames first..last, trying the starts of `decodeStarts` in turn until n comes
   * back. Every frame that comes back is identified by its pts (showinfo), never by counting,
   * so a seek that lands elsewhere than planned can never label a picture with the wrong
   * frame number: at worst it costs another attempt.
   */
  async #decodeWindow(
    n: FrameIndex,
    first: number,
    last: number,
    call: DecodeOptions,
  ): Promise<DecodedFrame[]> {
    let lastLog: readonly string[] = [];
    for (const start of decodeStarts(this.table, this.facts, n)) {
      const { frames, log } = await this.#decodeRange(
        start,
        first as FrameIndex,
        last as FrameIndex,
        call,
      );
      lastLog = log;
      if (frames.some((f) => f.index === n)) return frames;
    }
    if (lastLog.some((line) => NO_DECODER.test(line))) {
      const name = this.facts.codecLongName
        ? `${this.facts.codecLongName} (${this.facts.codec})`
        : this.facts.codec;
      throw new MediaError(
        `This video is coded as ${name}, which Framewise's decoder (FFmpeg ${this.engine.version} in the browser) cannot decode. Ask for the footage in another format, or make a working copy in a format it reads and keep the original and its SHA-256 on record.`,
        lastLog.find((line) => NO_DECODER.test(line))?.trim() ?? '',
      );
    }
    throw new MediaError(
      `Frame ${n} could not be decoded. The file may be damaged or cut short at that point.`,
      ffmpegComplaint(lastLog),
    );
  }

  /** One FFmpeg call: decode from `start`, keep frames first..last, as raw native pixels. */
  async #decodeRange(
    start: DecodeStart,
    first: FrameIndex,
    last: FrameIndex,
    { background = false, signal }: DecodeOptions,
  ) {
    const { frames } = this.table;
    const firstPts = frames[first]!.pts;
    const lastPts = frames[last]!.pts;
    const counting = this.table.counted;
    // Another file opened on the engine since: this source is closed.
    if (this.engine.generation !== this.generation) throw new CancelledError();
    const seek =
      start.seekSeconds === null ? [] : ['-noaccurate_seek', '-ss', start.seekSeconds.toFixed(6)];
    const args = [
      '-hide_banner',
      // The level persists between calls on one core: always say it (showinfo logs at info).
      '-loglevel',
      'info',
      ...seek,
      // Keep the stream's own timestamps, so each output frame's pts names it exactly.
      '-copyts',
      '-i',
      this.engine.inputPath,
      '-map',
      `0:${this.streamIndex}`,
      // showinfo first logs every decoded frame (pts, type, key; no checksums: cheap), then
      // select keeps the window. The kept frames are the logged ones with pts in the window.
      '-vf',
      counting
        ? `showinfo=checksum=0,select='between(n,${first},${last})'`
        : `showinfo=checksum=0,select='between(pts,${firstPts},${lastPts})'`,
      // No duplicated or dropped frames on variable frame rate input.
      '-fps_mode',
      'passthrough',
      '-frames:v',
      String(last - first + 1),
      '-f',
      'rawvideo',
      OUTPUT_PATH,
    ];
    const started = performance.now();
    const result = await this.engine.execToFile(args, OUTPUT_PATH, { background, signal });
    const decodedInfos = parseShowinfo(result.log);
    this.#shared.speed.ffmpeg.ms += performance.now() - started;
    this.#shared.speed.ffmpeg.frames += decodedInfos.length;
    // Counting mode always decodes from the start, so showinfo's n is the frame index.
    const indexOf = (info: ShowinfoFrame) =>
      counting ? info.n : info.pts === null ? null : frameAtPts(this.table, info.pts);
    const keptInfos = decodedInfos
      .filter((info) => {
        const index = indexOf(info);
        return index !== null && index >= first && index <= last;
      })
      .slice(0, last - first + 1);
    const raw = result.output;
    if (!raw || keptInfos.length === 0) return { frames: [], log: result.log };
    const frameBytes = raw.length / keptInfos.length;
    if (!Number.isInteger(frameBytes)) {
      throw new MediaError(
        'The decoder returned frames of unequal size.',
        `${raw.length} bytes / ${keptInfos.length} frames`,
      );
    }
    // After a seek, pictures output before the first keyframe may rest on references the
    // decoder never saw: never trust them. (From the file start, everything is as FFmpeg shows.)
    const firstKey = decodedInfos.findIndex((info) => info.key);
    const trustedFromPts =
      start.seekSeconds === null
        ? -Infinity
        : firstKey < 0
          ? Infinity
          : (decodedInfos[firstKey]!.pts ?? Infinity);
    const decoded: DecodedFrame[] = [];
    keptInfos.forEach((info, i) => {
      if ((info.pts ?? -Infinity) < trustedFromPts) return;
      const index = indexOf(info) as FrameIndex;
      const frame: DecodedFrame = {
        index,
        pts: frames[index]!.pts,
        key: info.key,
        type: info.type,
        pixelFormat: info.pixelFormat,
        width: info.width,
        height: info.height,
        // A view, not a copy: copying a 100 MB window here would stall the UI thread.
        data: raw.subarray(i * frameBytes, (i + 1) * frameBytes),
        decoder: 'ffmpeg',
      };
      this.#shared.cache.set(index, frame, frameBytes);
      decoded.push(frame);
    });
    return { frames: decoded, log: result.log };
  }
}
