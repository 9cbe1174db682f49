import { describe, expect, it } from 'vitest';
import { frameIndex, pts } from '../../core/ids';
import type { FrameTable } from '../../core/time/frame-table';
import type { DemuxedPacket } from './demux';
import { paritySample } from './parity';
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
  it('takes the first five frames, the first, middle and last keyframes, and the widest pts step', () => {
    const steady = Array.from({ length: 100 }, (_, i) => i * 512);
    // A gap of 3 frames after frame 39 (pts of frame 40 jumps).
    const vfr = steady.map((p, i) => (i >= 40 ? p + 1536 : p));
    expect(paritySample(table(vfr, [0, 30, 60, 90]))).toEqual([0, 1, 2, 3, 4, 39, 40, 60, 90]);
  });

  it('falls back to the middle of a steady file and copes with tiny tables', () => {
    const steady = Array.from({ length: 20 }, (_, i) => i * 40);
    // Every step equal: the first step is the widest.
    expect(paritySample(table(steady, [0, 10]))).toEqual([0, 1, 2, 3, 4, 10]);
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
