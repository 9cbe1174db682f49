/**
 * Which decoder the open video uses, and the check that lets WebCodecs stand in for FFmpeg
 * (media/decoder-check.ts). The user's choice ("Automatic" or "FFmpeg only") is a setting
 * of this browser, kept in localStorage like the panel sections.
 */
import { md5 } from 'hash-wasm';
import { frameIndex } from '../../core/ids';
import { checkWebCodecs, type DecoderCheck } from '../../media/decoder-check';
import type { DecodedFrame, VideoSource } from '../../media/video-source';

export type DecoderPreference = 'auto' | 'ffmpeg';

const STORAGE_KEY = 'framewise.decoder';

function readPreference(): DecoderPreference {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'ffmpeg' ? 'ffmpeg' : 'auto';
  } catch {
    return 'auto';
  }
}

const FFMPEG_CHOSEN = 'you chose FFmpeg only';

export class DecoderChoice {
  preference = $state<DecoderPreference>(readPreference());
  /** The check of the open video; null when no video is open. */
  check = $state.raw<DecoderCheck | null>(null);
  #source: VideoSource | null = null;
  #run = 0;

  /**
   * Starts the check for a newly opened video (its frame table complete); `onScreen`, the
   * frame shown (where a reopened case resumes), is among the frames compared.
   */
  start(source: VideoSource, onScreen = 0): void {
    this.#source = source;
    const run = ++this.#run;
    if (this.preference === 'ffmpeg') {
      this.check = { state: 'not-used', reason: FFMPEG_CHOSEN };
      return;
    }
    this.check = { state: 'checking' };
    source.onWebCodecsFailed = (reason) => {
      if (run !== this.#run) return;
      this.check = {
        state: 'not-used',
        reason: `WebCodecs stopped decoding (${reason}); FFmpeg decodes every frame from here`,
      };
    };
    void checkWebCodecs(source, () => run === this.#run, [onScreen])
      .catch((error: Error): DecoderCheck => ({ state: 'not-used', reason: error.message }))
      .then((check) => {
        if (run === this.#run) this.check = check;
      });
  }

  /** The video was closed. */
  stop(): void {
    this.#run++;
    this.#source = null;
    this.check = null;
  }

  /**
   * FFmpeg's decode of a frame differed from the WebCodecs one already cached (found by a
   * report or Verify): FFmpeg from now on, and the difference shown.
   */
  differed(frame: number, webcodecs: string, ffmpeg: string): void {
    this.#source?.stopWebCodecs();
    this.check = {
      state: 'differs',
      reason: `frame ${frame} decoded by WebCodecs has MD5 ${webcodecs}, by FFmpeg ${ffmpeg}`,
      firstDifference: { frame, webcodecs, ffmpeg },
    };
  }

  /**
   * Frame n as FFmpeg decodes it (the reference of reports and Verify); if WebCodecs had
   * decoded it differently, WebCodecs is dropped for this file.
   */
  referenceFrame(source: VideoSource, n: number): Promise<DecodedFrame> {
    return source.referenceFrame(frameIndex(n), (webcodecs, ffmpeg) => {
      void Promise.all([md5(webcodecs.data), md5(ffmpeg.data)]).then(([ours, theirs]) =>
        this.differed(n, ours, theirs),
      );
    });
  }

  /** The user's choice; `onScreen` is the frame shown (compared if WebCodecs is checked now). */
  setPreference(preference: DecoderPreference, onScreen = 0): void {
    this.preference = preference;
    try {
      localStorage.setItem(STORAGE_KEY, preference);
    } catch {
      // Storage full or blocked: the choice holds for this sitting only.
    }
    const source = this.#source;
    if (!source) return;
    if (preference === 'ffmpeg') {
      this.#run++;
      source.stopWebCodecs();
      this.check = { state: 'not-used', reason: FFMPEG_CHOSEN };
    } else if (this.check?.state === 'not-used' && this.check.reason === FFMPEG_CHOSEN) {
      this.start(source, onScreen);
    }
  }
}
