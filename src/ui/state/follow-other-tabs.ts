import { buildDocument, type AnnotationDocument } from '../../core/annotations/history';
import type { AnnotationSet, Case, Evidence } from '../../core/annotations/model';
import { setsOfVideo } from '../../core/annotations/annotation-sets';
import type { WatchedCase } from '../../storage/repository';
import type { AuditTrail } from './audit-trail.svelte';
import type { CaseWriter } from './case-writer.svelte';
import { changedRecords } from './stored-diff';

/**
 * What following another tab needs of the workspace. Named here rather than importing
 * Workspace, which imports this file (no import circle).
 */
export interface FollowingWorkspace {
  caseRecord: Case | null;
  /** The video on screen (the lead): `sets` are its sets. */
  readonly evidence: Pick<Evidence, 'sha256'> | null;
  sets: AnnotationSet[];
  document: AnnotationDocument;
  alert: string | null;
  notice: string | null;
  readonly writer: CaseWriter;
  readonly audit: AuditTrail;
  followDocument(): void;
}

/**
 * Another tab (or this one) changed the open case's stored records. When nothing of ours
 * is waiting to be written, what is stored is the truth: the screen follows it, and says
 * so. Per record, the last write wins; the audit log keeps both edits.
 */
export function followStoredCase(ws: FollowingWorkspace, stored: WatchedCase): void {
  const caseRecord = ws.caseRecord;
  if (!caseRecord) return;
  if (!stored.caseRecord) {
    ws.alert = `The case "${caseRecord.name}" was deleted in another tab. What is on screen is no longer saved anywhere: download the annotations now if you need them, then close the video.`;
    return;
  }
  // Ours still to be written, or a reading from before a write this tab already knows of.
  if (!ws.writer.idle || stored.auditSeq < ws.audit.headSeq) return;
  const sets = setsOfVideo(stored.sets, ws.evidence?.sha256 ?? caseRecord.evidenceSha256);
  const setsChanged = JSON.stringify(sets) !== JSON.stringify(ws.sets);
  if (setsChanged) ws.sets = sets;
  const changed = changedRecords(ws.document, stored);
  const detailsChanged =
    JSON.stringify({ ...stored.caseRecord, modifiedAt: '' }) !==
    JSON.stringify({ ...caseRecord, labels: stored.caseRecord.labels, modifiedAt: '' });
  if (changed === 0 && !detailsChanged) {
    if (setsChanged) void ws.writer.audit.load(caseRecord.id);
    return;
  }
  ws.document = buildDocument({
    ...stored,
    labels: stored.caseRecord.labels,
    sync: stored.caseRecord.sync,
  });
  ws.caseRecord = stored.caseRecord;
  ws.followDocument();
  ws.notice = `Updated from another tab: ${changed} ${changed === 1 ? 'record' : 'records'} changed${detailsChanged ? ', case details changed' : ''}.`;
  void ws.writer.audit.load(caseRecord.id);
}
