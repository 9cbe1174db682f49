import type { FrameTable } from '../core/time/frame-table';
import { parseRate, ptsToSeconds, type TimeBase } from '../core/time/time-base';
import type { Pts } from '../core/ids';
import { CancelledError } from './cancelled';
import { FfmpegEngine } from './ffmpeg-engine';
import { MediaError } from './media-error';
import type { AudioStreamFacts } from './probe';

/**
 * A video's sound: which audio stream is heard, and its decoding to mono PCM by FFmpeg, on
 * an engine of its own (the player's engine stays free for frames). The sound is for ears
 * and eyes only: it never changes a frame, an MD5 or an export.
 *
 * Time: FFmpeg is asked to start the PCM at the file's start (`first_pts=0`, silence padded
 * before a late first audio packet, gaps filled), so sample k is at k / rate seconds after
 * the file's start time, the same zero as `frameSeconds` gives the frames.
 */

/**
 * The stream heard: the one the container marks as default, else the first. Null: the file
 * has no sound.
 */
export function chooseAudioStream(streams: readonly AudioStreamFacts[]): AudioStreamFacts | null {
  return streams.find((s) => s.isDefault) ?? streams[0] ?? null;
}

/** Files longer than this are decoded at the lower rate. */
const LONG_SECONDS = 30 * 60;

/**
 * Samples per second of the decoded PCM. 16 kHz keeps everything up to 8 kHz: speech stays
 * intelligible, a bang's onset is placed to well under a millisecond (a frame is 20 to 40
 * ms), and a 30-minute file is 58 MB of 16-bit samples. Longer files get 8 kHz (telephone
 * sound, still enough for waveforms and bangs), so an hour is the same 58 MB; CD rates would
 * cost up to 5 times more memory for nothing the waveform or the examiner needs.
 */
export function pcmRateFor(durationSeconds: number | null): 16000 | 8000 {
  return durationSeconds !== null && durationSeconds > LONG_SECONDS ? 8000 : 16000;
}

const OUTPUT_PATH = '/sound.pcm';

/** FFmpeg's arguments: one stream, downmixed to mono, resampled, from the file's start. */
export function audioDecodeArgs(
  input: string,
  streamIndex: number,
  rate: number,
  output: string,
): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-i',
    input,
    '-map',
    `0:${streamIndex}`,
    '-vn',
    '-sn',
    '-dn',
    // Sample 0 at the file's start: pad before a late first packet, fill gaps (no stretching).
    '-af',
    `aresample=${rate}:async=1:first_pts=0`,
    '-ac',
    '1',
    '-f',
    's16le',
    output,
  ];
}

/** A decoded sound track: mono signed 16-bit samples from the file's start. */
export interface AudioTrack {
  readonly stream: AudioStreamFacts;
  readonly rate: number;
  readonly samples: Int16Array;
}

/** PCM bytes (little-endian s16, as every browser's typed arrays are) → samples. */
export function samplesOf(bytes: Uint8Array): Int16Array {
  const whole = bytes.length - (bytes.length % 2);
  if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, whole / 2);
  return new Int16Array(bytes.slice(0, whole).buffer);
}

/**
 * Decodes `stream` of `file` on an engine of its own. `stop` ends it (a new file, the video
 * closed): `done` then rejects with CancelledError. A sound FFmpeg cannot decode rejects
 * with a MediaError in plain words; the pictures are not affected either way.
 */
export function decodeAudioTrack(
  file: File,
  stream: AudioStreamFacts,
  durationSeconds: number | null,
): { done: Promise<AudioTrack>; stop: () => void } {
  const engine = new FfmpegEngine();
  let stopped = false;
  const rate = pcmRateFor(durationSeconds);
  const done = (async () => {
    try {
      await engine.open(file);
      const result = await engine.execToFile(
        audioDecodeArgs(engine.inputPath, stream.index, rate, OUTPUT_PATH),
        OUTPUT_PATH,
      );
      if (stopped) throw new CancelledError();
      if (!result.output || result.output.length < 2) {
        const said = result.log.filter((line) => !/^Aborted\(\)/.test(line)).join(' ');
        throw new MediaError(
          `The sound of this video (${stream.codec}) could not be decoded. The pictures are not affected: frames, MD5s and exports are the same.`,
          said || `FFmpeg exit code ${result.code}`,
        );
      }
      return { stream, rate, samples: samplesOf(result.output) };
    } catch (error) {
      if (stopped) throw new CancelledError();
      throw error;
    } finally {
      engine.close();
    }
  })();
  return {
    done,
    stop: () => {
      stopped = true;
      engine.close();
    },
  };
}

/** What places frames on the sound's time axis. */
export interface FrameClock {
  readonly table: FrameTable;
  readonly timeBase: TimeBase;
  /** The file's start time (FFmpeg counts the sound from it). */
  readonly formatStartSeconds: number;
  /** Frames per second, for a table without timestamps (counted) and past the last frame. */
  readonly fps: number;
}

/** The clock of a video's frames: its frame table and timing facts. */
export function frameClockOf(source: {
  readonly table: FrameTable;
  readonly facts: {
    readonly timeBase: TimeBase;
    readonly formatStartSeconds: number;
    readonly averageFrameRate?: string;
    readonly nominalFrameRate?: string;
  };
}): FrameClock {
  const { facts } = source;
  return {
    table: source.table,
    timeBase: facts.timeBase,
    formatStartSeconds: facts.formatStartSeconds,
    fps: parseRate(facts.averageFrameRate) ?? parseRate(facts.nominalFrameRate) ?? 25,
  };
}

/** Every frame's start, seconds from the file's start (t_video of the case timeline). */
export function frameTimes(clock: FrameClock): number[] {
  return clock.table.frames.map((_, i) => frameSeconds(clock, i));
}

/**
 * Seconds from the file's start to frame `f`'s start; a fractional `f` lies between its two
 * frames' starts (the timeline's pixel columns fall between frames). Past the last frame,
 * frames go on at the nominal rate.
 */
export function frameSeconds(clock: FrameClock, f: number): number {
  const { frames } = clock.table;
  if (frames.length === 0) return f / clock.fps;
  const startOf = (i: number) =>
    clock.table.counted
      ? i / clock.fps
      : ptsToSeconds(frames[i]!.pts as Pts, clock.timeBase) - clock.formatStartSeconds;
  const lastIndex = frames.length - 1;
  if (f <= 0) return startOf(0) + f / clock.fps;
  if (f >= lastIndex) return startOf(lastIndex) + (f - lastIndex) / clock.fps;
  const i = Math.floor(f);
  const a = startOf(i);
  return a + (f - i) * (startOf(i + 1) - a);
}
