import { csvField, defuseFormula } from '../exports/events-csv';
import type { CompareResult, DifferenceKind } from './compare-sets';

/**
 * The trainer's class table (issue 17): one row per trainee's submission compared with the
 * reference, every score, sortable by any column, and the same as CSV (a spreadsheet opens it;
 * each row carries the thresholds it was scored with, so a row read alone is still exact).
 */
export interface ClassRow {
  readonly trainee: string;
  readonly submittedAt: string;
  /** SHA-256 of the submission file as imported. */
  readonly submissionSha256: string;
  readonly result: CompareResult;
}

export type ClassColumnKey =
  | 'trainee'
  | 'precision'
  | 'recall'
  | 'mota'
  | 'idf1'
  | 'hota'
  | 'idSwitches'
  | 'eventKappa'
  | 'timeKappa'
  | 'missing'
  | 'extra'
  | 'lowOverlap'
  | 'wrongLabel'
  | 'meanOnsetFrames';

export interface ClassColumn {
  readonly key: ClassColumnKey;
  /** The table's and the CSV's heading. */
  readonly title: string;
  readonly csv: string;
}

export const CLASS_COLUMNS: readonly ClassColumn[] = [
  { key: 'trainee', title: 'Trainee', csv: 'trainee' },
  { key: 'precision', title: 'Precision', csv: 'precision' },
  { key: 'recall', title: 'Recall', csv: 'recall' },
  { key: 'mota', title: 'MOTA', csv: 'mota' },
  { key: 'idf1', title: 'IDF1', csv: 'idf1' },
  { key: 'hota', title: 'HOTA', csv: 'hota' },
  { key: 'idSwitches', title: 'ID switches', csv: 'id_switches' },
  { key: 'eventKappa', title: 'Event κ', csv: 'event_kappa' },
  { key: 'timeKappa', title: 'Time κ', csv: 'time_kappa' },
  { key: 'missing', title: 'Missing', csv: 'missing_frames' },
  { key: 'extra', title: 'Extra', csv: 'extra_frames' },
  { key: 'lowOverlap', title: 'Low overlap', csv: 'low_overlap_frames' },
  { key: 'wrongLabel', title: 'Wrong label', csv: 'wrong_label_frames' },
  { key: 'meanOnsetFrames', title: 'Mean onset error (frames)', csv: 'mean_abs_onset_frames' },
];

/** Frames a kind of difference covers (differences are runs of frames). */
function framesOf(result: CompareResult, kind: DifferenceKind): number {
  return result.differences
    .filter((d) => d.kind === kind)
    .reduce((sum, d) => sum + d.endFrame - d.frame + 1, 0);
}

/** A cell's value: a number (null when there is none) or the trainee's name. */
export function classValue(row: ClassRow, key: ClassColumnKey): number | string | null {
  const r = row.result;
  switch (key) {
    case 'trainee':
      return row.trainee;
    case 'missing':
      return framesOf(r, 'missing');
    case 'extra':
      return framesOf(r, 'extra');
    case 'lowOverlap':
      return framesOf(r, 'low-overlap');
    case 'wrongLabel':
      return framesOf(r, 'wrong-label');
    case 'meanOnsetFrames':
      return r.events.meanAbsOnsetFrames;
    default:
      return r[key];
  }
}

/** Rows sorted by a column (names alphabetically, numbers by value; none last), stably. */
export function sortClassRows(
  rows: readonly ClassRow[],
  key: ClassColumnKey,
  direction: 'ascending' | 'descending',
): ClassRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: classValue(row, key) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const order =
        typeof a.v === 'string' || typeof b.v === 'string'
          ? String(a.v).localeCompare(String(b.v), 'en')
          : a.v - b.v;
      return order * sign || a.i - b.i;
    })
    .map((x) => x.row);
}

const number = (v: number | string | null) =>
  v === null ? '' : typeof v === 'number' ? String(Number(v.toFixed(6))) : v;

/** The class table as CSV (RFC 4180, CRLF), names defused against spreadsheet formulas. */
export function classTableCsv(rows: readonly ClassRow[]): string {
  const header = [
    ...CLASS_COLUMNS.map((c) => c.csv),
    'submitted_at',
    'submission_sha256',
    'frames_compared',
    'iou_threshold',
    'low_overlap_from',
    'event_iou_threshold',
    'event_tolerance_frames',
  ];
  const lines = rows.map((row) => {
    const r = row.result;
    return [
      ...CLASS_COLUMNS.map((c) =>
        c.key === 'trainee' ? csvField(defuseFormula(row.trainee)) : number(classValue(row, c.key)),
      ),
      csvField(row.submittedAt),
      row.submissionSha256,
      r.framesCompared ? `${r.framesCompared.first}-${r.framesCompared.last}` : '',
      number(r.options.iouThreshold),
      number(r.options.lowOverlap),
      number(r.options.eventIouThreshold),
      number(r.options.eventToleranceFrames),
    ].join(',');
  });
  return [header.join(','), ...lines].map((l) => `${l}\r\n`).join('');
}
