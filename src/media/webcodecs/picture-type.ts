/**
 * A packet's picture type (I, P, B) as FFmpeg's showinfo names it, read from the bitstream,
 * since WebCodecs does not say. '' where it cannot be read exactly: the inspector then shows
 * no type rather than a guess.
 *
 * - H.264: the slice_type of the packet's first slice (ITU-T H.264 7.3.3; FFmpeg's h264 decoder
 *   takes the picture type from the slice header); SP/SI slices as FFmpeg prints them (p, i).
 * - VP8: the frame tag's key bit (RFC 6386 9.1); FFmpeg: key frames I, the rest P.
 * - VP9: the uncompressed header's frame_type and intra_only (VP9 spec 6.2); FFmpeg: key or
 *   intra-only I, the rest P.
 * Other codecs: ''.
 */

/** How the packets of a stream are framed, for the codecs read here. */
export type PictureTypeReader = (data: Uint8Array) => string;

/**
 * Whether no later picture refers to this one (an H.264 access unit whose slices all have
 * nal_ref_idc 0): decoding on to a later frame may leave it out, as FFmpeg's
 * `-skip_frame nonref` does. False wherever that is not certain (other codecs).
 */
export type DisposableReader = (data: Uint8Array) => boolean;

const SLICE_TYPES = ['P', 'B', 'I', 'p', 'i'];

/** Reads Exp-Golomb and plain bits from an RBSP (emulation prevention already removed). */
class BitReader {
  #bit = 0;
  constructor(private readonly bytes: Uint8Array) {}

  bit(): number {
    const byte = this.bytes[this.#bit >> 3];
    if (byte === undefined) throw new RangeError('past the end');
    const value = (byte >> (7 - (this.#bit & 7))) & 1;
    this.#bit++;
    return value;
  }

  bits(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i++) value = (value << 1) | this.bit();
    return value;
  }

  unsignedExpGolomb(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros > 31) throw new RangeError('Exp-Golomb code too long');
    }
    return (1 << zeros) - 1 + this.bits(zeros);
  }
}

/** The first bytes of a NAL unit's payload with emulation prevention bytes (00 00 03) removed. */
function rbsp(nal: Uint8Array, from: number, limit = 32): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (let i = from; i < nal.length && out.length < limit; i++) {
    const byte = nal[i]!;
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out.push(byte);
  }
  return Uint8Array.from(out);
}

/** The NAL units of an H.264 access unit, length-prefixed (avcC) or with start codes (Annex B). */
function* nalUnits(data: Uint8Array, lengthSize: number | null): Generator<Uint8Array> {
  if (lengthSize !== null) {
    let at = 0;
    while (at + lengthSize <= data.length) {
      let length = 0;
      for (let i = 0; i < lengthSize; i++) length = length * 256 + data[at + i]!;
      at += lengthSize;
      if (length === 0 || at + length > data.length) return;
      yield data.subarray(at, at + length);
      at += length;
    }
    return;
  }
  let start = -1;
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (start >= 0) yield data.subarray(start, i);
      start = i + 3;
      i += 2;
    }
  }
  if (start >= 0) yield data.subarray(start);
}

/** H.264: the type of the first slice (NAL unit types 1 and 5). */
export function h264PictureType(data: Uint8Array, lengthSize: number | null): string {
  for (const nal of nalUnits(data, lengthSize)) {
    const type = nal[0]! & 0x1f;
    if (type !== 1 && type !== 5) continue;
    try {
      const reader = new BitReader(rbsp(nal, 1));
      reader.unsignedExpGolomb(); // first_mb_in_slice
      return SLICE_TYPES[reader.unsignedExpGolomb() % 5] ?? '';
    } catch {
      return '';
    }
  }
  return '';
}

/** H.264: true when the access unit has slices and every one has nal_ref_idc 0. */
export function h264Disposable(data: Uint8Array, lengthSize: number | null): boolean {
  let slices = 0;
  for (const nal of nalUnits(data, lengthSize)) {
    const type = nal[0]! & 0x1f;
    if (type === 5) return false; // an IDR picture is always a reference
    if (type !== 1) continue;
    if ((nal[0]! & 0x60) !== 0) return false;
    slices++;
  }
  return slices > 0;
}

export function vp8PictureType(data: Uint8Array): string {
  if (data.length < 3) return '';
  return (data[0]! & 1) === 0 ? 'I' : 'P';
}

export function vp9PictureType(data: Uint8Array): string {
  try {
    const reader = new BitReader(data.subarray(0, 16));
    if (reader.bits(2) !== 2) return ''; // frame_marker
    const profile = reader.bit() | (reader.bit() << 1);
    if (profile === 3) reader.bit(); // reserved_zero
    if (reader.bit() === 1) return ''; // show_existing_frame: no new picture
    const keyFrame = reader.bit() === 0;
    if (keyFrame) return 'I';
    reader.bit(); // show_frame
    reader.bit(); // error_resilient_mode
    return reader.bit() === 1 ? 'I' : 'P'; // intra_only
  } catch {
    return '';
  }
}

const isH264 = (config: VideoDecoderConfig) =>
  config.codec.startsWith('avc1') || config.codec.startsWith('avc3');

/**
 * H.264's NAL length size: from the avcC record's fifth byte (MP4, Matroska), or null for
 * Annex B start codes (MPEG-TS: no description).
 */
function nalLengthSize(config: VideoDecoderConfig): number | null {
  const description = config.description;
  if (!description) return null;
  const bytes = ArrayBuffer.isView(description)
    ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength)
    : new Uint8Array(description);
  return ((bytes[4] ?? 3) & 3) + 1;
}

/** Which packets may be left out when decoding on to a later frame (see DisposableReader). */
export function disposableReader(config: VideoDecoderConfig): DisposableReader {
  if (!isH264(config)) return () => false;
  const lengthSize = nalLengthSize(config);
  return (data) => h264Disposable(data, lengthSize);
}

/** The picture-type reader for a WebCodecs configuration. */
export function pictureTypeReader(config: VideoDecoderConfig): PictureTypeReader {
  const codec = config.codec;
  if (isH264(config)) {
    const lengthSize = nalLengthSize(config);
    return (data) => h264PictureType(data, lengthSize);
  }
  if (codec === 'vp8') return vp8PictureType;
  if (codec.startsWith('vp09')) return vp9PictureType;
  return () => '';
}
