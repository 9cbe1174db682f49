import type {
  AttributeId,
  CaseId,
  EventId,
  FrameIndex,
  LabelId,
  NoteId,
  Pts,
  SetId,
  Sha256,
  TrackId,
} from '../ids';
import type { TimeBase } from '../time/time-base';
import type { CaseSync } from '../sync/model';

const AGENCIES = ['unknown', 'ICE', 'CBP', 'police', 'other'];
const MOTIONS = ['unknown', 'stationary', 'forward', 'reversing'];
const SIDES = ['unknown', 'driver', 'front passenger', 'rear left', 'rear right'];
const GLASS = ['unknown', 'up', 'down', 'broken'];

/** How a copy of the footage was obtained: what a court asks before it looks at a frame. */
export interface Acquisition {
  /** Where it came from, e.g. "DVR at 12 Main St, exported to USB". */
  readonly source: string;
  /** Who acquired it, and when, in their words. */
  readonly acquiredBy: string;
  readonly dvrMakeModel: string;
  readonly cameraChannel: string;
  readonly notes: string;
}

export const EMPTY_ACQUISITION: Acquisition = {
  source: '',
  acquiredBy: '',
  dvrMakeModel: '',
  cameraChannel: '',
  notes: '',
};

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
  /** Typed in by the examiner; empty strings until then. */
  readonly acquisition: Acquisition;
}

/** The kinds of value an attribute holds. */
export type AttributeType = 'text' | 'number' | 'checkbox' | 'select';
export type AttributeValue = string | number | boolean;

/**
 * An attribute a label's objects carry. Per track: one value for the whole object (an
 * officer's agency). Per frame: set on keyframes and carried on to later frames, like CVAT's
 * mutable attributes (whether the officer holds on to the vehicle).
 */
export interface AttributeSpec {
  readonly id: AttributeId;
  readonly name: string;
  readonly type: AttributeType;
  readonly scope: 'track' | 'frame';
  /** The choices of a select attribute; empty for other types. */
  readonly options: readonly string[];
  readonly defaultValue: AttributeValue;
}

export interface Label {
  readonly id: LabelId;
  /** User text: shown as text everywhere, never as HTML. */
  readonly name: string;
  /** CSS colour of its overlays (#rrggbb). */
  readonly color: string;
  readonly attributes: readonly AttributeSpec[];
}

const attribute = (
  id: string,
  name: string,
  type: AttributeType,
  scope: AttributeSpec['scope'],
  options: readonly string[],
  defaultValue: AttributeValue,
): AttributeSpec => ({ id: id as AttributeId, name, type, scope, options, defaultValue });

export const DEFAULT_LABELS: readonly Label[] = [
  {
    id: 'label_officer' as LabelId,
    name: 'officer',
    color: '#4da3ff',
    attributes: [
      attribute('attr_officer_agency', 'agency', 'select', 'track', AGENCIES, 'unknown'),
      attribute('attr_officer_holding', 'holding on to vehicle', 'checkbox', 'frame', [], false),
      attribute('attr_officer_weapon', 'weapon drawn', 'checkbox', 'frame', [], false),
    ],
  },
  {
    id: 'label_vehicle' as LabelId,
    name: 'vehicle',
    color: '#ff5c5c',
    attributes: [
      attribute('attr_vehicle_description', 'make, model, colour', 'text', 'track', [], ''),
      attribute('attr_vehicle_plate', 'plate', 'text', 'track', [], ''),
      attribute('attr_vehicle_motion', 'motion', 'select', 'frame', MOTIONS, 'unknown'),
    ],
  },
  {
    id: 'label_window_frame' as LabelId,
    name: 'window frame',
    color: '#ffd23f',
    attributes: [
      attribute('attr_window_side', 'side', 'select', 'track', SIDES, 'unknown'),
      attribute('attr_window_glass', 'glass', 'select', 'frame', GLASS, 'unknown'),
    ],
  },
];

/**
 * How the DVR's clock was read:
 * - `tick`: `frame` is the first frame showing the second in `dvrTime` (the frame before still
 *   shows the second before), so the clock turned over between the two frames: its time on
 *   `frame` is `dvrTime` to within one frame interval;
 * - `reading`: the clock was read on `frame` alone, so its time there is `dvrTime` to within
 *   the one second its display does not resolve.
 */
export type ClockReadingMethod = 'tick' | 'reading';

/**
 * The DVR's clock, read off one frame: what the camera's on-screen time shows there, how
 * closely that pins it down, the UTC offset the clock keeps, and how far that clock is from
 * real time. Every frame then has a DVR time and a corrected time beside its pts
 * (time/clock-calibration.ts), each with the same uncertainty.
 */
export interface ClockCalibration {
  /** The frame whose on-screen time was read. */
  readonly frame: number;
  /**
   * The time the DVR shows on that frame, as written there: "YYYY-MM-DD HH:MM:SS", no zone
   * (calibrations from before the uncertainty was recorded may carry up to 3 decimals).
   */
  readonly dvrTime: string;
  readonly method: ClockReadingMethod;
  /**
   * How far the DVR's clock on `frame` may be from `dvrTime`, in seconds: the interval from
   * the frame before (`tick`) or 1 (`reading`).
   */
  readonly uncertaintySeconds: number;
  /** The UTC offset of the DVR's clock in minutes (+60: UTC+01:00); null where not known. */
  readonly utcOffsetMinutes: number | null;
  /** How far the DVR clock runs ahead of real time, in seconds (negative: behind). */
  readonly offsetSeconds: number;
  /** How the offset was measured (user text), e.g. "DVR menu clock vs. phone GPS time, 14 Sept". */
  readonly offsetNote: string;
}

/**
 * A video added to a case after its first: one more evidence item (its facts are an Evidence
 * record, by SHA-256), with its own DVR clock calibration and annotation sets.
 */
export interface CaseVideo {
  readonly sha256: Sha256;
  readonly fileName: string;
  readonly addedAt: string;
  /** Its DVR clock, once calibrated; null until then. */
  readonly clock: ClockCalibration | null;
}

export interface Case {
  readonly id: CaseId;
  readonly name: string;
  /** The file or docket number the case is known by elsewhere; may be empty. */
  readonly referenceNumber: string;
  /** The examiner's notes on the case as a whole (user text). */
  readonly notes: string;
  /** The DVR clock, once calibrated; null until then. */
  readonly clock: ClockCalibration | null;
  /** The case's first video: the reference of its timeline (`clock` is this video's). */
  readonly evidenceSha256: Sha256;
  /** The evidence file's name, kept on the case so a list of cases needs no join. */
  readonly evidenceFileName: string;
  /** The videos added after the first, in the order added; none for a case of one video. */
  readonly addedVideos: readonly CaseVideo[];
  /** How the videos line up on the case timeline (core/sync). */
  readonly sync: CaseSync;
  readonly labels: readonly Label[];
  readonly createdAt: string;
  readonly modifiedAt: string;
}

/**
 * Where an annotation set stands: being worked on, handed over for review, or final (a final
 * set is read-only until its status is changed back, and each change of status is logged).
 */
export const SET_STATUSES = ['in progress', 'for review', 'final'] as const;
export type SetStatus = (typeof SET_STATUSES)[number];

/**
 * One annotator's annotations of the case's video: its tracks, events and notes, with its own
 * undo history. A case holds one or more; its label set and audit log are shared by them.
 */
export interface AnnotationSet {
  readonly id: SetId;
  readonly caseId: CaseId;
  /** The video it annotates: the case's first, or one added later (Case.addedVideos). */
  readonly evidenceSha256: Sha256;
  /** User text, e.g. "Set 2"; shown as text, never HTML. */
  readonly name: string;
  /** Who made the set (the examiner named in this browser when it was created). */
  readonly annotator: string;
  readonly status: SetStatus;
  readonly createdAt: string;
  /** The time of the set's last saved change (or status change). */
  readonly modifiedAt: string;
}

/**
 * What is left of a deleted case: a case's audit log goes with it, so the deletion itself is
 * recorded here, with who did it and the head of the log that went (its hash identifies the
 * log in any earlier backup or export). Kept apart from the cases, never deleted by the app.
 */
export interface CaseDeletion {
  readonly caseId: CaseId;
  readonly caseName: string;
  readonly referenceNumber: string;
  readonly evidenceSha256: Sha256;
  readonly evidenceFileName: string;
  /** ISO 8601 UTC. */
  readonly deletedAt: string;
  readonly examiner: string;
  readonly appVersion: string;
  /** deleted: by "Delete case"; replaced: gone in a restore that replaced everything. */
  readonly reason: 'deleted' | 'replaced';
  /** The case's audit log as it stood: entries, and the last entry's hash. */
  readonly auditCount: number;
  readonly auditHeadHash: string;
  readonly contents: {
    readonly sets: number;
    readonly tracks: number;
    readonly events: number;
    readonly notes: number;
  };
}

/** A position in frame pixels of the upright frame (sub-pixel allowed). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * A box: x, y is the top-left corner before rotation; it turns by `rotation` degrees
 * (clockwise, as on screen) about its centre, as CVAT's rotated boxes do.
 */
export interface RectangleShape {
  readonly kind: 'rectangle';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
}

/** An ellipse about its centre, radii along its own axes, turned by `rotation` degrees. */
export interface EllipseShape {
  readonly kind: 'ellipse';
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
  readonly rotation: number;
}

/** A closed outline (at least 3 vertices). */
export interface PolygonShape {
  readonly kind: 'polygon';
  readonly points: readonly Point[];
}

/** An open line through its vertices (at least 2). */
export interface PolylineShape {
  readonly kind: 'polyline';
  readonly points: readonly Point[];
}

/** Separate marked points (at least 1), e.g. the hands of a person. */
export interface PointsShape {
  readonly kind: 'points';
  readonly points: readonly Point[];
}

/** A callout for presentation: an arrow from tail to head. */
export interface ArrowShape {
  readonly kind: 'arrow';
  readonly from: Point;
  readonly to: Point;
}

/** A callout for presentation: user text whose top-left is at x, y; never HTML. */
export interface TextShape {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Height of the letters in frame pixels. */
  readonly fontSize: number;
}

export type Shape =
  | RectangleShape
  | EllipseShape
  | PolygonShape
  | PolylineShape
  | PointsShape
  | ArrowShape
  | TextShape;

export type ShapeKind = Shape['kind'];

/** Attribute values by attribute id. */
export type AttributeValues = Readonly<Record<string, AttributeValue>>;

/** How the tracker proposed a keyframe, and who confirmed it (null until someone does). */
export interface TrackingFacts {
  /** One run of the tracker: what "Confirm tracked" / "Discard tracked" act on together. */
  readonly runId: string;
  /** The tracker's own score for this frame, 0 to 1. */
  readonly confidence: number;
  /** The tracker and its parameters in words, as the exports and the report name it. */
  readonly algorithm: string;
  readonly confirmedBy: string | null;
  /** ISO 8601 UTC. */
  readonly confirmedAt: string | null;
}

/** Where a track's shape was set. pts is kept beside the index as an independent anchor. */
export interface Keyframe {
  readonly frame: FrameIndex;
  /** As ffprobe reports it; null where the stream gives the frame no timestamp. */
  readonly pts: Pts | null;
  readonly shape: Shape;
  /** MD5 of the decoded frame the person saw when drawing (framemd5), null if not known. */
  readonly frameMd5: string | null;
  /**
   * drawn: a person drew or edited the shape on this frame. propagated: copied here from an
   * earlier frame by "Propagate" (a person's action, but not looked at frame by frame).
   * computed: the shape Framewise computed for this frame (interpolated or held), kept on a
   * keyframe that exists only because a flag or an attribute changes here. tracked: proposed
   * by the tracker (issue 16), a machine's guess until a person confirms it; never drawn.
   */
  readonly origin: 'drawn' | 'propagated' | 'computed' | 'tracked';
  /** Only on a tracked keyframe: absent elsewhere, so records from before need no upgrade. */
  readonly tracking?: TrackingFacts;
  readonly outside: boolean;
  readonly occluded: boolean;
  /** Values of the label's per-frame attributes, from this keyframe on. */
  readonly attributes: AttributeValues;
}

/** An object followed through the video: one label, keyframes in ascending frame order. */
export interface Track {
  readonly id: TrackId;
  readonly caseId: CaseId;
  /** The annotation set it belongs to (within the case). */
  readonly setId: SetId;
  /**
   * Shown to people as "officer #2"; unique among the case's tracks (one more than the
   * highest in use, so deleting the newest track frees its number).
   */
  readonly number: number;
  readonly labelId: LabelId;
  /** Values of the label's per-track attributes. */
  readonly attributes: AttributeValues;
  readonly keyframes: readonly Keyframe[];
  readonly createdAt: string;
  readonly modifiedAt: string;
}

/** Something that happens over a span of frames, e.g. "vehicle reverses" (frames inclusive). */
export interface AnnotationEvent {
  readonly id: EventId;
  readonly caseId: CaseId;
  /** The annotation set it belongs to (within the case). */
  readonly setId: SetId;
  readonly labelId: LabelId | null;
  readonly startFrame: FrameIndex;
  readonly startPts: Pts | null;
  readonly endFrame: FrameIndex;
  readonly endPts: Pts | null;
  /** User text, never HTML. */
  readonly description: string;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

/**
 * A note on one frame. Observations say what the frame shows; interpretations say what the
 * analyst concludes (reports keep the two apart); a citation marks a frame the report is
 * about, with its caption.
 */
export interface Note {
  readonly id: NoteId;
  readonly caseId: CaseId;
  /** The annotation set it belongs to (within the case). */
  readonly setId: SetId;
  readonly frame: FrameIndex;
  readonly pts: Pts | null;
  /**
   * observation / interpretation: what the frame shows, and what the analyst concludes (kept
   * apart in reports). citation: a frame the report is about; the text is its caption.
   */
  readonly kind: 'observation' | 'interpretation' | 'citation';
  /** User text, never HTML. */
  readonly text: string;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

/** Measurement records (scene calibration, measurement inputs) live with their maths. */
export type { Measurement, MeasurementKind, SceneCalibration } from '../measure/records';
