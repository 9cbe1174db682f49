import { describe, expect, it } from 'vitest';
import { buildFrameTable, type PacketInfo } from './frame-table';
import { recordingGaps, streamStats } from './stream-stats';

const packets = (ptsList: number[], keyEvery: number): PacketInfo[] =>
  ptsList.map((pts, i) => ({
    pts,
    dts: null,
    duration: null,
    key: i % keyEvery === 0,
    discard: false,
  }));

describe('streamStats', () => {
  it('measures a constant rate and the GOP lengths', () => {
    const table = buildFrameTable(
      packets(
        Array.from({ length: 100 }, (_, i) => i * 512),
        25,
      ),
    );
    const stats = streamStats(table, { num: 1, den: 12800 });
    expect(stats.measuredFrameRate).toBeCloseTo(25, 9);
    expect(stats.variableFrameRate).toBe(false);
    expect(stats).toMatchObject({ keyframeCount: 4, minGop: 25, maxGop: 25, reordered: false });
  });

  it('does not call one-tick rounding of 30000/1001 variable', () => {
    const pts = Array.from({ length: 60 }, (_, i) => Math.round((i * 1001 * 15360) / 30000));
    const stats = streamStats(buildFrameTable(packets(pts, 30)), { num: 1, den: 15360 });
    expect(stats.variableFrameRate).toBe(false);
    expect(stats.measuredFrameRate).toBeCloseTo(29.97, 1);
  });

  it('flags gaps in a phone recording as variable frame rate', () => {
    const pts = [0, 512, 1024, 1536, 4096, 4608, 5120];
    const stats = streamStats(buildFrameTable(packets(pts, 100)), { num: 1, den: 15360 });
    expect(stats.variableFrameRate).toBe(true);
    expect(stats.maxFrameGap).toBeCloseTo(2560 / 15360, 9);
    expect(stats).toMatchObject({ keyframeCount: 1, minGop: 7, maxGop: 7 });
  });
});

describe('recordingGaps', () => {
  const tb = { num: 1, den: 15360 };
  const table = (pts: number[]) => buildFrameTable(packets(pts, 100));

  it('finds an interval longer than 1.5× the median, between the frames around it', () => {
    // 30 fps (512 ticks), then 0.3 s missing after frame 3, then a dropped frame after 6.
    const pts = [0, 512, 1024, 1536, 6144, 6656, 7168, 8192, 8704];
    const gaps = recordingGaps(table(pts), tb);
    expect(gaps.map((g) => g.afterFrame)).toEqual([3, 6]);
    expect(gaps[0]!.seconds).toBeCloseTo(4608 / 15360, 9);
    expect(gaps[0]!.usualSeconds).toBeCloseTo(512 / 15360, 9);
    expect(gaps[1]!.seconds).toBeCloseTo(1024 / 15360, 9);
  });

  it('finds none in a constant stream, nor in 30000/1001 rounding', () => {
    const even = Array.from({ length: 50 }, (_, i) => i * 512);
    expect(recordingGaps(table(even), tb)).toEqual([]);
    const ntsc = Array.from({ length: 60 }, (_, i) => Math.round((i * 1001 * 15360) / 30000));
    expect(recordingGaps(table(ntsc), tb)).toEqual([]);
  });

  it('keeps to the 1.5× line: 1.5× is not a gap, a little more is', () => {
    expect(recordingGaps(table([0, 100, 200, 350, 450]), tb)).toEqual([]);
    expect(recordingGaps(table([0, 100, 200, 351, 451]), tb).map((g) => g.afterFrame)).toEqual([2]);
  });

  it('has nothing to say about a counted table (no timestamps) or a two-frame clip', () => {
    const counted = { ...table([0, 512, 4096, 4608]), counted: true };
    expect(recordingGaps(counted, tb)).toEqual([]);
    expect(recordingGaps(table([0, 4096]), tb)).toEqual([]);
  });
});
