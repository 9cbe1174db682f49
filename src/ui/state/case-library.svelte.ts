import { appendEntries, type AuditDraft, type AuditEntry } from '../../core/evidence/audit';
import { nowIso } from '../../core/time/clock';
import type { CaseId } from '../../core/ids';
import type { Case, CaseDeletion } from '../../core/annotations/model';
import { AuditHeadMoved, type Repository } from '../../storage/repository';

/** What deleting a case would remove, to say so before asking. */
export interface CaseContents {
  readonly sets: number;
  readonly tracks: number;
  readonly events: number;
  readonly notes: number;
}

/**
 * The saved cases as the Cases list shows them: listing, renaming (logged in the case's
 * audit trail) and deleting. Opening a case needs its video and lives in the workspace.
 */
export class CaseLibrary {
  cases = $state.raw<Case[]>([]);
  /** Cases deleted from this browser (or replaced by a restore), newest first. */
  deletions = $state.raw<CaseDeletion[]>([]);

  constructor(
    private readonly repository: Repository,
    private readonly context: { examiner(): string; appVersion: string },
  ) {}

  async refresh(): Promise<void> {
    this.cases = await this.repository.listCases();
    this.deletions = await this.repository.deletions();
  }

  /** Renames a case; the old and new names go into its audit trail. */
  async rename(record: Case, name: string): Promise<Case> {
    const trimmed = name.trim();
    if (!trimmed) throw new RangeError('A case needs a name.');
    const now = nowIso();
    const draft: AuditDraft = {
      caseId: record.id,
      at: now,
      examiner: this.context.examiner(),
      action: 'case.rename',
      targetKind: 'case',
      targetId: record.id,
      before: { name: record.name },
      after: { name: trimmed },
      appVersion: this.context.appVersion,
      detail: `${record.name} → ${trimmed}`,
    };
    await this.#appendChained(record.id, draft, (entries) =>
      this.repository.renameCase(record.id, trimmed, now, entries),
    );
    await this.refresh();
    return { ...record, name: trimmed, modifiedAt: now };
  }

  /**
   * Logs something in a case's audit trail while the case is not open (a refused file).
   * The draft's caseId, examiner and app version are filled in here.
   */
  async log(
    caseId: CaseId,
    draft: Pick<AuditDraft, 'action' | 'targetKind' | 'targetId' | 'after' | 'detail'> & {
      before?: unknown;
    },
  ): Promise<void> {
    const full: AuditDraft = {
      ...draft,
      caseId,
      at: nowIso(),
      examiner: this.context.examiner(),
      before: draft.before ?? null,
      appVersion: this.context.appVersion,
    };
    await this.#appendChained(caseId, full, (entries) =>
      this.repository.appendAudit(caseId, entries),
    );
  }

  /** Chains a draft on the stored head and writes it; once more if another tab wrote meanwhile. */
  async #appendChained(
    caseId: CaseId,
    draft: AuditDraft,
    write: (entries: AuditEntry[]) => Promise<void>,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const entries = await appendEntries(await this.repository.auditHead(caseId), [draft]);
      try {
        return await write(entries);
      } catch (error) {
        if (!(error instanceof AuditHeadMoved) || attempt > 0) throw error;
      }
    }
  }

  contents(caseId: CaseId): Promise<CaseContents> {
    return this.repository.caseContents(caseId);
  }

  /** Deletes a case; the deletion is recorded (who, when) where it outlives the case. */
  async remove(caseId: CaseId): Promise<void> {
    await this.repository.deleteCase(caseId, {
      at: nowIso(),
      examiner: this.context.examiner(),
      appVersion: this.context.appVersion,
    });
    await this.refresh();
  }
}
