import type { Box } from '../../vision/luma';
import type { TrackStep } from '../../vision/ncc-tracker';

/**
 * Messages between the page and the tracking worker (tracking.worker.ts). One run at a time:
 * `start` with the first frame's luma and the box, then one `next` per frame; each is answered
 * before the next is sent. Luma bytes are transferred, not copied.
 */
export type TrackingRequest =
  | {
      readonly kind: 'start';
      readonly width: number;
      readonly height: number;
      readonly luma: Uint8Array;
      readonly box: Box;
    }
  | {
      readonly kind: 'next';
      readonly width: number;
      readonly height: number;
      readonly luma: Uint8Array;
    };

export type TrackingReply =
  | { readonly kind: 'started' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'step'; readonly step: TrackStep; readonly ms: number };
