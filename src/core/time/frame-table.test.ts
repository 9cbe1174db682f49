import { describe, expect, it } from 'vitest';
import {
  buildFrameTable,
  buildFrameTableFromDecode,
  packetsLackDisplayOrder,
  frameAtPts,
  keyframeAfter,
  keyframeBefore,
  keyframeAtOrBefore,
  type PacketInfo,
} from './frame-table';
import { frameIndex } from '../ids';

const packet = (pts: number | null, key = false, extra: Partial<PacketInfo> = {}): PacketInfo => ({
  pts,
  dts: null,
  duration: 512,
  key,
  discard: false,
  ...extra,
});

describe('buildFrameTable', () => {
  it('puts B-frames back in presentation order', () => {
    // Decode order I P B B P B B (pts in 512 steps), as an H.264 stream with B-frames lists it.
    const packets = [
      packet(1024, true),
      packet(2560),
      packet(1536),
      packet(2048),
      packet(4096),
      packet(3072),
      packet(3584),
    ];
    const table = buildFrameTable(packets);
    expect(table.frames.map((f) => f.pts)).toEqual([1024, 1536, 2048, 2560, 3072, 3584, 4096]);
    expect(table.frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(table.keyframes).toEqual([0]);
    expect(table.reordered).toBe(true);
    expect(table.counted).toBe(false);
    expect(table.frames.map((f) => f.reportedPts)).toEqual(table.frames.map((f) => f.pts));
  });

  it('keeps a start offset: frame 0 is the first shown, whatever its pts', () => {
    const table = buildFrameTable([packet(252000, true), packet(255600), packet(259200)]);
    expect(table.frames[0]!.pts).toBe(252000);
    expect(frameAtPts(table, 255600)).toBe(1);
    expect(frameAtPts(table, 255601)).toBeNull();
  });

  it('drops packets the demuxer discards (before an edit list start)', () => {
    const table = buildFrameTable([
      packet(-1024, true, { discard: true }),
      packet(-512, false, { discard: true }),
      packet(0, true),
      packet(512),
    ]);
    expect(table.frames.map((f) => f.pts)).toEqual([0, 512]);
    expect(table.keyframes).toEqual([0]);
  });

  it('falls back to dts when a container gives no pts', () => {
    const table = buildFrameTable([packet(null, true, { dts: 0 }), packet(null, true, { dts: 1 })]);
    expect(table.frames.map((f) => f.pts)).toEqual([0, 1]);
    expect(table.keyframes).toEqual([0, 1]);
  });

  it('refuses a packet with no timestamp at all rather than guess', () => {
    expect(() => buildFrameTable([packet(null, true)])).toThrow(/neither/);
  });

  it('finds the keyframe to start decoding from', () => {
    const packets = Array.from({ length: 30 }, (_, i) => packet(i * 100, i % 12 === 0));
    const table = buildFrameTable(packets);
    expect(table.keyframes).toEqual([0, 12, 24]);
    expect(keyframeAtOrBefore(table, frameIndex(11))).toBe(0);
    expect(keyframeAtOrBefore(table, frameIndex(12))).toBe(12);
    expect(keyframeAtOrBefore(table, frameIndex(29))).toBe(24);
    expect(keyframeAfter(table, frameIndex(12))).toBe(24);
    expect(keyframeAfter(table, frameIndex(24))).toBeNull();
    expect(keyframeBefore(table, frameIndex(24))).toBe(12);
    expect(keyframeBefore(table, frameIndex(0))).toBeNull();
  });
});

describe('frame table from a decode pass', () => {
  it('numbers frames in decoder output order and keeps the reported pts (AVI with B-frames)', () => {
    const table = buildFrameTableFromDecode([
      { pts: 1, key: true },
      { pts: 2, key: false },
      { pts: null, key: false },
    ]);
    expect(table.counted).toBe(true);
    expect(table.frames.map((f) => f.reportedPts)).toEqual([1, 2, null]);
    expect(table.frames.map((f) => f.index)).toEqual([0, 1, 2]);
    expect(table.keyframes).toEqual([0]);
  });

  it('reports no pts for a raw stream without timestamps', () => {
    const table = buildFrameTableFromDecode([
      { pts: null, key: true },
      { pts: null, key: false },
    ]);
    expect(table.frames.map((f) => [f.index, f.reportedPts])).toEqual([
      [0, null],
      [1, null],
    ]);
  });

  it('knows when packets cannot give display order', () => {
    const p = (pts: number | null, dts: number | null): PacketInfo => ({
      pts,
      dts,
      duration: null,
      key: false,
      discard: false,
    });
    expect(packetsLackDisplayOrder([p(0, 0), p(null, 1)], 1)).toBe(true); // B-frames, pts missing
    expect(packetsLackDisplayOrder([p(null, 0), p(null, 1)], 0)).toBe(false); // intra-only AVI
    expect(packetsLackDisplayOrder([p(null, null)], 0)).toBe(true); // raw stream
    expect(packetsLackDisplayOrder([p(0, -1), p(2, 0), p(1, 1)], 2)).toBe(false); // MP4
  });
});
