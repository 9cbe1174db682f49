import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFrameTable, type PacketInfo } from '../core/time/frame-table';
import { FfmpegEngine } from './ffmpeg-engine';
import { indexFileStart, settledStart } from './frame-index';
import type { StreamFacts } from './probe';

const packet = (pts: number, key = false): PacketInfo => ({
  pts,
  dts: null,
  duration: 1,
  key,
  discard: false,
});

/** Decode order I P B B P B B …: each P is shown after the two B-frames that follow it. */
function ipbb(count: number): PacketInfo[] {
  const packets: PacketInfo[] = [packet(0, true)];
  for (let p = 3; packets.length < count; p += 3)
    packets.push(packet(p), packet(p - 2), packet(p - 1));
  return packets.slice(0, count);
}

describe('settledStart', () => {
  it('keeps only frames no later packet can come before, numbered as in the whole table', () => {
    const all = ipbb(3000);
    const start = settledStart(all.slice(0, 1000));
    const whole = buildFrameTable(all);
    expect(start.frames.length).toBeGreaterThan(900);
    expect(start.frames.length).toBeLessThan(1000);
    start.frames.forEach((frame, i) => {
      expect(frame.pts).toBe(whole.frames[i]!.pts);
      expect(frame.key).toBe(whole.frames[i]!.key);
    });
    expect(start.keyframes.every((k) => k < start.frames.length)).toBe(true);
  });

  it('leaves out the frames of the last packets, whose display order is not settled', () => {
    const listed = ipbb(300);
    const start = settledStart(listed);
    const lastShown = start.frames.at(-1)!.pts;
    // Every packet left out is shown after every frame kept.
    const kept = new Set<number>(start.frames.map((f) => f.pts));
    for (const p of listed) if (!kept.has(p.pts!)) expect(p.pts!).toBeGreaterThan(lastShown);
  });
});

describe('indexFileStart', () => {
  it('takes every frame of a long MP4 from its sample table, with no FFmpeg call', async () => {
    const path = fileURLToPath(
      new URL('../../tests/fixtures/long-12min-tiny.mp4', import.meta.url),
    );
    const file = new File([readFileSync(path)], 'long-12min-tiny.mp4');
    const facts: StreamFacts & { streamIndex: number } = {
      streamIndex: 0,
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      codec: 'h264',
      codecLongName: '',
      width: 160,
      height: 90,
      pixelFormat: 'yuv420p',
      timeBase: { num: 1, den: 12800 },
      rotation: 0,
      nominalFrameRate: '25/1',
      averageFrameRate: '25/1',
      formatStartSeconds: 0,
      fieldOrder: 'progressive',
      colorSpace: '',
      colorRange: '',
      declaredFrameCount: 18_000,
      startSeconds: 0,
      decoderDelay: 0,
    };
    // An engine with no file open: any FFmpeg call on it would throw.
    const start = await indexFileStart(new FfmpegEngine(), file, facts, () => {});
    expect(start?.whole).toBe(true);
    expect(start?.table.frames).toHaveLength(18_000);
    expect(start?.table.keyframes).toHaveLength(72);
  });
});
