import type { CaseId, FrameIndex, LabelId, Pts, Sha256, TrackId } from './ids';
import type { TimeBase } from './time-base';

/** Facts about a video file, measured when it is opened; the file itself is never stored. */
export interface Evidence {
  readonly sha256: Sha256;
  readonly fileName: string;
  readonly size: number;
  readonly codec: string;
  /** Coded size, before any rotation. */
  readonly width: number;
  readonly height: number;
  /** Degrees from the display matrix, as ffprobe reports it (e.g. -90), 0 when none. */
  readonly rotation: number;
  readonly pixelFormat: string;
  readonly timeBase: TimeBase;
  /** pts of frame 0; null where it has none. */
  readonly startPts: Pts | null;
  readonly frameCount: number;
  readonly addedAt: string;
}

export interface Label {
  readonly id: LabelId;
  readonly name: string;
  /** CSS colour of its overlays. */
  readonly color: string;
}

export const DEFAULT_LABELS: readonly Label[] = [
  { id: 'label_officer' as LabelId, name: 'officer', color: '#4da3ff' },
  { id: 'label_vehicle' as LabelId, name: 'vehicle', color: '#ff5c5c' },
  { id: 'label_window_frame' as LabelId, name: 'window frame', color: '#ffd23f' },
];

export interface Case {
  readonly id: CaseId;
  readonly name: string;
  readonly evidenceSha256: Sha256;
  /** The evidence file's name, kept on the case so a list of cases needs no join. */
  readonly evidenceFileName: string;
  readonly labels: readonly Label[];
  readonly createdAt: string;
  readonly modifiedAt: string;
}

/** An axis-aligned box in frame pixels of the upright frame; sub-pixel values allowed. */
export interface RectangleShape {
  readonly kind: 'rectangle';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type Shape = RectangleShape;

/** Where a person set a track's shape. pts is kept beside the index as an independent anchor. */
export interface Keyframe {
  readonly frame: FrameIndex;
  /** As ffprobe reports it; null where the stream gives the frame no timestamp. */
  readonly pts: Pts | null;
  readonly shape: Shape;
  /** MD5 of the decoded frame the person saw when drawing (framemd5), null if not known. */
  readonly frameMd5: string | null;
  readonly outside: boolean;
  readonly occluded: boolean;
}

/** An object followed through the video: one label, keyframes in ascending frame order. */
export interface Track {
  readonly id: TrackId;
  readonly caseId: CaseId;
  /** Shown to people as "officer #2"; unique within a case, never reused. */
  readonly number: number;
  readonly labelId: LabelId;
  readonly keyframes: readonly Keyframe[];
  readonly createdAt: string;
  readonly modifiedAt: string;
}
