import type { FrameTable } from '../../core/time/frame-table';
import { compareWithFrameTable, type DemuxedPacket, type DemuxedVideo } from './demux';
import type { Rotation } from './frame-md5-planes';
import { decodeFrames, type DecodeResult } from './webcodecs-decoder';

/**
 * Whether WebCodecs may stand in for FFmpeg on one file: its packets are FFmpeg's frames
 * (same pts, same keyframes) and a sample of frames decoded by both has the same framemd5.
 * One difference and the file stays with FFmpeg, for every frame.
 */

/** What is checked: mediabunny's packets and turn, and WebCodecs' MD5s of frames by pts. */
export interface ParitySubject {
  readonly packets: readonly DemuxedPacket[];
  readonly rotation: Rotation;
  decode(wantedPts: readonly number[]): Promise<DecodeResult>;
}

/** A demuxed file decoded on this thread (the test harness's way). */
export const demuxedSubject = (video: DemuxedVideo): ParitySubject => ({
  packets: video.packets,
  rotation: video.rotation,
  decode: (wantedPts) => decodeFrames(video, wantedPts),
});

/** FFmpeg's framemd5 of the given frames (in the app: `(f) => frameMd5s(source, f)`). */
export type FfmpegMd5s = (frames: readonly number[]) => Promise<ReadonlyMap<number, string>>;

export type ParityVerdict =
  | { readonly verified: true; readonly compared: number }
  | {
      readonly verified: false;
      readonly firstDifference: {
        readonly frame: number;
        readonly pts: number;
        readonly webcodecs: string;
        readonly ffmpeg: string;
      };
    }
  | {
      readonly verified: false;
      /** WebCodecs cannot decode this stream here (not a disagreement). */
      readonly unsupported: boolean;
      readonly reason: string;
    };

/**
 * The frames to compare: the first five, three keyframes (first, middle, last), the two
 * frames on either side of the largest step in pts (a VFR gap; the middle of a steady file),
 * frames a quarter, half and three quarters in and the last (deep in their GOPs: a long
 * chain of decoding), and each frame of `around` with its neighbours (the first jump: where
 * a reopened case resumes).
 */
export function paritySample(table: FrameTable, around: readonly number[] = []): number[] {
  const n = table.frames.length;
  const picked = new Set<number>();
  for (let i = 0; i < Math.min(5, n); i++) picked.add(i);
  for (const q of [0.25, 0.5, 0.75, 1]) picked.add(Math.round((n - 1) * q));
  for (const a of around) {
    for (const f of [a - 1, a, a + 1]) if (f >= 0 && f < n) picked.add(f);
  }
  const keys = table.keyframes;
  if (keys.length > 0) {
    for (const k of [keys[0]!, keys[keys.length >> 1]!, keys[keys.length - 1]!]) picked.add(k);
  }
  let jump = n >> 1;
  let widest = -Infinity;
  for (let i = 1; i < n; i++) {
    const step = table.frames[i]!.pts - table.frames[i - 1]!.pts;
    if (step > widest) {
      widest = step;
      jump = i;
    }
  }
  if (n > 1) {
    picked.add(Math.max(jump - 1, 0));
    picked.add(jump);
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * Decodes the sample with WebCodecs and compares with FFmpeg's MD5s, frame by frame.
 * `ffmpegRotation`: the display-matrix rotation FFmpeg's probe reads (probe.ts `rotation`,
 * e.g. -90), checked against the clockwise turn mediabunny applies before hashing.
 */
export async function checkParity(
  video: ParitySubject,
  table: FrameTable,
  ffmpegMd5s: FfmpegMd5s,
  frames: readonly number[] = paritySample(table),
  ffmpegRotation: number | null = null,
): Promise<ParityVerdict> {
  if (ffmpegRotation !== null && ((-ffmpegRotation % 360) + 360) % 360 !== video.rotation) {
    return {
      verified: false,
      unsupported: false,
      reason: `FFmpeg reads a display rotation of ${ffmpegRotation} degrees, mediabunny a clockwise turn of ${video.rotation}`,
    };
  }
  const agreement = compareWithFrameTable(video.packets, table);
  if (!agreement.agrees) {
    return { verified: false, unsupported: false, reason: agreement.difference };
  }
  const missing = frames.find((f) => !table.frames[f]);
  if (missing !== undefined) {
    return { verified: false, unsupported: false, reason: `frame ${missing} is not in the table` };
  }
  const wantedPts = frames.map((f) => table.frames[f]!.pts as number);
  const decoded = await video.decode(wantedPts);
  if (!decoded.ok)
    return { verified: false, unsupported: decoded.unsupported, reason: decoded.reason };
  const theirs = await ffmpegMd5s(frames);
  for (const [i, frame] of frames.entries()) {
    const pts = wantedPts[i]!;
    const webcodecs = decoded.md5s.get(pts);
    const ffmpeg = theirs.get(frame);
    if (webcodecs === undefined) {
      return {
        verified: false,
        unsupported: false,
        reason: `WebCodecs put out no frame at pts ${pts} (frame ${frame})`,
      };
    }
    if (ffmpeg === undefined) {
      return {
        verified: false,
        unsupported: false,
        reason: `FFmpeg gave no MD5 for frame ${frame}`,
      };
    }
    if (webcodecs !== ffmpeg)
      return { verified: false, firstDifference: { frame, pts, webcodecs, ffmpeg } };
  }
  return { verified: true, compared: frames.length };
}
