/**
 * Asking who is working: with no examiner named, the first audited action (opening a video,
 * an edit, an import, an export…) waits for the "Examiner" dialog (ExaminerDialog.svelte),
 * so no work is ever recorded as nobody's. Nothing is written before the name is given;
 * cancelling leaves the action undone.
 */
export class ExaminerPrompt {
  /** The dialog is open, waiting for a name. */
  open = $state(false);
  #asking: Promise<boolean> | null = null;
  #answer: ((named: boolean) => void) | null = null;

  /**
   * Opens the dialog (once, however many actions ask meanwhile). Resolves true once a name
   * is given, false when the person cancels.
   */
  ask(): Promise<boolean> {
    if (this.#asking) return this.#asking;
    this.open = true;
    this.#asking = new Promise((resolve) => (this.#answer = resolve));
    return this.#asking;
  }

  /** The dialog's answer: true once the name is set, false when cancelled. */
  answer(named: boolean): void {
    const answer = this.#answer;
    this.open = false;
    this.#asking = null;
    this.#answer = null;
    answer?.(named);
  }
}
