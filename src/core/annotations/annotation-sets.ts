/**
 * Annotation sets: a case's video may be annotated more than once (by a second examiner, or
 * afresh for a blind review). Each set has its own tracks, events, notes and undo history.
 */
import { newSetId, type CaseId, type SetId, type Sha256 } from '../ids';
import { SET_STATUSES, type AnnotationSet, type Case, type SetStatus } from './model';

/**
 * A new, empty set "Set N" (N one more than the sets of its video already there), in
 * progress.
 */
export function newAnnotationSet(input: {
  readonly caseId: CaseId;
  /** The video annotated. */
  readonly evidenceSha256: Sha256;
  readonly annotator: string;
  readonly existing: readonly AnnotationSet[];
  readonly now: string;
}): AnnotationSet {
  return {
    id: newSetId(),
    caseId: input.caseId,
    evidenceSha256: input.evidenceSha256,
    name: `Set ${input.existing.length + 1}`,
    annotator: input.annotator,
    status: 'in progress',
    createdAt: input.now,
    modifiedAt: input.now,
  };
}

export const isSetStatus = (value: unknown): value is SetStatus =>
  (SET_STATUSES as readonly unknown[]).includes(value);

/** A final set is kept as it was signed off: edits wait until its status is changed back. */
export const isReadOnly = (set: AnnotationSet | null): boolean => set?.status === 'final';

/** "Set 2 · Dana Reyes · for review": how a set is named in lists and the audit log. */
export function setTitle(set: AnnotationSet): string {
  return [set.name, set.annotator || 'no annotator named', set.status].join(' · ');
}

/** The sets of one video of a case (a case of several videos has sets for each). */
export const setsOfVideo = (sets: readonly AnnotationSet[], sha256: string): AnnotationSet[] =>
  sets.filter((s) => s.evidenceSha256 === sha256);

/** The set to open first: the one changed last (the first made, when none was changed). */
export function latestSet(sets: readonly AnnotationSet[]): AnnotationSet | undefined {
  return [...sets].sort(
    (a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.createdAt.localeCompare(b.createdAt),
  )[0];
}

/**
 * Upgrading from before sets (database version 7, backup version 2): the id of the one set a
 * case had. Made from the case's id ("case_<uuid>" gives "set_<uuid>"), so a case always
 * upgrades to the same set, from a database or from a backup.
 */
export function firstSetIdOf(caseId: string): SetId {
  return `set_${caseId.replace(/^case_/, '')}` as SetId;
}

/**
 * Upgrading from before sets: the set that holds a case's existing annotations. Its annotator
 * is whoever created the case (the examiner of its first audit entry), else `examiner`.
 */
export function firstSetOf(
  record: Pick<Case, 'createdAt' | 'modifiedAt'> & {
    readonly id: string;
    readonly evidenceSha256: string;
  },
  creator: string | undefined,
  examiner: string,
): AnnotationSet {
  return {
    id: firstSetIdOf(record.id),
    caseId: record.id as CaseId,
    evidenceSha256: record.evidenceSha256 as Sha256,
    name: 'Set 1',
    annotator: creator ?? examiner,
    status: 'in progress',
    createdAt: record.createdAt,
    modifiedAt: record.modifiedAt,
  };
}

/** Upgrading from before sets: a track, event, note or undo history joins the first set. */
export function intoFirstSet<T extends { readonly caseId: string }>(
  record: T,
): T & { readonly setId: SetId } {
  return { ...record, setId: firstSetIdOf(record.caseId) };
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json & { caseId: string } =>
  value !== null && typeof value === 'object' && typeof (value as Json).caseId === 'string';

/**
 * Upgrading from before sets: an undo history's commands hold whole records (before and
 * after each change); those records join the first set too, or an undo or redo would write
 * back a record of no set. Anything not shaped like a command is left as it is.
 */
export function historyIntoFirstSet<
  T extends { readonly past?: unknown; readonly future?: unknown },
>(history: T): T {
  const change = (c: unknown): unknown => {
    if (c === null || typeof c !== 'object') return c;
    const { before, after } = c as Json;
    return {
      ...(c as Json),
      ...(isRecord(before) ? { before: intoFirstSet(before) } : {}),
      ...(isRecord(after) ? { after: intoFirstSet(after) } : {}),
    };
  };
  const command = (cmd: unknown): unknown => {
    if (cmd === null || typeof cmd !== 'object') return cmd;
    const { changes } = cmd as Json;
    return Array.isArray(changes) ? { ...(cmd as Json), changes: changes.map(change) } : cmd;
  };
  const steps = (list: unknown) => (Array.isArray(list) ? list.map(command) : list);
  return { ...history, past: steps(history.past), future: steps(history.future) };
}
