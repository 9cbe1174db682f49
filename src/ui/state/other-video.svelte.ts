import type { Sha256 } from '../../core/ids';
import type { Evidence } from '../../core/annotations/model';
import type { FrameOrOutside } from '../../core/sync/timeline-map';
import { frameClockOf, frameTimes } from '../../media/audio-track';
import { FfmpegEngine } from '../../media/ffmpeg-engine';
import type { VideoSource } from '../../media/video-source';
import { Player } from './player.svelte';
import { Sound } from './sound.svelte';

/**
 * A video of the open case shown beside the lead (case-videos.svelte.ts): its own FFmpeg
 * engine and player, so it is frame-exact as ever and decodes on its own worker; its own
 * sound, for its waveform on the case timeline (only the lead's sound is heard).
 */
export class OtherVideo {
  readonly player = new Player();
  readonly sound = new Sound();
  /** null until its file is chosen (a case reopened asks for each video's file). */
  source = $state.raw<VideoSource | null>(null);
  /** Its stored facts (known before its file is chosen again). */
  evidence = $state.raw<Evidence | null>(null);
  /** Where the lead's instant falls in this video: its frame, or before or after it. */
  placement = $state.raw<FrameOrOutside | null>(null);
  /** True while its file is read and hashed. */
  opening = $state(false);
  /** Every frame's t_video (seconds from the file's start), for finding the frame at an instant. */
  times: number[] = [];
  /** How long the last frame is shown (s): one frame interval. */
  lastDurationS = 0.04;

  constructor(
    readonly sha256: Sha256,
    readonly fileName: string,
    /** The engine its frames decode on (the lead's own, once the lead changed). */
    public engine: FfmpegEngine = new FfmpegEngine(),
  ) {}

  /** Shows `source` (its whole frame table) in this view, with its sound if already decoded. */
  attach(source: VideoSource, evidence: Evidence | null, sound?: Sound): void {
    this.source = source;
    if (evidence) this.evidence = evidence;
    const clock = frameClockOf(source);
    this.times = frameTimes(clock);
    this.lastDurationS = 1 / clock.fps;
    this.player.attach(source);
    if (!sound || !this.sound.takeFrom(sound)) this.sound.load(source);
  }

  /** Lets go of its file and stops its decoding; `keepEngine` when another view takes it. */
  close(keepEngine = false): void {
    this.player.attach(null);
    this.sound.clear();
    this.source?.close();
    this.source = null;
    if (!keepEngine) this.engine.close();
  }
}
