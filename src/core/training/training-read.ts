import { sha256Hex } from '../evidence/audit';
import { parseAnnotationsExport, type ImportedNative } from '../exports/annotations-import';
import { readJson, type FileKind } from '../json-guard';
import { exercise, submission } from '../schemas/generated/training-validators.js';
import { EXERCISE_FORMAT, SUBMISSION_FORMAT, type Exercise, type Submission } from './exercise';

/**
 * Reading an exercise or a submission from outside (issue 17), trusting nothing: size and
 * nesting first, then JSON, the format, the envelope's schema, and for a submission that it
 * is for this exercise and this video, names who made it, and that its annotations pass the
 * native reader (schema, integrity, the audit chain and its head hash). Every refusal is in
 * plain words.
 */
const EXERCISE_FILE: FileKind = { name: 'a Framewise exercise', short: 'an exercise' };
const SUBMISSION_FILE: FileKind = { name: 'a Framewise submission', short: 'a submission' };

/**
 * The envelopes' schemas are schemas/exercise.schema.json and schemas/submission.schema.json;
 * their validators are generated at build time (scripts/build-validators.mjs), since the
 * Content-Security-Policy forbids compiling one at run time.
 */
const validExercise = exercise;
const validSubmission = submission;

export type ExerciseRead =
  | { readonly ok: true; readonly exercise: Exercise; readonly sha256: string }
  | { readonly ok: false; readonly problems: readonly string[] };

export type SubmissionRead =
  | {
      readonly ok: true;
      readonly submission: Submission;
      /** Its annotations as the native reader gives them (to compare). */
      readonly annotations: ImportedNative;
      readonly sha256: string;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

const formatOf = (value: unknown) =>
  value && typeof value === 'object' ? (value as { format?: unknown }).format : undefined;

/** The schema's first problems, in words a trainer can act on. */
function schemaProblems(errors: typeof validExercise.errors, kind: FileKind): string[] {
  return (errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `This is not ${kind.name} as Framewise writes it: ${e.instancePath || 'the file'} ${e.message ?? 'is wrong'}.`,
    );
}

export async function readExercise(fileText: string): Promise<ExerciseRead> {
  const read = readJson(fileText, { maxChars: 20_000_000, maxDepth: 32 }, EXERCISE_FILE);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  if (formatOf(read.value) !== EXERCISE_FORMAT) {
    return {
      ok: false,
      problems: ['This is not a Framewise exercise (its "format" is not framewise.exercise).'],
    };
  }
  if (!validExercise(read.value)) {
    return { ok: false, problems: schemaProblems(validExercise.errors, EXERCISE_FILE) };
  }
  const exercise = read.value as Exercise;
  if (exercise.span.lastFrame < exercise.span.firstFrame) {
    return { ok: false, problems: ["The exercise's frames to annotate end before they start."] };
  }
  return { ok: true, exercise, sha256: await sha256Hex(fileText) };
}

/**
 * A submission checked against the exercise it answers (`exerciseSha256`: of that exercise's
 * file as the trainer holds it, which the trainee must have opened).
 */
export async function readSubmission(
  fileText: string,
  exercise: Exercise,
  exerciseSha256: string,
): Promise<SubmissionRead> {
  const fail = (...problems: string[]): SubmissionRead => ({ ok: false, problems });
  const read = readJson(fileText, { maxChars: 500_000_000, maxDepth: 64 }, SUBMISSION_FILE);
  if (!read.ok) return fail(read.problem);
  if (formatOf(read.value) !== SUBMISSION_FORMAT) {
    return fail('This is not a Framewise submission (its "format" is not framewise.submission).');
  }
  if (!validSubmission(read.value)) {
    return fail(...schemaProblems(validSubmission.errors, SUBMISSION_FILE));
  }
  const submission = read.value as Submission;
  if (submission.exerciseId !== exercise.exerciseId) {
    return fail(
      `This submission is for another exercise (${JSON.stringify(submission.exerciseId)}), not “${exercise.title}”.`,
    );
  }
  if (submission.video.sha256 !== exercise.video.sha256) {
    return fail(
      `This submission is for another video: its video has SHA-256 ${submission.video.sha256}, the exercise's video (${exercise.video.fileName}) has ${exercise.video.sha256}.`,
    );
  }
  if (submission.exerciseSha256 !== exerciseSha256) {
    return fail(
      `The trainee answered another version of this exercise: the file they opened has SHA-256 ${submission.exerciseSha256}, this one has ${exerciseSha256}. Its instructions or frames may differ.`,
    );
  }
  if (submission.examiner.name.trim() === '') {
    return fail('This submission names no examiner: who made it cannot be said.');
  }
  const parsed = await parseAnnotationsExport(JSON.stringify(submission.annotations));
  if (!parsed.ok) {
    return fail(...parsed.problems.map((p) => `Its annotations: ${p}`));
  }
  if (parsed.document.evidenceSha256 !== exercise.video.sha256) {
    return fail(
      `Its annotations are of another video (SHA-256 ${parsed.document.evidenceSha256}), not the exercise's (${exercise.video.sha256}).`,
    );
  }
  return { ok: true, submission, annotations: parsed.document, sha256: await sha256Hex(fileText) };
}
