import { describe, expect, it } from 'vitest';
import { buildFrameTable, type PacketInfo } from '../core/time/frame-table';
import { frameIndex } from '../core/ids';
import { decodeStarts, decodeWindow, hasKeyframeIndex } from './seek-plan';

/** 100 frames at 25 fps in 1/90000, a keyframe every 25, dts two frames behind pts. */
const packets: PacketInfo[] = Array.from({ length: 100 }, (_, i) => ({
  pts: 126000 + i * 3600,
  dts: 126000 + (i - 2) * 3600,
  duration: 3600,
  key: i % 25 === 0,
  discard: false,
}));
const table = buildFrameTable(packets);
const tb = { num: 1, den: 90000 };

describe('decodeStarts', () => {
  it('starts at the file start for frames of the first GOP', () => {
    expect(
      decodeStarts(
        table,
        { container: 'mpegts', timeBase: tb, formatStartSeconds: 1.4 },
        frameIndex(10),
      ),
    ).toEqual([{ keyframe: null, seekSeconds: null }]);
  });

  it('aims just past the keyframe in indexed containers', () => {
    const starts = decodeStarts(
      table,
      { container: 'mov,mp4,m4a,3gp,3g2,mj2', timeBase: tb, formatStartSeconds: 1.4 },
      frameIndex(60),
    );
    expect(starts.map((s) => s.keyframe)).toEqual([50, 25, null]);
    // keyframe 50 is at 1.4 + 2 s; +0.2 s
    expect(starts[0]!.seekSeconds).toBeCloseTo(2.2, 6);
    expect(starts[1]!.seekSeconds).toBeCloseTo(1.2, 6);
  });

  it('aims before the keyframe packet where the demuxer searches by timestamp', () => {
    const starts = decodeStarts(
      table,
      { container: 'mpegts', timeBase: tb, formatStartSeconds: 1.4 },
      frameIndex(50),
    );
    // keyframe 50: pts 1.4 + 2 s, dts 0.08 s earlier, minus one frame
    expect(starts[0]!.seekSeconds).toBeCloseTo(2 - 0.08 - 0.04, 6);
    expect(starts.at(-1)).toEqual({ keyframe: null, seekSeconds: null });
  });

  it('knows which containers seek through an index', () => {
    expect(hasKeyframeIndex('matroska,webm')).toBe(true);
    expect(hasKeyframeIndex('mpegts')).toBe(false);
    expect(hasKeyframeIndex('h264')).toBe(false);
  });
});

describe('decodeWindow', () => {
  it('keeps mostly frames ahead when stepping forward', () => {
    expect(decodeWindow(100, 80, 300, 32, 1)).toEqual({ first: 96, last: 127 });
    expect(decodeWindow(82, 80, 300, 32, 1)).toEqual({ first: 80, last: 111 });
    expect(decodeWindow(295, 80, 300, 32, 1)).toEqual({ first: 291, last: 299 });
  });

  it('keeps mostly frames behind when stepping back, never before the keyframe', () => {
    expect(decodeWindow(100, 50, 300, 32, -1)).toEqual({ first: 73, last: 104 });
    expect(decodeWindow(60, 50, 300, 32, -1)).toEqual({ first: 50, last: 64 });
  });

  it('always holds n, even with no memory budget, and caps its size', () => {
    expect(decodeWindow(10, 0, 300, 0, 1)).toEqual({ first: 6, last: 10 });
    expect(decodeWindow(10, 0, 300, 0, -1)).toEqual({ first: 10, last: 14 });
    expect(decodeWindow(100, 0, 1000, 10_000, 1)).toEqual({ first: 96, last: 143 });
  });
});
