import {
  appendEntries,
  verifyChain,
  type AuditDraft,
  type AuditEntry,
  type ChainVerdict,
} from '../../core/evidence/audit';
import type { CaseId } from '../../core/ids';
import type { Repository } from '../../storage/repository';

/** What the audit badge shows. */
export type AuditStatus =
  | { readonly state: 'checking' }
  | { readonly state: 'intact'; readonly count: number; readonly headHash: string }
  | {
      readonly state: 'broken';
      readonly count: number;
      readonly brokenAt: number;
      readonly reason: string;
    };

/**
 * The open case's audit log as the app holds it: the head that new entries chain onto, and
 * whether the stored chain verified when the case was opened. Entries are written by the
 * repository in the same transaction as the edit they record.
 */
export class AuditTrail {
  status = $state.raw<AuditStatus>({ state: 'checking' });
  #head: AuditEntry | null = null;

  constructor(private readonly repository: Repository) {}

  /** The seq of the last entry this tab knows to be stored (-1: none). */
  get headSeq(): number {
    return this.#head?.seq ?? -1;
  }

  /** Reads and verifies a case's whole log (on opening it). */
  async load(caseId: CaseId): Promise<void> {
    this.status = { state: 'checking' };
    const [entries, recorded] = await Promise.all([
      this.repository.auditOf(caseId),
      this.repository.recordedAuditHead(caseId),
    ]);
    this.#head = entries.at(-1) ?? null;
    this.status = statusOf(await verifyChain(entries), recorded);
  }

  clear(): void {
    this.#head = null;
    this.status = { state: 'checking' };
  }

  /** The drafts as entries chained onto the current head (not yet stored). */
  chain(drafts: readonly AuditDraft[]): Promise<AuditEntry[]> {
    return appendEntries(this.#head, drafts);
  }

  /** Entries are stored: they are the new head. */
  accept(entries: readonly AuditEntry[]): void {
    const last = entries.at(-1);
    if (!last) return;
    this.#head = last;
    if (this.status.state === 'intact') {
      this.status = { state: 'intact', count: last.seq + 1, headHash: last.hash };
    } else if (this.status.state === 'broken') {
      this.status = { ...this.status, count: last.seq + 1 };
    }
  }

  /** Another tab extended the log: chain onto its head from now on. */
  adopt(head: AuditEntry | null): void {
    this.#head = head;
  }
}

/**
 * The chain's verdict, and whether the log still ends where it was recorded to end: entries
 * cut off its end leave a chain that verifies, so the recorded head is what finds them.
 */
export function statusOf(
  verdict: ChainVerdict,
  recorded: { seq: number; hash: string } | null,
): AuditStatus {
  if (!verdict.ok) {
    return {
      state: 'broken',
      count: verdict.count,
      brokenAt: verdict.brokenAt,
      reason: verdict.reason,
    };
  }
  const ends = verdict.count - 1;
  if (recorded && (recorded.seq !== ends || recorded.hash !== verdict.headHash)) {
    const reason =
      recorded.seq > ends
        ? `${recorded.seq === ends + 1 ? `entry ${recorded.seq} is` : `entries ${ends + 1} to ${recorded.seq} are`} missing: the log was recorded to end at entry ${recorded.seq}`
        : `the log does not end where it was recorded to end (entry ${recorded.seq})`;
    return {
      state: 'broken',
      count: verdict.count,
      brokenAt: Math.min(ends + 1, recorded.seq),
      reason,
    };
  }
  return { state: 'intact', count: verdict.count, headHash: verdict.headHash };
}
