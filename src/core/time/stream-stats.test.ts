import { describe, expect, it } from 'vitest';
import { buildFrameTable, type PacketInfo } from './frame-table';
import { streamStats } from './stream-stats';

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
