import { nowIso } from '../../core/clock';
import {
  createRectangleTrack,
  rectangleFromCorners,
  setKeyframe,
  toggleFlag,
} from '../../core/commands';
import { buildAnnotationsExport, exportFileName } from '../../core/export-json';
import {
  applyCommand,
  documentFromTracks,
  emptyDocument,
  emptyHistory,
  recordCommand,
  redoStep,
  undoStep,
  type Command,
  type History,
} from '../../core/history';
import { frameIndex, newCaseId, type LabelId, type Sha256, type TrackId } from '../../core/ids';
import { DEFAULT_LABELS, type Case, type Evidence } from '../../core/model';
import { labelOf, trackTitle, visibleAt } from '../../core/tracks';
import type { StageObject, StageTool } from '../../canvas/stage-view';
import { FfmpegEngine } from '../../media/ffmpeg-engine';
import { hashFile } from '../../media/hash-file';
import { MediaError } from '../../media/media-error';
import { VideoSource } from '../../media/video-source';
import { Repository } from '../../storage/repository';
import { downloadBlob } from '../download';
import { Player } from './player.svelte';

export const APP_NAME = 'Framewise';
export const APP_VERSION = __APP_VERSION__;
const SAMPLE_URL = `${import.meta.env.BASE_URL}sample/framewise-sample.mp4`;

export type SaveState =
  { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; message: string };

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
  readonly #repository = new Repository();

  source = $state.raw<VideoSource | null>(null);
  evidence = $state.raw<Evidence | null>(null);
  caseRecord = $state.raw<Case | null>(null);
  document = $state.raw(emptyDocument());
  history = $state.raw<History>(emptyHistory());
  cases = $state.raw<Case[]>([]);
  opening = $state(false);
  progress = $state.raw<Progress | null>(null);
  alert = $state<string | null>(null);
  saveState = $state.raw<SaveState>({ kind: 'saved' });
  tool = $state<StageTool>('select');
  /** Budget of the decoded-frame cache, in MiB (user-settable; 0 keeps only the last frame). */
  cacheMegabytes = $state(512);
  labelId = $state<LabelId>(DEFAULT_LABELS[0]!.id);
  /** The track that drawing adds keyframes to; null: drawing makes a new track. */
  selectedTrackId = $state<TrackId | null>(null);
  readonly selectedTrack = $derived(
    this.selectedTrackId ? (this.document.tracks.get(this.selectedTrackId) ?? null) : null,
  );

  readonly labels = $derived(this.caseRecord?.labels ?? DEFAULT_LABELS);
  /** Tracks visible on the wanted frame, in track-number order. */
  readonly visible = $derived(visibleAt(this.document.tracks.values(), this.player.wanted));
  readonly stageObjects = $derived<StageObject[]>(
    this.visible.map((r) => ({
      id: r.track.id,
      title: trackTitle(this.labels, r.track),
      color: labelOf(this.labels, r.track)?.color ?? '#ffffff',
      shape: r.shape,
      drawn: r.drawn,
      selected: r.track.id === this.selectedTrackId,
    })),
  );
  /** Annotating needs the case, which needs the file's SHA-256. */
  readonly canAnnotate = $derived(this.caseRecord !== null && this.player.ready);

  setCacheMegabytes(megabytes: number): void {
    if (!Number.isFinite(megabytes) || megabytes < 0) return;
    this.cacheMegabytes = Math.round(megabytes);
    this.source?.setCacheBytes(this.cacheMegabytes * 1024 * 1024);
  }

  async refreshCases(): Promise<void> {
    try {
      this.cases = await this.#repository.listCases();
    } catch (error) {
      this.alert = `Saved cases could not be read from this browser's storage: ${String(error)}`;
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

  async openFile(file: File): Promise<void> {
    if (this.opening) return;
    this.opening = true;
    this.alert = null;
    this.#close();
    const hashing = hashFile(
      file,
      (fraction) => (this.progress = { label: 'Computing SHA-256', fraction }),
    );
    hashing.catch(() => {}); // handled below; avoid an unhandled rejection if probing fails first
    try {
      const source = await VideoSource.open(file, this.#engine);
      source.setCacheBytes(this.cacheMegabytes * 1024 * 1024);
      // A file whose first frame cannot be decoded gets an alert, not a case.
      await source.frame(frameIndex(0), 1, true);
      this.source = source;
      this.player.attach(source);
      this.alert = source.cutShortWarning;
      const sha256 = await hashing;
      await this.#loadCase(source, sha256);
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
    this.caseRecord = null;
    this.document = emptyDocument();
    this.history = emptyHistory();
    this.selectedTrackId = null;
  }

  async #loadCase(source: VideoSource, sha256: Sha256): Promise<void> {
    const now = nowIso();
    const { facts } = source;
    const evidence: Evidence = (await this.#repository.evidence(sha256)) ?? {
      sha256,
      fileName: source.file.name,
      size: source.file.size,
      codec: facts.codec,
      width: facts.width,
      height: facts.height,
      rotation: facts.rotation,
      pixelFormat: facts.pixelFormat,
      timeBase: facts.timeBase,
      startPts: source.table.frames[0]!.reportedPts,
      frameCount: source.frameCount,
      addedAt: now,
    };
    await this.#repository.saveEvidence(evidence);
    let caseRecord = await this.#repository.latestCaseFor(sha256);
    if (!caseRecord) {
      caseRecord = {
        id: newCaseId(),
        name: source.file.name.replace(/\.[^.]+$/, '') || source.file.name,
        evidenceSha256: sha256,
        evidenceFileName: source.file.name,
        labels: DEFAULT_LABELS,
        createdAt: now,
        modifiedAt: now,
      };
      await this.#repository.createCase(caseRecord);
    }
    this.evidence = evidence;
    this.caseRecord = caseRecord;
    this.document = documentFromTracks(await this.#repository.tracksOf(caseRecord.id));
    this.history = emptyHistory();
    this.saveState = { kind: 'saved' };
    void this.refreshCases();
  }

  /** Chooses the track that drawing adds keyframes to (again to let go of it). */
  selectTrack(id: TrackId | null): void {
    this.selectedTrackId = id === this.selectedTrackId ? null : id;
  }

  /**
   * A rectangle dragged on the stage: a keyframe of the selected track on this frame, or a
   * new track with the chosen label when none is selected.
   */
  drawRectangle(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const shown = this.player.shown;
    const source = this.source;
    if (!this.caseRecord || !shown || !source || !this.player.ready) return;
    const shape = rectangleFromCorners(a, b, shown.frame);
    if (shape.width < 1 || shape.height < 1) return;
    const now = nowIso();
    const where = {
      frame: shown.frame.index,
      pts: source.table.frames[shown.frame.index]?.reportedPts ?? null,
      frameMd5: shown.md5,
    };
    const track = this.selectedTrack;
    const command = track
      ? setKeyframe(track, { ...where, shape, outside: false, occluded: false }, now)
      : createRectangleTrack(this.document, {
          ...where,
          caseId: this.caseRecord.id,
          labelId: this.labelId,
          shape,
          now,
        });
    this.history = recordCommand(this.history, command);
    void this.#apply(command);
  }

  /** Flips the selected track's outside or occluded flag from the current frame on. */
  toggleSelectedFlag(flag: 'outside' | 'occluded'): void {
    const track = this.selectedTrack;
    const source = this.source;
    if (!track || !source || !this.caseRecord) return;
    const frame = this.player.wanted;
    const pts = source.table.frames[frame]?.reportedPts ?? null;
    const command = toggleFlag(track, frame, pts, flag, nowIso());
    if (!command) return;
    this.history = recordCommand(this.history, command);
    void this.#apply(command);
  }

  /** Moves to the selected track's previous (-1) or next (+1) keyframe. */
  goToKeyframe(direction: -1 | 1): void {
    const track = this.selectedTrack;
    if (!track) return;
    const here = this.player.wanted;
    const frames = track.keyframes.map((k) => k.frame);
    const target = direction > 0 ? frames.find((f) => f > here) : frames.findLast((f) => f < here);
    if (target !== undefined) this.player.goTo(target);
  }

  undo(): void {
    const step = undoStep(this.history);
    if (!step) return;
    this.history = step.history;
    void this.#apply(step.command);
  }

  redo(): void {
    const step = redoStep(this.history);
    if (!step) return;
    this.history = step.history;
    void this.#apply(step.command);
  }

  /** Shows the change at once and writes it in one transaction; the save state says when. */
  async #apply(command: Command): Promise<void> {
    const caseRecord = this.caseRecord;
    if (!caseRecord) return;
    this.document = applyCommand(this.document, command);
    this.saveState = { kind: 'saving' };
    try {
      await this.#repository.commit(caseRecord.id, command.changes, nowIso());
      this.saveState = { kind: 'saved' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.saveState = { kind: 'failed', message };
      this.alert = `Your last edit could not be saved (${message}). It is kept on screen; export the annotations now to keep a copy.`;
    }
  }

  exportAnnotationsJson(): void {
    if (!this.evidence || !this.caseRecord) return;
    const data = buildAnnotationsExport({
      evidence: this.evidence,
      caseRecord: this.caseRecord,
      tracks: this.document.tracks.values(),
      generator: { name: APP_NAME, version: APP_VERSION },
      now: nowIso(),
      framePts: (frame) => this.source?.table.frames[frame]?.reportedPts ?? null,
    });
    downloadBlob(
      new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      exportFileName(this.evidence.fileName, 'framewise.json'),
    );
  }
}
