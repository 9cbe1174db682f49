import { describe, expect, it } from 'vitest';
import { buildFrameTable } from '../core/time/frame-table';
import {
  audioDecodeArgs,
  chooseAudioStream,
  frameSeconds,
  pcmRateFor,
  samplesOf,
} from './audio-track';
import type { AudioStreamFacts } from './probe';

const stream = (index: number, isDefault = false): AudioStreamFacts => ({
  index,
  codec: 'aac',
  sampleRate: 48000,
  channels: 2,
  isDefault,
});

describe('chooseAudioStream', () => {
  it('hears the default stream, else the first, and says none for a silent file', () => {
    expect(chooseAudioStream([stream(1), stream(2, true)])?.index).toBe(2);
    expect(chooseAudioStream([stream(3), stream(4)])?.index).toBe(3);
    expect(chooseAudioStream([])).toBeNull();
  });
});

describe('pcmRateFor and audioDecodeArgs', () => {
  it('decodes at 16 kHz, and at 8 kHz past half an hour', () => {
    expect(pcmRateFor(null)).toBe(16000);
    expect(pcmRateFor(1800)).toBe(16000);
    expect(pcmRateFor(1801)).toBe(8000);
  });

  it('maps the one stream, mono, from the file start', () => {
    const args = audioDecodeArgs('/in/a.mp4', 2, 16000, '/out.pcm');
    expect(args.join(' ')).toContain('-i /in/a.mp4 -map 0:2 -vn');
    expect(args.join(' ')).toContain(
      '-af aresample=16000:async=1:first_pts=0 -ac 1 -f s16le /out.pcm',
    );
  });
});

describe('samplesOf', () => {
  it('reads little-endian 16-bit samples, dropping an odd last byte, at any offset', () => {
    const bytes = new Uint8Array([0xff, 0x7f, 0x00, 0x80, 0x01]);
    expect([...samplesOf(bytes)]).toEqual([32767, -32768]);
    const shifted = new Uint8Array([9, 0x01, 0x00, 0x02, 0x00]).subarray(1);
    expect([...samplesOf(shifted)]).toEqual([1, 2]);
  });
});

describe('frameSeconds', () => {
  // Frames at pts 1000, 1040, 1080 (1/1000 s) in a file starting at 1.0 s.
  const table = buildFrameTable(
    [1000, 1040, 1080].map((pts) => ({ pts, dts: pts, duration: 40, key: true, discard: false })),
  );
  const clock = { table, timeBase: { num: 1, den: 1000 }, formatStartSeconds: 1, fps: 25 };

  it('counts from the file start, between frames for fractions, and on past the end', () => {
    expect(frameSeconds(clock, 0)).toBeCloseTo(0);
    expect(frameSeconds(clock, 1)).toBeCloseTo(0.04);
    expect(frameSeconds(clock, 1.5)).toBeCloseTo(0.06);
    expect(frameSeconds(clock, 3)).toBeCloseTo(0.12);
  });

  it('counts frames at the nominal rate in a table without timestamps', () => {
    expect(frameSeconds({ ...clock, table: { ...table, counted: true } }, 2)).toBeCloseTo(0.08);
  });
});
