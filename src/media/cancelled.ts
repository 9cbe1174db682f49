/** A decode ended on purpose: a background call cancelled, or a request the user left behind. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
