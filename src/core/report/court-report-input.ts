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
}
