import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFrameTable } from '../core/time/frame-table';
import { mp4Packets, readMoov, type ReadBytes } from './mp4-sample-table';

const FIXTURES = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));

interface Oracle {
  time_base: string;
  frame_count: number;
  frames: { index: number; pts: number; key: number }[];
}

const bytesOf = (name: string) => new Uint8Array(readFileSync(`${FIXTURES}${name}`));
const readerOf =
  (file: Uint8Array): ReadBytes =>
  async (start, end) =>
    file.slice(start, end);

async function moovOf(file: Uint8Array): Promise<Uint8Array> {
  const moov = await readMoov(readerOf(file), file.length);
  if (!moov) throw new Error('no moov');
  return moov;
}

/** The packets of a fixture's first track, and why the reader gave up if it did. */
async function packetsOf(name: string, timescale: number, edit?: (moov: Uint8Array) => void) {
  const file = bytesOf(name);
  const moov = await moovOf(file);
  edit?.(moov);
  let reason = '';
  const packets = mp4Packets(
    moov,
    { streamIndex: 0, timescale, fileSize: file.length },
    (why) => (reason = why),
  );
  return { packets, reason };
}

/** Offset in `moov` of the content of the first box of this type (a plain byte search). */
function boxAt(moov: Uint8Array, type: string): number {
  const code = [...type].map((c) => c.charCodeAt(0));
  for (let i = 4; i + 4 <= moov.length; i++) {
    if (code.every((c, k) => moov[i + k] === c)) return i + 4;
  }
  throw new Error(`no ${type}`);
}

describe('mp4Packets', () => {
  // The oracles: native FFmpeg's frames (scripts/make-oracle.mjs), pts and key flag each.
  for (const name of [
    'framewise-sample.mp4',
    'corpus/cctv-d1-h264.mp4',
    'corpus/long-gop-1080p-h264.mp4',
  ]) {
    it(`gives the frames native FFmpeg gives for ${name} (B-frames behind an edit list)`, async () => {
      const oracle = JSON.parse(readFileSync(`${FIXTURES}${name}.oracle.json`, 'utf8')) as Oracle;
      const timescale = Number(oracle.time_base.split('/')[1]);
      const { packets } = await packetsOf(name, timescale);
      const table = buildFrameTable(packets!);
      expect(table.frames.map((f) => f.pts)).toEqual(oracle.frames.map((f) => f.pts));
      expect(table.frames.map((f) => f.key)).toEqual(oracle.frames.map((f) => f.key === 1));
      expect(table.reordered).toBe(true);
    });
  }

  it('reads a 12-minute file (moov after mdat, no B-frames): every frame, keyframes per GOP', async () => {
    // scripts/make-long-video.sh: 25 fps, time base 1/12800 (512 a frame), GOP 250.
    const { packets } = await packetsOf('long-12min-tiny.mp4', 12800);
    expect(packets).toHaveLength(18_000);
    packets!.forEach((p, i) => {
      expect(p).toEqual({
        pts: i * 512,
        dts: i * 512,
        duration: 512,
        key: i % 250 === 0,
        discard: false,
      });
    });
  });

  it('gives up where FFmpeg drops frames outside an edit list', async () => {
    expect((await packetsOf('containers/editlist.mp4', 12800)).reason).toMatch(/outside the edit/);
  });

  it('gives up on a file cut short (samples past its end)', async () => {
    expect((await packetsOf('corpus/bad-truncated.mp4', 12800)).reason).toMatch(/past the end/);
  });

  it('gives up on variable frame durations with B-frames (FFmpeg reports other durations)', async () => {
    const { packets, reason } = await packetsOf('corpus/phone-vfr-rotated.mp4', 15360);
    expect(packets).toBeNull();
    expect(reason).toMatch(/variable durations/);
  });

  it('gives up where the time base is not the track timescale', async () => {
    expect((await packetsOf('framewise-sample.mp4', 90000)).reason).toMatch(/timescale/);
  });

  it('gives up on negative composition offsets, odd edits, no sync samples', async () => {
    const negative = await packetsOf('framewise-sample.mp4', 12800, (moov) => {
      const ctts = boxAt(moov, 'ctts');
      new DataView(moov.buffer, moov.byteOffset).setInt32(ctts + 12, -512); // first run's offset
    });
    expect(negative.reason).toMatch(/negative/);
    const slow = await packetsOf('framewise-sample.mp4', 12800, (moov) => {
      const elst = boxAt(moov, 'elst');
      new DataView(moov.buffer, moov.byteOffset).setInt16(elst + 16, 2); // media rate 2
    });
    expect(slow.reason).toMatch(/edit/);
    const noSync = await packetsOf('framewise-sample.mp4', 12800, (moov) => {
      const stss = boxAt(moov, 'stss');
      new DataView(moov.buffer, moov.byteOffset).setUint32(stss + 4, 0);
    });
    expect(noSync.reason).toMatch(/sync/);
  });

  it('gives up on a fragmented file (mvex in the moov)', async () => {
    const file = bytesOf('framewise-sample.mp4');
    const moov = await moovOf(file);
    const withMvex = new Uint8Array(moov.length + 8);
    withMvex.set(moov);
    withMvex.set([0, 0, 0, 8, ...[...'mvex'].map((c) => c.charCodeAt(0))], moov.length);
    let reason = '';
    const packets = mp4Packets(
      withMvex,
      { streamIndex: 0, timescale: 12800, fileSize: file.length },
      (why) => (reason = why),
    );
    expect(packets).toBeNull();
    expect(reason).toMatch(/fragmented/);
  });

  it('gives up on a stream that is not a video track', async () => {
    const file = bytesOf('corpus/phone-vfr-rotated.mp4');
    let reason = '';
    mp4Packets(
      await moovOf(file),
      { streamIndex: 1, timescale: 44100, fileSize: file.length },
      (why) => (reason = why),
    );
    expect(reason).toMatch(/not a video track/);
  });
});

describe('readMoov', () => {
  it('finds the moov after a long mdat and before zero padding (a file padded to 4 GB)', async () => {
    const file = bytesOf('long-12min-tiny.mp4');
    const moov = await moovOf(file);
    const padded = 4_000_000_000;
    const read: ReadBytes = async (start, end) => {
      const bytes = new Uint8Array(end - start);
      if (start < file.length) bytes.set(file.subarray(start, Math.min(end, file.length)));
      return bytes;
    };
    expect(await readMoov(read, padded)).toEqual(moov);
  });

  it('finds none in a fragmented file (a top-level moof)', async () => {
    const file = bytesOf('framewise-sample.mp4');
    const fragmented = new Uint8Array(file.length + 8);
    fragmented.set(file);
    fragmented.set([0, 0, 0, 8, ...[...'moof'].map((c) => c.charCodeAt(0))], file.length);
    expect(await readMoov(readerOf(fragmented), fragmented.length)).toBeNull();
  });

  it('finds none in a file that is not MP4', async () => {
    const file = bytesOf('containers/vp9.webm');
    expect(await readMoov(readerOf(file), file.length)).toBeNull();
  });
});
