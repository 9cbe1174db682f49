import type { AnnotationEvent, Label, Track } from '../annotations/model';
import { canonicalJson } from '../evidence/canonical-json';
import { sha256Hex } from '../evidence/audit';
import type { AnnotationsExport } from '../exports/export-json-format';

/**
 * Training (issue 17): an exercise a trainer hands out and the submission a trainee hands
 * back, as files.
 *
 * The exercise names the video by its SHA-256 (the trainee's copy is checked against it), the
 * label set, the instructions and the frames to annotate. It holds no reference annotation:
 * only the SHA-256 of the reference set's content, so the trainer's reference cannot be
 * swapped or edited afterwards without the comparison saying so.
 *
 * The submission is the trainee's whole set as Framewise's native JSON (whose audit log and
 * head hash the reader verifies), with who made it and for which exercise (by id and by the
 * SHA-256 of the exercise file as the trainee opened it).
 */
export const EXERCISE_FORMAT = 'framewise.exercise';
export const SUBMISSION_FORMAT = 'framewise.submission';

export interface Exercise {
  readonly format: typeof EXERCISE_FORMAT;
  readonly version: 1;
  readonly exerciseId: string;
  readonly title: string;
  readonly instructions: string;
  readonly video: {
    readonly sha256: string;
    readonly fileName: string;
    readonly frameCount: number;
  };
  /** The case's label set: what the trainee annotates with. */
  readonly labels: readonly Label[];
  /** The frames to annotate (inclusive); the comparison is made on them. */
  readonly span: { readonly firstFrame: number; readonly lastFrame: number };
  /** The reference set by name and by the SHA-256 of its content (`referenceDigest`). */
  readonly reference: { readonly name: string; readonly sha256: string };
  readonly createdBy: string;
  readonly createdAt: string;
  readonly generator: { readonly name: string; readonly version: string };
}

export interface Submission {
  readonly format: typeof SUBMISSION_FORMAT;
  readonly version: 1;
  readonly exerciseId: string;
  /** SHA-256 of the exercise file the trainee opened. */
  readonly exerciseSha256: string;
  readonly video: { readonly sha256: string };
  readonly examiner: { readonly name: string; readonly role: string };
  readonly submittedAt: string;
  /** The trainee's set as Framewise's native JSON, audit log included. */
  readonly annotations: AnnotationsExport;
}

/**
 * What a reference set's digest is taken of: its tracks and events as stored (every field,
 * ordered by id, in canonical JSON), so any edit after the exercise was made changes it,
 * while saving, reopening or exporting it does not.
 */
export function referenceDigestText(set: {
  readonly tracks: readonly Track[];
  readonly events: readonly AnnotationEvent[];
}): string {
  const byId = <T extends { readonly id: string }>(items: readonly T[]) =>
    [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return canonicalJson({ tracks: byId(set.tracks), events: byId(set.events) });
}

export const referenceDigest = (set: Parameters<typeof referenceDigestText>[0]): Promise<string> =>
  sha256Hex(referenceDigestText(set));

/** An exercise or a submission as its file's text (indented, a newline at the end). */
export const trainingFileText = (file: Exercise | Submission): string =>
  `${JSON.stringify(file, null, 2)}\n`;
