import type { DecodedFrameInfo, PacketInfo } from '../core/time/frame-table';
import { parseTimeBase, type TimeBase } from '../core/time/time-base';
import { MediaError } from './media-error';

/** What ffprobe says of the file and its first video stream. */
export interface StreamFacts {
  readonly container: string;
  readonly codec: string;
  readonly codecLongName: string;
  readonly width: number;
  readonly height: number;
  readonly pixelFormat: string;
  readonly timeBase: TimeBase;
  /** Degrees from the display matrix (ffprobe's sign convention), 0 when none. */
  readonly rotation: number;
  readonly nominalFrameRate: string;
  readonly averageFrameRate: string;
  /** Format start time in seconds: ffmpeg's -ss counts from here. */
  readonly formatStartSeconds: number;
  readonly fieldOrder: string;
  readonly colorSpace: string;
  readonly colorRange: string;
  /** Frames the container's index declares (MP4 sample count…), null when it does not say. */
  readonly declaredFrameCount: number | null;
  /** Stream start time in seconds, as ffprobe reports it. */
  readonly startSeconds: number | null;
  /** Frames the decoder holds back for reordering (ffprobe's has_b_frames); 0: none. */
  readonly decoderDelay: number;
  /** The file's audio streams, in file order (none: a silent file). */
  readonly audioStreams: readonly AudioStreamFacts[];
  /** The container's duration in seconds (ffprobe's format duration), null if unknown. */
  readonly durationSeconds: number | null;
}

/** What ffprobe says of one audio stream (see media/audio-track.ts for which is heard). */
export interface AudioStreamFacts {
  /** The stream's index in the file (`-map 0:<index>`). */
  readonly index: number;
  readonly codec: string;
  /** Hz; 0 when ffprobe does not say. */
  readonly sampleRate: number;
  /** 0 when ffprobe does not say. */
  readonly channels: number;
  /** The container marks it as the default track. */
  readonly isDefault: boolean;
}

// ffprobe's JSON, only the fields read here. Everything is optional: a hostile or odd file
// may omit any of them.
interface ProbeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  codec_long_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  time_base?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  field_order?: string;
  color_space?: string;
  color_range?: string;
  nb_frames?: string;
  has_b_frames?: number;
  start_time?: string;
  sample_rate?: string;
  channels?: number;
  disposition?: { attached_pic?: number; default?: number };
  side_data_list?: { side_data_type?: string; rotation?: number }[];
  tags?: { rotate?: string };
}
interface ProbeJson {
  streams?: ProbeStream[];
  format?: { format_name?: string; start_time?: string; duration?: string };
  packets?: { pts?: number; dts?: number; duration?: number; flags?: string }[];
  frames?: { best_effort_timestamp?: number; key_frame?: number }[];
}

function parseJson(text: string): ProbeJson {
  try {
    return JSON.parse(text) as ProbeJson;
  } catch {
    throw new MediaError('FFmpeg could not describe this file.', 'unreadable ffprobe output');
  }
}

function rotationOf(stream: ProbeStream): number {
  const matrix = stream.side_data_list?.find((d) => d.side_data_type === 'Display Matrix');
  if (typeof matrix?.rotation === 'number') return matrix.rotation;
  const tag = Number(stream.tags?.rotate);
  return Number.isFinite(tag) ? -tag : 0;
}

/** The first real video stream (cover art is not video) or a plain-words error. */
export function parseStreamFacts(
  text: string,
  ffmpegSaid = '',
): StreamFacts & { streamIndex: number } {
  const json = text.trim() ? parseJson(text) : {};
  if (!json.format) {
    if (/moov atom not found/i.test(ffmpegSaid)) {
      throw new MediaError(
        'This MP4 file is incomplete: its index (the "moov" box) is missing, as happens when a recording or a copy is cut short. Framewise cannot find its frames without it. Ask for a complete copy of the file.',
        ffmpegSaid,
      );
    }
    throw new MediaError(
      'This file is not a video Framewise can read: FFmpeg does not recognise its format. Choose a video file.',
      ffmpegSaid,
    );
  }
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video) {
    const kinds = streams.map((s) => s.codec_type).filter(Boolean);
    throw new MediaError(
      'This file has no video stream. Choose a video file.',
      kinds.length ? `streams found: ${kinds.join(', ')}` : 'no streams',
    );
  }
  if (!video.width || !video.height || !video.time_base) {
    throw new MediaError(
      'The video stream in this file has no picture size or timing. The file may be damaged.',
    );
  }
  return {
    streamIndex: video.index ?? 0,
    container: json.format?.format_name ?? '',
    codec: video.codec_name ?? 'unknown',
    codecLongName: video.codec_long_name ?? '',
    width: video.width,
    height: video.height,
    pixelFormat: video.pix_fmt ?? '',
    timeBase: parseTimeBase(video.time_base),
    rotation: rotationOf(video),
    nominalFrameRate: video.r_frame_rate ?? '',
    averageFrameRate: video.avg_frame_rate ?? '',
    formatStartSeconds: Number(json.format?.start_time ?? 0) || 0,
    fieldOrder: video.field_order ?? '',
    colorSpace: video.color_space ?? '',
    colorRange: video.color_range ?? '',
    decoderDelay: video.has_b_frames ?? 0,
    declaredFrameCount: Number(video.nb_frames) > 0 ? Number(video.nb_frames) : null,
    startSeconds:
      video.start_time !== undefined && Number.isFinite(Number(video.start_time))
        ? Number(video.start_time)
        : null,
    audioStreams: streams.filter((s) => s.codec_type === 'audio').map(audioFacts),
    durationSeconds: Number(json.format?.duration) > 0 ? Number(json.format?.duration) : null,
  };
}

function audioFacts(stream: ProbeStream): AudioStreamFacts {
  return {
    index: stream.index ?? 0,
    codec: stream.codec_name ?? 'unknown',
    sampleRate: Number(stream.sample_rate) > 0 ? Number(stream.sample_rate) : 0,
    channels: stream.channels ?? 0,
    isDefault: stream.disposition?.default === 1,
  };
}

/**
 * The packets of ffprobe -show_packets. When the demuxer reports a partial file, the last
 * packet it lists is cut off mid-way: it is not a frame anyone can decode (native FFmpeg drops
 * it too), so it is left out.
 */
export function parsePackets(text: string, partialFile = false): PacketInfo[] {
  const json = parseJson(text);
  const listed = json.packets ?? [];
  const complete = partialFile ? listed.slice(0, -1) : listed;
  const packets: PacketInfo[] = complete.map((p) => ({
    pts: typeof p.pts === 'number' ? p.pts : null,
    dts: typeof p.dts === 'number' ? p.dts : null,
    duration: typeof p.duration === 'number' ? p.duration : null,
    key: (p.flags ?? '').includes('K'),
    discard: (p.flags ?? '').includes('D'),
  }));
  if (packets.length === 0) {
    throw new MediaError(
      partialFile || listed.length > 0
        ? 'This file holds a video header but no complete frame: it was cut short before the first picture. Ask for a complete copy of the file.'
        : 'The video stream in this file holds no frames. The file may be cut short or damaged.',
    );
  }
  return packets;
}

/** True when FFmpeg's log says the file ends before the data its index points to. */
export const logSaysPartialFile = (log: readonly string[]): boolean =>
  log.some((line) => /partial file|truncat/i.test(line));

/** ffprobe -show_frames: each decoded frame's reported pts (null where none) and key flag. */
export function parseDecodedFrames(text: string): DecodedFrameInfo[] {
  const json = text.trim() ? parseJson(text) : {};
  return (json.frames ?? []).map((f) => ({
    pts: typeof f.best_effort_timestamp === 'number' ? f.best_effort_timestamp : null,
    key: f.key_frame === 1,
  }));
}
