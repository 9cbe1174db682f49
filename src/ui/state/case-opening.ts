/**
 * Opening and leaving a case, as functions of the Workspace: opening a video (or the sample,
 * or a saved case with its video) and the case of its SHA-256, starting another case on the
 * open video, deleting a case, and closing the video.
 */
import { latestSet, setTitle, setsOfVideo } from '../../core/annotations/annotation-sets';
import { clockOfVideo } from '../../core/annotations/case-videos';
import { EMPTY_SYNC } from '../../core/sync/model';
import { appendEntries, type AuditAction } from '../../core/evidence/audit';
import { nowIso } from '../../core/time/clock';
import { frameIndex, newCaseId, type Sha256 } from '../../core/ids';
import { DEFAULT_LABELS, type Case } from '../../core/annotations/model';
import { hashFile } from '../../media/hash-file';
import { CancelledError } from '../../media/cancelled';
import { MediaError } from '../../media/media-error';
import { VideoSource } from '../../media/video-source';
import { firstSetOf, setCreated } from './annotation-set-actions';
import { findOrCreateCase } from './case-loading';
import { lastViewedPlace } from './last-viewed.svelte';
import type { FileHandleLike } from './file-handles';
import type { Workspace } from './workspace.svelte';
import { fitViewToLead } from './view-actions';

const SAMPLE_URL = `${import.meta.env.BASE_URL}sample/framewise-sample.mp4`;

/**
 * Starts another case on the open video (e.g. a second examiner's independent annotation):
 * empty annotations, the default labels, its own audit trail; the open case is kept.
 */
export async function newCaseForOpenVideo(ws: Workspace): Promise<void> {
  const source = ws.source;
  const current = ws.caseRecord;
  if (!source || !current || ws.opening) return;
  if (!(await ws.ensureExaminer()) || !(await ws.canLeaveCase())) return;
  const now = nowIso();
  const sameVideo = ws.cases.filter((c) => c.evidenceSha256 === current.evidenceSha256);
  const base = current.name.replace(/ \(\d+\)$/, '');
  // A case on the video on screen alone (the open case's other videos are not in it).
  const video = ws.evidence!;
  const record: Case = {
    ...current,
    id: newCaseId(),
    name: `${base} (${sameVideo.length + 1})`,
    referenceNumber: current.referenceNumber,
    notes: '',
    evidenceSha256: video.sha256,
    evidenceFileName: video.fileName,
    clock: clockOfVideo(current, video.sha256),
    addedVideos: [],
    sync: EMPTY_SYNC,
    labels: DEFAULT_LABELS,
    createdAt: now,
    modifiedAt: now,
  };
  const firstSet = firstSetOf(ws, record);
  try {
    const entries = await appendEntries(null, [
      ws.writer.draft(
        record.id,
        'case.create',
        { kind: 'case', id: record.id },
        record,
        `${record.name}, on the video of "${current.name}"`,
      ),
      setCreated(ws, firstSet),
    ]);
    await ws.repository.createCaseLogged(ws.evidence!, record, firstSet, entries);
    ws.detachCase();
    await loadCase(ws, source, video.sha256, record, false);
  } catch (error) {
    ws.alert = `A new case could not be started: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Deletes a case and all its annotations from this browser (the person confirmed it). */
export async function deleteCase(ws: Workspace, caseId: Case['id']): Promise<void> {
  // The deletion is recorded with who made it.
  if (!(await ws.ensureExaminer())) return;
  try {
    if (ws.caseRecord?.id === caseId) {
      await ws.writer.settled();
      close(ws);
    }
    await ws.library.remove(caseId);
  } catch (error) {
    ws.alert = `The case could not be deleted: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export async function openSample(ws: Workspace): Promise<void> {
  if (!(await ws.ensureExaminer())) return;
  ws.alert = null;
  try {
    const response = await fetch(SAMPLE_URL);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blob = await response.blob();
    await openFile(ws, new File([blob], 'framewise-sample.mp4', { type: 'video/mp4' }));
  } catch (error) {
    ws.alert = `The sample footage could not be loaded: ${String(error)}`;
  }
}

/**
 * Opens a video; with `forCase`, re-opens that case with its video: the file must have the
 * case's SHA-256, and a different file is refused (showing both hashes) before anything is
 * shown or written.
 *
 * Stages, each with its own progress (OpeningStages): the frame table (FFmpeg's packet
 * listing), frame 0, then, with the video already on screen, its SHA-256 and its case
 * (found by that hash). The file chosen last wins: choosing another file cancels this open
 * wherever it is (the edits that wait for this video's hash are saved first).
 */
export async function openFile(
  ws: Workspace,
  file: File,
  forCase?: Case,
  /** A handle on the file (from a drop), kept to reopen it later without asking. */
  handle?: Promise<FileHandleLike | null>,
): Promise<void> {
  const choice = ++ws.latestChoice;
  const chosenSince = () => choice !== ws.latestChoice;
  // Opening is logged (a new case, its ingest, or the hash check): by someone named.
  if (!(await ws.ensureExaminer()) || chosenSince()) return;
  if (ws.stages.waiting.length > 0) {
    ws.notice = `${file.name} opens once the SHA-256 of the video on screen is known, so that what waits for it is saved first.`;
  }
  await ws.stages.settle();
  // The case of a file still opening may be reading its set (a short read): wait it out
  // rather than refuse, or a file chosen at that moment would be dropped.
  await ws.setReadDone();
  if (chosenSince() || !(await ws.canLeaveCase()) || chosenSince()) return;
  // From here this open is in charge, until another one starts.
  const attempt = ++ws.openAttempt;
  const superseded = () => attempt !== ws.openAttempt;
  ws.opening = true;
  ws.alert = null;
  close(ws);
  const stages = ws.stages;
  const stopHashing = new AbortController();
  const identified = stages.beginIdentification(() => stopHashing.abort());
  const hashing = hashFile(
    file,
    (fraction) => {
      if (!superseded()) stages.hash = fraction;
    },
    stopHashing.signal,
  );
  hashing.catch(() => {}); // handled below; avoid an unhandled rejection if probing fails first
  let shown = false;
  try {
    stages.index = 0;
    const source = await VideoSource.open(file, ws.engine, (fraction) => {
      if (!superseded()) stages.index = fraction;
    });
    if (superseded()) return;
    if (source.indexComplete) stages.index = null;
    if (forCase) {
      const sha256 = await hashing;
      if (superseded()) return;
      if (sha256 !== forCase.evidenceSha256) return refuseOtherFile(ws, file, forCase, sha256);
    }
    source.setCacheBytes(ws.cacheMegabytes * 1024 * 1024);
    // A file whose first frame cannot be decoded gets an alert, not a case.
    stages.firstFrame = 0;
    // Asked for as a step back: nothing is before frame 0, so the window is frames 0 to 4,
    // not a forward jump's 16 (measured: 16 took 430 ms of a 1080p H.264 file's opening, 880
    // for HEVC; 5 take 200). Showing frame 0 then prefetches the frames after them.
    await source.frame(frameIndex(0), -1, true);
    if (superseded()) return;
    stages.firstFrame = null;
    ws.source = source;
    fitViewToLead(ws, source);
    ws.player.attach(source);
    ws.alert = source.cutShortWarning;
    ws.opening = false;
    shown = true;
    // FFmpeg's listing of an MP4/MOV or a long file goes on in the background, in the same
    // progress bar; after the SHA-256 when the table already holds every frame (the
    // listing only checks it): on two cores, the two at once would slow the hash.
    // That check waits for frame 0 to be drawn too: a core loading meanwhile slowed the
    // drawing of frame 0 by about 50 ms (its SHA-256 is often known by then).
    const drawn = frameDrawn(ws, superseded);
    // The sound is decoded on a core of its own once frame 0 is drawn and the SHA-256 known
    // (as the table check: on two cores it would slow the hash); it never delays the picture.
    void Promise.all([hashing, drawn])
      .catch(() => {})
      .then(() => {
        if (!superseded() && ws.source?.file === source.file) ws.sound.load(ws.source);
      });
    const indexing = (
      source.holdsEveryFrame
        ? Promise.all([hashing, drawn]).then(() => (superseded() ? source : source.whole()))
        : source.whole()
    ).then((whole) => {
      if (superseded()) return whole;
      stages.index = null;
      if (whole !== source) {
        ws.source = whole;
        ws.player.extend(whole);
        ws.sound.useSource(whole);
        ws.alert = whole.cutShortWarning ?? ws.alert;
      }
      return whole;
    });
    indexing.catch(() => {}); // awaited below, after the hash (which may fail first)
    // The video is on screen; its case follows its SHA-256 (and its whole frame table).
    const sha256 = await hashing;
    const whole = await indexing;
    if (superseded()) return;
    await loadCase(ws, whole, sha256, forCase, true, () => !superseded());
    identified();
    // WebCodecs is checked against FFmpeg now: the frame table is whole (it is compared too),
    // the hash no longer takes the CPU, and a reopened case's frame is among those compared.
    if (!superseded()) ws.decoders.start(whole, ws.player.wanted);
    runWaitingActions(ws);
    const kept = await handle;
    // Best effort: without it, reopening just asks for the file.
    if (kept) await ws.repository.saveFileHandle(sha256, kept).catch(() => {});
  } catch (error) {
    if (superseded() || error instanceof CancelledError) return;
    const waited = stages.takeWaiting().length;
    close(ws);
    const why =
      error instanceof MediaError
        ? error.fullMessage
        : error instanceof NoExaminerError
          ? error.message
          : `This file could not be opened: ${error instanceof Error ? error.message : String(error)}`;
    ws.alert =
      shown && waited > 0
        ? `${why} The ${waited} change(s) made while its SHA-256 was computed could not be saved.`
        : why;
  } finally {
    stopHashing.abort(); // if it still runs (the open failed or was refused)
    identified();
    if (!superseded()) {
      stages.clear();
      ws.opening = false;
    }
  }
}

/** How long opening waits at most for frame 0 to be drawn before its background work starts. */
const DRAWN_WAIT_MS = 1000;

/**
 * Resolves once the player has drawn the frame asked for (frame 0, just decoded), once
 * another file is chosen, or after DRAWN_WAIT_MS: work started after it does not compete with
 * the drawing of the first frame. Polled: the player's state is not observable from here.
 */
function frameDrawn(ws: Workspace, superseded: () => boolean): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const look = () => {
      if (ws.player.ready || superseded() || performance.now() - started > DRAWN_WAIT_MS) {
        resolve();
      } else {
        setTimeout(look, 10);
      }
    };
    look();
  });
}

/** The actions asked for while the SHA-256 was computed, now that the case is known. */
function runWaitingActions(ws: Workspace): void {
  for (const run of ws.stages.takeWaiting()) run();
}

/** Reopening a case with another file than its video: refused, both hashes shown, logged. */
function refuseOtherFile(ws: Workspace, file: File, forCase: Case, sha256: Sha256): void {
  ws.alert = `This is not the video of case "${forCase.name}": the file you chose has SHA-256 ${sha256}, the case's video has ${forCase.evidenceSha256}. Nothing was opened; choose the original file.`;
  void ws.library
    .log(forCase.id, {
      action: 'evidence.hash-check',
      targetKind: 'evidence',
      targetId: forCase.evidenceSha256,
      after: { fileName: file.name, size: file.size, sha256, matches: false },
      detail: `${file.name}: SHA-256 differs from the case's evidence; refused`,
    })
    .catch(() => {}); // the refusal itself is on screen
}

/** Closes the video and its case and goes back to the first screen (the Cases list). */
export async function closeVideo(ws: Workspace): Promise<void> {
  if (ws.opening) return;
  const choice = ++ws.latestChoice;
  await ws.stages.settle();
  if (choice !== ws.latestChoice || !(await ws.canLeaveCase())) return;
  ws.openAttempt++; // an identification in progress ends here
  close(ws);
  await ws.refreshCases();
}

/** The examiner dialog was cancelled before the video's case was written. */
class NoExaminerError extends Error {
  constructor() {
    super(
      'No examiner is named, so this video was closed and nothing was saved. Name the examiner, then open the video again.',
    );
  }
}

/** Lets go of the video and its case at once (no waiting for writes: callers do that). */
function close(ws: Workspace): void {
  ws.videos.clear();
  ws.source?.close();
  ws.decoders.stop();
  ws.player.attach(null);
  ws.view.setPicture(null); // no video: nothing for the view to be refused on
  ws.sound.clear();
  ws.source = null;
  ws.evidence = null;
  ws.detachCase();
}

/**
 * Loads the case of a hashed video (a given one, or the latest on that video, or a new one)
 * and logs the ingest or the hash check; `logOpening` false when the case was just started
 * on the video already open (its file was not hashed again).
 */
async function loadCase(
  ws: Workspace,
  source: VideoSource,
  sha256: Sha256,
  forCase?: Case,
  logOpening = true,
  /** False once another file was chosen: nothing more of this case is put on screen. */
  isCurrent: () => boolean = () => true,
): Promise<void> {
  const stillCurrent = () => {
    if (!isCurrent()) throw new CancelledError();
  };
  // The name may have been cleared while the file was hashed: nothing is written as nobody's.
  if (!(await ws.ensureExaminer())) throw new NoExaminerError();
  stillCurrent();
  const { evidence, caseRecord, isNew } = await findOrCreateCase(
    ws.repository,
    source,
    sha256,
    forCase,
  );
  stillCurrent();
  if (isNew) {
    // The case, its first set, its video's facts and the entries saying so: one transaction.
    const firstSet = firstSetOf(ws, caseRecord);
    const draft = (action: AuditAction, kind: string, id: string, after: unknown, detail: string) =>
      ws.writer.draft(caseRecord.id, action, { kind, id }, after, detail);
    const entries = await appendEntries(null, [
      draft('case.create', 'case', caseRecord.id, caseRecord, caseRecord.name),
      draft('evidence.ingest', 'evidence', sha256, evidence, evidence.fileName),
      setCreated(ws, firstSet),
    ]);
    await ws.repository.createCaseLogged(evidence, caseRecord, firstSet, entries);
    stillCurrent();
  }
  ws.evidence = evidence;
  ws.caseRecord = caseRecord;
  const sets = await ws.repository.setsOf(caseRecord.id);
  stillCurrent();
  // The sets of the video on screen (a case of several videos has sets for each).
  ws.sets = setsOfVideo(sets, sha256);
  // Back where the person was: the set and frame last on screen (last-viewed.svelte.ts).
  const place = isNew ? null : await lastViewedPlace(ws.repository, caseRecord.id);
  stillCurrent();
  const set = ws.sets.find((s) => s.id === place?.setId) ?? latestSet(ws.sets);
  if (!set) throw new Error(`the case "${caseRecord.name}" has no annotation set`);
  await ws.showSet(set);
  await ws.videos.showCase();
  stillCurrent();
  // Unless the person has already moved off frame 0 (the case follows the SHA-256 and, for an
  // MP4, FFmpeg's check of its frame table: they may have stepped or jumped meanwhile).
  if (place && place.setId === set.id && ws.player.wanted === 0) ws.player.goTo(place.frame);
  void ws.refreshStorage(true);
  const audit = ws.audit.status;
  if (audit.state === 'broken') {
    ws.alert = `The audit log of this case is broken at entry ${audit.brokenAt}: ${audit.reason}. It was changed outside Framewise. Keep a copy of this browser's data and report it; new changes are still logged after it.`;
  }
  if (!isNew) await logUnloggedSets(ws, caseRecord.id);
  // A new case's creation is logged with it; a case started on the open video likewise.
  if (logOpening && !isNew) {
    ws.recordAudit(
      'evidence.hash-check',
      { kind: 'evidence', id: sha256 },
      { fileName: source.file.name, size: source.file.size, sha256 },
      `${source.file.name}: SHA-256 matches the case's evidence`,
    );
  }
  void ws.refreshCases();
}

/**
 * Sets made by the database upgrade to version 7 (each older case's "Set 1") could not be
 * logged then (no hashing inside an IndexedDB upgrade): the first time such a case is
 * opened, its set's creation is logged, saying so.
 */
async function logUnloggedSets(ws: Workspace, caseId: Case['id']): Promise<void> {
  const logged = new Set(
    (await ws.repository.auditOf(caseId))
      .filter((e) => e.action === 'set.create')
      .map((e) => e.targetId),
  );
  for (const set of ws.sets.filter((s) => !logged.has(s.id))) {
    ws.recordAudit(
      'set.create',
      { kind: 'set', id: set.id },
      set,
      `${setTitle(set)} (made from the case's annotations when this browser's database was upgraded to annotation sets)`,
    );
  }
}
