import { describe, expect, it } from 'vitest';
import {
  enhancedChainCheck,
  enhancedPictureCheck,
  enhancedPngCheck,
  looksLikeStillSidecar,
  readStillSidecar,
  stillFrameCheck,
  stillImageCheck,
  stillVideoCheck,
} from './verify-still';
import type { FrameStill } from '../exports/frame-still';

const SHA = (c: string) => c.repeat(64);
const sidecar = {
  format: 'framewise.still',
  version: 1,
  kind: 'enhanced',
  source: { fileName: 'cctv.mp4', sha256: SHA('a') },
  frame: {
    index: 3,
    pts: 1536,
    seconds: 0.12,
    timeBase: '1/12800',
    md5: '1'.repeat(32),
    decoder: 'ffmpeg',
  },
  image: { fileName: 'cctv.mp4.frame-000003.enhanced.png', width: 4, height: 4, sha256: SHA('b') },
  generator: { name: 'Framewise', version: '0.1.0' },
  createdAt: '2026-12-06T00:00:00.000Z',
  redacted: [],
  enhancement: {
    filterChain: 'eq=gamma=1.6',
    words: 'gamma 1.6',
    pictureMd5: '2'.repeat(32),
    pixelFormat: 'yuv420p',
  },
};
const read = (value: unknown) => readStillSidecar(JSON.stringify(value));
const still = (read(sidecar) as { still: FrameStill }).still;

describe('reading a still sidecar for Verify', () => {
  it('reads a well-formed one, and knows a sidecar from an annotations export', () => {
    expect(read(sidecar).ok).toBe(true);
    expect(looksLikeStillSidecar(JSON.stringify(sidecar))).toBe(true);
    expect(looksLikeStillSidecar('{"format":"framewise.annotations"}')).toBe(false);
    expect(looksLikeStillSidecar('not json')).toBe(false);
  });

  it('refuses a damaged one in words', () => {
    expect(readStillSidecar('{')).toMatchObject({ ok: false, problem: /not JSON/ });
    expect(read({ ...sidecar, version: 9 })).toMatchObject({ problem: /version 9/ });
    expect(read({ ...sidecar, source: { sha256: 'x' } })).toMatchObject({
      problem: /video's SHA-256/,
    });
    expect(read({ ...sidecar, frame: { index: -1 } })).toMatchObject({ problem: /frame number/ });
    expect(read({ ...sidecar, enhancement: undefined })).toMatchObject({ problem: /filter chain/ });
    expect(read({ ...sidecar, kind: 'clean', enhancement: undefined }).ok).toBe(true);
  });
});

describe('the checks of a still', () => {
  it('pass on matching values and fail, named, on others', () => {
    expect(stillImageCheck(still, 'x.png', SHA('b')).result).toBe('passed');
    expect(stillImageCheck(still, 'x.png', SHA('c')).result).toBe('failed');
    expect(stillVideoCheck(still, 'cctv.mp4', SHA('a')).result).toBe('passed');
    expect(stillVideoCheck(still, 'other.mp4', SHA('c')).says).toMatch(/not the video/);
    expect(stillFrameCheck(still, '1'.repeat(32)).id).toBe('frame-md5-3');
    expect(stillFrameCheck(still, null, 'gone').result).toBe('failed');
    expect(enhancedChainCheck(still, null).result).toBe('passed');
    expect(enhancedChainCheck(still, 'no').result).toBe('failed');
    expect(enhancedPictureCheck(still, '2'.repeat(32), '').result).toBe('passed');
    expect(enhancedPictureCheck(still, null, 'No such filter').says).toMatch(/No such filter/);
    expect(enhancedPngCheck(still, Infinity).values[0]!.found).toBe('identical');
    expect(enhancedPngCheck(still, 41.23).result).toBe('passed');
    expect(enhancedPngCheck(still, 39.9).result).toBe('failed');
    expect(enhancedPngCheck(still, null).says).toMatch(/differ in size/);
  });
});
