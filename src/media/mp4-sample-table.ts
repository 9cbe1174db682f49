import type { PacketInfo } from '../core/time/frame-table';

/**
 * The packets of one video track of an MP4/MOV file, read from its sample table (moov) in
 * JavaScript, exactly as FFmpeg's mov demuxer lists them (pts, dts, duration, key), for the
 * cases where that is certain: FFmpeg then needs no call to give a long file's frame table
 * (each FFmpeg call re-parses a one-hour file's moov, seconds in ffmpeg.wasm). Anything
 * this reader is not sure FFmpeg reads the same way gives null, and the caller asks FFmpeg:
 * fragmented files, several sample descriptions, edit lists other than one plain edit
 * holding every sample, negative composition offsets, partial sync samples or random
 * access groups, empty samples, samples past the end of the file, codecs other than
 * H.264/HEVC. FFmpeg's own listing still checks the result (frame-index.ts).
 */

/** Sample entry formats read here: H.264 and HEVC, which FFmpeg's mov demuxer does not parse. */
const CODECS = new Set(['avc1', 'avc3', 'hvc1', 'hev1']);
/** A larger moov is not read here (FFmpeg reads it). */
export const MAX_MOOV_BYTES = 64 * 1024 * 1024;

interface Box {
  readonly type: string;
  /** Offset of the box's content (after its header) in the buffer. */
  readonly start: number;
  readonly end: number;
}

/** Not a file this reader is sure of: the caller falls back to FFmpeg. */
class Unsure extends Error {}

function unsure(why: string): never {
  throw new Unsure(why);
}

/** The boxes directly inside bytes[start, end). */
function childBoxes(view: DataView, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    const type = fourcc(view, at + 4);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) unsure('box header cut short');
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) unsure(`box ${type} overruns its parent`);
    boxes.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

const fourcc = (view: DataView, at: number) =>
  String.fromCharCode(
    view.getUint8(at),
    view.getUint8(at + 1),
    view.getUint8(at + 2),
    view.getUint8(at + 3),
  );

function only(boxes: Box[], type: string): Box | null {
  const found = boxes.filter((b) => b.type === type);
  if (found.length > 1) unsure(`several ${type} boxes`);
  return found[0] ?? null;
}

function required(boxes: Box[], type: string): Box {
  return only(boxes, type) ?? unsure(`no ${type} box`);
}

/** A full box's entry count, checked against its size; the entries start 8 bytes in. */
function entryCount(view: DataView, box: Box, entryBytes: number, headerBytes = 8): number {
  if (box.end - box.start < headerBytes) unsure('box cut short');
  const count = view.getUint32(box.start + headerBytes - 4);
  if (box.start + headerBytes + count * entryBytes > box.end) unsure('table cut short');
  return count;
}

/** Run-length table (stts, ctts): each run's count and value, expanded to one per sample. */
function expandRuns(view: DataView, box: Box, samples: number, signed: boolean): Int32Array {
  const runs = entryCount(view, box, 8);
  const values = new Int32Array(samples);
  let sample = 0;
  for (let i = 0; i < runs; i++) {
    const at = box.start + 8 + i * 8;
    const count = view.getUint32(at);
    const value = signed ? view.getInt32(at + 4) : view.getUint32(at + 4);
    if (!signed && value > 0x7fffffff) unsure('sample delta too large');
    if (sample + count > samples) unsure('run table longer than the samples');
    values.fill(value, sample, sample + count);
    sample += count;
  }
  if (sample !== samples) unsure('run table shorter than the samples');
  return values;
}

function sampleSizes(view: DataView, stsz: Box): Uint32Array {
  if (stsz.end - stsz.start < 12) unsure('stsz cut short');
  const constant = view.getUint32(stsz.start + 4);
  const count = view.getUint32(stsz.start + 8);
  if (constant !== 0) return new Uint32Array(count).fill(constant);
  if (stsz.start + 12 + count * 4 > stsz.end) unsure('stsz cut short');
  const sizes = new Uint32Array(count);
  for (let i = 0; i < count; i++) sizes[i] = view.getUint32(stsz.start + 12 + i * 4);
  return sizes;
}

function chunkOffsets(view: DataView, stbl: Box[]): number[] {
  const stco = only(stbl, 'stco');
  const co64 = only(stbl, 'co64');
  if ((stco === null) === (co64 === null)) unsure('not exactly one of stco and co64');
  if (stco) {
    const count = entryCount(view, stco, 4);
    return Array.from({ length: count }, (_, i) => view.getUint32(stco.start + 8 + i * 4));
  }
  const count = entryCount(view, co64!, 8);
  return Array.from({ length: count }, (_, i) =>
    Number(view.getBigUint64(co64!.start + 8 + i * 8)),
  );
}

/** The end (in the file) of the last byte of any sample, from stsc, stco/co64 and stsz. */
function lastSampleEnd(view: DataView, stbl: Box[], sizes: Uint32Array): number {
  const offsets = chunkOffsets(view, stbl);
  const stsc = required(stbl, 'stsc');
  const runs = entryCount(view, stsc, 12);
  if (runs === 0 || view.getUint32(stsc.start + 8) !== 1) unsure('stsc does not start at chunk 1');
  let sample = 0;
  let end = 0;
  for (let r = 0; r < runs; r++) {
    const at = stsc.start + 8 + r * 12;
    const firstChunk = view.getUint32(at);
    const perChunk = view.getUint32(at + 4);
    if (view.getUint32(at + 8) !== 1) unsure('several sample descriptions');
    const nextFirst = r + 1 < runs ? view.getUint32(at + 12) : offsets.length + 1;
    if (nextFirst <= firstChunk || nextFirst > offsets.length + 1) unsure('stsc out of order');
    for (let chunk = firstChunk; chunk < nextFirst; chunk++) {
      let position = offsets[chunk - 1]!;
      for (let s = 0; s < perChunk; s++, sample++) {
        if (sample >= sizes.length) unsure('chunks hold more samples than stsz');
        position += sizes[sample]!;
      }
      end = Math.max(end, position);
    }
  }
  if (sample !== sizes.length) unsure('chunks hold fewer samples than stsz');
  return end;
}

function versionOf(view: DataView, box: Box): number {
  return view.getUint8(box.start);
}

/** mdhd (or mvhd) timescale. */
function mediaTimescale(view: DataView, mdhd: Box): number {
  const v1 = versionOf(view, mdhd) === 1;
  const at = mdhd.start + (v1 ? 20 : 12);
  if (at + 4 > mdhd.end) unsure('mdhd cut short');
  return view.getUint32(at);
}

/** mdhd duration, in its timescale. */
function mediaDuration(view: DataView, mdhd: Box): number {
  const v1 = versionOf(view, mdhd) === 1;
  const at = mdhd.start + (v1 ? 24 : 16);
  if (at + (v1 ? 8 : 4) > mdhd.end) unsure('mdhd cut short');
  return v1 ? Number(view.getBigUint64(at)) : view.getUint32(at);
}

/** mvhd timescale: the unit of edit list durations. */
function movieTimescale(view: DataView, mvhd: Box): number {
  return mediaTimescale(view, mvhd); // same layout up to the timescale
}

/** The one edit of an edit list, or null without one (several or odd edits: unsure). */
function singleEdit(view: DataView, trak: Box[]): { duration: number; mediaTime: number } | null {
  const edts = only(trak, 'edts');
  if (!edts) return null;
  const elst = only(childBoxes(view, edts.start, edts.end), 'elst');
  if (!elst) return null;
  const v1 = versionOf(view, elst) === 1;
  const count = entryCount(view, elst, v1 ? 20 : 12);
  if (count === 0) return null;
  if (count > 1) unsure('several edits');
  const at = elst.start + 8;
  const duration = v1 ? Number(view.getBigUint64(at)) : view.getUint32(at);
  const mediaTime = v1 ? Number(view.getBigInt64(at + 8)) : view.getInt32(at + 4);
  const rate = view.getInt16(at + (v1 ? 16 : 8));
  const fraction = view.getInt16(at + (v1 ? 18 : 10));
  if (mediaTime < 0 || rate !== 1 || fraction !== 0) unsure('an empty or non-plain edit');
  return { duration, mediaTime };
}

/** a * b / c rounded to nearest, halves away from zero (FFmpeg's av_rescale), for a, b, c ≥ 0. */
function rescale(a: number, b: number, c: number): number {
  const product = BigInt(a) * BigInt(b);
  return Number((product + BigInt(c) / 2n) / BigInt(c));
}

export interface Mp4TrackFacts {
  /** FFmpeg's stream index of the video track (the mov demuxer makes one stream per trak). */
  readonly streamIndex: number;
  /** The stream's time base denominator as FFmpeg reports it (1/timescale). */
  readonly timescale: number;
  readonly fileSize: number;
}

/**
 * The packets of the video track at `streamIndex`, in decode order, from the moov box's
 * bytes (its content, without its header), or null when unsure (see the file comment).
 * `why` hears the reason for a null, for the record.
 */
export function mp4Packets(
  moov: Uint8Array,
  facts: Mp4TrackFacts,
  why: (reason: string) => void = () => {},
): PacketInfo[] | null {
  try {
    return readPackets(moov, facts);
  } catch (error) {
    if (error instanceof Unsure || error instanceof RangeError) {
      why(error.message);
      return null;
    }
    throw error;
  }
}

function readPackets(moov: Uint8Array, facts: Mp4TrackFacts): PacketInfo[] {
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  const top = childBoxes(view, 0, moov.byteLength);
  if (only(top, 'mvex')) unsure('fragmented file');
  const traks = top.filter((b) => b.type === 'trak');
  const trakBox = traks[facts.streamIndex] ?? unsure('no trak for the stream');
  const trak = childBoxes(view, trakBox.start, trakBox.end);
  const mdia = childBoxes(view, ...bounds(required(trak, 'mdia')));
  const hdlr = required(mdia, 'hdlr');
  if (fourcc(view, hdlr.start + 8) !== 'vide') unsure('not a video track');
  const mdhd = required(mdia, 'mdhd');
  const timescale = mediaTimescale(view, mdhd);
  if (timescale !== facts.timescale) unsure('timescale differs from the stream time base');
  const minf = childBoxes(view, ...bounds(required(mdia, 'minf')));
  const stbl = childBoxes(view, ...bounds(required(minf, 'stbl')));
  for (const odd of ['stps', 'sgpd', 'sbgp', 'stz2']) {
    if (only(stbl, odd)) unsure(`${odd} box`);
  }
  const stsd = required(stbl, 'stsd');
  if (entryCount(view, stsd, 8) !== 1) unsure('not one sample description');
  const codec = fourcc(view, stsd.start + 12);
  if (!CODECS.has(codec)) unsure(`sample entry ${codec}`);

  const sizes = sampleSizes(view, required(stbl, 'stsz'));
  const samples = sizes.length;
  if (samples === 0) unsure('no samples');
  if (sizes.includes(0)) unsure('an empty sample');
  if (lastSampleEnd(view, stbl, sizes) > facts.fileSize) unsure('samples past the end of the file');

  const deltas = expandRuns(view, required(stbl, 'stts'), samples, false);
  const cttsBox = only(stbl, 'ctts');
  const offsets = cttsBox ? expandRuns(view, cttsBox, samples, true) : null;
  if (offsets?.some((o) => o < 0)) unsure('negative composition offsets');
  // FFmpeg's packet durations: with composition offsets, one frame at the stream's rate
  // (the same as stts only where stts is constant); without, up to the next sample's dts,
  // the last one up to the track's duration (the same as stts when mdhd says its sum).
  if (offsets && deltas.some((d) => d !== deltas[0])) unsure('variable durations with ctts');

  const stss = only(stbl, 'stss');
  const key = new Uint8Array(samples).fill(stss ? 0 : 1);
  if (stss) {
    const count = entryCount(view, stss, 4);
    if (count === 0) unsure('no sync samples');
    for (let i = 0; i < count; i++) {
      const sample = view.getUint32(stss.start + 8 + i * 4);
      if (sample < 1 || sample > samples) unsure('sync sample out of range');
      key[sample - 1] = 1;
    }
  }

  // Decode and composition times, as stored.
  const dts = new Float64Array(samples);
  for (let i = 1; i < samples; i++) dts[i] = dts[i - 1]! + deltas[i - 1]!;
  const cts = (i: number) => dts[i]! + (offsets ? offsets[i]! : 0);
  const total = dts[samples - 1]! + deltas[samples - 1]!;
  if (!offsets && mediaDuration(view, mdhd) !== total) unsure("mdhd duration is not the samples'");

  // FFmpeg's mov demuxer with one plain edit: it drops samples shown outside the edit
  // (never here: unsure), moves times back by the edit's media time, then, for video, by
  // whatever keeps the first pts from being above zero.
  let shift = 0;
  const edit = singleEdit(view, trak);
  if (edit) {
    const movieScale = movieTimescale(view, required(top, 'mvhd'));
    if (movieScale === 0) unsure('mvhd timescale 0');
    const editEnd = edit.mediaTime + rescale(edit.duration, timescale, movieScale);
    let first = Infinity;
    for (let i = 0; i < samples; i++) {
      const c = cts(i);
      if (c < edit.mediaTime || c >= editEnd) unsure('samples outside the edit');
      first = Math.min(first, c);
    }
    shift = edit.mediaTime + Math.max(0, first - edit.mediaTime);
  }

  const packets: PacketInfo[] = new Array<PacketInfo>(samples);
  for (let i = 0; i < samples; i++) {
    packets[i] = {
      pts: cts(i) - shift,
      dts: dts[i]! - shift,
      duration: deltas[i]!,
      key: key[i] === 1,
      discard: false,
    };
  }
  return packets;
}

const bounds = (box: Box): [number, number] => [box.start, box.end];

/** Part of a file, read at once (File.slice in the browser, a Buffer in tests). */
export type ReadBytes = (start: number, end: number) => Promise<Uint8Array>;

/**
 * The content of a file's top-level moov box, found by walking the top-level box headers
 * (a few small reads, wherever the moov is), or null: none, more than one, a moof (a
 * fragmented file), or larger than MAX_MOOV_BYTES.
 */
export async function readMoov(read: ReadBytes, fileSize: number): Promise<Uint8Array | null> {
  let at = 0;
  let moov: { start: number; end: number } | null = null;
  while (at + 8 <= fileSize) {
    const header = await read(at, Math.min(fileSize, at + 16));
    if (header.length < 8) return null;
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    let size = view.getUint32(0);
    const type = fourcc(view, 4);
    let headerBytes = 8;
    if (size === 1) {
      if (header.length < 16) return null;
      size = Number(view.getBigUint64(8));
      headerBytes = 16;
    } else if (size === 0) {
      size = fileSize - at;
    }
    if (size < headerBytes) return null;
    if (type === 'moof') return null;
    if (type === 'moov') {
      if (moov || at + size > fileSize || size - headerBytes > MAX_MOOV_BYTES) return null;
      moov = { start: at + headerBytes, end: at + size };
    }
    at += size;
  }
  return moov ? read(moov.start, moov.end) : null;
}
