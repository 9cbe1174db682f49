/** Messages between the app and the hashing worker. */
export interface HashRequest {
  readonly id: number;
  readonly file: File;
}

export type HashResponse =
  | {
      readonly id: number;
      readonly kind: 'progress';
      readonly bytesDone: number;
      readonly bytesTotal: number;
    }
  | { readonly id: number; readonly kind: 'done'; readonly sha256: string }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
