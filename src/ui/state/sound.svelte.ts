import { loudOnsets, summarise, type PeakSummary } from '../../media/audio-peaks';
import {
  chooseAudioStream,
  decodeAudioTrack,
  frameClockOf,
  frameSeconds,
  type AudioTrack,
  type FrameClock,
} from '../../media/audio-track';
import { CancelledError } from '../../media/cancelled';
import { MediaError } from '../../media/media-error';
import type { VideoSource } from '../../media/video-source';

/**
 * The open video's sound: decoded in the background once frame 0 is on screen
 * (case-opening.ts), summarised for the timeline's waveform lane, and played with Web Audio
 * in step with the frames at 1× (the Player calls `follow` for each frame it shows while
 * playing, `stop` when it stops). Never part of the evidence: nothing here touches frames,
 * MD5s, records or exports.
 */
export type SoundState = 'none' | 'decoding' | 'ready' | 'failed';

/** Audio more than this off the frame on screen is started again at the frame's time. */
const DRIFT_SECONDS = 0.12;
/** Seconds of sound put in one AudioBuffer (Float32: 19 MB at 16 kHz); then the next. */
const CHUNK_SECONDS = 300;

export class Sound {
  /** null: no video open. */
  state = $state<SoundState | null>(null);
  /** Why the sound could not be decoded (state 'failed'). */
  message = $state<string | null>(null);
  track = $state.raw<AudioTrack | null>(null);
  summary = $state.raw<PeakSummary | null>(null);
  /** Where loud sounds start, seconds from the file's start. */
  onsets = $state.raw<number[]>([]);
  /** True while an audio source is playing. */
  playingAudio = $state(false);
  /** Seconds into the sound the playing source started from (a frame's time); null: none. */
  playingFrom = $state<number | null>(null);
  /** Frames on the sound's time axis; null with no video. */
  clock = $state.raw<FrameClock | null>(null);

  #decoding: { stop: () => void } | null = null;
  #context: AudioContext | null = null;
  #node: { node: AudioBufferSourceNode; startedAt: number; offset: number; end: number } | null =
    null;

  /** Starts decoding the sound of `source` (once frame 0 is on screen). */
  load(source: VideoSource): void {
    this.clear();
    this.useSource(source);
    const stream = chooseAudioStream(source.facts.audioStreams);
    if (!stream) {
      this.state = 'none';
      return;
    }
    this.state = 'decoding';
    const decoding = decodeAudioTrack(source.file, stream, source.facts.durationSeconds);
    this.#decoding = decoding;
    decoding.done.then(
      (track) => {
        if (this.#decoding !== decoding) return;
        this.#decoding = null;
        this.track = track;
        this.summary = summarise(track.samples, track.rate);
        this.onsets = loudOnsets(track.samples, track.rate);
        this.state = 'ready';
      },
      (error: unknown) => {
        if (this.#decoding !== decoding || error instanceof CancelledError) return;
        this.#decoding = null;
        this.state = 'failed';
        this.message =
          error instanceof MediaError
            ? error.message
            : `The sound of this video could not be decoded (${error instanceof Error ? error.message : String(error)}). The pictures are not affected.`;
      },
    );
  }

  /**
   * Takes over `other`'s sound once decoded (or known to be absent or failed), leaving `other`
   * empty: a video that moves between views keeps its sound instead of decoding it again.
   * False while `other` is still decoding (the caller then loads it afresh).
   */
  takeFrom(other: Sound): boolean {
    if (other.state === null || other.state === 'decoding') return false;
    this.clear();
    this.state = other.state;
    this.message = other.message;
    this.track = other.track;
    this.summary = other.summary;
    this.onsets = other.onsets;
    this.clock = other.clock;
    other.clear();
    return true;
  }

  /** The frame table to place the sound by (the whole table, once known). */
  useSource(source: VideoSource): void {
    this.clock = frameClockOf(source);
  }

  /** No video: decoding stopped, sound silent, nothing on show. */
  clear(): void {
    this.stop();
    this.#decoding?.stop();
    this.#decoding = null;
    this.state = null;
    this.message = null;
    this.track = null;
    this.summary = null;
    this.onsets = [];
    this.clock = null;
  }

  /** Seconds from the file's start to frame `f` (fractional between frames). */
  secondsAt(f: number): number | null {
    return this.clock ? frameSeconds(this.clock, f) : null;
  }

  /**
   * Frame `frame` is on screen now, playing at `rate`: the sound plays from its time at 1×
   * (started, or started again if it is off by more than DRIFT_SECONDS: a seek, a stall, the
   * end of a chunk), and is silent at other speeds.
   */
  follow(frame: number, rate: number): void {
    const track = this.track;
    const at = this.secondsAt(frame);
    if (rate !== 1 || !track || at === null || at < 0 || at >= track.samples.length / track.rate) {
      this.stop();
      return;
    }
    const context = (this.#context ??= new AudioContext());
    if (context.state === 'suspended') void context.resume().catch(() => {});
    const playing = this.#node;
    if (playing) {
      const position = playing.offset + (context.currentTime - playing.startedAt);
      if (Math.abs(position - at) <= DRIFT_SECONDS && at < playing.end - DRIFT_SECONDS) return;
      this.stop();
    }
    this.#startAt(context, track, at);
  }

  #startAt(context: AudioContext, track: AudioTrack, at: number): void {
    const first = Math.floor(at * track.rate);
    const last = Math.min(track.samples.length, first + CHUNK_SECONDS * track.rate);
    const buffer = context.createBuffer(1, Math.max(1, last - first), track.rate);
    const channel = buffer.getChannelData(0);
    for (let i = first; i < last; i++) channel[i - first] = track.samples[i]! / 32768;
    const node = context.createBufferSource();
    node.buffer = buffer;
    node.connect(context.destination);
    node.start();
    const entry = { node, startedAt: context.currentTime, offset: at, end: last / track.rate };
    node.onended = () => {
      if (this.#node !== entry) return;
      this.#node = null;
      this.playingAudio = false;
    };
    this.#node = entry;
    this.playingAudio = true;
    this.playingFrom = at;
  }

  /** Silence (pause, seek away, another speed, another video). */
  stop(): void {
    const playing = this.#node;
    this.#node = null;
    this.playingAudio = false;
    this.playingFrom = null;
    if (!playing) return;
    playing.node.onended = null;
    try {
      playing.node.stop();
    } catch {
      // never started: nothing to stop
    }
    playing.node.disconnect();
  }
}
