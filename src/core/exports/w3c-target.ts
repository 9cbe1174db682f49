import type { Evidence, Shape } from '../annotations/model';
import type { TimeBase } from '../time/time-base';
import { shapeSvg, type FrameSize } from './w3c-svg';

/**
 * The target of a W3C annotation (see w3c-annotation.ts): which video, which frames of it, and
 * where in the frame.
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
 *   Seconds are counted from frame 0, as players and the WebVTT export count them: (pts − frame
 *   0's pts) × time base (the JSON export's `seconds` less frame 0's) in whole microseconds,
 *   rounded up, so the start instant is never before the frame's own pts (a
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
 */

export const MEDIA_FRAGMENTS_SPEC = 'http://www.w3.org/TR/media-frags/';
/** The rate frames without pts are placed at (FFmpeg's raw demuxers' default). */
export const NOMINAL_FRAME_RATE = 25;

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

/** What placing a frame in time needs: the video's time base and frame count, and its pts. */
export interface FrameTiming {
  readonly evidence: Pick<Evidence, 'timeBase' | 'frameCount'>;
  /** pts from the frame table, null where none. */
  readonly framePts: (frame: number) => number | null;
}

// ---------------------------------------------------------------- the video

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

/** The video as the annotations' source: named by its hash, with format and label. */
export function videoSource(evidence: Evidence): W3cVideoSource {
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
export function uprightFrameSize(evidence: Evidence): FrameSize {
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
function frameStartMicros(frame: number, storedPts: number | null, input: FrameTiming): bigint {
  const pts = storedPts ?? input.framePts(frame);
  return pts === null
    ? BigInt(frame) * NOMINAL_FRAME_MICROS
    : ptsToMicros(pts, input.evidence.timeBase);
}

/**
 * When a frame ends (exclusive): where the next frame starts; for the last frame, or one whose
 * successor has no pts, one frame gap later (its gap to the previous frame, else nominal).
 */
function frameEndMicros(frame: number, start: bigint, input: FrameTiming): bigint {
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
export interface FrameAt {
  readonly frame: number;
  readonly pts: number | null;
}

/**
 * `t=start,end` from the first frame's start to the last frame's end, counted from frame 0
 * (as the WebVTT export and players count: an MPEG-TS whose first frame has pts 2.8 s plays
 * it at 0). NPT has no negative times: a frame before frame 0's time (B-frame start offsets)
 * is clamped to 0 and kept non-empty.
 */
export function timeFragment(first: FrameAt, last: FrameAt, input: FrameTiming): string {
  const origin = frameStartMicros(0, null, input);
  const rawStart = frameStartMicros(first.frame, first.pts, input) - origin;
  const lastStart = frameStartMicros(last.frame, last.pts, input);
  const rawEnd = frameEndMicros(last.frame, lastStart, input) - origin;
  const start = rawStart > 0n ? rawStart : 0n;
  const end = rawEnd > start ? rawEnd : start + 1n;
  return `t=${formatSeconds(start)},${formatSeconds(end)}`;
}

// ---------------------------------------------------------------- space

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
export function spatialSelector(
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
