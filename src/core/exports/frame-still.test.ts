import { describe, expect, it } from 'vitest';
import type { TrackId } from '../ids';
import { DEFAULT_LABELS } from '../annotations/model';
import { box, key, TEST_EVIDENCE, trackOf } from '../test-support';
import { sha256HexOfBytes } from './evidence-package';
import {
  buildFrameStill,
  frameStillJson,
  pngSize,
  STILL_FORMAT,
  stillFileNames,
  type FrameStillInput,
} from './frame-still';

/** A real 1×1 PNG. */
const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const GENERATOR = { name: 'Framewise', version: '0.1.0' };
const MD5 = '0123456789abcdef0123456789abcdef';

const input = (extra: Partial<FrameStillInput> = {}): FrameStillInput => ({
  kind: 'clean',
  evidence: TEST_EVIDENCE,
  frame: 123,
  pts: 123 * 512,
  frameMd5: MD5,
  frameDecoder: 'webcodecs',
  png: PNG,
  generator: GENERATOR,
  createdAt: '2026-02-02T00:00:00.000Z',
  ...extra,
});

describe('stillFileNames', () => {
  it('names the image beside the video and the sidecar after the image', () => {
    expect(stillFileNames('clip.mp4', 123, 'clean')).toEqual({
      image: 'clip.mp4.frame-000123.clean.png',
      sidecar: 'clip.mp4.frame-000123.clean.png.json',
    });
    expect(stillFileNames('a/b:c.mp4', 1234567, 'annotated').image).toBe(
      'a_b_c.mp4.frame-1234567.annotated.png',
    );
  });
});

describe('buildFrameStill', () => {
  it('describes a clean still: source, frame, and the image as its bytes say', async () => {
    const still = await buildFrameStill(input());
    expect(still).toEqual({
      format: STILL_FORMAT,
      version: 1,
      kind: 'clean',
      source: { fileName: 'cctv.mp4', sha256: TEST_EVIDENCE.sha256 },
      frame: {
        index: 123,
        pts: 62976,
        seconds: 4.92,
        timeBase: '1/12800',
        md5: MD5,
        decoder: 'webcodecs',
      },
      image: {
        fileName: 'cctv.mp4.frame-000123.clean.png',
        width: 1,
        height: 1,
        sha256: await sha256HexOfBytes(PNG),
      },
      generator: GENERATOR,
      createdAt: '2026-02-02T00:00:00.000Z',
      redacted: [],
    });
    expect(frameStillJson(still).endsWith('}\n')).toBe(true);
  });

  it('lists what was blocked out of a redacted still', async () => {
    const box = { x: 1, y: 2, width: 3, height: 4 };
    const still = await buildFrameStill({ ...input(), redacted: [{ title: 'officer #1', box }] });
    expect(still.redacted).toEqual([{ title: 'officer #1', box }]);
  });

  it('lists the tracks drawn on an annotated still, in view on its frame only', async () => {
    const moving = trackOf(key(100, box(0, 0, 10, 10)), key(200, box(100, 0, 10, 10)));
    const gone = { ...trackOf(key(10, box(0, 0, 5, 5), { outside: true })), number: 2 };
    const still = await buildFrameStill(
      input({
        kind: 'annotated',
        labels: DEFAULT_LABELS,
        tracks: [gone, { ...moving, id: 'track_v' as TrackId }],
      }),
    );
    expect(still.image.fileName).toBe('cctv.mp4.frame-000123.annotated.png');
    expect(still.overlays).toHaveLength(1);
    expect(still.overlays![0]).toMatchObject({
      trackId: 'track_v',
      title: 'vehicle #1',
      label: 'vehicle',
      source: 'interpolated',
      occluded: false,
      shape: { kind: 'rectangle', x: 23, y: 0 },
    });
  });

  it('says in words which positions on an annotated still are computed, held first', async () => {
    const held = trackOf(key(0, box(0, 0, 10, 10)), key(100, box(50, 0, 10, 10)));
    const drawnHere = {
      ...trackOf(key(123, box(0, 0, 5, 5))),
      id: 'track_o' as TrackId,
      number: 2,
    };
    const still = await buildFrameStill(
      input({ kind: 'annotated', labels: DEFAULT_LABELS, tracks: [held, drawnHere] }),
    );
    expect(still.computed).toEqual({
      statement:
        'Computed, not observed on this frame: vehicle #1 held from frame 100 (its last keyframe carried on; the object may have moved).',
      positions: [
        {
          trackId: held.id,
          title: 'vehicle #1',
          source: 'held',
          fromFrame: 100,
          towardFrame: null,
        },
      ],
    });
    const allDrawn = await buildFrameStill(
      input({ kind: 'annotated', labels: DEFAULT_LABELS, tracks: [drawnHere] }),
    );
    expect(allDrawn.computed).toEqual({ statement: null, positions: [] });
  });

  it('gives null seconds where the frame has no pts', async () => {
    const still = await buildFrameStill(input({ pts: null, frameMd5: null }));
    expect(still.frame).toMatchObject({ pts: null, seconds: null, md5: null });
  });

  it('refuses bytes that are not a PNG', async () => {
    await expect(buildFrameStill(input({ png: new Uint8Array(30) }))).rejects.toThrow(/PNG/);
    expect(pngSize(PNG)).toEqual({ width: 1, height: 1 });
  });
});

describe('an enhanced still', () => {
  const enhancement = {
    filterChain: "lutyuv=y='clip((val-10)*255/(90-10),0,255)':u=val:v=val,eq=gamma=1.6",
    words: 'levels 10–90, gamma 1.6',
    pictureMd5: 'fedcba9876543210fedcba9876543210',
    pixelFormat: 'yuv420p',
  };

  it('carries its filter chain, the filtered picture’s MD5 and the FFmpeg commands', async () => {
    const still = await buildFrameStill(input({ kind: 'enhanced', enhancement }));
    expect(still.kind).toBe('enhanced');
    expect(still.image.fileName).toBe(`${TEST_EVIDENCE.fileName}.frame-000123.enhanced.png`);
    expect(still.frame.md5).toBe(MD5); // the frame's own MD5, untouched by the filters
    expect(still.enhancement).toMatchObject(enhancement);
    const input_ = `ffmpeg -v error -i '${TEST_EVIDENCE.fileName}' -map 0:v:0 -vf 'select=eq(n\\,123),lutyuv=y='\\''clip((val-10)*255/(90-10),0,255)'\\'':u=val:v=val,eq=gamma=1.6'`;
    expect(still.enhancement!.ffmpegCommand).toBe(
      `${input_} -frames:v 1 frame-000123.enhanced.ffmpeg.png`,
    );
    expect(still.enhancement!.md5Command).toBe(`${input_} -frames:v 1 -f framemd5 -`);
    expect(still.enhancement!.fidelity).toMatch(/PSNR 40 dB/);
    expect(still.overlays).toBeUndefined();
  });

  it('is refused without its filters', async () => {
    await expect(buildFrameStill(input({ kind: 'enhanced' }))).rejects.toThrow(/filter chain/);
  });
});
