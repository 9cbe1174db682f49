import type { CompareOptions, CompareResult, ComparedSet } from '../../core/compare/compare-sets';

/** One comparison asked of the compare worker (compare.worker.ts), and its answer. */
export interface CompareRequest {
  readonly reference: ComparedSet;
  readonly compared: ComparedSet;
  readonly options: Partial<CompareOptions>;
}

export type CompareResponse =
  | { readonly ok: true; readonly result: CompareResult; readonly ms: number }
  | { readonly ok: false; readonly message: string };
