import { isReadOnly } from '../../core/annotations/annotation-sets';
import type { AuditAction } from '../../core/evidence/audit';
import type { FrameRef } from '../../core/annotations/commands';
import {
  buildDocument,
  emptyDocument,
  emptyHistory,
  type Command,
  type History,
} from '../../core/annotations/history';
import type { LabelId, Pts, TrackId } from '../../core/ids';
import {
  DEFAULT_LABELS,
  type AnnotationSet,
  type Case,
  type Evidence,
} from '../../core/annotations/model';
import { visibleAt } from '../../core/annotations/tracks';
import { clockOfVideo } from '../../core/annotations/case-videos';
import type { DraftState, StageControl, StageObject, StageTool } from '../../canvas/stage-view';
import { FfmpegEngine } from '../../media/ffmpeg-engine';
import type { VideoSource } from '../../media/video-source';
import { ViewFilters } from './view-filters.svelte';
import { Repository, type CaseRecords } from '../../storage/repository';
import {
  requestPersistence,
  storageHealth,
  type StorageHealth,
} from '../../storage/storage-health';
import { nowIso } from '../../core/time/clock';
import { backupReminderDue, type UnsavedWork } from '../../core/evidence/backup-reminder';
import type { AuditTrail } from './audit-trail.svelte';
import { CaseLibrary } from './case-library.svelte';
import { CaseWriter, type SaveState } from './case-writer.svelte';
import { executeEdit, followEditedDocument, redoEdit, undoEdit } from './edit-pipeline';
import { ExaminerPrompt } from './examiner-prompt.svelte';
import { followStoredCase } from './follow-other-tabs';
import { OpeningStages } from './opening-stages.svelte';
import { SvelteSet } from 'svelte/reactivity';
import { Player } from './player.svelte';
import { stageObjectOf } from './stage-objects';
import { rememberLastViewed } from './last-viewed.svelte';
import { AssistedTracking } from './assisted-tracking.svelte';
import { SetComparison } from './set-comparison.svelte';
import { Training } from './training.svelte';
import { MeasureState } from './measure-state.svelte';
import { DecoderChoice } from './decoder-choice.svelte';
import { Sound } from './sound.svelte';
import { CaseVideos } from './case-videos.svelte';
import { FrameCompare } from './frame-compare.svelte';
import type { LoupeZoom } from './loupe';

export type { SaveState };

export const APP_NAME = 'Framewise';
/** What `busy` says while a set's records are read (a short read, which an open waits out). */
export const SET_SWITCH = 'the switch of annotation set';
/** The decoded-frame cache's largest budget (16 GiB): more is a typo, not a wish. */
export const MAX_CACHE_MEGABYTES = 16_384;
export const APP_VERSION = __APP_VERSION__;
/** The build (the git commit it was made from; vite.config.ts `buildId`). */
export const APP_BUILD = __APP_BUILD__;

/** Long work on show: a label and a fraction done (0..1). */
export interface Progress {
  readonly label: string;
  readonly fraction: number;
}

/**
 * The open video, its case and its annotations, and every action on them: here, or as
 * functions of it in the other state modules (case-opening.ts, annotation-set-actions.ts,
 * track-actions.ts, …). Components read its fields and call those; nothing else changes
 * this state.
 */
export class Workspace {
  readonly player = new Player(
    (frame, rate) => this.sound.follow(frame, rate),
    () => this.sound.stop(),
  );
  /** Measurement outcomes and the view choices of measuring (measure-state.svelte.ts). */
  readonly measure = new MeasureState();
  /** Assisted tracking's controls and the run under way (issue 16). */
  readonly tracking = new AssistedTracking();
  /** Comparing two annotation sets (issue 17). */
  readonly comparison = new SetComparison();
  /** The pinned frame and its comparison with the frame shown now (issue 18). */
  readonly frameCompare = new FrameCompare();
  /** Exercises, submissions and the class table (issue 17). */
  readonly training = new Training();
  /** The View panel: how the lead's frames are shown (never what they are). */
  readonly view = new ViewFilters();
  /**
   * The FFmpeg engine the lead video is on (case-opening.ts); another video's, once that one
   * is made the lead (case-videos.svelte.ts swaps them).
   */
  engine = new FfmpegEngine();
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
  /** Every annotation set of the open case, oldest first. */
  sets = $state.raw<AnnotationSet[]>([]);
  /** Which of them is on screen (showSet). */
  #shownSetId = $state<AnnotationSet['id'] | null>(null);
  /**
   * The annotation set on screen: its tracks, events and notes are the document. Read from
   * `sets`, so a status changed here or in another tab is seen in both at once.
   */
  readonly annotationSet = $derived(this.sets.find((s) => s.id === this.#shownSetId) ?? null);
  document = $state.raw(emptyDocument());
  history = $state.raw<History>(emptyHistory());
  /**
   * What is reading or replacing the whole set now ("the court report", "the switch of
   * annotation set"), during which edits wait; null when nothing is.
   */
  busy = $state<string | null>(null);
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
  /** True from choosing a file until its frame 0 is on screen (or it is refused). */
  opening = $state(false);
  /** The stages of opening, each with its progress, and what waits for the video's hash. */
  readonly stages = new OpeningStages();
  /** Counts files chosen (and closes): the last choice wins (case-opening.ts). */
  latestChoice = 0;
  /** Counts opens that took charge of the workspace; an earlier one stops at its next step. */
  openAttempt = 0;
  progress = $state.raw<Progress | null>(null);
  alert = $state<string | null>(null);
  get saveState(): SaveState {
    return this.writer.saveState;
  }
  get audit(): AuditTrail {
    return this.writer.audit;
  }
  tool = $state<StageTool>('select');
  /** A polygon, polyline or points being drawn on the stage (for the drawing hint). */
  drafting = $state.raw<DraftState | null>(null);
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
  /** The loupe's magnification over the stage (Shift+L cycles it); 0 = off. A view choice. */
  loupeZoom = $state<LoupeZoom>(0);
  shortcutsOpen = $state(false);
  /** How many frames Propagate (P) copies the selected object to. */
  propagateCount = $state(10);
  /** Who is working: recorded in every audit entry (a setting of this browser). */
  examiner = $state('');
  /** The examiner's role or title, for the court report's declaration (a setting too). */
  examinerRole = $state('');
  /** Asks for the examiner's name when an audited action finds none (ensureExaminer). */
  readonly examinerPrompt = new ExaminerPrompt();
  /** A passing message that needs no action (e.g. changes arrived from another tab). */
  notice = $state<string | null>(null);
  /** Stops following the open case's stored records (other tabs' edits). */
  #stopWatching: (() => void) | null = null;
  /** Whether the browser keeps our data, and how much room it has. */
  storage = $state.raw<StorageHealth>({ persisted: null, usage: null, quota: null });
  /** The browser was asked to keep this site's data for good and refused (it may clear it). */
  storageRefused = $state(false);
  /** The open case's work that no file holds, when over a week old (backup-reminder.ts). */
  backupReminder = $state.raw<(UnsavedWork & { caseId: Case['id'] }) | null>(null);
  /** Stores the set and frame on screen per case, so reopening returns there; call to stop. */
  readonly stopRememberingPlace = rememberLastViewed(this);
  /** The Konva stage's controls, once it is mounted (StageHost). */
  stage: StageControl | null = null;
  /** Which decoder the open video uses, and WebCodecs' check against FFmpeg. */
  readonly decoders = new DecoderChoice();
  /** The open video's sound: its waveform, and played in step at 1× (sound.svelte.ts). */
  readonly sound = new Sound();
  /** The case's other videos, beside the lead, in step with it (case-videos.svelte.ts). */
  readonly videos = new CaseVideos(this);
  /** Budget of the decoded-frame cache, in MiB (user-settable; 0 keeps only the last frame). */
  cacheMegabytes = $state(512);
  labelId = $state<LabelId>(DEFAULT_LABELS[0]!.id);
  /** The track that drawing adds keyframes to; null: drawing makes a new track. */
  selectedTrackId = $state<TrackId | null>(null);
  readonly selectedTrack = $derived(
    this.selectedTrackId ? (this.document.tracks.get(this.selectedTrackId) ?? null) : null,
  );

  readonly labels = $derived(this.caseRecord ? this.document.labels : DEFAULT_LABELS);
  /** The DVR clock calibration of the video on screen (each video of a case has its own). */
  readonly videoClock = $derived(
    this.caseRecord && this.evidence ? clockOfVideo(this.caseRecord, this.evidence.sha256) : null,
  );
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
  /** Drawing may start before the case is known: the shape then waits for it (whenCaseKnown). */
  readonly canDraw = $derived(
    this.player.ready && (this.caseRecord !== null || this.stages.identifying),
  );

  /**
   * Runs an action that needs the open video's case: now, or, while the video's SHA-256 is
   * being computed (its case is found by it), once the case is known, saying so meanwhile
   * (OpeningStages.waiting). `what` names it in plain words ("the rectangle you drew").
   */
  whenCaseKnown(what: string, run: () => void): void {
    if (this.caseRecord) return run();
    if (this.stages.identifying) this.stages.wait(what, run);
  }

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

  setExaminerRole(role: string): void {
    this.examinerRole = role.trim();
    void this.#saveSetting('examinerRole', this.examinerRole);
  }

  /**
   * Before every audited action: true once an examiner is named, after asking if none is;
   * false when the person cancelled, and then the action is not done.
   */
  ensureExaminer(): Promise<boolean> {
    return this.examiner ? Promise.resolve(true) : this.examinerPrompt.ask();
  }

  /** Reads this browser's settings and the saved cases (on start). */
  async init(): Promise<void> {
    // The decoder and the frame renderers start first, not when the first file is chosen nor
    // after the reads below (25 to 50 ms): the core's compile is most of a file chosen at once.
    this.engine.warmUp();
    this.player.warmUp();
    try {
      const examiner = await this.repository.setting('examiner');
      if (typeof examiner === 'string') this.examiner = examiner;
      const role = await this.repository.setting('examinerRole');
      if (typeof role === 'string') this.examinerRole = role;
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

  /**
   * Asks to keep this site's data for good (once there is something to keep: a case opened or
   * made; never again once granted) and re-reads use and the open case's backup reminder.
   */
  async refreshStorage(ask = false): Promise<void> {
    if (ask) this.storageRefused = (await requestPersistence()) === false;
    this.storage = await storageHealth();
    await this.refreshBackupReminder();
  }

  /** Whether the open case has work no file holds, more than a week old (core's rule). */
  async refreshBackupReminder(): Promise<void> {
    const caseId = this.caseRecord?.id;
    if (!caseId) return;
    try {
      const due = backupReminderDue(await this.repository.auditOf(caseId), nowIso());
      if (this.caseRecord?.id === caseId) this.backupReminder = due && { caseId, ...due };
    } catch {
      // A reminder that cannot be worked out is not shown; the save state says what failed.
    }
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
  readonly appBuild = APP_BUILD;

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
    this.document = buildDocument({
      ...records,
      labels: this.document.labels,
      sync: this.document.sync,
    });
    const stored = await this.repository.caseById(caseRecord.id);
    if (stored) {
      this.caseRecord = stored;
      this.document = { ...this.document, labels: stored.labels };
    }
    this.history = records.history;
    this.followDocument();
    this.alert = null;
    this.notice = 'Unsaved edits were discarded: the screen shows what is saved.';
  }

  /**
   * Before the open case is left: waits for its queued writes. If some could not be written,
   * it stays open (leaving would lose them) and the alert says what to do. For the actions
   * that leave the open case or set (case-opening.ts, annotation-set-actions.ts).
   */
  async canLeaveCase(): Promise<boolean> {
    if (this.busy) {
      this.notice = `Wait until ${this.busy} is done: nothing was changed.`;
      return false;
    }
    await this.writer.settled();
    if (this.writer.idle) return true;
    this.alert = `Some edits of "${this.caseRecord?.name}" are not saved yet, so the case stays open. Download the annotations, or make another edit to retry saving, before opening something else.`;
    return false;
  }

  /**
   * Lets go of the open case (its annotations, selection, write queue, watcher). For
   * case-opening.ts only.
   */
  detachCase(): void {
    this.caseRecord = null;
    this.#shownSetId = null;
    this.sets = [];
    this.document = emptyDocument();
    this.history = emptyHistory();
    this.selectedTrackId = null;
    this.hiddenTrackIds.clear();
    this.lockedTrackIds.clear();
    this.redactedTrackIds.clear();
    this.measure.reset();
    this.comparison.open = false;
    this.comparison.clear();
    this.training.exercise = null;
    this.training.submissions = [];
    this.training.classExercise = null;
    void this.writer.open(null);
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.notice = null;
  }

  /** The read of a set's records under way (showSet), which an open waits out. */
  #setRead: Promise<unknown> | null = null;

  /** Resolves once no set's records are being read (whether the read succeeded or not). */
  async setReadDone(): Promise<void> {
    while (this.#setRead) await this.#setRead.catch(() => undefined);
  }

  /**
   * Reads a set's stored records; no edit is taken meanwhile (it would be of neither set).
   * Given to showSet by a switch that must change the video and the set in one step.
   */
  async readSet(set: AnnotationSet): Promise<CaseRecords> {
    this.busy = SET_SWITCH;
    const read = this.repository.recordsOf(set.id);
    this.#setRead = read;
    return read.finally(() => {
      this.busy = null;
      if (this.#setRead === read) this.#setRead = null;
    });
  }

  /**
   * Shows one annotation set of the open case (one of `sets`) and follows its stored records
   * (`records` when already read by readSet; from the first await on, the set is shown).
   * For case-opening.ts and annotation-set-actions.ts.
   */
  async showSet(set: AnnotationSet, records?: CaseRecords): Promise<void> {
    const caseRecord = this.caseRecord;
    if (!caseRecord) return;
    this.#stopWatching?.();
    records ??= await this.readSet(set);
    this.#shownSetId = set.id;
    this.document = buildDocument({ ...records, labels: caseRecord.labels, sync: caseRecord.sync });
    this.history = records.history;
    this.selectedTrackId = null;
    this.hiddenTrackIds.clear();
    this.lockedTrackIds.clear();
    this.measure.reset();
    await this.writer.open(caseRecord.id);
    this.#stopWatching = this.repository.watchCase(caseRecord.id, set.id, (stored) =>
      followStoredCase(this, stored),
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

  /**
   * Esc: drops a drawing in progress; else lets go of the object. The tool is kept: going
   * back to Select would turn the next drag into a pan, losing the person's place.
   */
  cancel(): void {
    if (this.stage?.cancelDraft()) return;
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
    executeEdit(this, command);
  }

  undo(): void {
    undoEdit(this);
  }

  redo(): void {
    redoEdit(this);
  }

  /**
   * Keeps the selection, the label chooser and the case in step with an edited document
   * (here, and in follow-other-tabs.ts when the stored one is shown).
   */
  followDocument(): void {
    followEditedDocument(this);
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
    // An export puts the case's work in a file: nothing is left to remind of.
    if (action === 'export') this.backupReminder = null;
  }
}

function toggle<T>(set: Set<T>, item: T): void {
  if (!set.delete(item)) set.add(item);
}
