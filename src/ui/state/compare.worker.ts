/// <reference lib="webworker" />
import { compareSets } from '../../core/compare/compare-sets';
import type { CompareRequest, CompareResponse } from './compare-protocol';

/**
 * Compares two annotation sets off the page's thread (issue 17): per-frame matching of a few
 * hundred tracks over thousands of frames takes seconds, which would freeze the page.
 */
self.onmessage = (event: MessageEvent<CompareRequest>) => {
  const { reference, compared, options } = event.data;
  let response: CompareResponse;
  try {
    const began = performance.now();
    const result = compareSets(reference, compared, options);
    response = { ok: true, result, ms: performance.now() - began };
  } catch (error) {
    response = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  (self as DedicatedWorkerGlobalScope).postMessage(response);
};
