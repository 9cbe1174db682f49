import { describe, expect, it } from 'vitest';
import { MediaError } from './media-error';
import { buildFrameTable } from '../core/time/frame-table';
import { parsePackets, parseStreamFacts } from './probe';

const video = {
  index: 0,
  codec_type: 'video',
  codec_name: 'h264',
  width: 1280,
  height: 720,
  pix_fmt: 'yuv420p',
  time_base: '1/15360',
  r_frame_rate: '30/1',
  avg_frame_rate: '85/3',
  side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }],
};

describe('parseStreamFacts', () => {
  it('reads the first real video stream, with rotation from the display matrix', () => {
    const text = JSON.stringify({
      streams: [
        { index: 0, codec_type: 'audio' },
        { ...video, index: 1 },
      ],
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', start_time: '0.000000' },
    });
    expect(parseStreamFacts(text)).toMatchObject({
      streamIndex: 1,
      codec: 'h264',
      width: 1280,
      height: 720,
      rotation: -90,
      timeBase: { num: 1, den: 15360 },
      formatStartSeconds: 0,
    });
  });

  it('lists the audio streams with their rate, channels and default flag, and the duration', () => {
    const text = JSON.stringify({
      streams: [
        video,
        {
          index: 1,
          codec_type: 'audio',
          codec_name: 'aac',
          sample_rate: '48000',
          channels: 2,
          disposition: { default: 1 },
        },
        { index: 2, codec_type: 'audio', codec_name: 'pcm_s16le' },
      ],
      format: { format_name: 'mov,mp4', duration: '12.5' },
    });
    const facts = parseStreamFacts(text);
    expect(facts.audioStreams).toEqual([
      { index: 1, codec: 'aac', sampleRate: 48000, channels: 2, isDefault: true },
      { index: 2, codec: 'pcm_s16le', sampleRate: 0, channels: 0, isDefault: false },
    ]);
    expect(facts.durationSeconds).toBe(12.5);
    expect(parseStreamFacts(JSON.stringify({ streams: [video], format: {} }))).toMatchObject({
      audioStreams: [],
      durationSeconds: null,
    });
  });

  it('says plainly when there is no video stream (cover art is not video)', () => {
    const text = JSON.stringify({
      streams: [
        { index: 0, codec_type: 'audio' },
        {
          index: 1,
          codec_type: 'video',
          width: 300,
          height: 300,
          time_base: '1/90000',
          disposition: { attached_pic: 1 },
        },
      ],
      format: { format_name: 'mov,mp4' },
    });
    expect(() => parseStreamFacts(text)).toThrow(/no video stream/);
  });

  it('says the file is not a video when FFmpeg found no format', () => {
    try {
      parseStreamFacts('{\n\n}', '/in/x: Invalid data found when processing input');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MediaError);
      expect((error as MediaError).userMessage).toMatch(/not a video/);
      expect((error as MediaError).fullMessage).toMatch(/Invalid data/);
    }
    expect(() => parseStreamFacts('')).toThrow(/not a video/);
    expect(() => parseStreamFacts('{"format":')).toThrow(/could not describe/);
  });
});

describe('parsePackets', () => {
  it('reads key and discard flags and orders by pts', () => {
    const table = buildFrameTable(
      parsePackets(
        JSON.stringify({
          packets: [
            { pts: -512, dts: -1024, flags: 'KD_' },
            { pts: 1024, dts: -512, flags: 'K__' },
            { pts: 2048, dts: 0, flags: '___' },
            { pts: 1536, dts: 512, flags: '___' },
          ],
        }),
      ),
    );
    expect(table.frames.map((f) => [f.pts, f.key])).toEqual([
      [1024, true],
      [1536, false],
      [2048, false],
    ]);
  });

  it('refuses a stream with no packets', () => {
    expect(() => parsePackets('{"packets":[]}')).toThrow(/no frames/);
  });
});
