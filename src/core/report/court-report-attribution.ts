/**
 * Who stands behind a court report: why it is a draft (an annotation set nobody is named for,
 * or one not signed off as final, or no examiner named), and the examiner's declaration with
 * a line to sign. A draft is marked "Draft" on every page by the renderers
 * (ReportDocument.draft); its declaration says it is not to be signed.
 */
import type { AnnotationSet } from '../annotations/model';
import type { Block } from './report-model';

/**
 * Why a report made now would be a draft, in plain words (none: it is not a draft). The UI
 * shows these before making the report; the report prints them on its first page.
 */
export function draftReasons(input: {
  readonly annotationSet: Pick<AnnotationSet, 'name' | 'annotator' | 'status'>;
  readonly examiner: string;
}): string[] {
  const { annotationSet: set } = input;
  const reasons: string[] = [];
  if (!set.annotator.trim()) {
    reasons.push(`annotation set "${set.name}" names no annotator, so its work is unattributed`);
  }
  if (set.status !== 'final') {
    reasons.push(`annotation set "${set.name}" is "${set.status}", not final`);
  }
  if (!input.examiner.trim()) reasons.push('no examiner is named');
  return reasons;
}

/** The words on every page of a draft report (its header) and atop its first page. */
export function draftNotice(reasons: readonly string[]): string {
  return `Draft: not for use as evidence. This report was made while ${reasons.join('; ')}.`;
}

/** Space to write in by hand, where a value was not given (role) and for the signature. */
export const WRITE_IN_LINE = '_'.repeat(36);

/** The examiner's declaration: name, role, date, and a line to sign (not on a draft). */
export function declarationBlocks(input: {
  readonly examiner: string;
  readonly examinerRole: string;
  readonly annotationSet: Pick<AnnotationSet, 'name' | 'annotator'>;
  /** ISO 8601 UTC: when the report was made. */
  readonly now: string;
  readonly draft: boolean;
}): Block[] {
  const set = input.annotationSet;
  const annotator = set.annotator.trim() || 'no annotator named';
  const statement = input.draft
    ? 'This report is a draft (see its first page): it is not to be signed. Make the report again once the annotation set is final and names its annotator.'
    : `I made this report from annotation set "${set.name}" (annotator: ${annotator}). The frames, times and hashes it quotes are as decoded by the method it describes, and each can be checked as set out under "How to verify". To the best of my knowledge and belief, its contents are true and complete.`;
  return [
    { kind: 'heading', level: 2, text: "Examiner's declaration" },
    { kind: 'paragraph', content: [statement], keepWithNext: true },
    {
      kind: 'facts',
      keepTogether: true,
      rows: [
        { label: 'Name', value: input.examiner.trim() || WRITE_IN_LINE },
        { label: 'Role', value: input.examinerRole.trim() || WRITE_IN_LINE },
        { label: 'Date', value: input.draft ? 'not to be signed' : input.now.slice(0, 10) },
        { label: 'Signature', value: input.draft ? 'not to be signed' : WRITE_IN_LINE },
      ],
    },
  ];
}
