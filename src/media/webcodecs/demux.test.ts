import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameIndex, pts } from '../../core/ids';
import type { FrameTable } from '../../core/time/frame-table';
import { compareWithFrameTable, demuxVideo, toTicks, type DemuxedVideo } from './demux';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url);

interface OracleFrame {
  index: number;
  pts: number | null;
  key: number;
}

/** The frame table native FFmpeg gives for a fixture (its oracle: frames in display order). */
function oracleTable(name: string): FrameTable {
  const oracle = JSON.parse(readFileSync(new URL(`${name}.oracle.json`, FIXTURES), 'utf8')) as {
    frames: OracleFrame[];
  };
  const frames = oracle.frames.map((f) => ({
    index: frameIndex(f.index),
    pts: pts(f.pts!),
    reportedPts: pts(f.pts!),
    dts: null,
    key: f.key === 1,
    duration: null,
  }));
  return {
    frames,
    keyframes: frames.filter((f) => f.key).map((f) => f.index),
    reordered: true,
    counted: false,
  };
}

async function open(name: string): Promise<DemuxedVideo> {
  const result = await demuxVideo(new Blob([readFileSync(new URL(name, FIXTURES))]));
  if (!result.ok) throw new Error(result.reason);
  return result.video;
}

describe('toTicks', () => {
  it('turns seconds into whole ticks only when the round trip is exact', () => {
    expect(toTicks(512 / 15360, 15360)).toBe(512);
    expect(toTicks(-6656 / 12800, 12800)).toBe(-6656);
    expect(toTicks(1.48, 90000)).toBe(133200);
    expect(toTicks(0.0334, 15360)).toBeNull();
  });
});

describe('demuxVideo + compareWithFrameTable', () => {
  it.each([
    ['framewise-sample.mp4', 'MP4', 12800, 200],
    ['corpus/cctv-d1-h264.mp4', 'MP4', 12800, 300],
    ['corpus/phone-vfr-rotated.mp4', 'MP4', 15360, 170],
    ['ts-bframes-offset.ts', 'MPEG Transport Stream', 90000, 75],
    ['containers/vp9.webm', 'WebM', 1000, 50],
    ['corpus/bodycam-hevc.mkv', 'Matroska', 1000, 125],
  ])('%s: every packet is FFmpeg’s frame at the same pts', async (name, container, tr, n) => {
    const video = await open(name);
    expect(video.container).toBe(container);
    expect(video.timeResolution).toBe(tr);
    expect(video.packets).toHaveLength(n);
    expect(video.packets[0]!.key).toBe(true);
    expect(compareWithFrameTable(video.packets, oracleTable(name))).toEqual({
      agrees: true,
      hidden: 0,
    });
    video.dispose();
  });

  it('MPEG-TS keeps the stream’s own pts (not shifted to 0), as FFmpeg does', async () => {
    const video = await open('ts-bframes-offset.ts');
    expect(Math.min(...video.packets.map((p) => p.pts))).toBe(133200);
    video.dispose();
  });

  it('reads the display matrix as a clockwise turn (FFmpeg: rotation -90 → transpose=clock)', async () => {
    const phone = await open('corpus/phone-vfr-rotated.mp4');
    expect(phone.rotation).toBe(90);
    phone.dispose();
    const cctv = await open('corpus/cctv-d1-h264.mp4');
    expect(cctv.rotation).toBe(0);
    cctv.dispose();
  });

  it('an MP4 edit list: the pre-roll FFmpeg discards has negative pts and is not a frame', async () => {
    const video = await open('containers/editlist.mp4');
    expect(video.packets).toHaveLength(64);
    expect(video.packets[0]).toEqual({ pts: -6656, key: true, order: 0 });
    expect(compareWithFrameTable(video.packets, oracleTable('containers/editlist.mp4'))).toEqual({
      agrees: true,
      hidden: 13,
    });
    // Frame 0 (pts 0) is reached by decoding from the hidden keyframe: its data can be read.
    const read: number[] = [];
    for await (const { packet, pts: p } of video.readPackets(-6656)) {
      expect(packet.data.byteLength).toBeGreaterThan(0);
      read.push(p);
      if (read.length === 15) break;
    }
    expect(read).toEqual(video.packets.slice(0, 15).map((p) => p.pts));
    video.dispose();
  });

  it('a truncated MP4: the index lists more frames than FFmpeg can read, so they disagree', async () => {
    const video = await open('corpus/bad-truncated.mp4');
    expect(compareWithFrameTable(video.packets, oracleTable('corpus/bad-truncated.mp4'))).toEqual({
      agrees: false,
      difference: 'FFmpeg lists 175 frames, mediabunny 300',
    });
    video.dispose();
  });

  it('names the first frame whose pts or key flag differs, and refuses counted tables', async () => {
    const video = await open('framewise-sample.mp4');
    const table = oracleTable('framewise-sample.mp4');
    const shifted = table.frames.map((f, i) => (i === 7 ? { ...f, pts: pts(f.pts + 1) } : f));
    expect(compareWithFrameTable(video.packets, { ...table, frames: shifted })).toEqual({
      agrees: false,
      difference: 'frame 7: FFmpeg has pts 3585, mediabunny 3584',
    });
    const keyless = table.frames.map((f, i) => (i === 49 ? { ...f, key: false } : f));
    expect(compareWithFrameTable(video.packets, { ...table, frames: keyless })).toEqual({
      agrees: false,
      difference: 'frame 49 (pts 25088): FFmpeg says not a keyframe, mediabunny a keyframe',
    });
    expect(compareWithFrameTable(video.packets, { ...table, counted: true })).toMatchObject({
      agrees: false,
    });
    video.dispose();
  });

  it.each([
    ['containers/h264.flv', /cannot read this container/],
    ['containers/mpeg4-bframes.avi', /cannot read this container/],
    ['corpus/interlaced-mpeg2.ts', /no video track it can read in this MPEG Transport Stream/],
    ['corpus/bad-audio-only.m4a', /no video track/],
  ])('%s: says why it cannot demux', async (name, reason) => {
    const result = await demuxVideo(new Blob([readFileSync(new URL(name, FIXTURES))]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
