/**
 * The open case's annotation sets, as functions of the Workspace: switching between them,
 * starting a new one, changing a set's status or naming its annotator, and adding an
 * imported one. Each waits for the
 * open set's queued writes first, and each change is logged in the case's audit trail.
 */
import { newAnnotationSet, setTitle } from '../../core/annotations/annotation-sets';
import { entriesForCommand } from '../../core/evidence/audit';
import { nowIso } from '../../core/time/clock';
import { emptyHistory, recordCommand, type Command } from '../../core/annotations/history';
import type { AnnotationSet, Case, Label, SetStatus } from '../../core/annotations/model';
import type { Workspace } from './workspace.svelte';

/**
 * Shows another annotation set of the open case (once this one's edits are written): its
 * tracks, events, notes and undo history.
 */
export async function switchSet(ws: Workspace, setId: string): Promise<void> {
  const set = ws.sets.find((s) => s.id === setId);
  if (!set || set.id === ws.annotationSet?.id || !(await ws.canLeaveCase())) return;
  await ws.showSet(set);
}

/**
 * Starts a new, empty annotation set on the open case, made by the examiner named now
 * (e.g. a second examiner's blind annotation), logged, and shows it.
 */
export async function newSet(ws: Workspace): Promise<void> {
  const caseRecord = ws.caseRecord;
  if (!caseRecord || !(await ws.ensureExaminer()) || !(await ws.canLeaveCase())) return;
  if (!ws.evidence) return;
  const set = newAnnotationSet({
    caseId: caseRecord.id,
    evidenceSha256: ws.evidence.sha256,
    annotator: ws.examiner,
    existing: ws.sets,
    now: nowIso(),
  });
  try {
    await ws.writer.writeLogged([setCreated(ws, set)], (entries) =>
      ws.repository.createSetLogged(set, entries),
    );
    ws.sets = [...ws.sets, set];
    await ws.showSet(set);
    ws.notice = `Started ${set.name}: an empty annotation set. The others are kept as they are.`;
  } catch (error) {
    ws.alert = `A new annotation set could not be started: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Adds an annotation set that arrives with records (an import) and shows it: the set, the
 * import (as the set's first, undoable command), the labels it adds to the case and the
 * audit entries are written in one transaction.
 */
export async function addImportedSet(
  ws: Workspace,
  set: AnnotationSet,
  command: Command,
  labels: readonly Label[],
  logged: { readonly detail: string; readonly after: unknown },
): Promise<boolean> {
  const caseRecord = ws.caseRecord;
  if (!caseRecord || !(await ws.ensureExaminer()) || !(await ws.canLeaveCase())) return false;
  const now = nowIso();
  const history = recordCommand(emptyHistory(), command);
  const meta = {
    caseId: caseRecord.id,
    at: now,
    examiner: ws.examiner,
    appVersion: ws.appVersion,
  };
  const imported = ws.writer.draft(
    caseRecord.id,
    'import',
    { kind: 'set', id: set.id },
    logged.after,
    logged.detail,
  );
  const drafts = [
    setCreated(ws, set),
    imported,
    ...entriesForCommand(command, { ...meta, kind: 'do' }),
  ];
  await ws.writer.writeLogged(drafts, (entries) =>
    ws.repository.importSetLogged(set, command.changes, history, entries, now),
  );
  ws.sets = [...ws.sets, set];
  ws.caseRecord = { ...caseRecord, labels };
  await ws.showSet(set);
  return true;
}

/** Changes the status of the set on screen (logged); "final" makes it read-only. */
export async function setSetStatus(ws: Workspace, status: SetStatus): Promise<void> {
  const set = ws.annotationSet;
  const caseId = ws.caseRecord?.id;
  if (!set || !caseId || set.status === status) return;
  // Signed off only as saved: edits still waiting to be written would be locked out.
  if (!(await ws.ensureExaminer()) || !(await ws.canLeaveCase())) return;
  const now = nowIso();
  const draft = {
    ...ws.writer.draft(
      caseId,
      'set.edit',
      { kind: 'set', id: set.id },
      { status },
      `${set.name}: ${set.status} → ${status}`,
    ),
    before: { status: set.status },
  };
  try {
    await ws.writer.writeLogged([draft], (entries) =>
      ws.repository.updateSetLogged(set, { status }, entries, now),
    );
    const changed = { ...set, status, modifiedAt: now };
    ws.sets = ws.sets.map((s) => (s.id === set.id ? changed : s));
  } catch (error) {
    ws.alert = `The set's status could not be saved: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Names who made the set on screen (a set made when nobody was named, or a name to correct):
 * logged as a set.edit with the annotator before and after. Refused on a final set, as
 * every other change of it is.
 */
export async function setAnnotator(ws: Workspace, name: string): Promise<boolean> {
  const set = ws.annotationSet;
  const caseId = ws.caseRecord?.id;
  const annotator = name.trim();
  if (!set || !caseId || annotator === set.annotator) return false;
  if (ws.readOnly) {
    ws.notice = `${set.name} is final, so its annotator cannot be changed. Set its status back to "in progress" (logged) first.`;
    return false;
  }
  if (!annotator) {
    ws.alert = 'Type the name of the person who made this annotation set.';
    return false;
  }
  if (!(await ws.ensureExaminer()) || !(await ws.canLeaveCase())) return false;
  const now = nowIso();
  const was = set.annotator || 'no annotator named';
  const draft = {
    ...ws.writer.draft(
      caseId,
      'set.edit',
      { kind: 'set', id: set.id },
      { annotator },
      `${set.name}: annotator ${was} → ${annotator}`,
    ),
    before: { annotator: set.annotator },
  };
  try {
    await ws.writer.writeLogged([draft], (entries) =>
      ws.repository.updateSetLogged(set, { annotator }, entries, now),
    );
    ws.sets = ws.sets.map((s) => (s.id === set.id ? { ...s, annotator, modifiedAt: now } : s));
    return true;
  } catch (error) {
    ws.alert = `The set's annotator could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    return false;
  }
}

/** The first set of a case's video (its first by default), made by the examiner named now. */
export function firstSetOf(
  ws: Workspace,
  record: Case,
  evidenceSha256: Case['evidenceSha256'] = record.evidenceSha256,
): AnnotationSet {
  return newAnnotationSet({
    caseId: record.id,
    evidenceSha256,
    annotator: ws.examiner,
    existing: [],
    now: record.createdAt,
  });
}

/** The audit entry (not yet chained) that says a set was created. */
export function setCreated(ws: Workspace, set: AnnotationSet) {
  return ws.writer.draft(set.caseId, 'set.create', { kind: 'set', id: set.id }, set, setTitle(set));
}
