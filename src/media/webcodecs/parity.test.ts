import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameIndex, pts } from '../../core/ids';
import type { FrameTable } from '../../core/time/frame-table';
import { demuxVideo, type DemuxedPacket } from './demux';
import { checkParity, demuxedSubject, paritySample, type FfmpegMd5s } from './parity';
import { decodeRuns } from './webcodecs-decoder';

function table(ptsList: number[], keys: number[]): FrameTable {
  const frames = ptsList.map((p, i) => ({
    index: frameIndex(i),
    pts: pts(p),
    reportedPts: pts(p),
    dts: null,
    key: keys.includes(i),
    duration: null,
  }));
  return { frames, keyframes: keys.map(frameIndex), reordered: false, counted: false };
}

describe('paritySample', () => {
  it('takes the first five frames, the first, middle and last keyframes, the widest pts step, the quarters and the last', () => {
    const steady = Array.from({ length: 100 }, (_, i) => i * 512);
    // A gap of 3 frames after frame 39 (pts of frame 40 jumps).
    const vfr = steady.map((p, i) => (i >= 40 ? p + 1536 : p));
    expect(paritySample(table(vfr, [0, 30, 60, 90]))).toEqual([
      0, 1, 2, 3, 4, 25, 39, 40, 50, 60, 74, 90, 99,
    ]);
  });

  it('falls back to the middle of a steady file and copes with tiny tables', () => {
    const steady = Array.from({ length: 20 }, (_, i) => i * 40);
    // Every step equal: the first step is the widest.
    expect(paritySample(table(steady, [0, 10]))).toEqual([0, 1, 2, 3, 4, 5, 10, 14, 19]);
    // Where a reopened case resumes, with its neighbours (clipped to the file).
    expect(paritySample(table(steady, [0, 10]), [12, 19])).toEqual([
      0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 18, 19,
    ]);
    expect(paritySample(table([0], [0]))).toEqual([0]);
    expect(paritySample(table([0, 40, 80], []))).toEqual([0, 1, 2]);
  });
});

describe('decodeRuns', () => {
  // Decode order I0 P3 B1 B2 | I4 P7 B5 B6 (pts in frames), as a closed-GOP H.264 stream.
  const packets: DemuxedPacket[] = [0, 3, 1, 2, 4, 7, 5, 6].map((p, order) => ({
    pts: p * 512,
    key: p % 4 === 0,
    order,
  }));

  it('starts each frame at the key packet before it and ends at its own packet', () => {
    expect(decodeRuns(packets, [2 * 512]).map((r) => [r.key.pts, r.end])).toEqual([[0, 3]]);
    expect(decodeRuns(packets, [6 * 512]).map((r) => [r.key.pts, r.end])).toEqual([[2048, 7]]);
  });

  it('joins runs that overlap or touch, keeps apart those that do not', () => {
    expect(decodeRuns(packets, [6 * 512, 2 * 512]).map((r) => [r.key.pts, r.end])).toEqual([
      [0, 7],
    ]);
    // Twice the pattern: keys at frames 0, 4, 8, 12.
    const far: DemuxedPacket[] = [
      ...packets,
      ...packets.map((p) => ({ ...p, pts: p.pts + 8 * 512, order: p.order + 8 })),
    ];
    expect(decodeRuns(far, [512, 13 * 512]).map((r) => [r.key.pts, r.end])).toEqual([
      [0, 2],
      [12 * 512, 14],
    ]);
  });

  it('refuses a pts no packet has', () => {
    expect(() => decodeRuns(packets, [100])).toThrow(/no packet has pts 100/);
  });
});

describe('checkParity before any decoding', () => {
  const noMd5s: FfmpegMd5s = () => Promise.reject(new Error('FFmpeg must not be asked'));

  async function phoneClip() {
    const bytes = readFileSync(
      new URL('../../../tests/fixtures/corpus/phone-vfr-rotated.mp4', import.meta.url),
    );
    const result = await demuxVideo(new Blob([bytes]));
    if (!result.ok) throw new Error(result.reason);
    return result.video;
  }

  it('refuses when FFmpeg and mediabunny read the display rotation differently', async () => {
    const video = await phoneClip();
    const steady = table(
      video.packets.map((p) => p.pts).sort((a, b) => a - b),
      [],
    );
    expect(await checkParity(demuxedSubject(video), steady, noMd5s, [0], 90)).toEqual({
      verified: false,
      unsupported: false,
      reason: 'FFmpeg reads a display rotation of 90 degrees, mediabunny a clockwise turn of 90',
    });
    video.dispose();
  });

  it('refuses when the packets are not FFmpeg’s frames, naming the first difference', async () => {
    const video = await phoneClip();
    const ptsList = video.packets.map((p) => p.pts).sort((a, b) => a - b);
    const moved = ptsList.map((p, i) => (i === 12 ? p + 1 : p));
    expect(
      await checkParity(demuxedSubject(video), table(moved, [0, 72, 140]), noMd5s, [0], -90),
    ).toEqual({
      verified: false,
      unsupported: false,
      reason: `frame 12: FFmpeg has pts ${ptsList[12]! + 1}, mediabunny ${ptsList[12]}`,
    });
    video.dispose();
  });

  it('without WebCodecs (here: Node) the verdict is a clean "not supported"', async () => {
    const video = await phoneClip();
    const ptsList = video.packets.map((p) => p.pts).sort((a, b) => a - b);
    const keys = [...video.packets]
      .sort((a, b) => a.pts - b.pts)
      .flatMap((p, i) => (p.key ? [i] : []));
    expect(
      await checkParity(demuxedSubject(video), table(ptsList, keys), noMd5s, [0, 1], -90),
    ).toEqual({
      verified: false,
      unsupported: true,
      reason: 'this browser has no WebCodecs VideoDecoder',
    });
    video.dispose();
  });
});
