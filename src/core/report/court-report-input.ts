/**
 * What the court report is built from: the case's records and the stills the UI made. Its own
 * file so the report's table and verification helpers need not import court-report.ts.
 */
import type { AuditEntry } from '../evidence/audit';
import type { FrameClock } from '../time/clock-calibration';
import type { Decoder, Generator } from '../exports/export-json-format';
import type { AnnotationDocument } from '../annotations/history';
import type { AnnotationSet, Case, Evidence } from '../annotations/model';
import type { StreamStats } from '../time/stream-stats';
import type { MeasurementsSectionInput } from './court-report-measurements';
import type { SeveralVideosInput } from '../exports/export-sync';

/** One cited frame: its numbers and its two stills (PNG). */
export interface CitedFrame {
  readonly frame: number;
  readonly caption: string;
  readonly pts: number | null;
  readonly seconds: number | null;
  readonly md5: string;
  readonly clock: FrameClock | null;
  readonly width: number;
  readonly height: number;
  readonly clean: Uint8Array;
  readonly annotated: Uint8Array;
  /** Objects blocked out in both stills (redacted for publication), by title. */
  readonly redacted: readonly string[];
  /**
   * "Computed, not observed on this frame: …" when a position on the annotated still was not
   * drawn on this frame (core/annotations/computed-positions.ts); null when all were.
   */
  readonly computed: string | null;
  /**
   * The frame's time on its own video's clock (s from the file's start: t_video of the sync),
   * for its case time in a case of several videos; null or absent where not known.
   */
  readonly tVideo?: number | null;
}

/** A citation whose frame could not be decoded (its video's file is not open). */
export interface UndecodedCitation {
  readonly frame: number;
  readonly caption: string;
  /** As stored with the citation when it was made; null where none. */
  readonly pts: number | null;
  readonly seconds: number | null;
}

/** The citations of another video's set (its latest), with the stills made of them. */
export interface OtherVideoCitations {
  readonly sha256: string;
  readonly fileName: string;
  readonly set: AnnotationSet;
  /** Decoded afresh, with stills (none when the video is not open). */
  readonly cited: readonly CitedFrame[];
  /** Not decoded: listed with their numbers and `reason`. */
  readonly notDecoded: readonly UndecodedCitation[];
  /** Why `notDecoded` could not be decoded, in plain words; null when all were. */
  readonly reason: string | null;
}

/**
 * A case of several videos (issue 15): its videos with their facts, the sync and its fit,
 * and the citations of each other video's latest set.
 */
export interface ReportVideosInput extends Pick<SeveralVideosInput, 'videos' | 'sync' | 'fit'> {
  readonly others: readonly OtherVideoCitations[];
}

export interface CourtReportInput {
  readonly caseRecord: Case;
  readonly evidence: Evidence;
  readonly annotationSet: AnnotationSet;
  readonly document: AnnotationDocument;
  readonly examiner: string;
  /** The examiner's role or title, for the declaration (a line to write in when empty). */
  readonly examinerRole?: string;
  readonly now: string;
  readonly generator: Generator;
  readonly decoder: Decoder;
  readonly stats: StreamStats;
  readonly cited: readonly CitedFrame[];
  readonly audit: readonly AuditEntry[];
  /** The evidence package made with the report: SHA-256 of its manifest.json and SHA256SUMS. */
  readonly packageHashes: {
    readonly fileName: string;
    readonly manifest: string;
    readonly sha256sums: string;
  };
  /** pts of a frame from the frame table, for tables. */
  readonly framePts: (frame: number) => number | null;
  /** The DVR time of a frame (calibrated cases), for tables. */
  readonly frameClock: (frame: number) => FrameClock | null;
  /**
   * The Measurements section (the set's calibration, its measurements computed, their charts
   * and the plan view); absent or null, or with neither a calibration nor a measurement: no
   * such section.
   */
  readonly measurements?: MeasurementsSectionInput | null;
  /** A case of several videos; absent or null (or one video): the report is as before. */
  readonly severalVideos?: ReportVideosInput | null;
}
