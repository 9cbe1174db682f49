/**
 * Exercises and submissions in the app (issue 17). A trainer makes an exercise from the set on
 * screen (the reference); a trainee opens it beside the video (SHA-256 checked), annotates,
 * and exports a submission; the trainer imports the exercise with any number of submissions
 * into the comparison panel and gets the class table, its CSV and a feedback sheet each.
 */
import { editLabels, validateLabels } from '../../core/annotations/labels';
import { newLabelId } from '../../core/ids';
import { classTableCsv, type ClassRow } from '../../core/compare/class-table';
import type { ComparedSet } from '../../core/compare/compare-sets';
import { importedToRecords } from '../../core/exports/imported-records';
import { exportFileName } from '../../core/exports/export-json';
import { nowIso } from '../../core/time/clock';
import { parseRate } from '../../core/time/time-base';
import {
  EXERCISE_FORMAT,
  referenceDigest,
  SUBMISSION_FORMAT,
  trainingFileText,
  type Exercise,
} from '../../core/training/exercise';
import { readExercise, readSubmission } from '../../core/training/training-read';
import { zipSync } from 'fflate';
import { feedbackSheet } from '../../core/compare/feedback-sheet';
import { renderReportHtml } from '../../core/report/report-html';
import { comparedSetOf, compareInWorker } from './compare-actions';
import { reportFonts } from './court-report';
import { differenceStills } from './difference-stills';
import { differenceWords } from './difference-words';
import { shownSetExport } from './export-actions';
import { deliver, runExport } from './format-exports';
import type { VideoSource } from '../../media/video-source';
import type { ImportedSubmission, OpenExercise } from './training.svelte';
import type { Workspace } from './workspace.svelte';

const utf8 = (text: string) => new TextEncoder().encode(text);

export interface ExerciseChoices {
  readonly title: string;
  readonly instructions: string;
  readonly firstFrame: number;
  readonly lastFrame: number;
}

/** Why these choices make no exercise, in words; null when they do. */
export function exerciseProblem(ws: Workspace, c: ExerciseChoices): string | null {
  const last = (ws.source?.frameCount ?? 0) - 1;
  if (c.title.trim() === '') return 'Give the exercise a title.';
  const whole = (n: number) => Number.isInteger(n) && n >= 0 && n <= last;
  if (!whole(c.firstFrame) || !whole(c.lastFrame)) {
    return `The frames to annotate must be whole frame numbers from 0 to ${last}.`;
  }
  if (c.lastFrame < c.firstFrame) return 'The last frame to annotate comes before the first.';
  return null;
}

/** Export → Exercise: the set on screen is the reference; only its SHA-256 goes in the file. */
export async function exportExercise(ws: Workspace, choices: ExerciseChoices): Promise<void> {
  const { evidence, annotationSet, source } = ws;
  if (!evidence || !annotationSet || !source) return;
  await runExport(ws, 'exercise', async () => {
    await ws.writer.settled();
    const exercise: Exercise = {
      format: EXERCISE_FORMAT,
      version: 1,
      exerciseId: crypto.randomUUID(),
      title: choices.title.trim(),
      instructions: choices.instructions,
      video: {
        sha256: evidence.sha256,
        fileName: evidence.fileName,
        frameCount: source.frameCount,
      },
      labels: ws.document.labels,
      span: { firstFrame: choices.firstFrame, lastFrame: choices.lastFrame },
      reference: {
        name: annotationSet.name,
        sha256: await referenceDigest(await comparedSetOf(ws, annotationSet.id)),
      },
      createdBy: ws.examiner,
      createdAt: nowIso(),
      generator: { name: ws.appName, version: ws.appVersion },
    };
    const name = exportFileName(evidence.fileName, 'exercise.json');
    await deliver(ws, { name, bytes: utf8(trainingFileText(exercise)), type: 'application/json' });
    ws.training.exerciseDialogOpen = false;
    ws.notice = `Exercise “${exercise.title}” saved as ${name}. The reference (${annotationSet.name}) stays here: the file holds only its SHA-256.`;
  });
}

/** A trainee opens an exercise: it must be for the video open (its SHA-256). */
export async function openExercise(ws: Workspace, file: File): Promise<void> {
  const read = await readExercise(await file.text());
  if (!read.ok) {
    ws.alert = `${file.name} was not opened: ${read.problems.join(' ')}`;
    return;
  }
  const { exercise } = read;
  const sha256 = ws.evidence?.sha256;
  if (sha256 !== exercise.video.sha256) {
    ws.alert = sha256
      ? `This exercise is for another video: ${exercise.video.fileName}, SHA-256 ${exercise.video.sha256}; the video open has ${sha256}. Open the exercise's video first.`
      : `Open the exercise's video first (${exercise.video.fileName}, SHA-256 ${exercise.video.sha256}), then the exercise.`;
    return;
  }
  ws.training.exercise = { exercise, sha256: read.sha256 };
  addExerciseLabels(ws, exercise);
  ws.player.goTo(exercise.span.firstFrame);
}

/**
 * The exercise's labels the case lacks (by name) are added to it, as one undoable, audited
 * edit of the label set, so the trainee annotates with the trainer's labels.
 */
function addExerciseLabels(ws: Workspace, exercise: Exercise): void {
  const before = ws.document.labels;
  const have = new Set(before.map((l) => l.name.trim().toLowerCase()));
  const ids = new Set(before.map((l) => l.id as string));
  const missing = exercise.labels.filter((l) => !have.has(l.name.trim().toLowerCase()));
  if (missing.length === 0 || ws.readOnly) return;
  const added = missing.map((l) => (ids.has(l.id) ? { ...l, id: newLabelId() } : l));
  const after = [...before, ...added];
  const problems = validateLabels(after, []);
  if (problems.length > 0) {
    ws.alert = `The exercise's labels could not be added: ${problems.join(' ')}`;
    return;
  }
  ws.execute(editLabels(before, after));
  ws.notice = `Added the exercise's label${added.length === 1 ? '' : 's'} ${added.map((l) => `“${l.name}”`).join(', ')}.`;
}

/** Export → Submission: the set on screen answers the exercise open. */
export async function exportSubmission(ws: Workspace): Promise<void> {
  const open = ws.training.exercise;
  const evidence = ws.evidence;
  if (!evidence) return;
  if (!open || open.exercise.video.sha256 !== evidence.sha256) {
    ws.alert = 'Open the exercise first (Open exercise…): a submission answers one exercise.';
    return;
  }
  await runExport(ws, 'submission', async () => {
    const annotations = await shownSetExport(ws);
    if (!annotations) return;
    const text = trainingFileText({
      format: SUBMISSION_FORMAT,
      version: 1,
      exerciseId: open.exercise.exerciseId,
      exerciseSha256: open.sha256,
      video: { sha256: evidence.sha256 },
      examiner: { name: ws.examiner, role: ws.examinerRole },
      submittedAt: nowIso(),
      annotations,
    });
    const who = fileSafe(ws.examiner);
    const name = exportFileName(evidence.fileName, `${who}.submission.json`);
    await deliver(ws, { name, bytes: utf8(text), type: 'application/json' });
  });
}

/** A submission's annotations as the comparison takes them (the exercise's labels first). */
function submittedSet(
  ws: Workspace,
  annotations: Parameters<typeof importedToRecords>[0],
  exercise: Exercise,
): ComparedSet {
  const records = importedToRecords(annotations, {
    caseId: ws.caseRecord!.id,
    setId: ws.annotationSet!.id,
    labels: exercise.labels,
    now: nowIso(),
  });
  return {
    tracks: records.tracks,
    events: records.events,
    labels: [...exercise.labels, ...records.labelsToAdd],
  };
}

/**
 * "Import submissions": the exercise file and the submissions, chosen together. The reference
 * set chosen in the panel must be the one the exercise names (its SHA-256), else nothing is
 * compared. Each submission is checked on its own; the refused are listed with why.
 */
export async function importSubmissions(ws: Workspace, files: readonly File[]): Promise<boolean> {
  const t = ws.training;
  const c = ws.comparison;
  t.refused = [];
  const texts = await Promise.all(files.map(async (f) => ({ file: f, text: await f.text() })));
  const exercises = texts.filter((x) =>
    /"format"\s*:\s*"framewise\.exercise"/.test(x.text.slice(0, 4000)),
  );
  if (exercises.length !== 1) {
    ws.alert =
      exercises.length === 0
        ? 'Choose the exercise file together with the submissions: they are checked against it.'
        : 'Choose one exercise file with its submissions, not several.';
    return false;
  }
  const exerciseRead = await readExercise(exercises[0]!.text);
  if (!exerciseRead.ok) {
    ws.alert = `${exercises[0]!.file.name} is not a usable exercise: ${exerciseRead.problems.join(' ')}`;
    return false;
  }
  const exercise = exerciseRead.exercise;
  if (ws.evidence?.sha256 !== exercise.video.sha256) {
    ws.alert = `This exercise is for another video (${exercise.video.fileName}, SHA-256 ${exercise.video.sha256}); the video open has ${ws.evidence?.sha256 ?? 'none'}.`;
    return false;
  }
  const referenceSet = ws.sets.find((s) => s.id === c.referenceId);
  if (!referenceSet) {
    ws.alert = 'Choose the Reference set first: the exercise names the set it was made from.';
    return false;
  }
  const reference = await comparedSetOf(ws, referenceSet.id);
  const digest = await referenceDigest(reference);
  if (digest !== exercise.reference.sha256) {
    ws.alert = `The reference set “${referenceSet.name}” does not match the exercise: its content has SHA-256 ${digest}, the exercise was made from “${exercise.reference.name}” with ${exercise.reference.sha256}. It was changed after the exercise was made, or it is another set; nothing was compared.`;
    return false;
  }
  t.importing = true;
  try {
    const facts = ws.source?.facts;
    const fps = parseRate(facts?.averageFrameRate) ?? parseRate(facts?.nominalFrameRate);
    const rows: typeof t.submissions = [];
    const refused: string[] = [];
    for (const { file, text } of texts) {
      if (file === exercises[0]!.file) continue;
      const read = await readSubmission(text, exercise, exerciseRead.sha256);
      if (!read.ok) {
        refused.push(`${file.name}: ${read.problems.join(' ')}`);
        continue;
      }
      // The same work twice (the same file, or the same audit trail renamed) counts once.
      const twin = rows.find(
        (r) =>
          r.row.submissionSha256 === read.sha256 || r.auditHead === read.annotations.audit.headHash,
      );
      if (twin) {
        refused.push(
          `${file.name}: the same submission as ${twin.row.trainee}'s (the same ${twin.row.submissionSha256 === read.sha256 ? 'file' : 'audit trail'}); it is counted once.`,
        );
        continue;
      }
      const set = submittedSet(ws, read.annotations, exercise);
      const response = await compareInWorker({
        reference,
        compared: set,
        options: {
          iouThreshold: Number(c.iouThreshold),
          eventToleranceFrames: Number(c.eventTolerance),
          frames: { first: exercise.span.firstFrame, last: exercise.span.lastFrame },
          fps,
        },
      });
      if (!response.ok) {
        refused.push(`${file.name}: it could not be compared (${response.message}).`);
        continue;
      }
      const row: ClassRow = {
        trainee: read.submission.examiner.name,
        submittedAt: read.submission.submittedAt,
        submissionSha256: read.sha256,
        result: response.result,
      };
      rows.push({ row, set, auditHead: read.annotations.audit.headHash });
    }
    t.classExercise = { exercise, sha256: exerciseRead.sha256 };
    t.classReference = { name: referenceSet.name, set: reference };
    t.submissions = rows;
    t.refused = refused;
    if (refused.length > 0) {
      ws.alert = `${refused.length} of ${texts.length - 1} submissions were refused; the others are in the class table. ${refused.join(' ')}`;
    }
  } finally {
    t.importing = false;
  }
  return true;
}

/** The class table as CSV (logged as every export is). */
export async function exportClassTable(ws: Workspace): Promise<void> {
  const t = ws.training;
  if (!t.classExercise || !ws.evidence) return;
  await runExport(ws, 'class table', async () => {
    const csv = classTableCsv(t.submissions.map((s) => s.row));
    const name = exportFileName(ws.evidence!.fileName, 'class-table.csv');
    await deliver(ws, { name, bytes: utf8(csv), type: 'text/csv' });
  });
}

/**
 * "Feedback sheets": a PDF and an HTML sheet per trainee (scores, differences, stills of the
 * first differences with the reference and the trainee side by side), in one zip.
 */
export async function exportFeedbackSheets(ws: Workspace): Promise<void> {
  const { classExercise, classReference, submissions } = ws.training;
  const { source, evidence } = ws;
  if (!classExercise || !classReference || !source || !evidence) return;
  await runExport(ws, 'feedback sheets', async () => {
    const { renderReportPdf } = await import('../../core/report/report-pdf');
    const fonts = await reportFonts();
    const files: Record<string, Uint8Array> = {};
    try {
      for (const [i, s] of submissions.entries()) {
        ws.progress = {
          label: `Feedback sheets: ${s.row.trainee} (${i + 1} of ${submissions.length})`,
          fraction: i / submissions.length,
        };
        const doc = await feedbackOf(ws, source, classExercise, classReference, s);
        const base = `${String(i + 1).padStart(2, '0')}-${fileSafe(s.row.trainee)}`;
        files[`${base}.feedback.pdf`] = await renderReportPdf(doc, fonts);
        files[`${base}.feedback.html`] = utf8(renderReportHtml(doc));
      }
    } finally {
      ws.progress = null;
    }
    const name = exportFileName(evidence.fileName, 'feedback-sheets.zip');
    await deliver(ws, { name, bytes: zipSync(files), type: 'application/zip' });
  });
}

const fileSafe = (name: string) =>
  name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'trainee';

async function feedbackOf(
  ws: Workspace,
  source: VideoSource,
  open: OpenExercise,
  reference: { name: string; set: ComparedSet },
  submission: ImportedSubmission,
) {
  const { row } = submission;
  const sets = { reference: reference.set, compared: submission.set };
  const stills = await differenceStills(
    source,
    { ...sets, names: [`Reference (${reference.name})`, row.trainee] },
    row.result.differences,
  );
  return feedbackSheet({
    exerciseTitle: open.exercise.title,
    videoFileName: open.exercise.video.fileName,
    videoSha256: open.exercise.video.sha256,
    referenceName: reference.name,
    referenceSha256: open.exercise.reference.sha256,
    trainee: row.trainee,
    submittedAt: row.submittedAt,
    submissionSha256: row.submissionSha256,
    auditHead: submission.auditHead,
    result: row.result,
    describe: (d) => differenceWords(d, sets.reference, sets.compared),
    stills,
    trainer: ws.examiner,
    createdAt: nowIso(),
    appName: ws.appName,
    appVersion: ws.appVersion,
  });
}
