import type { ZipReadOptions } from '../../core/exports/zip-read';

/** Messages between the page and the zip-reading worker (zip-read.worker.ts). */
export interface ZipReadRequest {
  readonly zip: Uint8Array;
  readonly options: ZipReadOptions;
}

export type ZipReadResponse =
  | { readonly ok: true; readonly files: readonly (readonly [string, Uint8Array])[] }
  /** `refused`: the zip broke a rule (ZipReadError); otherwise an unexpected failure. */
  | { readonly ok: false; readonly refused: boolean; readonly message: string };
