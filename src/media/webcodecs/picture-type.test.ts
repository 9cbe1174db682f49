import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demuxVideo } from './demux';
import {
  disposableReader,
  h264PictureType,
  pictureTypeReader,
  vp9PictureType,
} from './picture-type';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url);

/** Every frame's picture type read from its packet, against native FFmpeg's (the oracle). */
async function typesAgainstOracle(name: string) {
  const oracle = JSON.parse(readFileSync(new URL(`${name}.oracle.json`, FIXTURES), 'utf8')) as {
    frames: { pts: number; type: string }[];
  };
  const result = await demuxVideo(new Blob([readFileSync(new URL(name, FIXTURES))]));
  if (!result.ok) throw new Error(result.reason);
  const { video } = result;
  const read = pictureTypeReader(video.config);
  const byPts = new Map<number, string>();
  const first = video.packets[0]!;
  for await (const { packet, pts } of video.readPackets(first.pts))
    byPts.set(pts, read(packet.data));
  video.dispose();
  return oracle.frames.map((f) => ({ pts: f.pts, ffmpeg: f.type, read: byPts.get(f.pts) }));
}

describe('picture types read from the bitstream', () => {
  it.each([
    'framewise-sample.mp4',
    'ts-bframes-offset.ts',
    'containers/editlist.mp4',
    'containers/vp8.webm',
    'containers/vp9.webm',
    'corpus/cctv-d1-h264.mp4',
    'corpus/phone-vfr-rotated.mp4',
  ])('%s: every frame has the type native FFmpeg prints', async (name) => {
    const frames = await typesAgainstOracle(name);
    expect(frames.length).toBeGreaterThan(10);
    const wrong = frames.filter((f) => f.read !== f.ffmpeg);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('reads an H.264 slice header with start codes and with length prefixes', () => {
    // NAL type 1, first_mb_in_slice = 0 ("1"), slice_type = 1 (B: "010") → bits 1 010 ...
    const slice = [0x01, 0b1010_0000, 0x00];
    expect(h264PictureType(Uint8Array.from([0, 0, 0, 1, ...slice]), null)).toBe('B');
    expect(h264PictureType(Uint8Array.from([0, 0, 0, 3, ...slice]), 4)).toBe('B');
    // An SEI (type 6) first, then an IDR slice (type 5) of slice_type 7 (I): "1" "0001000".
    const sei = [0x06, 0x05, 0x01, 0x80];
    const idr = [0x65, 0b1000_1000, 0x00];
    expect(h264PictureType(Uint8Array.from([0, 0, 1, ...sei, 0, 0, 1, ...idr]), null)).toBe('I');
    expect(h264PictureType(Uint8Array.from([0, 0, 1, 0x09, 0xf0]), null)).toBe('');
  });

  it('reads a VP9 intra-only frame as I and a damaged header as unknown', () => {
    // frame_marker 10, profile 00, show_existing 0, frame_type 1 (inter), show 1, err 0, intra_only 1
    expect(vp9PictureType(Uint8Array.from([0b1000_0110, 0b1000_0000]))).toBe('I');
    expect(vp9PictureType(Uint8Array.from([0b1000_0110, 0b0000_0000]))).toBe('P');
    expect(vp9PictureType(Uint8Array.from([0b0000_0000]))).toBe('');
  });
});

describe('disposable H.264 pictures', () => {
  it.each(['corpus/long-gop-1080p-h264.mp4', 'corpus/cctv-d1-h264.mp4', 'ts-bframes-offset.ts'])(
    '%s: only B-frames are found disposable, and some are',
    async (name) => {
      const oracle = JSON.parse(readFileSync(new URL(`${name}.oracle.json`, FIXTURES), 'utf8')) as {
        frames: { pts: number; type: string }[];
      };
      const typeOf = new Map(oracle.frames.map((f) => [f.pts, f.type]));
      const result = await demuxVideo(new Blob([readFileSync(new URL(name, FIXTURES))]));
      if (!result.ok) throw new Error(result.reason);
      const { video } = result;
      const disposable = disposableReader(video.config);
      const found: string[] = [];
      for await (const { packet, pts } of video.readPackets(video.packets[0]!.pts)) {
        if (disposable(packet.data)) found.push(typeOf.get(pts) ?? '?');
      }
      video.dispose();
      expect(found.length).toBeGreaterThan(0);
      expect(new Set(found)).toEqual(new Set(['B']));
    },
  );
});
