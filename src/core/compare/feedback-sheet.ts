import type { Block, Figure, Inline, ReportDocument } from '../report/report-model';
import type { CompareResult, Difference } from './compare-sets';

/**
 * A trainee's feedback sheet (issue 17), as a report document (so the court report's
 * renderers make its PDF and HTML): the exercise and the submission it scores, every score
 * with the thresholds it was scored at, and the differences, the first few with stills of the
 * reference and the trainee side by side (made by the caller, which decodes the frames).
 */
export interface FeedbackInput {
  readonly exerciseTitle: string;
  readonly videoFileName: string;
  readonly videoSha256: string;
  readonly referenceName: string;
  /** SHA-256 of the reference set's export, as the exercise names it. */
  readonly referenceSha256: string;
  readonly trainee: string;
  readonly submittedAt: string;
  readonly submissionSha256: string;
  /** The submission's audit head: its chain verified on import. */
  readonly auditHead: string;
  readonly result: CompareResult;
  /** A difference in words (as the Differences list says it). */
  readonly describe: (difference: Difference) => string;
  /** Stills for the first differences: reference and trainee, side by side. */
  readonly stills: ReadonlyMap<Difference, readonly [Figure, Figure]>;
  readonly trainer: string;
  readonly createdAt: string;
  readonly appName: string;
  readonly appVersion: string;
}

const mono = (text: string): Inline => ({ text, mono: true });
const fixed = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');

/** Differences listed in the table (the rest are counted; the CSV and the app list all). */
export const FEEDBACK_DIFFERENCES = 200;

export function feedbackSheet(input: FeedbackInput): ReportDocument {
  const r = input.result;
  const o = r.options;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `Feedback: ${input.trainee}` },
    {
      kind: 'facts',
      rows: [
        { label: 'Exercise', value: input.exerciseTitle },
        { label: 'Video', value: input.videoFileName },
        { label: 'Video SHA-256', value: mono(input.videoSha256) },
        { label: 'Reference', value: input.referenceName },
        { label: 'Reference SHA-256', value: mono(input.referenceSha256) },
        { label: 'Trainee', value: input.trainee },
        { label: 'Submitted', value: input.submittedAt },
        { label: 'Submission SHA-256', value: mono(input.submissionSha256) },
        { label: 'Audit head (chain verified)', value: mono(input.auditHead) },
      ],
    },
    { kind: 'heading', level: 2, text: 'Scores' },
    {
      kind: 'table',
      columns: ['Measure', 'Score', 'What it says'],
      rows: [
        ['Precision', fixed(r.precision), 'of the boxes you drew, the share on a reference object'],
        ['Recall', fixed(r.recall), 'of the reference objects, the share you found'],
        ['MOTA', fixed(r.mota), '1 − (missed + extra + identity switches) / reference boxes'],
        ['IDF1', fixed(r.idf1), 'how well you kept each object as one track'],
        [
          'HOTA',
          fixed(r.hota),
          `detection ${fixed(r.detA)} × association ${fixed(r.assA)}, square root`,
        ],
        [
          'Identity switches',
          String(r.idSwitches),
          'a reference object taken over by another of your tracks',
        ],
        ['Event κ', fixed(r.eventKappa), 'agreement on the events you marked, beyond chance'],
        ['Time κ', fixed(r.timeKappa), 'agreement frame by frame on what was happening'],
      ],
    },
    {
      kind: 'paragraph',
      content: [
        `Frames ${r.framesCompared ? `${r.framesCompared.first}–${r.framesCompared.last}` : 'none'} compared; `,
        `objects matched at IoU ≥ ${o.iouThreshold} (low overlap from ${o.lowOverlap}); events paired at temporal IoU ≥ ${o.eventIouThreshold}, onsets within ±${o.eventToleranceFrames} frames agreeing. `,
        r.similarityNote,
      ],
    },
    ...detailBlocks(r),
    { kind: 'heading', level: 2, text: `Differences (${r.differences.length})` },
  ];
  if (r.differences.length === 0) {
    blocks.push({
      kind: 'paragraph',
      content: ['None: your annotations agree with the reference at these thresholds.'],
    });
  } else {
    blocks.push({
      kind: 'table',
      columns: ['#', 'Difference'],
      rows: r.differences
        .slice(0, FEEDBACK_DIFFERENCES)
        .map((d, i) => [String(i + 1), input.describe(d)]),
    });
    if (r.differences.length > FEEDBACK_DIFFERENCES) {
      blocks.push({
        kind: 'paragraph',
        content: [`And ${r.differences.length - FEEDBACK_DIFFERENCES} more (listed in the app).`],
      });
    }
  }
  for (const [difference, figures] of input.stills) {
    blocks.push({ kind: 'heading', level: 3, text: input.describe(difference) });
    blocks.push({ kind: 'figures', figures });
  }
  blocks.push({
    kind: 'paragraph',
    content: [
      `Made by ${input.trainer} with ${input.appName} ${input.appVersion} on ${input.createdAt}.`,
    ],
  });
  return {
    title: `Feedback: ${input.trainee} · ${input.exerciseTitle}`,
    footer: `${input.exerciseTitle} · ${input.trainee}`,
    createdAt: input.createdAt,
    author: input.trainer,
    blocks,
  };
}

/** Attribute agreement and the label confusion, where there is any. */
function detailBlocks(r: CompareResult): Block[] {
  const blocks: Block[] = [];
  if (r.attributes.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Attributes on the frames matched',
      columns: ['Attribute', 'Frames agreeing', 'Share'],
      rows: r.attributes.map((a) => [a.name, `${a.agreed} of ${a.compared}`, fixed(a.rate)]),
    });
  }
  const { labels, counts, missed, extra } = r.labelConfusion;
  if (labels.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Labels: reference (rows) against yours (columns), frames matched',
      columns: ['', ...labels, 'missed'],
      rows: [
        ...labels.map((label, i) => [
          label,
          ...(counts[i] ?? []).map(String),
          String(missed[i] ?? 0),
        ]),
        ['extra', ...extra.map(String), ''],
      ],
    });
  }
  return blocks;
}
