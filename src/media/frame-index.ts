import {
  buildFrameTable,
  buildFrameTableFromDecode,
  packetsLackDisplayOrder,
  type FrameTable,
  type PacketInfo,
} from '../core/time/frame-table';
import { FfmpegEngine } from './ffmpeg-engine';
import { MediaError } from './media-error';
import { mp4Packets, readMoov } from './mp4-sample-table';
import { logSaysPartialFile, parseDecodedFrames, parsePackets, type StreamFacts } from './probe';

/**
 * The frame table of an open file, from FFmpeg's packet listing (no decoding). An MP4/MOV
 * file, and a long file of any container, is indexed in two steps, so its start is on screen
 * at once: first its MP4/MOV sample table read in JavaScript (mp4-sample-table.ts: every
 * frame, no FFmpeg call) or else FFmpeg's listing of a long file's first packets, then, on an
 * FFmpeg engine of its own (in parallel with decoding), the whole listing, which must begin
 * with the first step's frames (and, after a sample table, hold no other frame). Listing a
 * file reads all of it (demuxers read each packet), which takes a while for an hour.
 */

/** Files whose index declares more frames than this are listed in two steps by FFmpeg. */
export const LONG_FILE_FRAMES = 5000;
/** Packets the first step lists: a minute at 25 frames a second. */
export const FIRST_STEP_PACKETS = 1500;
/**
 * Packets at the end of the first step whose frames may still be preceded, in display
 * order, by frames listed later (B-frames): the first step's table stops before them.
 */
const REORDER_MARGIN = 64;

export interface IndexedFile {
  readonly table: FrameTable;
  /** The file ends before the data its index points to (cut short). */
  readonly partial: boolean;
}

/** ffprobe's packet listing of the stream (all of it, or `intervals`) and its log. */
async function listPackets(
  engine: FfmpegEngine,
  facts: StreamFacts & { streamIndex: number },
  onProgress: (fraction: number) => void,
  intervals: string[] = [],
) {
  const result = await engine.ffprobeToText(
    [
      '-v',
      'error',
      '-select_streams',
      String(facts.streamIndex),
      ...intervals,
      '-show_entries',
      'packet=pts,dts,duration,flags',
      '-of',
      'json',
      engine.inputPath,
      '-o',
      '/packets.json',
    ],
    '/packets.json',
    onProgress,
  );
  if (!result.text) {
    throw new MediaError(
      'FFmpeg could not list the frames of this video.',
      ffmpegComplaint(result.log),
    );
  }
  return result;
}

/** The whole frame table, on `engine` (whose file is open). */
export async function indexWholeFile(
  engine: FfmpegEngine,
  facts: StreamFacts & { streamIndex: number },
  onProgress: (fraction: number) => void,
): Promise<IndexedFile> {
  const listing = await listPackets(engine, facts, onProgress);
  const partial = logSaysPartialFile(listing.log);
  const packets = parsePackets(listing.text, partial);
  const table = packetsLackDisplayOrder(packets, facts.decoderDelay)
    ? await tableFromDecode(engine, facts.streamIndex)
    : buildFrameTable(packets);
  return { table, partial };
}

/**
 * The first step: every frame from an MP4/MOV sample table (`whole`), or else, for a long
 * file, the frames of its first packets whose display order is settled; null when neither
 * applies (its whole table is then read at once). The sample table is read for MP4/MOV files
 * of any length: it spares the packet listing before frame 0 (40 to 90 ms of a 1080p clip's
 * opening, each FFmpeg call parses the moov and decodes a frame or two to find the stream's
 * parameters), and FFmpeg's listing checks it afterwards all the same.
 */
export async function indexFileStart(
  engine: FfmpegEngine,
  file: File,
  facts: StreamFacts & { streamIndex: number },
  onProgress: (fraction: number) => void,
): Promise<{ table: FrameTable; whole: boolean } | null> {
  const fromSampleTable = await sampleTableOf(file, facts);
  if (fromSampleTable) return { table: fromSampleTable, whole: true };
  if ((facts.declaredFrameCount ?? 0) <= LONG_FILE_FRAMES) return null;
  const listing = await listPackets(engine, facts, onProgress, [
    '-read_intervals',
    `%+#${FIRST_STEP_PACKETS}`,
  ]);
  const packets = parsePackets(listing.text, logSaysPartialFile(listing.log));
  if (packets.length <= REORDER_MARGIN * 2) return null;
  if (packetsLackDisplayOrder(packets, facts.decoderDelay)) return null;
  return { table: settledStart(packets), whole: false };
}

/**
 * The whole frame table of an MP4/MOV file from its sample table, read in JavaScript (a
 * few reads of the file, no FFmpeg call: each one re-parses a long file's moov, seconds in
 * ffmpeg.wasm), or null where that reader is unsure and FFmpeg must list the packets.
 */
async function sampleTableOf(
  file: File,
  facts: StreamFacts & { streamIndex: number },
): Promise<FrameTable | null> {
  if (!facts.container.split(',').includes('mov') || facts.timeBase.num !== 1) return null;
  const read = async (start: number, end: number) =>
    new Uint8Array(await file.slice(start, end).arrayBuffer());
  const moov = await readMoov(read, file.size).catch(() => null);
  if (!moov) return null;
  const packets = mp4Packets(moov, {
    streamIndex: facts.streamIndex,
    timescale: facts.timeBase.den,
    fileSize: file.size,
  });
  if (!packets || packetsLackDisplayOrder(packets, facts.decoderDelay)) return null;
  return buildFrameTable(packets);
}

/**
 * The frames of a listing's start whose place in display order no later packet can change:
 * those shown before every one of its last REORDER_MARGIN packets.
 */
export function settledStart(packets: readonly PacketInfo[]): FrameTable {
  const table = buildFrameTable(packets);
  const tail = packets.slice(-REORDER_MARGIN).filter((p) => !p.discard);
  const cut = Math.min(...tail.map((p) => p.pts ?? p.dts ?? Infinity));
  const frames = table.frames.filter((f) => f.pts < cut);
  return { ...table, frames, keyframes: table.keyframes.filter((k) => k < frames.length) };
}

/**
 * The second step: the whole table, read on an engine of its own so decoding goes on
 * meanwhile; it must begin with the first step's frames, exactly, and where the first step
 * claimed every frame (`startIsWhole`), hold no more. `sameAsStart`: it is the first step's
 * table in every field. `stop` ends it.
 */
export function indexInBackground(
  file: File,
  facts: StreamFacts & { streamIndex: number },
  start: FrameTable,
  startIsWhole: boolean,
  onProgress: (fraction: number) => void,
): { done: Promise<IndexedFile & { sameAsStart: boolean }>; stop: () => void } {
  const engine = new FfmpegEngine();
  const done = (async () => {
    try {
      await engine.open(file);
      const whole = await indexWholeFile(engine, facts, onProgress);
      const differs = firstDifference(start, whole.table, startIsWhole);
      if (differs !== null) {
        throw new MediaError(
          `The frame index of this video could not be read consistently (frame ${differs} differs between two readings). The file may be damaged; nothing was saved.`,
        );
      }
      return { ...whole, sameAsStart: sameTable(start, whole.table) };
    } finally {
      engine.close();
    }
  })();
  return { done, stop: () => engine.close() };
}

/**
 * The first frame where FFmpeg's whole table (`whole`) is not the first step's (`start`):
 * another pts or key flag, a frame missing, or, when `start` claimed every frame, a frame
 * more. Null when they agree.
 */
export function firstDifference(
  start: FrameTable,
  whole: FrameTable,
  startIsWhole: boolean,
): number | null {
  const differs = start.frames.findIndex((f, i) => {
    const same = whole.frames[i];
    return !same || same.pts !== f.pts || same.key !== f.key;
  });
  if (differs >= 0) return differs;
  if (startIsWhole && whole.frames.length !== start.frames.length) return start.frames.length;
  return null;
}

/**
 * Whether two frame tables are the same in every field of every frame (FFmpeg's listing
 * confirming a sample table read in JavaScript): the source opened with the first can then
 * stay, with its decodes under way and its frames cached.
 */
export function sameTable(a: FrameTable, b: FrameTable): boolean {
  if (a.frames.length !== b.frames.length || a.keyframes.length !== b.keyframes.length) {
    return false;
  }
  if (a.reordered !== b.reordered || a.counted !== b.counted) return false;
  if (a.keyframes.some((k, i) => b.keyframes[i] !== k)) return false;
  return a.frames.every((f, i) => {
    const g = b.frames[i]!;
    return (
      f.index === g.index &&
      f.pts === g.pts &&
      f.reportedPts === g.reportedPts &&
      f.dts === g.dts &&
      f.key === g.key &&
      f.duration === g.duration
    );
  });
}

/**
 * Where packets do not give display order (AVI with B-frames, raw streams), the frame table
 * comes from one full decode: frame N is then, by construction, the N-th frame FFmpeg
 * outputs, as `ffmpeg -f framemd5` numbers it.
 */
async function tableFromDecode(engine: FfmpegEngine, streamIndex: number): Promise<FrameTable> {
  // ffprobe, not ffmpeg: its best_effort_timestamp is what the oracle and the contract
  // report (ffmpeg's command line invents timestamps where a stream has none).
  const result = await engine.ffprobeToText(
    [
      '-v',
      'error',
      '-select_streams',
      String(streamIndex),
      '-show_entries',
      'frame=best_effort_timestamp,key_frame',
      '-of',
      'json',
      engine.inputPath,
      '-o',
      '/frames.json',
    ],
    '/frames.json',
  );
  const decoded = parseDecodedFrames(result.text);
  if (decoded.length === 0) {
    throw new MediaError(
      'FFmpeg could not decode any frame of this video.',
      ffmpegComplaint(result.log),
    );
  }
  return buildFrameTableFromDecode(decoded);
}

/** The line of FFmpeg's log that best says what went wrong (its last complaint, else last line). */
export function ffmpegComplaint(log: readonly string[]): string {
  const lines = log.map((l) => l.trim()).filter(Boolean);
  const complaint = /error|invalid|not found|no such|unsupported|corrupt|could not|failed|missing/i;
  return lines.findLast((l) => complaint.test(l)) ?? lines.at(-1) ?? '';
}
