import { isReadOnly, latestSet, newAnnotationSet, setTitle } from '../../core/annotation-sets';
import { appendEntries, entriesForCommand, type AuditAction } from '../../core/audit';
import { nowIso } from '../../core/clock';
import type { FrameRef } from '../../core/commands';
import {
  applyCommand,
  buildDocument,
  emptyDocument,
  emptyHistory,
  recordCommand,
  redoStep,
  undoStep,
  type Command,
  type History,
} from '../../core/history';
import {
  frameIndex,
  newCaseId,
  type LabelId,
  type Pts,
  type Sha256,
  type TrackId,
} from '../../core/ids';
import {
  DEFAULT_LABELS,
  type AnnotationSet,
  type Case,
  type Evidence,
  type Label,
  type SetStatus,
} from '../../core/model';
import { visibleAt } from '../../core/tracks';
import type { StageControl, StageObject, StageTool } from '../../canvas/stage-view';
import { FfmpegEngine } from '../../media/ffmpeg-engine';
import { hashFile } from '../../media/hash-file';
import { MediaError } from '../../media/media-error';
import { VideoSource } from '../../media/video-source';
import { Repository, type WatchedCase } from '../../storage/repository';
import {
  requestPersistence,
  storageHealth,
  type StorageHealth,
} from '../../storage/storage-health';
import type { AuditTrail } from './audit-trail.svelte';
import { CaseLibrary } from './case-library.svelte';
import { changedRecords } from './stored-diff';
import type { FileHandleLike } from './file-handles';
import { findOrCreateCase } from './case-loading';
import { CaseWriter, type EditKind, type SaveState } from './case-writer.svelte';
import { SvelteSet } from 'svelte/reactivity';
import { Player } from './player.svelte';
import { stageObjectOf } from './stage-objects';

export type { SaveState };

export const APP_NAME = 'Framewise';
/** The decoded-frame cache's largest budget (16 GiB): more is a typo, not a wish. */
export const MAX_CACHE_MEGABYTES = 16_384;
export const APP_VERSION = __APP_VERSION__;
const SAMPLE_URL = `${import.meta.env.BASE_URL}sample/framewise-sample.mp4`;

/** Long work on show: a label and a fraction done (0..1). */
export interface Progress {
  readonly label: string;
  readonly fraction: number;
}

/**
 * The open video, its case and its annotations, and every action on them. Components read
 * its fields and call its methods; nothing else changes this state.
 */
export class Workspace {
  readonly player = new Player();
  readonly #engine = new FfmpegEngine();
  /** The storage layer: the only way to IndexedDB. */
  readonly repository = new Repository();
  /** Writes edits and audit entries in order; holds the save state and the audit trail. */
  readonly writer = new CaseWriter(this.repository, {
    appVersion: APP_VERSION,
    examiner: () => this.examiner,
    history: () => this.history,
    setId: () => this.annotationSet?.id ?? null,
    failed: (message) => {
      this.alert = `Your last edit could not be saved (${message}). It is kept on screen and will be saved with your next edit; download the annotations now to keep a copy.`;
      void this.refreshStorage();
    },
  });

  source = $state.raw<VideoSource | null>(null);
  evidence = $state.raw<Evidence | null>(null);
  caseRecord = $state.raw<Case | null>(null);
  /** The annotation set on screen: its tracks, events and notes are the document. */
  annotationSet = $state.raw<AnnotationSet | null>(null);
  /** Every annotation set of the open case, oldest first. */
  sets = $state.raw<AnnotationSet[]>([]);
  document = $state.raw(emptyDocument());
  history = $state.raw<History>(emptyHistory());
  /** A final set is kept as signed off: no edits until its status is changed back. */
  readonly readOnly = $derived(isReadOnly(this.annotationSet));
  /** Where new tracks, events and notes go: the open case and the set on screen. */
  get owner(): { caseId: Case['id']; setId: AnnotationSet['id'] } | null {
    const caseId = this.caseRecord?.id;
    const setId = this.annotationSet?.id;
    return caseId && setId ? { caseId, setId } : null;
  }
  /** The saved cases (the Cases list). */
  readonly library = new CaseLibrary(this.repository, {
    appVersion: APP_VERSION,
    examiner: () => this.examiner,
  });
  opening = $state(false);
  progress = $state.raw<Progress | null>(null);
  alert = $state<string | null>(null);
  get saveState(): SaveState {
    return this.writer.saveState;
  }
  get audit(): AuditTrail {
    return this.writer.audit;
  }
  tool = $state<StageTool>('select');
  /** What the Text tool writes on the frame. */
  calloutText = $state('Note');
  /** Tracks not drawn on the stage (a view choice, not saved with the case). */
  readonly hiddenTrackIds = new SvelteSet<TrackId>();
  /** Tracks that cannot be moved or edited on the stage (a view choice, not saved). */
  readonly lockedTrackIds = new SvelteSet<TrackId>();
  /**
   * Tracks blocked out of exported stills and reports, for publication (a choice for this
   * sitting, not saved; each still's sidecar and each report says what was blocked out).
   */
  readonly redactedTrackIds = new SvelteSet<TrackId>();
  /** "Overlays off" (H) shows the clean frame. */
  overlaysVisible = $state(true);
  /** The frame pixel under the pointer, in upright-frame coordinates; null off the frame. */
  pointerPixel = $state.raw<{ x: number; y: number } | null>(null);
  /** Stage zoom: 1 = one frame pixel per screen pixel. */
  zoom = $state(1);
  shortcutsOpen = $state(false);
  /** How many frames Propagate (P) copies the selected object to. */
  propagateCount = $state(10);
  /** Who is working: recorded in every audit entry (a setting of this browser). */
  examiner = $state('');
  /** A passing message that needs no action (e.g. changes arrived from another tab). */
  notice = $state<string | null>(null);
  /** Stops following the open case's stored records (other tabs' edits). */
  #stopWatching: (() => void) | null = null;
  /** Whether the browser keeps our data, and how much room it has. */
  storage = $state.raw<StorageHealth>({ persisted: null, usage: null, quota: null });
  /** The Konva stage's controls, once it is mounted (StageHost). */
  stage: StageControl | null = null;
  /** Budget of the decoded-frame cache, in MiB (user-settable; 0 keeps only the last frame). */
  cacheMegabytes = $state(512);
  labelId = $state<LabelId>(DEFAULT_LABELS[0]!.id);
  /** The track that drawing adds keyframes to; null: drawing makes a new track. */
  selectedTrackId = $state<TrackId | null>(null);
  readonly selectedTrack = $derived(
    this.selectedTrackId ? (this.document.tracks.get(this.selectedTrackId) ?? null) : null,
  );

  readonly labels = $derived(this.caseRecord ? this.document.labels : DEFAULT_LABELS);
  /**
   * The frame whose picture is on screen (the wanted one once it has arrived). Overlays,
   * the Objects list and the attributes follow it, so a shape is never drawn on another
   * frame's picture while a frame decodes.
   */
  readonly displayedFrame = $derived(this.player.shown?.frame.index ?? this.player.wanted);
  /** Tracks visible on the displayed frame, in track-number order. */
  readonly visible = $derived(visibleAt(this.document.tracks.values(), this.displayedFrame));
  readonly stageObjects = $derived<StageObject[]>(
    this.visible
      .filter((r) => !this.hiddenTrackIds.has(r.track.id))
      .map((r) =>
        stageObjectOf(this.labels, r, {
          selected: r.track.id === this.selectedTrackId,
          locked: this.lockedTrackIds.has(r.track.id),
        }),
      ),
  );
  /** Annotating needs the case, which needs the file's SHA-256. */
  readonly canAnnotate = $derived(this.caseRecord !== null && this.player.ready);

  setCacheMegabytes(megabytes: number): void {
    if (!Number.isFinite(megabytes) || megabytes < 0 || megabytes > MAX_CACHE_MEGABYTES) return;
    this.cacheMegabytes = Math.round(megabytes);
    this.source?.setCacheBytes(this.cacheMegabytes * 1024 * 1024);
    void this.#saveSetting('cacheMegabytes', this.cacheMegabytes);
  }

  setExaminer(name: string): void {
    this.examiner = name.trim();
    void this.#saveSetting('examiner', this.examiner);
  }

  /** Reads this browser's settings and the saved cases (on start). */
  async init(): Promise<void> {
    try {
      const examiner = await this.repository.setting('examiner');
      if (typeof examiner === 'string') this.examiner = examiner;
      const cache = await this.repository.setting('cacheMegabytes');
      if (typeof cache === 'number' && cache >= 0 && cache <= MAX_CACHE_MEGABYTES) {
        this.cacheMegabytes = Math.round(cache);
      }
    } catch (error) {
      this.alert = `Settings could not be read from this browser's storage: ${String(error)}`;
    }
    await this.refreshCases();
    await this.refreshStorage();
  }

  /** Asks to keep this site's data for good (once there is something to keep) and re-reads use. */
  async refreshStorage(ask = false): Promise<void> {
    if (ask) await requestPersistence();
    this.storage = await storageHealth();
  }

  async #saveSetting(key: string, value: string | number): Promise<void> {
    try {
      await this.repository.saveSetting(key, value);
    } catch (error) {
      this.alert = `The setting could not be saved: ${String(error)}`;
    }
  }

  readonly appName = APP_NAME;
  readonly appVersion = APP_VERSION;

  get cases(): Case[] {
    return this.library.cases;
  }

  async refreshCases(): Promise<void> {
    try {
      await this.library.refresh();
    } catch (error) {
      this.alert = `Saved cases could not be read from this browser's storage: ${String(error)}`;
    }
  }

  /**
   * Starts another case on the open video (e.g. a second examiner's independent annotation):
   * empty annotations, the default labels, its own audit trail; the open case is kept.
   */
  async newCaseForOpenVideo(): Promise<void> {
    const source = this.source;
    const current = this.caseRecord;
    if (!source || !current || this.opening) return;
    if (!(await this.#canLeaveCase())) return;
    const now = nowIso();
    const sameVideo = this.cases.filter((c) => c.evidenceSha256 === current.evidenceSha256);
    const base = current.name.replace(/ \(\d+\)$/, '');
    const record: Case = {
      ...current,
      id: newCaseId(),
      name: `${base} (${sameVideo.length + 1})`,
      referenceNumber: current.referenceNumber,
      notes: '',
      labels: DEFAULT_LABELS,
      createdAt: now,
      modifiedAt: now,
    };
    const firstSet = this.#firstSetOf(record);
    try {
      const entries = await appendEntries(null, [
        this.writer.draft(
          record.id,
          'case.create',
          { kind: 'case', id: record.id },
          record,
          `${record.name}, on the video of "${current.name}"`,
        ),
        this.#setCreated(firstSet),
      ]);
      await this.repository.createCaseLogged(this.evidence!, record, firstSet, entries);
      this.#detachCase();
      await this.#loadCase(source, current.evidenceSha256, record, false);
    } catch (error) {
      this.alert = `A new case could not be started: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Deletes a case and all its annotations from this browser (the person confirmed it). */
  async deleteCase(caseId: Case['id']): Promise<void> {
    try {
      if (this.caseRecord?.id === caseId) {
        await this.writer.settled();
        this.#close();
      }
      await this.library.remove(caseId);
    } catch (error) {
      this.alert = `The case could not be deleted: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async openSample(): Promise<void> {
    this.alert = null;
    try {
      const response = await fetch(SAMPLE_URL);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const blob = await response.blob();
      await this.openFile(new File([blob], 'framewise-sample.mp4', { type: 'video/mp4' }));
    } catch (error) {
      this.alert = `The sample footage could not be loaded: ${String(error)}`;
    }
  }

  /**
   * Opens a video; with `forCase`, re-opens that case with its video: the file must have the
   * case's SHA-256, and a different file is refused (showing both hashes) before anything is
   * shown or written.
   */
  async openFile(
    file: File,
    forCase?: Case,
    /** A handle on the file (from a drop), kept to reopen it later without asking. */
    handle?: Promise<FileHandleLike | null>,
  ): Promise<void> {
    if (this.opening) return;
    if (!(await this.#canLeaveCase())) return;
    this.opening = true;
    this.alert = null;
    this.#close();
    const hashing = hashFile(
      file,
      (fraction) => (this.progress = { label: 'Computing SHA-256', fraction }),
    );
    hashing.catch(() => {}); // handled below; avoid an unhandled rejection if probing fails first
    try {
      if (forCase) {
        const sha256 = await hashing;
        if (sha256 !== forCase.evidenceSha256) {
          this.alert = `This is not the video of case "${forCase.name}": the file you chose has SHA-256 ${sha256}, the case's video has ${forCase.evidenceSha256}. Nothing was opened; choose the original file.`;
          void this.library
            .log(forCase.id, {
              action: 'evidence.hash-check',
              targetKind: 'evidence',
              targetId: forCase.evidenceSha256,
              after: { fileName: file.name, size: file.size, sha256, matches: false },
              detail: `${file.name}: SHA-256 differs from the case's evidence; refused`,
            })
            .catch(() => {}); // the refusal itself is on screen
          return;
        }
      }
      const source = await VideoSource.open(file, this.#engine);
      source.setCacheBytes(this.cacheMegabytes * 1024 * 1024);
      // A file whose first frame cannot be decoded gets an alert, not a case.
      await source.frame(frameIndex(0), 1, true);
      this.source = source;
      this.player.attach(source);
      this.alert = source.cutShortWarning;
      const sha256 = await hashing;
      await this.#loadCase(source, sha256, forCase);
      const kept = await handle;
      // Best effort: without it, reopening just asks for the file.
      if (kept) await this.repository.saveFileHandle(sha256, kept).catch(() => {});
    } catch (error) {
      this.#close();
      this.alert =
        error instanceof MediaError
          ? error.fullMessage
          : `This file could not be opened: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.progress = null;
      this.opening = false;
    }
  }

  #close(): void {
    this.player.attach(null);
    this.source = null;
    this.evidence = null;
    this.#detachCase();
  }

  /**
   * Gives up edits that could not be written (the person chose to): the screen goes back to
   * what is stored, so what is shown is what is saved again.
   */
  async discardUnsavedEdits(): Promise<void> {
    const caseRecord = this.caseRecord;
    if (!caseRecord) return;
    const set = this.annotationSet;
    if (!set) return;
    await this.writer.settled();
    await this.writer.open(caseRecord.id);
    const records = await this.repository.recordsOf(set.id);
    this.document = buildDocument({ ...records, labels: this.document.labels });
    const stored = await this.repository.caseById(caseRecord.id);
    if (stored) {
      this.caseRecord = stored;
      this.document = { ...this.document, labels: stored.labels };
    }
    this.history = records.history;
    this.#followDocument();
    this.alert = null;
    this.notice = 'Unsaved edits were discarded: the screen shows what is saved.';
  }

  /** Closes the video and its case and goes back to the first screen (the Cases list). */
  async closeVideo(): Promise<void> {
    if (this.opening || !(await this.#canLeaveCase())) return;
    this.#close();
    await this.refreshCases();
  }

  /**
   * Shows another annotation set of the open case (once this one's edits are written): its
   * tracks, events, notes and undo history.
   */
  async switchSet(setId: string): Promise<void> {
    const set = this.sets.find((s) => s.id === setId);
    if (!set || set.id === this.annotationSet?.id || !(await this.#canLeaveCase())) return;
    await this.#showSet(set);
  }

  /**
   * Starts a new, empty annotation set on the open case, made by the examiner named now
   * (e.g. a second examiner's blind annotation), logged, and shows it.
   */
  async newSet(): Promise<void> {
    const caseRecord = this.caseRecord;
    if (!caseRecord || !(await this.#canLeaveCase())) return;
    const set = newAnnotationSet({
      caseId: caseRecord.id,
      annotator: this.examiner,
      existing: this.sets,
      now: nowIso(),
    });
    try {
      await this.writer.writeLogged([this.#setCreated(set)], (entries) =>
        this.repository.createSetLogged(set, entries),
      );
      this.sets = [...this.sets, set];
      await this.#showSet(set);
      this.notice = `Started ${set.name}: an empty annotation set. The others are kept as they are.`;
    } catch (error) {
      this.alert = `A new annotation set could not be started: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /**
   * Adds an annotation set that arrives with records (an import) and shows it: the set, the
   * import (as the set's first, undoable command), the labels it adds to the case and the
   * audit entries are written in one transaction.
   */
  async addImportedSet(
    set: AnnotationSet,
    command: Command,
    labels: readonly Label[],
    logged: { readonly detail: string; readonly after: unknown },
  ): Promise<boolean> {
    const caseRecord = this.caseRecord;
    if (!caseRecord || !(await this.#canLeaveCase())) return false;
    const now = nowIso();
    const history = recordCommand(emptyHistory(), command);
    const meta = {
      caseId: caseRecord.id,
      at: now,
      examiner: this.examiner,
      appVersion: APP_VERSION,
    };
    const imported = this.writer.draft(
      caseRecord.id,
      'import',
      { kind: 'set', id: set.id },
      logged.after,
      logged.detail,
    );
    const drafts = [
      this.#setCreated(set),
      imported,
      ...entriesForCommand(command, { ...meta, kind: 'do' }),
    ];
    await this.writer.writeLogged(drafts, (entries) =>
      this.repository.importSetLogged(set, command.changes, history, entries, now),
    );
    this.sets = [...this.sets, set];
    this.caseRecord = { ...caseRecord, labels };
    await this.#showSet(set);
    return true;
  }

  /** Changes the status of the set on screen (logged); "final" makes it read-only. */
  async setSetStatus(status: SetStatus): Promise<void> {
    const set = this.annotationSet;
    const caseId = this.caseRecord?.id;
    if (!set || !caseId || set.status === status) return;
    const now = nowIso();
    const draft = {
      ...this.writer.draft(
        caseId,
        'set.edit',
        { kind: 'set', id: set.id },
        { status },
        `${set.name}: ${set.status} → ${status}`,
      ),
      before: { status: set.status },
    };
    try {
      await this.writer.writeLogged([draft], (entries) =>
        this.repository.updateSetLogged(set, { status }, entries, now),
      );
      this.#replaceSet({ ...set, status, modifiedAt: now });
    } catch (error) {
      this.alert = `The set's status could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #replaceSet(set: AnnotationSet): void {
    this.sets = this.sets.map((s) => (s.id === set.id ? set : s));
    if (this.annotationSet?.id === set.id) this.annotationSet = set;
  }

  /** A case's first set, made by the examiner named now. */
  #firstSetOf(record: Case): AnnotationSet {
    return newAnnotationSet({
      caseId: record.id,
      annotator: this.examiner,
      existing: [],
      now: record.createdAt,
    });
  }

  #setCreated(set: AnnotationSet) {
    return this.writer.draft(
      set.caseId,
      'set.create',
      { kind: 'set', id: set.id },
      set,
      setTitle(set),
    );
  }

  /**
   * Before the open case is left: waits for its queued writes. If some could not be written,
   * it stays open (leaving would lose them) and the alert says what to do.
   */
  async #canLeaveCase(): Promise<boolean> {
    await this.writer.settled();
    if (this.writer.idle) return true;
    this.alert = `Some edits of "${this.caseRecord?.name}" are not saved yet, so the case stays open. Download the annotations, or make another edit to retry saving, before opening something else.`;
    return false;
  }

  /** Lets go of the open case (its annotations, selection, write queue, watcher). */
  #detachCase(): void {
    this.caseRecord = null;
    this.annotationSet = null;
    this.sets = [];
    this.document = emptyDocument();
    this.history = emptyHistory();
    this.selectedTrackId = null;
    this.hiddenTrackIds.clear();
    this.lockedTrackIds.clear();
    this.redactedTrackIds.clear();
    void this.writer.open(null);
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.notice = null;
  }

  /**
   * Another tab (or this one) changed the open case's stored records. When nothing of ours
   * is waiting to be written, what is stored is the truth: the screen follows it, and says
   * so. Per record, the last write wins; the audit log keeps both edits.
   */
  #followStored(stored: WatchedCase): void {
    const caseRecord = this.caseRecord;
    if (!caseRecord) return;
    if (!stored.caseRecord) {
      this.alert = `The case "${caseRecord.name}" was deleted in another tab. What is on screen is no longer saved anywhere: download the annotations now if you need them, then close the video.`;
      return;
    }
    // Ours still to be written, or a reading from before a write this tab already knows of.
    if (!this.writer.idle || stored.auditSeq < this.audit.headSeq) return;
    const shownSet = stored.sets.find((set) => set.id === this.annotationSet?.id);
    const setsChanged = JSON.stringify(stored.sets) !== JSON.stringify(this.sets);
    if (setsChanged) {
      this.sets = stored.sets;
      if (shownSet) this.annotationSet = shownSet;
    }
    const changed = changedRecords(this.document, stored);
    const detailsChanged =
      JSON.stringify({ ...stored.caseRecord, modifiedAt: '' }) !==
      JSON.stringify({ ...caseRecord, labels: stored.caseRecord.labels, modifiedAt: '' });
    if (changed === 0 && !detailsChanged) {
      if (setsChanged) void this.writer.audit.load(caseRecord.id);
      return;
    }
    this.document = buildDocument({ ...stored, labels: stored.caseRecord.labels });
    this.caseRecord = stored.caseRecord;
    this.#followDocument();
    this.notice = `Updated from another tab: ${changed} ${changed === 1 ? 'record' : 'records'} changed${detailsChanged ? ', case details changed' : ''}.`;
    void this.writer.audit.load(caseRecord.id);
  }

  /**
   * Loads the case of a hashed video (a given one, or the latest on that video, or a new one)
   * and logs the ingest or the hash check; `logOpening` false when the case was just started
   * on the video already open (its file was not hashed again).
   */
  async #loadCase(
    source: VideoSource,
    sha256: Sha256,
    forCase?: Case,
    logOpening = true,
  ): Promise<void> {
    const { evidence, caseRecord, isNew } = await findOrCreateCase(
      this.repository,
      source,
      sha256,
      forCase,
    );
    if (isNew) {
      // The case, its first set, its video's facts and the entries saying so: one transaction.
      const firstSet = this.#firstSetOf(caseRecord);
      const draft = (
        action: AuditAction,
        kind: string,
        id: string,
        after: unknown,
        detail: string,
      ) => this.writer.draft(caseRecord.id, action, { kind, id }, after, detail);
      const entries = await appendEntries(null, [
        draft('case.create', 'case', caseRecord.id, caseRecord, caseRecord.name),
        draft('evidence.ingest', 'evidence', sha256, evidence, evidence.fileName),
        this.#setCreated(firstSet),
      ]);
      await this.repository.createCaseLogged(evidence, caseRecord, firstSet, entries);
    }
    this.evidence = evidence;
    this.caseRecord = caseRecord;
    this.sets = await this.repository.setsOf(caseRecord.id);
    const set = latestSet(this.sets);
    if (!set) throw new Error(`the case "${caseRecord.name}" has no annotation set`);
    await this.#showSet(set);
    void this.refreshStorage(true);
    const audit = this.audit.status;
    if (audit.state === 'broken') {
      this.alert = `The audit log of this case is broken at entry ${audit.brokenAt}: ${audit.reason}. It was changed outside Framewise. Keep a copy of this browser's data and report it; new changes are still logged after it.`;
    }
    // A new case's creation is logged with it; a case started on the open video likewise.
    if (logOpening && !isNew) {
      this.recordAudit(
        'evidence.hash-check',
        { kind: 'evidence', id: sha256 },
        { fileName: source.file.name, size: source.file.size, sha256 },
        `${source.file.name}: SHA-256 matches the case's evidence`,
      );
    }
    void this.refreshCases();
  }

  /** Shows one annotation set of the open case and follows its stored records. */
  async #showSet(set: AnnotationSet): Promise<void> {
    const caseRecord = this.caseRecord;
    if (!caseRecord) return;
    this.#stopWatching?.();
    const records = await this.repository.recordsOf(set.id);
    this.annotationSet = set;
    this.document = buildDocument({ ...records, labels: caseRecord.labels });
    this.history = records.history;
    this.selectedTrackId = null;
    this.hiddenTrackIds.clear();
    this.lockedTrackIds.clear();
    await this.writer.open(caseRecord.id);
    this.#stopWatching = this.repository.watchCase(caseRecord.id, set.id, (stored) =>
      this.#followStored(stored),
    );
  }

  /** Chooses the track that drawing and editing act on; null lets go. */
  selectTrack(id: TrackId | null): void {
    this.selectedTrackId = id;
  }

  /** The Objects list's select button: selects, or lets go when already selected. */
  toggleTrackSelection(id: TrackId): void {
    this.selectTrack(id === this.selectedTrackId ? null : id);
  }

  /** N: the next drawing makes a new object with the current tool (Rectangle if none). */
  startNewObject(): void {
    this.selectedTrackId = null;
    if (this.tool === 'select') this.tool = 'rectangle';
  }

  /** Esc: drops a drawing in progress; else goes back to Select and lets go of the object. */
  cancel(): void {
    if (this.stage?.cancelDraft()) return;
    this.tool = 'select';
    this.selectedTrackId = null;
  }

  /** ffprobe's pts of a frame, from the frame table; null where the stream gives none. */
  ptsOf(frame: number): Pts | null {
    return this.source?.table.frames[frame]?.reportedPts ?? null;
  }

  /** The frame on screen as edits refer to it; null while no frame is shown. */
  currentFrameRef(): FrameRef | null {
    const shown = this.player.shown;
    if (!shown || !this.player.ready || !this.source) return null;
    const frame = shown.frame.index;
    return { frame, pts: this.ptsOf(frame), frameMd5: shown.md5 };
  }

  toggleHidden(id: TrackId): void {
    toggle(this.hiddenTrackIds, id);
  }

  toggleLocked(id: TrackId): void {
    toggle(this.lockedTrackIds, id);
  }

  toggleRedacted(id: TrackId): void {
    toggle(this.redactedTrackIds, id);
  }

  /** Records an edit for undo, shows it and saves it. Every edit goes through here. */
  execute(command: Command): void {
    if (!this.caseRecord || command.changes.length === 0 || this.#refusedAsFinal()) return;
    this.history = recordCommand(this.history, command);
    this.#apply(command, 'do');
  }

  undo(): void {
    if (this.#refusedAsFinal()) return;
    const step = undoStep(this.history);
    if (!step) return;
    this.history = step.history;
    this.#apply(step.command, 'undo');
  }

  redo(): void {
    if (this.#refusedAsFinal()) return;
    const step = redoStep(this.history);
    if (!step) return;
    this.history = step.history;
    this.#apply(step.command, 'redo');
  }

  /** A final set takes no edits: says so (true) rather than change it. */
  #refusedAsFinal(): boolean {
    if (!this.readOnly) return false;
    this.notice = `${this.annotationSet?.name} is final, so it cannot be changed. To edit it, set its status back to "in progress" (logged), or start a new set.`;
    return true;
  }

  /** Keeps the selection, the label chooser and the case in step with an edited document. */
  #followDocument(): void {
    const { tracks, labels } = this.document;
    if (this.selectedTrackId && !tracks.has(this.selectedTrackId)) this.selectedTrackId = null;
    if (!labels.some((l) => l.id === this.labelId) && labels[0]) this.labelId = labels[0].id;
    if (this.caseRecord && this.caseRecord.labels !== labels) {
      this.caseRecord = { ...this.caseRecord, labels };
    }
  }

  /** Shows the change at once and queues its write (CaseWriter). */
  #apply(command: Command, kind: EditKind): void {
    const caseRecord = this.caseRecord;
    if (!caseRecord) return;
    this.document = applyCommand(this.document, command);
    this.#followDocument();
    this.writer.enqueue(caseRecord.id, command, kind);
  }

  /** Logs something other than an edit in the open case's audit trail. */
  recordAudit(
    action: AuditAction,
    target: { kind: string; id: string | null },
    after: unknown,
    detail: string,
  ): void {
    const caseId = this.caseRecord?.id;
    if (caseId)
      this.writer.record(caseId, [this.writer.draft(caseId, action, target, after, detail)]);
  }
}

function toggle<T>(set: Set<T>, item: T): void {
  if (!set.delete(item)) set.add(item);
}
