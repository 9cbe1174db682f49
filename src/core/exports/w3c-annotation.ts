import type { AnnotationDocument } from '../history';
import type { FrameIndex } from '../ids';
import { frameValueAt, readValue } from '../labels';
import type {
  AnnotationEvent,
  AttributeValue,
  Case,
  Evidence,
  Keyframe,
  Label,
  Shape,
  Track,
} from '../model';
import type { TimeBase } from '../time-base';
import { labelOf, trackTitle } from '../tracks';

/**
 * The W3C Web Annotation export (https://www.w3.org/TR/annotation-model/): one
 * AnnotationCollection in JSON-LD holding, embedded in its first (and only) AnnotationPage, one
 * Annotation per shape on each keyframe of each track and one per event.
 *
 * Decisions:
 * - The video is named by what it is, not where it is: `ni:///sha-256;<digest>` (RFC 6920,
 *   base64url of the digest's bytes, no padding). The source also says `type: "Video"`, a
 *   MIME `format` when the file extension gives one, and, in its `label`, the file name and
 *   the hex SHA-256 people compare with their own tools. Only keys the W3C context defines
 *   are used (a JSON-LD processor drops any other), so the hex goes in `label`, not a key of
 *   our own.
 * - Time: a FragmentSelector `t=start,end` (Media Fragments, NPT seconds) spans exactly the
 *   frame: from its pts to the next frame's pts. Media Fragments intervals are half-open, so
 *   the frame's end is the next frame's start and consecutive frames tile without overlap.
 *   Seconds are pts × time base (ffprobe's pts_time, the `seconds` of the JSON export) in whole
 *   microseconds, rounded up, so the start instant is never before the frame's own pts (a
 *   player seeking there shows this frame, not the one before). Exact integer arithmetic, so
 *   the same input always gives the same text. The last frame ends one frame gap (its gap to
 *   the frame before) after it starts.
 * - Frames without pts (raw elementary streams): frame index ÷ 25 fps, the rate FFmpeg's raw
 *   demuxers assume when a stream states none; Evidence holds no frame rate to do better. The
 *   frame index stays exact in each annotation's id and description.
 * - Space: a box without rotation refines the time by `xywh=pixel:x,y,w,h`. Media Fragments
 *   takes whole pixels only, so the box is rounded outwards (it never loses part of the object)
 *   and clipped to the frame; the exact sub-pixel box is in the JSON export. Every other shape,
 *   and a box wholly outside the frame, refines it by an SvgSelector: a standalone SVG whose
 *   viewBox is the upright frame, drawing the shape. User text in it is XML-escaped.
 * - Only keyframes' shapes are exported (what a person set), not every interpolated frame.
 *   Keyframes marked outside (the object has left the view) are skipped: their shape is not
 *   on screen.
 * - Motivations: "tagging" for shapes (the body tags the region with the track's title), and
 *   "describing" for events: an event's text says what happens in the span (it is neither a
 *   comment about the video nor a mere highlight).
 * - Bodies: for shapes, a tagging TextualBody with the title ("officer #2") and a describing
 *   one with the frame, how the shape came about and the attribute values in words; for
 *   events, a describing body with the description and, with a category, a tagging body with
 *   the label's name. Keeping the tag on its own keeps it matchable.
 * - Ids are stable, built from the case, track and frame (or event) ids; parts are
 *   percent-encoded so any id makes a valid IRI. Each annotation (and the page) repeats the
 *   `@context` so it stands alone when taken out of the collection. The page, embedded in its
 *   collection, needs no `partOf` (the suite wants it to describe the collection over again).
 * - created/modified of an annotation are its track's (or event's): keyframes carry no times
 *   of their own. `generated` and the collection's `created` are the export's time.
 * - Order: tracks by number, keyframes by frame, then events by start, end and id.
 */

export const W3C_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const MEDIA_FRAGMENTS_SPEC = 'http://www.w3.org/TR/media-frags/';
/** The rate frames without pts are placed at (FFmpeg's raw demuxers' default). */
export const NOMINAL_FRAME_RATE = 25;

export interface W3cExportInput {
  evidence: Evidence;
  caseRecord: Case;
  document: AnnotationDocument;
  /** Who made the annotations: the creator named in the export. */
  annotator: string;
  generator: { name: string; version: string };
  /** ISO 8601 UTC. */
  now: string;
  /** pts from the frame table, null where none. */
  framePts: (frame: number) => number | null;
}

export interface W3cPerson {
  readonly type: 'Person';
  readonly name: string;
}

export interface W3cSoftware {
  readonly type: 'Software';
  readonly name: string;
  /** schema.org's softwareVersion: the W3C context maps the `schema:` prefix. */
  readonly 'schema:softwareVersion': string;
}

export interface W3cTextualBody {
  readonly type: 'TextualBody';
  readonly purpose: 'tagging' | 'describing';
  readonly value: string;
  readonly format: 'text/plain';
}

export interface W3cFragmentSelector {
  readonly type: 'FragmentSelector';
  readonly conformsTo: typeof MEDIA_FRAGMENTS_SPEC;
  readonly value: string;
  readonly refinedBy?: W3cSelector;
}

export interface W3cSvgSelector {
  readonly type: 'SvgSelector';
  readonly value: string;
}

export type W3cSelector = W3cFragmentSelector | W3cSvgSelector;

export interface W3cVideoSource {
  /** `ni:///sha-256;…` (RFC 6920). */
  readonly id: string;
  readonly type: 'Video';
  readonly format?: string;
  /** File name and hex SHA-256, for people. */
  readonly label: string;
}

export interface W3cTarget {
  readonly type: 'SpecificResource';
  readonly source: W3cVideoSource;
  readonly selector: W3cFragmentSelector;
}

export interface W3cAnnotation {
  readonly '@context': typeof W3C_ANNOTATION_CONTEXT;
  readonly id: string;
  readonly type: 'Annotation';
  readonly motivation: 'tagging' | 'describing';
  readonly creator: W3cPerson;
  readonly created: string;
  readonly modified: string;
  readonly generator: W3cSoftware;
  readonly generated: string;
  readonly body: readonly W3cTextualBody[];
  readonly target: W3cTarget;
}

export interface W3cAnnotationPage {
  readonly '@context': typeof W3C_ANNOTATION_CONTEXT;
  readonly id: string;
  readonly type: 'AnnotationPage';
  readonly startIndex: 0;
  readonly items: readonly W3cAnnotation[];
}

export interface W3cAnnotationCollection {
  readonly '@context': typeof W3C_ANNOTATION_CONTEXT;
  readonly id: string;
  readonly type: 'AnnotationCollection';
  readonly label: string;
  readonly total: number;
  readonly creator: W3cPerson;
  readonly created: string;
  readonly generator: W3cSoftware;
  readonly first: W3cAnnotationPage;
}

/** What every annotation of one export shares. */
interface ExportContext {
  readonly input: W3cExportInput;
  readonly labels: readonly Label[];
  readonly frame: FrameSize;
  readonly source: W3cVideoSource;
  /** What every annotation repeats: who and what made it, and when it was written out. */
  readonly common: Pick<W3cAnnotation, 'creator' | 'generator' | 'generated'>;
}

interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** The case's tracks and events as one W3C AnnotationCollection. */
export function buildW3cAnnotationCollection(input: W3cExportInput): W3cAnnotationCollection {
  const { caseRecord, document, evidence } = input;
  const creator: W3cPerson = { type: 'Person', name: input.annotator };
  const generator: W3cSoftware = {
    type: 'Software',
    name: input.generator.name,
    'schema:softwareVersion': input.generator.version,
  };
  const context: ExportContext = {
    input,
    labels: document.labels,
    frame: uprightFrameSize(evidence),
    source: videoSource(evidence),
    common: { creator, generator, generated: input.now },
  };
  const items = [
    ...sortedTracks(document).flatMap((track) => trackAnnotations(track, context)),
    ...sortedEvents(document).map((event) => eventAnnotation(event, context)),
  ];
  const collectionId = iri(caseRecord.id, 'annotations');
  return {
    '@context': W3C_ANNOTATION_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: `${caseRecord.name}: annotations of ${evidence.fileName}`,
    total: items.length,
    creator,
    created: input.now,
    generator,
    first: {
      '@context': W3C_ANNOTATION_CONTEXT,
      id: iri(caseRecord.id, 'annotations', 'page', 1),
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
  };
}

// ---------------------------------------------------------------- ids and the video

/** `urn:framewise:<part>:<part>…`, each part percent-encoded so the IRI stays valid. */
function iri(...parts: readonly (string | number)[]): string {
  return ['urn:framewise', ...parts.map((p) => encodeURIComponent(String(p)))].join(':');
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes as base64url without padding (RFC 4648 §5), as RFC 6920 wants them. */
function base64url(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = bytes.slice(i, i + 3);
    const bits = ((chunk[0] ?? 0) << 16) | ((chunk[1] ?? 0) << 8) | (chunk[2] ?? 0);
    const chars = [18, 12, 6, 0].map((shift) => BASE64URL[(bits >> shift) & 63]!);
    // 3 bytes make 4 characters; a last 1 or 2 bytes make 2 or 3 (no "=" padding).
    out += chars.slice(0, chunk.length + 1).join('');
  }
  return out;
}

/** A SHA-256 as an RFC 6920 Named Information URI: `ni:///sha-256;<base64url digest>`. */
export function niUri(sha256Hex: string): string {
  if (!/^[0-9a-f]{64}$/i.test(sha256Hex)) throw new RangeError(`not a SHA-256: ${sha256Hex}`);
  const bytes = sha256Hex.match(/../g)!.map((pair) => parseInt(pair, 16));
  return `ni:///sha-256;${base64url(bytes)}`;
}

/** MIME types of the containers people bring, by file extension; others get no format. */
const VIDEO_FORMATS: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  ts: 'video/mp2t',
  mts: 'video/mp2t',
  m2ts: 'video/mp2t',
  mpg: 'video/mpeg',
  mpeg: 'video/mpeg',
  '3gp': 'video/3gpp',
};

function videoSource(evidence: Evidence): W3cVideoSource {
  const extension = /\.([^.]+)$/.exec(evidence.fileName)?.[1]?.toLowerCase() ?? '';
  const format = Object.hasOwn(VIDEO_FORMATS, extension) ? VIDEO_FORMATS[extension] : undefined;
  return {
    id: niUri(evidence.sha256),
    type: 'Video',
    ...(format ? { format } : {}),
    label: `${evidence.fileName} (SHA-256 ${evidence.sha256})`,
  };
}

/** Shapes are in pixels of the upright frame: a video turned a quarter swaps its sides. */
function uprightFrameSize(evidence: Evidence): FrameSize {
  const quarterTurn = Math.abs(evidence.rotation % 180) === 90;
  return quarterTurn
    ? { width: evidence.height, height: evidence.width }
    : { width: evidence.width, height: evidence.height };
}

// ---------------------------------------------------------------- time

const MICROS_PER_SECOND = 1_000_000n;
const NOMINAL_FRAME_MICROS = MICROS_PER_SECOND / BigInt(NOMINAL_FRAME_RATE);

/** pts × time base in whole microseconds, rounded up (BigInt: pts × 10⁶ can pass 2⁵³). */
function ptsToMicros(pts: number, timeBase: TimeBase): bigint {
  const numerator = BigInt(pts) * BigInt(timeBase.num) * MICROS_PER_SECOND;
  const denominator = BigInt(timeBase.den);
  // BigInt division truncates towards zero: that is rounding up for negatives already.
  return numerator > 0n ? (numerator + denominator - 1n) / denominator : numerator / denominator;
}

/** When a frame starts, in microseconds: from its pts, else at the nominal rate. */
function frameStartMicros(frame: number, storedPts: number | null, input: W3cExportInput): bigint {
  const pts = storedPts ?? input.framePts(frame);
  return pts === null
    ? BigInt(frame) * NOMINAL_FRAME_MICROS
    : ptsToMicros(pts, input.evidence.timeBase);
}

/**
 * When a frame ends (exclusive): where the next frame starts; for the last frame, or one whose
 * successor has no pts, one frame gap later (its gap to the previous frame, else nominal).
 */
function frameEndMicros(frame: number, start: bigint, input: W3cExportInput): bigint {
  const lastFrame = input.evidence.frameCount - 1;
  const next = frame < lastFrame ? input.framePts(frame + 1) : null;
  if (next !== null) return ptsToMicros(next, input.evidence.timeBase);
  const previous = frame > 0 ? input.framePts(frame - 1) : null;
  const gap =
    previous === null || input.framePts(frame) === null
      ? NOMINAL_FRAME_MICROS
      : start - ptsToMicros(previous, input.evidence.timeBase);
  return start + (gap > 0n ? gap : NOMINAL_FRAME_MICROS);
}

/** Microseconds as NPT seconds: "12.04", "0", "0.033367". */
function formatSeconds(micros: bigint): string {
  const whole = micros / MICROS_PER_SECOND;
  const fraction = (micros % MICROS_PER_SECOND).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** A frame and the pts stored with it (a keyframe's or an event's), null where none. */
interface FrameAt {
  readonly frame: number;
  readonly pts: number | null;
}

/**
 * `t=start,end` from the first frame's start to the last frame's end. NPT has no negative
 * times, so a frame before zero (rare start offsets) is clamped to 0 and kept non-empty.
 */
function timeFragment(first: FrameAt, last: FrameAt, input: W3cExportInput): string {
  const rawStart = frameStartMicros(first.frame, first.pts, input);
  const lastStart = frameStartMicros(last.frame, last.pts, input);
  const rawEnd = frameEndMicros(last.frame, lastStart, input);
  const start = rawStart > 0n ? rawStart : 0n;
  const end = rawEnd > start ? rawEnd : start + 1n;
  return `t=${formatSeconds(start)},${formatSeconds(end)}`;
}

// ---------------------------------------------------------------- space

/**
 * Anything that is not an XML 1.0 Char (control characters, lone surrogates, U+FFFE/U+FFFF):
 * a document holding one is not well-formed, so it is replaced.
 */
const NOT_XML_CHAR = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/gu;

/** User text made safe inside SVG text or an attribute: markup escaped, bad characters replaced. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** A coordinate for SVG: at most 3 decimals, no "-0", no exponent for ordinary sizes. */
const n = (value: number): string => String(Number(value.toFixed(3)) || 0);

const pointList = (points: readonly { x: number; y: number }[]): string =>
  points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ');

/** A turn about (cx, cy), clockwise on screen as in the model (SVG's y runs down); none at 0. */
const rotate = (degrees: number, cx: number, cy: number): string =>
  degrees % 360 === 0 ? '' : ` transform="rotate(${n(degrees)} ${n(cx)} ${n(cy)})"`;

/** The SVG element(s) drawing one shape, stroked or filled in `color`. */
function svgShape(shape: Shape, color: string): string {
  const stroke = `fill="none" stroke="${color}" stroke-width="2"`;
  switch (shape.kind) {
    case 'rectangle': {
      const cx = shape.x + shape.width / 2;
      const cy = shape.y + shape.height / 2;
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}"${rotate(shape.rotation, cx, cy)} ${stroke}/>`;
    }
    case 'ellipse':
      return `<ellipse cx="${n(shape.cx)}" cy="${n(shape.cy)}" rx="${n(shape.rx)}" ry="${n(shape.ry)}"${rotate(shape.rotation, shape.cx, shape.cy)} ${stroke}/>`;
    case 'polygon':
      return `<polygon points="${pointList(shape.points)}" ${stroke}/>`;
    case 'polyline':
      return `<polyline points="${pointList(shape.points)}" ${stroke}/>`;
    case 'points':
      // A point has no area: each is drawn as a dot of radius 3 centred on it.
      return shape.points
        .map((p) => `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="3" fill="${color}"/>`)
        .join('');
    case 'arrow':
      return (
        `<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="${color}"/></marker></defs>` +
        `<line x1="${n(shape.from.x)}" y1="${n(shape.from.y)}" x2="${n(shape.to.x)}" y2="${n(shape.to.y)}" ${stroke} marker-end="url(#head)"/>`
      );
    case 'text':
      // x, y is the text's top-left: "hanging" puts the top of the letters on y.
      return `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.fontSize)}" dominant-baseline="hanging" fill="${color}">${escapeXml(shape.text)}</text>`;
  }
}

/** A standalone SVG document of the frame's size drawing the shape, titled for people. */
export function shapeSvg(shape: Shape, title: string, color: string, frame: FrameSize): string {
  // The label colour is user data too: only a plain #rrggbb goes into the markup.
  const safeColor = /^#[0-9a-f]{6}$/i.test(color) ? color : '#ff0000';
  const { width, height } = frame;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeXml(title)}</title>${svgShape(shape, safeColor)}</svg>`
  );
}

/**
 * `xywh=pixel:…` for a box without rotation, rounded outwards to whole pixels and clipped to
 * the frame; null when nothing of it is left (then the SVG says where it is).
 */
function boxFragment(shape: Shape, frame: FrameSize): string | null {
  if (shape.kind !== 'rectangle' || shape.rotation % 360 !== 0) return null;
  const left = Math.max(0, Math.floor(shape.x));
  const top = Math.max(0, Math.floor(shape.y));
  const right = Math.min(frame.width, Math.ceil(shape.x + shape.width));
  const bottom = Math.min(frame.height, Math.ceil(shape.y + shape.height));
  if (right <= left || bottom <= top) return null;
  return `xywh=pixel:${left},${top},${right - left},${bottom - top}`;
}

/** Where in the frame: a media fragment for plain boxes, an SVG for everything else. */
function spatialSelector(
  shape: Shape,
  title: string,
  color: string,
  frame: FrameSize,
): W3cSelector {
  const box = boxFragment(shape, frame);
  if (box !== null)
    return { type: 'FragmentSelector', conformsTo: MEDIA_FRAGMENTS_SPEC, value: box };
  return { type: 'SvgSelector', value: shapeSvg(shape, title, color, frame) };
}

// ---------------------------------------------------------------- bodies

function textualBody(purpose: W3cTextualBody['purpose'], value: string): W3cTextualBody {
  return { type: 'TextualBody', purpose, value, format: 'text/plain' };
}

function valueWords(value: AttributeValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value === '' ? '(empty)' : String(value);
}

/** "agency: ICE; holding on to vehicle: no": the label's attributes in force on the frame. */
function attributeWords(label: Label | undefined, track: Track, frame: FrameIndex): string[] {
  return (label?.attributes ?? []).map((spec) => {
    const value =
      spec.scope === 'track'
        ? readValue(spec, track.attributes[spec.id])
        : frameValueAt(track, spec, frame);
    return `${spec.name}: ${valueWords(value)}`;
  });
}

const ORIGIN_WORDS: Readonly<Record<Keyframe['origin'], string>> = {
  drawn: 'drawn by hand',
  propagated: 'propagated from an earlier frame',
  computed: 'computed by Framewise',
};

/** The shape's second body: frame, how it came about, flags and attributes, in words. */
function keyframeDescription(track: Track, keyframe: Keyframe, label: Label | undefined): string {
  return [
    `frame ${keyframe.frame}`,
    ORIGIN_WORDS[keyframe.origin],
    ...(keyframe.occluded ? ['occluded'] : []),
    ...(keyframe.shape.kind === 'text' ? [`text: ${keyframe.shape.text}`] : []),
    ...attributeWords(label, track, keyframe.frame),
  ].join('; ');
}

// ---------------------------------------------------------------- annotations

/** An annotation, its keys in the order people read them. */
function annotation(
  context: ExportContext,
  fields: Pick<W3cAnnotation, 'id' | 'motivation' | 'created' | 'modified' | 'body' | 'target'>,
): W3cAnnotation {
  const { creator, generator, generated } = context.common;
  return {
    '@context': W3C_ANNOTATION_CONTEXT,
    id: fields.id,
    type: 'Annotation',
    motivation: fields.motivation,
    creator,
    created: fields.created,
    modified: fields.modified,
    generator,
    generated,
    body: fields.body,
    target: fields.target,
  };
}

function sortedTracks(document: AnnotationDocument): Track[] {
  return [...document.tracks.values()].sort(
    (a, b) => a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function sortedEvents(document: AnnotationDocument): AnnotationEvent[] {
  return [...document.events.values()].sort(
    (a, b) =>
      a.startFrame - b.startFrame ||
      a.endFrame - b.endFrame ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** One annotation per keyframe in view, in frame order. */
function trackAnnotations(track: Track, context: ExportContext): W3cAnnotation[] {
  return [...track.keyframes]
    .filter((keyframe) => !keyframe.outside)
    .sort((a, b) => a.frame - b.frame)
    .map((keyframe) => keyframeAnnotation(track, keyframe, context));
}

function keyframeAnnotation(
  track: Track,
  keyframe: Keyframe,
  context: ExportContext,
): W3cAnnotation {
  const { input, labels, frame } = context;
  const label = labelOf(labels, track);
  const title = trackTitle(labels, track);
  const time = timeFragment(keyframe, keyframe, input);
  return annotation(context, {
    id: iri(input.caseRecord.id, 'track', track.id, 'frame', keyframe.frame),
    motivation: 'tagging',
    created: track.createdAt,
    modified: track.modifiedAt,
    body: [
      textualBody('tagging', title),
      textualBody('describing', keyframeDescription(track, keyframe, label)),
    ],
    target: {
      type: 'SpecificResource',
      source: context.source,
      selector: {
        type: 'FragmentSelector',
        conformsTo: MEDIA_FRAGMENTS_SPEC,
        value: time,
        refinedBy: spatialSelector(keyframe.shape, title, label?.color ?? '', frame),
      },
    },
  });
}

function eventAnnotation(event: AnnotationEvent, context: ExportContext): W3cAnnotation {
  const { input, labels } = context;
  const category = labels.find((l) => l.id === event.labelId)?.name;
  const description = event.description.trim()
    ? event.description
    : `event on frames ${event.startFrame} to ${event.endFrame}`;
  return annotation(context, {
    id: iri(input.caseRecord.id, 'event', event.id),
    motivation: 'describing',
    created: event.createdAt,
    modified: event.modifiedAt,
    body: [
      textualBody('describing', description),
      ...(category === undefined ? [] : [textualBody('tagging', category)]),
    ],
    target: {
      type: 'SpecificResource',
      source: context.source,
      selector: {
        type: 'FragmentSelector',
        conformsTo: MEDIA_FRAGMENTS_SPEC,
        value: timeFragment(
          { frame: event.startFrame, pts: event.startPts },
          { frame: event.endFrame, pts: event.endPts },
          input,
        ),
      },
    },
  });
}
