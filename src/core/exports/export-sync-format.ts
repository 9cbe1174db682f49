/**
 * What the native JSON export (and the evidence package's sync.json) says about a case of
 * several videos (issue 15): every video's facts, role and place on the case timeline, and
 * the synchronisation (anchors, each video's fitted mapping with its uncertainty and
 * residuals, the sound suggestions the examiner accepted). Absent for a case of one video,
 * whose export is exactly as before. schemas/annotations.schema.json publishes the same shape.
 */
import type { AnchorEnd, AcceptedSoundSuggestion } from '../sync/model';
import type { Acquisition, AnnotationSet, ClockCalibration } from '../annotations/model';
import type { VideoRole } from '../annotations/case-video-roles';

/**
 * How a video's clock maps to the case timeline: t_case = rate × t_video + offset (seconds),
 * the reference video rate 1 offset 0. `state`: reference; synced (rate and offset fitted);
 * offset-only (rate taken as 1); unsynced (no anchor places it: every number null).
 */
export interface ExportedMapping {
  readonly state: 'reference' | 'synced' | 'offset-only' | 'unsynced';
  readonly rate: number | null;
  readonly offset: number | null;
  /** Standard deviations (1 sd); a rate taken as 1 has sd 0. */
  readonly rateSd: number | null;
  readonly offsetSd: number | null;
  /** RMS of the residuals of the anchors it was fitted to (ms); null under two anchors. */
  readonly rmseMs: number | null;
}

/** A video of the case: its facts as `evidence` gives them for the set's own video. */
export interface ExportedVideo {
  readonly role: VideoRole;
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
  readonly pixelFormat: string;
  readonly timeBase: string;
  readonly startPts: number | null;
  readonly startSeconds: number | null;
  readonly frameCount: number;
  readonly acquisition: Acquisition;
  /** When it joined the case (the reference: when the case was made). */
  readonly addedAt: string;
  /** Its own DVR clock calibration; null where not calibrated. */
  readonly clock: ClockCalibration | null;
  readonly mapping: ExportedMapping;
  /** The case's annotation sets of this video (the file holds one set's annotations). */
  readonly annotationSets: readonly Pick<
    AnnotationSet,
    'id' | 'name' | 'annotator' | 'status' | 'createdAt' | 'modifiedAt'
  >[];
}

/** A video's fitted mapping as the fit gave it, with the residual of each of its anchors. */
export interface ExportedVideoFit extends ExportedMapping {
  readonly sha256: string;
  /** Covariance of rate and offset (s), for the uncertainty of t_case at any t_video. */
  readonly rateOffsetCov: number | null;
  /** How many anchors it was fitted to (0 for the reference and unsynced videos). */
  readonly anchorCount: number;
  /**
   * By anchor id, each anchor of this video whose other video is placed: where the other
   * video puts the instant minus where this one does, on the case timeline (ms).
   */
  readonly residualsMs: Readonly<Record<string, number>>;
  /** How it was placed, in plain words; null where there is nothing to add. */
  readonly note: string | null;
}

export interface ExportedAnchor {
  readonly id: string;
  /** One end each: a frame of a video, its t_video (s) and half its frame interval (s). */
  readonly a: AnchorEnd;
  readonly b: AnchorEnd;
  /** How the examiner found the pair: by eye on the frames, from the DVR clocks, the sound. */
  readonly source: 'frames' | 'dvr-clock' | 'sound';
  readonly note: string;
  readonly createdAt: string;
  /** t_case of end b minus t_case of end a (ms); null when either video is not placed. */
  readonly residualMs: number | null;
}

export interface ExportedSync {
  /** "t_case = rate × t_video + offset …": the convention the numbers follow, in words. */
  readonly convention: string;
  /** The video whose clock is the case timeline. */
  readonly referenceSha256: string;
  /** How the videos were lined up, in plain words. */
  readonly method: string;
  readonly anchors: readonly ExportedAnchor[];
  /** One per video, in case order (the reference first). */
  readonly videos: readonly ExportedVideoFit[];
  readonly soundSuggestions: readonly AcceptedSoundSuggestion[];
  /** Anchors that contradict each other or were left out, in plain words; empty when none. */
  readonly problems: readonly string[];
}
