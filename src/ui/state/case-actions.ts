/**
 * Case-level edits as functions of the Workspace: renaming, the case's details with its
 * video's acquisition notes, and its DVR clock calibration. Each is logged in the case's
 * audit trail with old and new values.
 */
import { nowIso } from '../../core/time/clock';
import { clockOfVideo, withVideoClock } from '../../core/annotations/case-videos';
import type { Acquisition, Case, ClockCalibration } from '../../core/annotations/model';
import type { Workspace } from './workspace.svelte';

export async function renameCase(ws: Workspace, record: Case, name: string): Promise<void> {
  if (!(await ws.ensureExaminer())) return;
  try {
    const renamed = await ws.library.rename(record, name);
    if (ws.caseRecord?.id === record.id) {
      ws.caseRecord = { ...ws.caseRecord, name: renamed.name };
      await ws.writer.audit.load(record.id);
    }
  } catch (error) {
    ws.alert = `The case could not be renamed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Saves the open case's details and its video's acquisition notes; each change is logged
 * (case.edit, evidence.edit) with before and after. Returns false if it could not be saved.
 */
export async function saveCaseDetails(
  ws: Workspace,
  details: Pick<Case, 'name' | 'referenceNumber' | 'notes'>,
  acquisition: Acquisition,
): Promise<boolean> {
  const caseRecord = ws.caseRecord;
  const evidence = ws.evidence;
  if (!caseRecord || !evidence || !(await ws.ensureExaminer())) return false;
  const name = details.name.trim() || caseRecord.name;
  const next = { ...details, name };
  const was = {
    name: caseRecord.name,
    referenceNumber: caseRecord.referenceNumber,
    notes: caseRecord.notes,
  };
  const drafts = [];
  if (JSON.stringify(was) !== JSON.stringify(next)) {
    drafts.push({
      ...ws.writer.draft(
        caseRecord.id,
        'case.edit',
        { kind: 'case', id: caseRecord.id },
        next,
        'case details',
      ),
      before: was,
    });
  }
  if (JSON.stringify(evidence.acquisition) !== JSON.stringify(acquisition)) {
    drafts.push({
      ...ws.writer.draft(
        caseRecord.id,
        'evidence.edit',
        { kind: 'evidence', id: evidence.sha256 },
        acquisition,
        'acquisition notes',
      ),
      before: evidence.acquisition,
    });
  }
  if (drafts.length === 0) return true;
  const now = nowIso();
  try {
    await ws.writer.writeLogged(drafts, (entries) =>
      ws.repository.saveCaseDetails(
        caseRecord.id,
        next,
        { sha256: evidence.sha256, acquisition },
        entries,
        now,
      ),
    );
    ws.caseRecord = { ...caseRecord, ...next, modifiedAt: now };
    ws.evidence = { ...evidence, acquisition };
    // The video's acquisition notes belong to every case on it: each case's trail says so.
    if (JSON.stringify(evidence.acquisition) !== JSON.stringify(acquisition)) {
      const others = ws.cases.filter(
        (c) => c.evidenceSha256 === evidence.sha256 && c.id !== caseRecord.id,
      );
      for (const other of others) {
        await ws.library.log(other.id, {
          action: 'evidence.edit',
          targetKind: 'evidence',
          targetId: evidence.sha256,
          before: evidence.acquisition,
          after: acquisition,
          detail: `acquisition notes, edited in case "${caseRecord.name}"`,
        });
      }
    }
    void ws.refreshCases();
    return true;
  } catch (error) {
    ws.alert = `The case details could not be saved: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`;
    return false;
  }
}

/**
 * Saves the open case's DVR clock calibration (null: removes it), logged as a case edit with
 * the calibration before and after. Returns false if it could not be saved.
 */
export async function saveClock(ws: Workspace, clock: ClockCalibration | null): Promise<boolean> {
  const caseRecord = ws.caseRecord;
  const video = ws.evidence;
  if (!caseRecord || !video) return false;
  const before = clockOfVideo(caseRecord, video.sha256);
  if (JSON.stringify(before) === JSON.stringify(clock)) return true;
  // Each video of a case has its own clock: the first video's is the case's `clock`.
  const target =
    video.sha256 === caseRecord.evidenceSha256
      ? { kind: 'case', id: caseRecord.id }
      : { kind: 'evidence', id: video.sha256 };
  const draft = {
    ...ws.writer.draft(caseRecord.id, 'case.edit', target, { clock }, 'DVR clock calibration'),
    before: { clock: before },
  };
  const now = nowIso();
  try {
    const updated = { ...withVideoClock(caseRecord, video.sha256, clock), modifiedAt: now };
    await ws.writer.writeLogged([draft], (entries) =>
      ws.repository.saveClock(
        caseRecord.id,
        { clock: updated.clock, addedVideos: updated.addedVideos },
        entries,
        now,
      ),
    );
    ws.caseRecord = updated;
    void ws.refreshCases();
    return true;
  } catch (error) {
    ws.alert = `The DVR clock calibration could not be saved: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`;
    return false;
  }
}
