/**
 * Branded ids and units. A frame index, a timestamp in stream time-base units and a time in
 * seconds are all numbers; the brand stops one from being passed where another is meant,
 * the most reported bug class in video annotation tools.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** 0-based index of a displayed frame, in presentation order. */
export type FrameIndex = Brand<number, 'FrameIndex'>;
/** Presentation timestamp in the stream's time base (an integer). */
export type Pts = Brand<number, 'Pts'>;
/** A time in seconds. */
export type Seconds = Brand<number, 'Seconds'>;
/** Lower-case hex SHA-256 of a file's bytes. */
export type Sha256 = Brand<string, 'Sha256'>;

export type CaseId = Brand<string, 'CaseId'>;
export type TrackId = Brand<string, 'TrackId'>;
export type LabelId = Brand<string, 'LabelId'>;
export type AttributeId = Brand<string, 'AttributeId'>;
export type EventId = Brand<string, 'EventId'>;
export type NoteId = Brand<string, 'NoteId'>;
/** An annotation set: one annotator's annotations of a case's video. */
export type SetId = Brand<string, 'SetId'>;
/** A scene calibration (the ground plane of one evidence item, within a set). */
export type CalibrationId = Brand<string, 'CalibrationId'>;
/** A measurement's stored inputs. */
export type MeasurementId = Brand<string, 'MeasurementId'>;

export const frameIndex = (n: number): FrameIndex => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a frame index: ${n}`);
  return n as FrameIndex;
};

export const pts = (n: number): Pts => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a timestamp: ${n}`);
  return n as Pts;
};

const SHA256_HEX = /^[0-9a-f]{64}$/;
export const sha256 = (hex: string): Sha256 => {
  const lower = hex.toLowerCase();
  if (!SHA256_HEX.test(lower)) throw new RangeError(`not a SHA-256 hex digest: ${hex}`);
  return lower as Sha256;
};

/** A random, collision-safe id (RFC 4122 v4) with a readable prefix. */
function randomId(prefix: string): string {
  return `${prefix}_${globalThis.crypto.randomUUID()}`;
}

export const newCaseId = (): CaseId => randomId('case') as CaseId;
export const newTrackId = (): TrackId => randomId('track') as TrackId;
export const newLabelId = (): LabelId => randomId('label') as LabelId;
export const newAttributeId = (): AttributeId => randomId('attr') as AttributeId;
export const newEventId = (): EventId => randomId('event') as EventId;
export const newNoteId = (): NoteId => randomId('note') as NoteId;
export const newSetId = (): SetId => randomId('set') as SetId;
export const newCalibrationId = (): CalibrationId => randomId('calibration') as CalibrationId;
export const newMeasurementId = (): MeasurementId => randomId('measurement') as MeasurementId;
