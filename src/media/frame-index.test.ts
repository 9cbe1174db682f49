import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFrameTable, type PacketInfo } from '../core/time/frame-table';
import { FfmpegEngine } from './ffmpeg-engine';
import { firstDifference, indexFileStart, sameTable, settledStart } from './frame-index';
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

const MP4_FACTS: StreamFacts & { streamIndex: number } = {
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
  audioStreams: [],
  durationSeconds: null,
};

const fixture = (name: string) => {
  const path = fileURLToPath(new URL(`../../tests/fixtures/${name}`, import.meta.url));
  return new File([readFileSync(path)], name.split('/').at(-1)!);
};

describe('indexFileStart', () => {
  it('takes every frame of a long MP4 from its sample table, with no FFmpeg call', async () => {
    // An engine with no file open: any FFmpeg call on it would throw.
    const start = await indexFileStart(
      new FfmpegEngine(),
      fixture('long-12min-tiny.mp4'),
      MP4_FACTS,
      () => {},
    );
    expect(start?.whole).toBe(true);
    expect(start?.table.frames).toHaveLength(18_000);
    expect(start?.table.keyframes).toHaveLength(72);
  });

  it('takes a short MP4 from its sample table too: no packet listing before frame 0', async () => {
    const oracle = JSON.parse(
      readFileSync(
        fileURLToPath(
          new URL('../../tests/fixtures/corpus/cctv-d1-h264.mp4.oracle.json', import.meta.url),
        ),
        'utf8',
      ),
    ) as { time_base: string; frames: { pts: number; key: number }[] };
    const facts = {
      ...MP4_FACTS,
      width: 704,
      height: 576,
      timeBase: { num: 1, den: Number(oracle.time_base.split('/')[1]) },
      declaredFrameCount: 300,
      decoderDelay: 2,
    };
    const start = await indexFileStart(
      new FfmpegEngine(),
      fixture('corpus/cctv-d1-h264.mp4'),
      facts,
      () => {},
    );
    expect(start?.whole).toBe(true);
    expect(start?.table.frames.map((f) => [f.pts, f.key ? 1 : 0])).toEqual(
      oracle.frames.map((f) => [f.pts, f.key]),
    );
  });

  it("leaves a short file of another container to FFmpeg's whole listing", async () => {
    const facts = { ...MP4_FACTS, container: 'matroska,webm', declaredFrameCount: null };
    const start = await indexFileStart(
      new FfmpegEngine(),
      fixture('corpus/bodycam-hevc.mkv'),
      facts,
      () => {},
    );
    expect(start).toBeNull();
  });
});

describe('firstDifference', () => {
  const whole = buildFrameTable(ipbb(300));

  it("is null when FFmpeg's table is the first step's, or begins with it", () => {
    expect(firstDifference(whole, buildFrameTable(ipbb(300)), true)).toBeNull();
    expect(firstDifference(settledStart(ipbb(200)), whole, false)).toBeNull();
  });

  it('names the first frame whose pts or key flag differs, or that is missing', () => {
    const moved = ipbb(300);
    moved[30] = { ...moved[30]!, pts: 10_000 };
    const table = buildFrameTable(moved);
    const at = whole.frames.findIndex((f, i) => table.frames[i]!.pts !== f.pts);
    expect(firstDifference(whole, table, true)).toBe(at);
    const unkeyed = buildFrameTable(ipbb(300).map((p, i) => (i === 0 ? { ...p, key: false } : p)));
    expect(firstDifference(whole, unkeyed, true)).toBe(0);
    expect(firstDifference(whole, buildFrameTable(ipbb(150)), true)).not.toBeNull();
  });

  it('refuses a frame FFmpeg lists beyond a table that claimed every frame', () => {
    const start = { ...whole, frames: whole.frames.slice(0, 150) };
    expect(firstDifference(start, whole, true)).toBe(150);
    expect(firstDifference(start, whole, false)).toBeNull();
  });
});

describe('sameTable', () => {
  const table = buildFrameTable(ipbb(300));

  it('is true only for tables equal in every field of every frame', () => {
    expect(sameTable(table, buildFrameTable(ipbb(300)))).toBe(true);
    expect(sameTable(table, buildFrameTable(ipbb(299)))).toBe(false);
    const longer = ipbb(300).map((p, i) => (i === 7 ? { ...p, duration: 2 } : p));
    expect(sameTable(table, buildFrameTable(longer))).toBe(false);
    const withDts = ipbb(300).map((p, i) => (i === 7 ? { ...p, dts: 5 } : p));
    expect(sameTable(table, buildFrameTable(withDts))).toBe(false);
  });
});
