/**
 * A call ended on purpose: a background call cancelled, a request the user left behind, or a
 * call for a file another one replaced (the file chosen last wins).
 */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
