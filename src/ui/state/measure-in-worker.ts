import type { MeasureRequest, MeasureResponse, MeasureOutcome } from './measure-protocol';

/**
 * Measurements computed in a worker of their own. A newer request makes the running one
 * moot: its worker is terminated (a Monte Carlo run cannot be interrupted from outside
 * otherwise) and its promise resolves to null.
 */
export class MeasureWorker {
  #worker: Worker | null = null;
  #pending: ((outcomes: readonly MeasureOutcome[] | null) => void) | null = null;

  compute(request: MeasureRequest): Promise<readonly MeasureOutcome[] | null> {
    this.#abandon();
    const worker = new Worker(new URL('./measure.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.#worker = worker;
    return new Promise((resolve) => {
      this.#pending = resolve;
      worker.onmessage = (event: MessageEvent<MeasureResponse>) => {
        this.#finish(worker);
        resolve(event.data.outcomes);
      };
      worker.onerror = (event) => {
        this.#finish(worker);
        const message = `The measurement could not be computed: ${event.message || 'the worker stopped'}.`;
        resolve(request.measurements.map((m) => ({ id: m.id, ok: false, message })));
      };
      worker.postMessage(request);
    });
  }

  /** Stops any computation under way (its promise resolves to null). */
  dispose(): void {
    this.#abandon();
  }

  #finish(worker: Worker): void {
    worker.terminate();
    if (this.#worker === worker) {
      this.#worker = null;
      this.#pending = null;
    }
  }

  #abandon(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#pending?.(null);
    this.#pending = null;
  }
}
