/** Messages between the app and the WebCodecs worker (webcodecs.worker.ts). */
import type { DemuxedPacket } from './demux';
import type { Rotation } from './frame-md5-planes';

/** A decoded frame, upright, as yuv420p bytes (see frame-md5-planes.ts). */
export interface WebCodecsFrame {
  readonly pts: number;
  /** I, P, B (as FFmpeg prints them) or '' (see picture-type.ts). */
  readonly type: string;
  /** Upright size: the visible rectangle, turned as FFmpeg's autorotate turns it. */
  readonly width: number;
  readonly height: number;
  /** yuv420p planes back to back: the bytes `ffmpeg -f framemd5` hashes. */
  readonly data: Uint8Array;
  /** Their MD5 (framemd5), taken in the worker as they are decoded. */
  readonly md5: string;
}

export type WebCodecsRequest =
  | { readonly kind: 'open'; readonly file: File }
  | {
      readonly kind: 'decode';
      readonly id: number;
      /** pts of the frames wanted (in the track's time base). */
      readonly wantedPts: readonly number[];
      /** The key packet decoding must start from, if it cannot go on from where it stands. */
      readonly fromKeyPts: number;
      /** Decode order of the last packet a wanted frame needs. */
      readonly lastOrder: number;
    }
  | { readonly kind: 'cancel'; readonly id: number };

export type WebCodecsResponse =
  | {
      readonly kind: 'opened';
      readonly ok: true;
      readonly container: string;
      readonly codec: string;
      readonly rotation: Rotation;
      readonly packets: readonly DemuxedPacket[];
      /** Why this browser's WebCodecs cannot decode the stream; null when it can. */
      readonly unsupported: string | null;
    }
  | { readonly kind: 'opened'; readonly ok: false; readonly reason: string }
  | ({ readonly kind: 'frame'; readonly id: number } & WebCodecsFrame)
  | {
      readonly kind: 'done';
      readonly id: number;
      /** Pictures the decoder put out for this request, wanted or not (the work done). */
      readonly decoded: number;
    }
  | { readonly kind: 'failed'; readonly id: number; readonly reason: string };
