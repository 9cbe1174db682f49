import {
  ALL_FORMATS,
  BlobSource,
  EncodedPacketSink,
  Input,
  type EncodedPacket,
  type InputVideoTrack,
} from 'mediabunny';
import type { FrameTable } from '../../core/time/frame-table';
import type { Rotation } from './frame-md5-planes';

/**
 * The video packets of a file as mediabunny demuxes them, each with its integer pts in the
 * track's time base, for decoding with WebCodecs; and whether they are the frames FFmpeg's
 * frame table lists.
 *
 * Why mediabunny: a maintained, dependency-free TypeScript demuxer for the containers WebCodecs
 * footage comes in (MP4/MOV, Matroska/WebM, MPEG-TS) that gives packets in decode order with
 * key flags and the `VideoDecoderConfig` (avcC/hvcC description, codec string) WebCodecs needs.
 *
 * Timestamps: mediabunny gives seconds; times the track's time resolution they are integers
 * (checked exactly, both ways). Measured on the fixtures they are FFmpeg's packet pts: MP4 with
 * an edit list shifted the same way as FFmpeg (frames before the edit get negative pts; FFmpeg
 * marks them discarded, mediabunny lists them), MPEG-TS unshifted (the stream's own 90 kHz pts),
 * Matroska in milliseconds.
 */

/** One video packet in decode order. */
export interface DemuxedPacket {
  /** Presentation timestamp in the track's time base (1 / timeResolution seconds). */
  readonly pts: number;
  readonly key: boolean;
  /** Position in decode order (0 = first packet of the track). */
  readonly order: number;
}

/** A file's primary video track, ready for WebCodecs. */
export interface DemuxedVideo {
  /** Container name as mediabunny calls it ("MP4", "WebM", "MPEG Transport Stream", ...). */
  readonly container: string;
  /** Ticks per second of the pts (MP4 timescale, 1000 for Matroska, 90000 for MPEG-TS). */
  readonly timeResolution: number;
  readonly config: VideoDecoderConfig;
  /** Clockwise turn the file asks for (display matrix), which FFmpeg's autorotate applies. */
  readonly rotation: Rotation;
  /** Every packet of the track, in decode order. */
  readonly packets: readonly DemuxedPacket[];
  /** The packets' data, from the key packet with this pts on, in decode order. */
  readPackets(fromKeyPts: number): AsyncGenerator<PacketWithPts>;
  /** Frees the file. */
  dispose(): void;
}

/** A packet's data with its integer pts. */
export interface PacketWithPts {
  readonly packet: EncodedPacket;
  readonly pts: number;
}

export type DemuxResult =
  | { readonly ok: true; readonly video: DemuxedVideo }
  | { readonly ok: false; readonly reason: string };

/** Seconds → integer ticks, or null when the time is not a whole number of ticks. */
export function toTicks(seconds: number, timeResolution: number): number | null {
  const ticks = Math.round(seconds * timeResolution);
  // The round trip must give back the very same double: then no tick was guessed.
  return ticks / timeResolution === seconds ? ticks : null;
}

/** Opens the file's primary video track with mediabunny, or says why it cannot. */
export async function demuxVideo(file: Blob): Promise<DemuxResult> {
  const input = new Input({ formats: ALL_FORMATS, source: new BlobSource(file) });
  const fail = (reason: string): DemuxResult => {
    input.dispose();
    return { ok: false, reason };
  };
  let track: InputVideoTrack | null;
  let container: string;
  try {
    container = (await input.getFormat()).name;
    track = await input.getPrimaryVideoTrack();
  } catch (error) {
    return fail(`mediabunny cannot read this container (${(error as Error).message})`);
  }
  if (!track) return fail(`mediabunny finds no video track it can read in this ${container} file`);
  const config = await track.getDecoderConfig();
  if (!config) return fail(`mediabunny has no WebCodecs decoder configuration for this codec`);
  const timeResolution = await track.getTimeResolution();
  const rotation = await track.getRotation();
  const sink = new EncodedPacketSink(track);
  const packets: DemuxedPacket[] = [];
  const byPts = new Map<number, DemuxedPacket>();
  try {
    for await (const packet of sink.packets(undefined, undefined, { metadataOnly: true })) {
      const ticks = toTicks(packet.timestamp, timeResolution);
      if (ticks === null) {
        return fail(
          `packet ${packets.length}: ${packet.timestamp} s is not a whole number of 1/${timeResolution} s`,
        );
      }
      if (byPts.has(ticks)) return fail(`two packets share pts ${ticks}`);
      const entry = { pts: ticks, key: packet.type === 'key', order: packets.length };
      packets.push(entry);
      byPts.set(ticks, entry);
    }
  } catch (error) {
    return fail(`mediabunny could not list the packets (${(error as Error).message})`);
  }
  if (packets.length === 0) return fail('the video track has no packets');

  async function* readPackets(fromKeyPts: number): AsyncGenerator<PacketWithPts> {
    const start = byPts.get(fromKeyPts);
    if (!start?.key) throw new Error(`no key packet with pts ${fromKeyPts}`);
    const first = await sink.getKeyPacket(fromKeyPts / timeResolution);
    if (!first || toTicks(first.timestamp, timeResolution) !== fromKeyPts) {
      throw new Error(`mediabunny did not find the key packet with pts ${fromKeyPts}`);
    }
    for await (const packet of sink.packets(first)) {
      const ticks = toTicks(packet.timestamp, timeResolution);
      if (ticks === null || !byPts.has(ticks)) {
        throw new Error(`a packet at ${packet.timestamp} s is not in the listing`);
      }
      yield { packet, pts: ticks };
    }
  }

  return {
    ok: true,
    video: {
      container,
      timeResolution,
      config,
      rotation,
      packets,
      readPackets,
      dispose: () => input.dispose(),
    },
  };
}

export type Agreement =
  | {
      readonly agrees: true;
      /** Packets decoded but not shown (before an MP4 edit list's start), as FFmpeg drops them. */
      readonly hidden: number;
    }
  | { readonly agrees: false; readonly difference: string };

/**
 * Whether mediabunny's packets are FFmpeg's frames: the same pts in presentation order, frame
 * for frame, with the same keyframes. Packets before FFmpeg's first frame are allowed (an edit
 * list's pre-roll: FFmpeg decodes and discards them); anything else is a difference, in words.
 */
export function compareWithFrameTable(
  packets: readonly DemuxedPacket[],
  table: FrameTable,
): Agreement {
  if (table.counted) {
    return {
      agrees: false,
      difference: 'FFmpeg identifies this file’s frames by counting, not by pts',
    };
  }
  const first = table.frames[0];
  if (!first) return { agrees: false, difference: 'FFmpeg lists no frames' };
  const shown = [...packets].sort((a, b) => a.pts - b.pts);
  const hidden = shown.findIndex((p) => p.pts >= first.pts);
  const visible = hidden < 0 ? [] : shown.slice(hidden);
  const n = Math.min(visible.length, table.frames.length);
  for (let i = 0; i < n; i++) {
    const mine = visible[i]!;
    const theirs = table.frames[i]!;
    if (mine.pts !== theirs.pts) {
      return {
        agrees: false,
        difference: `frame ${i}: FFmpeg has pts ${theirs.pts}, mediabunny ${mine.pts}`,
      };
    }
    if (mine.key !== theirs.key) {
      return {
        agrees: false,
        difference: `frame ${i} (pts ${mine.pts}): FFmpeg says ${theirs.key ? '' : 'not '}a keyframe, mediabunny ${mine.key ? '' : 'not '}a keyframe`,
      };
    }
  }
  if (visible.length !== table.frames.length) {
    return {
      agrees: false,
      difference: `FFmpeg lists ${table.frames.length} frames, mediabunny ${visible.length}${hidden > 0 ? ` (after ${hidden} before the first)` : ''}`,
    };
  }
  return { agrees: true, hidden: Math.max(hidden, 0) };
}
