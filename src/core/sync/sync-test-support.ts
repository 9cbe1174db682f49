import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import truth from '../../../tests/fixtures/sync/sync.truth.json';
import { frameIndex, sha256, type Sha256 } from '../ids';
import type { SyncVideo } from './fit';
import type { SyncAnchor, SyncAnchorId } from './model';

/**
 * The synchronisation footage's truth (scripts/make-sync-clips.sh: one scene, cameras A, B
 * and C) and what tests build from it: each clip's decoded sound, videos for the fit and
 * anchors between frames. Test-only.
 */
export const SYNC_TRUTH = truth;
export type ClipName = 'A' | 'B' | 'C';

const DIR = fileURLToPath(new URL('../../../tests/fixtures/sync/', import.meta.url));

export function clipTruth(name: ClipName) {
  const clip = truth.clips.find((c) => c.file === `${name}.mp4`);
  if (!clip) throw new Error(`no clip ${name} in the truth`);
  return clip;
}

/** The clip's sound as Framewise decodes it: mono s16le at 16 kHz from the file's start. */
export function clipPcm(name: ClipName): Int16Array {
  const bytes = readFileSync(`${DIR}${clipTruth(name).pcm}`);
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

/** Every frame's t_video (pts × time base − start), from the probed pts in the truth. */
export function frameTimes(name: ClipName): number[] {
  const clip = clipTruth(name);
  const [num, den] = clip.time_base.split('/').map(Number) as [number, number];
  return clip.frame_pts.map((p) => (p * num) / den - clip.start_time_s);
}

/** A stand-in SHA-256 per clip (the fit only compares them). */
export const shaOf = (name: ClipName): Sha256 =>
  sha256((name === 'A' ? 'a' : name === 'B' ? 'b' : 'c').repeat(64));

export const syncVideo = (name: ClipName, fps = clipTruth(name).fps): SyncVideo => ({
  sha256: shaOf(name),
  frameIntervalS: 1 / fps,
  name: `camera ${name}`,
});

/** Frame `frame` of a constant-rate clip as an anchor end. */
function end(name: ClipName, frame: number, fps: number) {
  return {
    sha256: shaOf(name),
    frame: frameIndex(frame),
    seconds: frame / fps,
    halfIntervalS: 0.5 / fps,
  };
}

/** "Frame fa of clip a shows the same instant as frame fb of clip b." */
export function anchor(
  id: string,
  [a, fa]: [ClipName, number],
  [b, fb]: [ClipName, number],
  fps: Partial<Record<ClipName, number>> = {},
): SyncAnchor {
  return {
    id: id as SyncAnchorId,
    a: end(a, fa, fps[a] ?? clipTruth(a).fps),
    b: end(b, fb, fps[b] ?? clipTruth(b).fps),
    source: 'frames',
    note: '',
    createdAt: '2024-01-01T00:00:00.000Z',
  };
}
