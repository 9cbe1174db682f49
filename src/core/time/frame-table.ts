import { frameIndex, pts, type FrameIndex, type Pts } from '../ids';

/** One packet of the video stream as a demuxer lists it, in decode order. */
export interface PacketInfo {
  readonly pts: number | null;
  readonly dts: number | null;
  readonly duration: number | null;
  /** The packet starts a keyframe (random access point). */
  readonly key: boolean;
  /** The demuxer marks the packet as decoded but not shown (e.g. before an MP4 edit list). */
  readonly discard: boolean;
}

/** One displayed frame. */
export interface FrameEntry {
  readonly index: FrameIndex;
  /**
   * The key frames are found and ordered by: the presentation timestamp, or in a counted
   * table (see FrameTable.counted) simply the index.
   */
  readonly pts: Pts;
  /** The pts ffprobe reports for this frame (best_effort_timestamp); null where it has none. */
  readonly reportedPts: Pts | null;
  /** Decoding timestamp of its packet, when the container gives one. */
  readonly dts: number | null;
  readonly key: boolean;
  /** Duration in time-base units, when the container says. */
  readonly duration: number | null;
}

/** Every displayed frame in presentation order, with the keyframes picked out. */
export interface FrameTable {
  readonly frames: readonly FrameEntry[];
  /** Indices (into frames) of the keyframes, ascending. */
  readonly keyframes: readonly FrameIndex[];
  /** Decode order differs from display order (B-frames or other reordering). */
  readonly reordered: boolean;
  /**
   * True when packets could not give display order (AVI with B-frames, raw streams): the table
   * then comes from a full decode, and frames are identified by counting from the start.
   */
  readonly counted: boolean;
}

/**
 * Builds the frame table from a packet listing, without decoding.
 *
 * Frame N is the N-th packet in presentation order (ascending pts). With B-frames the decode
 * order differs from the presentation order; sorting by pts restores the latter. A packet
 * without pts falls back to its dts (AVI, some MPEG-PS). Packets the demuxer marks as
 * discarded are decoded but never shown, so they are not frames.
 */
export function buildFrameTable(packets: readonly PacketInfo[]): FrameTable {
  const shown: {
    order: number;
    pts: number;
    dts: number | null;
    key: boolean;
    duration: number | null;
  }[] = [];
  packets.forEach((packet, order) => {
    if (packet.discard) return;
    const timestamp = packet.pts ?? packet.dts;
    if (timestamp === null) {
      throw new Error(`packet ${order} has neither a presentation nor a decoding timestamp`);
    }
    shown.push({
      order,
      pts: timestamp,
      dts: packet.dts,
      key: packet.key,
      duration: packet.duration,
    });
  });
  const reordered = shown.some((p, i) => i > 0 && p.pts < shown[i - 1]!.pts);
  // Stable on equal pts: decode order breaks the tie.
  shown.sort((a, b) => a.pts - b.pts || a.order - b.order);
  const frames: FrameEntry[] = shown.map((p, i) => ({
    index: frameIndex(i),
    pts: pts(p.pts),
    reportedPts: pts(p.pts),
    dts: p.dts,
    key: p.key,
    duration: p.duration,
  }));
  const keyframes = frames.filter((f) => f.key).map((f) => f.index);
  return { frames, keyframes, reordered, counted: false };
}

/** One frame as a decoder output it, in display order. */
export interface DecodedFrameInfo {
  readonly pts: number | null;
  readonly key: boolean;
}

/**
 * The frame table from a full decode (ffprobe -show_frames), for streams whose packets do not
 * give display order (AVI with B-frames, raw streams). Frame N is the N-th frame the decoder
 * outputs, exactly as `ffmpeg -f framemd5` numbers it; each keeps the pts ffprobe reports,
 * which may be missing (raw streams, a frame flushed at the end).
 */
export function buildFrameTableFromDecode(decoded: readonly DecodedFrameInfo[]): FrameTable {
  const frames: FrameEntry[] = decoded.map((f, i) => ({
    index: frameIndex(i),
    pts: pts(i),
    reportedPts: f.pts === null ? null : pts(f.pts),
    dts: null,
    key: f.key,
    duration: null,
  }));
  return {
    frames,
    keyframes: frames.filter((f) => f.key).map((f) => f.index),
    reordered: false,
    counted: true,
  };
}

/** True when packet timestamps cannot be trusted to give display order (see buildFrameTable). */
export function packetsLackDisplayOrder(
  packets: readonly PacketInfo[],
  decoderDelay: number,
): boolean {
  const shown = packets.filter((p) => !p.discard);
  if (shown.some((p) => p.pts === null && p.dts === null)) return true;
  // Without pts, dts order is display order only when nothing is reordered (no B-frames).
  return decoderDelay > 0 && shown.some((p) => p.pts === null);
}

/** The frame shown at exactly this pts, or null. */
export function frameAtPts(table: FrameTable, p: number): FrameIndex | null {
  let lo = 0;
  let hi = table.frames.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const entry = table.frames[mid]!;
    if (entry.pts === p) return entry.index;
    if (entry.pts < p) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/**
 * The last keyframe at or before frame n in presentation order, where decoding must start to
 * reach n. Frame 0 when there is none (a stream that does not flag keyframes).
 */
export function keyframeAtOrBefore(table: FrameTable, n: FrameIndex): FrameIndex {
  let best: FrameIndex = frameIndex(0);
  for (const k of table.keyframes) {
    if (k > n) break;
    best = k;
  }
  return best;
}

/** The last keyframe before frame n, or null. */
export function keyframeBefore(table: FrameTable, n: FrameIndex): FrameIndex | null {
  let best: FrameIndex | null = null;
  for (const k of table.keyframes) {
    if (k >= n) break;
    best = k;
  }
  return best;
}

/** The first keyframe after frame n, or null. */
export function keyframeAfter(table: FrameTable, n: FrameIndex): FrameIndex | null {
  for (const k of table.keyframes) if (k > n) return k;
  return null;
}
