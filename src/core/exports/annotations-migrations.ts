/**
 * Older annotations exports brought up to version 6 before the schema check, so one schema and
 * one reader serve them all.
 *
 * - Version 1 (Framewise 0.1): rectangles without rotation, labels without attributes, tracks
 *   without attribute values, every keyframe said "drawn", no events, notes or held span.
 * - Version 2: every shape kind, attributes by name, keyframe provenance, events and notes;
 *   no decoder, acquisition notes, case reference, annotation set, frame list or audit log.
 * - Version 3: a DVR clock calibration without its method, uncertainty or UTC offset: it was a
 *   reading without a tick, ± 1 s, zone not recorded (time/clock-calibration.ts).
 * - Version 4: no scene calibration or measurements.
 * - Version 5: no ground points set by the examiner (every object bottom-centre).
 *
 * They run on JSON nobody has checked yet: each step only adds to values that have the shape
 * it expects and leaves anything else as it is, for the schema to refuse with a path. They
 * never change their input. What an old file did not record is filled in as empty (an empty
 * decoder name, empty acquisition notes, an empty audit log), never guessed; the reader says
 * which version a file was upgraded from.
 */
import { GENESIS_HASH } from '../evidence/audit';
import { firstSetIdOf } from '../annotations/annotation-sets';
import { EMPTY_ACQUISITION } from '../annotations/model';
import { isObject } from '../json-guard';
import { calibrationBeforeUncertainty } from '../time/clock-calibration';

type Json = Record<string, unknown>;

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Applies `fn` to the objects of a list; anything else (a list that is not one) as it is. */
const mapObjects = (value: unknown, fn: (item: Json) => unknown): unknown =>
  Array.isArray(value) ? value.map((item) => (isObject(item) ? fn(item) : item)) : value;

const isFrame = (value: unknown): value is number => Number.isSafeInteger(value);

/** Stands in for a time the old file does not give, where a valid one is needed. */
const NO_TIME = '1970-01-01T00:00:00.000Z';

/** The document brought up to version 6, and the version it was; other values unchanged. */
export function upgradeAnnotations(doc: Json): { readonly value: Json; readonly from: number } {
  const from = doc.version;
  let value = doc;
  if (value.version === 1) value = upgradeV1(value);
  if (value.version === 2) value = upgradeV2(value);
  if (value.version === 3) value = upgradeV3(value);
  if (value.version === 4) value = upgradeV4(value);
  if (value.version === 5) value = upgradeV5(value);
  return { value, from: typeof from === 'number' ? from : NaN };
}

// --- 1 → 2 ----------------------------------------------------------------------------------

/** v1 rectangles had no rotation: they were upright. */
const withRotation = (shape: unknown): unknown =>
  isObject(shape) && shape.kind === 'rectangle' && !('rotation' in shape)
    ? { ...shape, rotation: 0 }
    : shape;

/**
 * v1 called every keyframe "drawn", but (as the v1 database records, storage/migrations.ts) a
 * person's keyframe carried the frame's MD5, while one made for an outside or occluded flag
 * on another frame had none and held a computed shape.
 */
const keyframeV1 = (k: Json): Json => ({
  ...k,
  source: k.source === 'drawn' && k.frameMd5 === null ? 'computed' : k.source,
  shape: withRotation(k.shape),
  attributes: k.attributes ?? {},
});

function trackV1(track: Json, lastFrame: number | null): Json {
  const keyframes = mapObjects(track.keyframes, keyframeV1);
  const sourceAt = new Map<unknown, unknown>(
    listOf(keyframes)
      .filter(isObject)
      .map((k) => [k.frame, k.source]),
  );
  // A position on a keyframe has that keyframe's provenance.
  const position = (p: Json): Json => ({
    ...p,
    source: p.source === 'drawn' && sourceAt.has(p.frame) ? sourceAt.get(p.frame) : p.source,
    shape: withRotation(p.shape),
  });
  return {
    ...track,
    attributes: track.attributes ?? {},
    keyframes,
    positions: mapObjects(track.positions, position),
    heldAfterLastKeyframe:
      'heldAfterLastKeyframe' in track
        ? track.heldAfterLastKeyframe
        : heldSpan(listOf(keyframes).at(-1), lastFrame),
  };
}

/** As export-json.ts gives it: a last keyframe in view holds to the clip's last frame. */
function heldSpan(last: unknown, lastFrame: number | null): Json | null {
  if (!isObject(last) || last.outside !== false || !isFrame(last.frame) || lastFrame === null) {
    return null;
  }
  return last.frame < lastFrame ? { fromFrame: last.frame + 1, toFrame: lastFrame } : null;
}

function upgradeV1(doc: Json): Json {
  const frameCount = isObject(doc.evidence) ? doc.evidence.frameCount : undefined;
  const lastFrame = isFrame(frameCount) && frameCount > 0 ? frameCount - 1 : null;
  return {
    ...doc,
    version: 2,
    labels: mapObjects(doc.labels, (l) => ({ ...l, attributes: l.attributes ?? [] })),
    tracks: mapObjects(doc.tracks, (t) => trackV1(t, lastFrame)),
    events: doc.events ?? [],
    notes: doc.notes ?? [],
  };
}

// --- 2 → 3 ----------------------------------------------------------------------------------

/** pts in seconds under a time base written "num/den"; null where either is not usable. */
function secondsOf(pts: unknown, timeBase: unknown): number | null {
  const match = typeof timeBase === 'string' ? /^(\d+)\/(\d+)$/.exec(timeBase) : null;
  if (!match || !isFrame(pts) || Number(match[2]) === 0) return null;
  return (pts * Number(match[1])) / Number(match[2]);
}

/**
 * The frames a v2 document refers to, as v3 lists them: pts from the first keyframe, event or
 * note on the frame that gives one (v2 files carry no frame table), MD5 from a keyframe.
 */
function framesOf(doc: Json, timeBase: unknown): Json[] {
  const frames = new Map<number, { pts: number | null; md5: string | null }>();
  const add = (frame: unknown, pts: unknown, md5: unknown = null) => {
    if (!isFrame(frame)) return;
    const known = frames.get(frame) ?? { pts: null, md5: null };
    frames.set(frame, {
      pts: known.pts ?? (isFrame(pts) ? pts : null),
      md5: known.md5 ?? (typeof md5 === 'string' ? md5 : null),
    });
  };
  for (const track of listOf(doc.tracks).filter(isObject)) {
    for (const k of listOf(track.keyframes).filter(isObject)) add(k.frame, k.pts, k.frameMd5);
  }
  for (const e of listOf(doc.events).filter(isObject)) {
    for (const end of [e.start, e.end]) if (isObject(end)) add(end.frame, end.pts);
  }
  for (const n of listOf(doc.notes).filter(isObject)) add(n.frame, n.pts);
  return [...frames.entries()]
    .sort(([a], [b]) => a - b)
    .map(([frame, { pts, md5 }]) => ({ frame, pts, seconds: secondsOf(pts, timeBase), md5 }));
}

function upgradeV2(doc: Json): Json {
  const evidence = doc.evidence;
  const timeBase = isObject(evidence) ? evidence.timeBase : undefined;
  const caseId = isObject(doc.case) ? doc.case.id : undefined;
  const time = typeof doc.exportedAt === 'string' ? doc.exportedAt : NO_TIME;
  return {
    ...doc,
    version: 3,
    evidence: isObject(evidence)
      ? {
          ...evidence,
          startSeconds: secondsOf(evidence.startPts, timeBase),
          decoder: { name: '', version: '' },
          acquisition: { ...EMPTY_ACQUISITION },
        }
      : evidence,
    case: isObject(doc.case) ? { ...doc.case, referenceNumber: '', clock: null } : doc.case,
    // A v2 export held a case's only set: the set a database upgrade makes of it.
    annotationSet: {
      id: typeof caseId === 'string' && caseId !== '' ? firstSetIdOf(caseId) : 'set_1',
      name: 'Set 1',
      annotator: '',
      status: 'in progress',
      createdAt: time,
      modifiedAt: time,
    },
    frames: framesOf(doc, timeBase),
    audit: { entries: [], headHash: GENESIS_HASH, count: 0 },
  };
}

// --- 3 → 4 ----------------------------------------------------------------------------------

function upgradeV3(doc: Json): Json {
  return {
    ...doc,
    version: 4,
    case: isObject(doc.case)
      ? { ...doc.case, clock: calibrationBeforeUncertainty(doc.case.clock) }
      : doc.case,
  };
}

// --- 4 → 5 ----------------------------------------------------------------------------------

/** Version 4 had no measurement: no calibration, no measurements. */
function upgradeV4(doc: Json): Json {
  return { ...doc, version: 5, calibration: null, measurements: [] };
}

// --- 5 → 6 ----------------------------------------------------------------------------------

/** Version 5 had no ground points set by the examiner: every object stood on its bottom-centre. */
function upgradeV5(doc: Json): Json {
  const c = doc.calibration;
  return {
    ...doc,
    version: 6,
    calibration: isObject(c) ? { ...c, groundAnchors: { byLabel: [], byTrack: [] } } : c,
  };
}
