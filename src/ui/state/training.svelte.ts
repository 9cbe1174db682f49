import type { ClassRow } from '../../core/compare/class-table';
import type { ComparedSet } from '../../core/compare/compare-sets';
import type { Exercise } from '../../core/training/exercise';

/**
 * Training (issue 17) on this machine: the exercise a trainee has open (its instructions and
 * frames shown; Export → Submission answers it), and on a trainer's, the exercise and the class
 * of submissions imported into the comparison panel.
 */
export interface OpenExercise {
  readonly exercise: Exercise;
  /** SHA-256 of the exercise file as opened (the submission names it). */
  readonly sha256: string;
}

/** A trainee's submission as the class table compares it. */
export interface ImportedSubmission {
  readonly row: ClassRow;
  readonly set: ComparedSet;
  readonly auditHead: string;
}

export class Training {
  /** The trainee's exercise (held for this session; open it again after a reload). */
  exercise = $state.raw<OpenExercise | null>(null);
  exerciseDialogOpen = $state(false);
  /** The trainer's: the exercise the class answered, and each trainee's submission. */
  classExercise = $state.raw<OpenExercise | null>(null);
  classReference = $state.raw<{ name: string; set: ComparedSet } | null>(null);
  submissions = $state.raw<ImportedSubmission[]>([]);
  /** Files refused at the last import, each with why. */
  refused = $state.raw<string[]>([]);
  importing = $state(false);
}
