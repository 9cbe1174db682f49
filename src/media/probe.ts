import { buildFrameTable, type FrameTable, type PacketInfo } from '../core/frame-table';
import { parseTimeBase, type TimeBase } from '../core/time-base';
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
  disposition?: { attached_pic?: number };
  side_data_list?: { side_data_type?: string; rotation?: number }[];
  tags?: { rotate?: string };
}
interface ProbeJson {
  streams?: ProbeStream[];
  format?: { format_name?: string; start_time?: string };
  packets?: { pts?: number; dts?: number; duration?: number; flags?: string }[];
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
  };
}

/** ffprobe -show_packets of one stream -> the frame table. */
export function parsePacketTable(text: string): FrameTable {
  const json = parseJson(text);
  const packets: PacketInfo[] = (json.packets ?? []).map((p) => ({
    pts: typeof p.pts === 'number' ? p.pts : null,
    dts: typeof p.dts === 'number' ? p.dts : null,
    duration: typeof p.duration === 'number' ? p.duration : null,
    key: (p.flags ?? '').includes('K'),
    discard: (p.flags ?? '').includes('D'),
  }));
  if (packets.length === 0) {
    throw new MediaError(
      'The video stream in this file holds no frames. The file may be cut short.',
    );
  }
  return buildFrameTable(packets);
}
