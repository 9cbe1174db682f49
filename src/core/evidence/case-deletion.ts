import { GENESIS_HASH } from './audit';
import type { Case, CaseDeletion } from '../annotations/model';

/** Who deleted a case, when, with which version of Framewise. */
export interface DeletionMeta {
  readonly at: string;
  readonly examiner: string;
  readonly appVersion: string;
}

/**
 * The record kept of a case that goes: its names, its video, what it held, and the head of
 * its audit log (GENESIS_HASH for an empty log), so the log in an older backup or export can
 * be recognised as this case's.
 */
export function caseDeletion(
  record: Case,
  head: { readonly seq: number; readonly hash: string } | null,
  contents: CaseDeletion['contents'],
  meta: DeletionMeta,
  reason: CaseDeletion['reason'],
): CaseDeletion {
  return {
    caseId: record.id,
    caseName: record.name,
    referenceNumber: record.referenceNumber,
    evidenceSha256: record.evidenceSha256,
    evidenceFileName: record.evidenceFileName,
    deletedAt: meta.at,
    examiner: meta.examiner,
    appVersion: meta.appVersion,
    reason,
    auditCount: head ? head.seq + 1 : 0,
    auditHeadHash: head?.hash ?? GENESIS_HASH,
    contents,
  };
}
