import {
  applyCommand,
  recordCommand,
  redoStep,
  undoStep,
  type Command,
} from '../../core/annotations/history';
import type { EditKind } from './case-writer.svelte';
import type { Workspace } from './workspace.svelte';

/**
 * How every edit, undo and redo is made (through `ws.execute`, `ws.undo`, `ws.redo`): refused
 * in words while the set is read whole or is final; with no examiner named, it waits for the
 * name (and is dropped if the annotations changed meanwhile); then it is shown at once and
 * queued for writing (CaseWriter), the selection and label chooser following the document.
 */

export function executeEdit(ws: Workspace, command: Command): void {
  if (!ws.caseRecord || command.changes.length === 0 || refused(ws)) return;
  if (!ws.examiner) return void onceNamed(ws, () => executeEdit(ws, command));
  ws.history = recordCommand(ws.history, command);
  apply(ws, command, 'do');
}

export function undoEdit(ws: Workspace): void {
  if (refused(ws)) return;
  if (!ws.examiner) return void onceNamed(ws, () => undoEdit(ws));
  const step = undoStep(ws.history);
  if (!step || labelsMovedSince(ws, step.command)) return;
  ws.history = step.history;
  apply(ws, step.command, 'undo');
}

export function redoEdit(ws: Workspace): void {
  if (refused(ws)) return;
  if (!ws.examiner) return void onceNamed(ws, () => redoEdit(ws));
  const step = redoStep(ws.history);
  if (!step || labelsMovedSince(ws, step.command)) return;
  ws.history = step.history;
  apply(ws, step.command, 'redo');
}

/** The selection, the label chooser and the case in step with an edited document. */
export function followEditedDocument(ws: Workspace): void {
  const { tracks, labels, sync } = ws.document;
  if (ws.selectedTrackId && !tracks.has(ws.selectedTrackId)) ws.selectedTrackId = null;
  if (!labels.some((l) => l.id === ws.labelId) && labels[0]) ws.labelId = labels[0].id;
  if (ws.caseRecord && (ws.caseRecord.labels !== labels || ws.caseRecord.sync !== sync)) {
    ws.caseRecord = { ...ws.caseRecord, labels, sync };
  }
}

/**
 * An edit made with no examiner named waits for the name; it is dropped when the person
 * cancels, or when the annotations changed meanwhile (another tab), as it was made on
 * what they were.
 */
async function onceNamed(ws: Workspace, edit: () => void): Promise<void> {
  const before = ws.document;
  if (!(await ws.ensureExaminer())) return;
  if (ws.document !== before) {
    ws.notice =
      'The annotations changed while your name was asked for, so nothing was changed: make the edit again.';
    return;
  }
  edit();
}

/**
 * No edit while the set is final, or while something reads the set whole (an export
 * decoding its frames, a switch of set): says so (true) rather than change it.
 */
function refused(ws: Workspace): boolean {
  if (ws.busy) {
    ws.notice = `Wait until ${ws.busy} is done, then edit again: nothing was changed.`;
    return true;
  }
  if (!ws.readOnly) return false;
  ws.notice = `${ws.annotationSet?.name} is final, so it cannot be changed. To edit it, set its status back to "in progress" (logged), or start a new set.`;
  return true;
}

/**
 * The label set is the case's, shared by its sets: a step that changes it is undone or
 * redone only from the labels it was made on (another set or an import may have changed
 * them since), else it is refused in plain words.
 */
function labelsMovedSince(ws: Workspace, command: Command): boolean {
  const labels = command.changes.find((c) => c.kind === 'labels');
  if (labels && JSON.stringify(labels.before) !== JSON.stringify(ws.document.labels)) {
    ws.notice =
      'This step changed the label set, which has changed since (in another annotation set, by an import or in another tab), so it cannot be undone or redone here. Edit the labels instead.';
    return true;
  }
  // Likewise the synchronisation of the case's videos, shared by every set.
  const sync = command.changes.find((c) => c.kind === 'sync');
  if (sync && JSON.stringify(sync.before) !== JSON.stringify(ws.document.sync)) {
    ws.notice =
      'This step changed the synchronisation of the videos, which has changed since (in an annotation set of another video, or in another tab), so it cannot be undone or redone here. Change the synchronisation instead.';
    return true;
  }
  return false;
}

/** Shows the change at once and queues its write (CaseWriter). */
function apply(ws: Workspace, command: Command, kind: EditKind): void {
  const caseRecord = ws.caseRecord;
  if (!caseRecord) return;
  ws.document = applyCommand(ws.document, command);
  followEditedDocument(ws);
  ws.writer.enqueue(caseRecord.id, command, kind);
}
