import {
  entriesForCommand,
  type AuditAction,
  type AuditDraft,
  type AuditEntry,
} from '../../core/evidence/audit';
import { nowIso } from '../../core/time/clock';
import type { Command, History } from '../../core/annotations/history';
import type { CaseId, SetId } from '../../core/ids';
import { AuditHeadMoved, type Repository } from '../../storage/repository';
import { isQuotaError } from '../../storage/storage-health';
import { AuditTrail } from './audit-trail.svelte';

export type SaveState =
  { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; message: string };

export type EditKind = 'do' | 'undo' | 'redo';

/** What the writer needs to know from the workspace at the time of each write. */
export interface WriterContext {
  readonly appVersion: string;
  examiner(): string;
  /** The undo history to store with the edits (as it is after them). */
  history(): History;
  /**
   * The annotation set being edited, whose undo history that is. The workspace changes set
   * only when nothing is waiting to be written, so every queued edit is of this set.
   */
  setId(): SetId | null;
  /** A write failed: say so in plain words. */
  failed(message: string, quota: boolean): void;
}

/**
 * Writes the open case's edits and audit entries, one write at a time and in order. Each
 * write takes every edit not yet saved (so one that failed is retried with the next edit)
 * with the undo history and the edits' audit entries, in one transaction; "Saved" shows only
 * when nothing is left. Entries are chained onto the audit head; when another tab extended
 * the log meanwhile, they are chained onto its head and written again.
 */
export class CaseWriter {
  saveState = $state.raw<SaveState>({ kind: 'saved' });
  readonly audit: AuditTrail;
  readonly #unsaved: { command: Command; kind: EditKind }[] = [];
  /** Audit entries of things other than edits, not yet written (oldest first). */
  readonly #unsavedDrafts: AuditDraft[] = [];
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: Repository,
    private readonly context: WriterContext,
  ) {
    this.audit = new AuditTrail(repository);
  }

  /** Nothing is waiting to be written (what is stored is what is shown). */
  get idle(): boolean {
    return this.#unsaved.length === 0 && this.#unsavedDrafts.length === 0;
  }

  /** Resolves when every queued write has been tried (successful or not). */
  settled(): Promise<void> {
    return this.#writing;
  }

  /** A case was opened (or closed, with null): start from its stored state. */
  async open(caseId: CaseId | null): Promise<void> {
    this.#unsaved.length = 0;
    this.#unsavedDrafts.length = 0;
    this.saveState = { kind: 'saved' };
    if (caseId) await this.audit.load(caseId);
    else this.audit.clear();
  }

  /** Queues an edit already shown on screen. */
  enqueue(caseId: CaseId, command: Command, kind: EditKind): void {
    this.#unsaved.push({ command, kind });
    this.saveState = { kind: 'saving' };
    this.#writing = this.#writing.then(() => this.#writeUnsaved(caseId));
  }

  /**
   * Queues audit entries for something other than an edit (a hash check, an export). They
   * are written with the queue, before any edit queued after them; if the write fails they
   * stay queued and are retried with the next write, like edits.
   */
  record(caseId: CaseId, drafts: AuditDraft[]): void {
    this.#unsavedDrafts.push(...drafts);
    this.saveState = { kind: 'saving' };
    this.#writing = this.#writing.then(() => this.#writeUnsaved(caseId));
  }

  /**
   * Queues a write that is not an undoable edit (case details) with its audit entries: the
   * entries are chained on the head and handed to `write`, which stores both in one
   * transaction. Resolves when written; rejects with the error if it failed.
   */
  writeLogged(
    drafts: AuditDraft[],
    write: (entries: readonly AuditEntry[]) => Promise<void>,
  ): Promise<void> {
    const done = this.#writing.then(() =>
      this.#withAuditRetry(async () => {
        const entries = await this.audit.chain(drafts);
        await write(entries);
        this.audit.accept(entries);
      }),
    );
    this.#writing = done.catch(() => {});
    return done;
  }

  /** An audit draft for something other than an edit. */
  draft(
    caseId: CaseId,
    action: AuditAction,
    target: { kind: string; id: string | null },
    after: unknown,
    detail: string,
  ): AuditDraft {
    return {
      caseId,
      at: nowIso(),
      examiner: this.context.examiner(),
      action,
      targetKind: target.kind,
      targetId: target.id,
      before: null,
      after,
      appVersion: this.context.appVersion,
      detail,
    };
  }

  async #writeUnsaved(caseId: CaseId): Promise<void> {
    const pending = this.#unsaved.slice();
    const logged = this.#unsavedDrafts.slice();
    if (pending.length === 0 && logged.length === 0) return; // an earlier write took them
    const at = nowIso();
    const meta = {
      caseId,
      at,
      examiner: this.context.examiner(),
      appVersion: this.context.appVersion,
    };
    const drafts = [
      ...logged,
      ...pending.flatMap((p) => entriesForCommand(p.command, { ...meta, kind: p.kind })),
    ];
    const changes = pending.flatMap((p) => p.command.changes);
    try {
      await this.#withAuditRetry(async () => {
        const entries = await this.audit.chain(drafts);
        const setId = this.context.setId();
        if (changes.length > 0 && setId) {
          await this.repository.commit(caseId, setId, changes, this.context.history(), entries, at);
        } else if (changes.length > 0) {
          throw new Error('no annotation set is open');
        } else {
          await this.repository.appendAudit(caseId, entries);
        }
        this.audit.accept(entries);
      });
      this.#unsaved.splice(0, pending.length);
      this.#unsavedDrafts.splice(0, logged.length);
      if (this.idle) this.saveState = { kind: 'saved' };
    } catch (error) {
      const quota = isQuotaError(error);
      const message = quota ? "this browser's storage for Framewise is full" : messageOf(error);
      this.saveState = { kind: 'failed', message };
      this.context.failed(message, quota);
    }
  }

  async #withAuditRetry(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof AuditHeadMoved)) throw error;
      this.audit.adopt(error.storedHead);
      await write();
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
