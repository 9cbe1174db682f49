import type { AnnotationDocument } from '../annotations/history';
import type { Pts } from '../ids';
import type { AnnotationEvent, Evidence } from '../annotations/model';
import { ptsToSeconds, type TimeBase } from '../time/time-base';

/**
 * The case's events as CSV (RFC 4180), for spreadsheets and timeline tools.
 *
 * Decisions:
 * - CRLF line ends (RFC 4180); a field is quoted when it holds a comma, a quote, CR or LF, and
 *   quotes inside it are doubled.
 * - No UTF-8 byte order mark by default: csvkit, pandas, R and Python's csv module read the
 *   BOM as part of the first column's name. Excel, though, reads a BOM-less file as the local
 *   code page and garbles non-ASCII descriptions, so `excelBom: true` adds one for a download
 *   meant for Excel.
 * - Frames are inclusive (as in the model). pts is the event's stored stream timestamp (the
 *   frame table's where the event has none); seconds is pts × time base with 6 decimals, like
 *   ffprobe's pts_time. Where a frame has no timestamp (raw streams), pts and seconds are left
 *   empty rather than guessed: the frame index is the anchor, and Evidence holds no frame rate
 *   to make seconds up from.
 * - CSV injection (OWASP): a text cell starting with = + - @, a tab or CR is prefixed with an
 *   apostrophe so a spreadsheet shows `=HYPERLINK(...)` as text instead of running it. The
 *   numbers we write ourselves ("-512", "-0.040000") are plain numbers, so they stay as they are.
 * - Rows sorted by start frame, then end frame, then id, so the same events give the same file.
 */

export const EVENTS_CSV_COLUMNS = [
  'event_id',
  'category',
  'description',
  'start_frame',
  'start_pts',
  'start_seconds',
  'end_frame',
  'end_pts',
  'end_seconds',
] as const;

/** What the event exports (CSV, WebVTT) are made from. */
export interface EventsExportInput {
  readonly evidence: Evidence;
  readonly document: AnnotationDocument;
  /** The pts ffprobe reports for a frame (null where none), from the frame table. */
  readonly framePts: (frame: number) => number | null;
  readonly frameCount: number;
}

export interface EventsCsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads the text as UTF-8. */
  readonly excelBom?: boolean;
}

const BOM = '\uFEFF';
const CRLF = '\r\n';
/** What a spreadsheet may take as the start of a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field as RFC 4180 wants it: quoted when it must be, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** User text made safe for a spreadsheet: a leading apostrophe defuses a formula. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Seconds with 6 decimals (microseconds, as ffprobe prints them); empty without pts. */
function secondsCell(p: Pts | null, timeBase: TimeBase): string {
  return p === null ? '' : ptsToSeconds(p, timeBase).toFixed(6);
}

/**
 * The event's start and end pts: as stored on the event (like the JSON export), else from the
 * frame table, else null.
 */
export function eventPts(
  event: AnnotationEvent,
  framePts: (frame: number) => number | null,
): { start: Pts | null; end: Pts | null } {
  return {
    start: event.startPts ?? (framePts(event.startFrame) as Pts | null),
    end: event.endPts ?? (framePts(event.endFrame) as Pts | null),
  };
}

function eventRow(event: AnnotationEvent, category: string, input: EventsExportInput): string[] {
  const timeBase = input.evidence.timeBase;
  const { start, end } = eventPts(event, input.framePts);
  return [
    defuseFormula(event.id),
    defuseFormula(category),
    defuseFormula(event.description),
    String(event.startFrame),
    start === null ? '' : String(start),
    secondsCell(start, timeBase),
    String(event.endFrame),
    end === null ? '' : String(end),
    secondsCell(end, timeBase),
  ];
}

/** Events in export order: by start frame, then end frame, then id. */
export function sortedEvents(document: AnnotationDocument): AnnotationEvent[] {
  return [...document.events.values()].sort(
    (a, b) =>
      a.startFrame - b.startFrame ||
      a.endFrame - b.endFrame ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The events as CSV text (a header row, then one row per event, every line ending CRLF). */
export function buildEventsCsv(input: EventsExportInput, options: EventsCsvOptions = {}): string {
  const { document } = input;
  const labelName = (id: string | null) => document.labels.find((l) => l.id === id)?.name ?? '';
  const rows: string[][] = [
    [...EVENTS_CSV_COLUMNS],
    ...sortedEvents(document).map((e) => eventRow(e, labelName(e.labelId), input)),
  ];
  const body = rows.map((row) => row.map(csvField).join(',') + CRLF).join('');
  return (options.excelBom ? BOM : '') + body;
}
