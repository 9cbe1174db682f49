import {
  keyframeAfter,
  keyframeAtOrBefore,
  keyframeBefore,
  type FrameTable,
} from '../core/time/frame-table';
import type { FrameIndex } from '../core/ids';
import type { TimeBase } from '../core/time/time-base';

/** Where one decode attempt starts: FFmpeg's input -ss in seconds, or null for the file start. */
export interface DecodeStart {
  readonly keyframe: FrameIndex | null;
  readonly seekSeconds: number | null;
}

export interface SeekFacts {
  readonly container: string;
  readonly timeBase: TimeBase;
  /** FFmpeg's -ss counts from the format's start time. */
  readonly formatStartSeconds: number;
}

/**
 * Containers whose demuxer seeks through a keyframe index: asking for a time lands on the last
 * keyframe at or before it. Others (MPEG-TS/PS, raw streams) search by timestamp and may land
 * on any packet, so we aim before the keyframe's packet instead.
 */
const INDEXED_CONTAINERS = ['mov', 'mp4', 'matroska', 'webm', 'avi', 'asf', 'flv', 'nut', 'ogg'];

export const hasKeyframeIndex = (container: string): boolean =>
  container.split(',').some((name) => INDEXED_CONTAINERS.includes(name));

/**
 * The decode attempts for frame n, cheapest first: from its keyframe, then from the keyframe
 * before (for a keyframe flag the decoder does not honour), then from the very start, which is
 * slow but always right. Frames are identified by pts afterwards, so starting early is only
 * slower, never wrong.
 */
export function decodeStarts(table: FrameTable, facts: SeekFacts, n: FrameIndex): DecodeStart[] {
  const starts: DecodeStart[] = [];
  // Without timestamps, frames can only be identified by counting from the start.
  if (table.counted) return [{ keyframe: null, seekSeconds: null }];
  const keyframe = keyframeAtOrBefore(table, n);
  const previous = keyframeBefore(table, keyframe);
  for (const k of previous === null ? [keyframe] : [keyframe, previous]) {
    const seekSeconds = seekSecondsFor(table, facts, k);
    if (seekSeconds === null) break; // the file start comes last anyway
    starts.push({ keyframe: k, seekSeconds });
  }
  starts.push({ keyframe: null, seekSeconds: null });
  return starts;
}

function seekSecondsFor(table: FrameTable, facts: SeekFacts, keyframe: FrameIndex): number | null {
  const { frames } = table;
  const entry = frames[keyframe]!;
  if (keyframe === 0) return null;
  // Seconds on FFmpeg's -ss clock of a timestamp in time-base units (a pts or a dts).
  const { num, den } = facts.timeBase;
  const at = (ticks: number) => (ticks * num) / den - facts.formatStartSeconds;
  if (hasKeyframeIndex(facts.container)) {
    // FFmpeg lands on the last keyframe at or before the target, and for streams with B-frames
    // backs off by about 0.13 s first. Aim a little past the keyframe, well before the next.
    const next = keyframeAfter(table, keyframe);
    const gap = next === null ? 0.5 : at(frames[next]!.pts) - at(entry.pts);
    return at(entry.pts) + Math.min(0.2, gap / 2);
  }
  // Timestamp search: aim a frame before the keyframe's packet (its dts comes first).
  const previousEntry = frames[keyframe - 1]!;
  const packetTime = Math.min(entry.pts, entry.dts ?? entry.pts);
  const target = at(packetTime) - (at(entry.pts) - at(previousEntry.pts));
  return target > 0 ? target : null;
}

/** Frames of the same video kept around the frame asked for, on the side the user is heading. */
const FRAMES_BEHIND_DIRECTION = 4;
const MAX_WINDOW_FRAMES = 48;

/**
 * The frames one decode call keeps, around n: mostly ahead when stepping forward, mostly
 * behind when stepping back, never before the keyframe decoding starts from (those would
 * need another start), and at most `budgetFrames` of them (memory).
 */
export function decodeWindow(
  n: number,
  keyframe: number,
  frameCount: number,
  budgetFrames: number,
  direction: 1 | -1,
): { first: number; last: number } {
  const size = Math.max(1, Math.min(MAX_WINDOW_FRAMES, budgetFrames));
  if (direction > 0) {
    const first = Math.max(keyframe, n - FRAMES_BEHIND_DIRECTION);
    return { first, last: Math.min(frameCount - 1, Math.max(n, first + size - 1)) };
  }
  const last = Math.min(frameCount - 1, n + FRAMES_BEHIND_DIRECTION);
  return { first: Math.max(keyframe, Math.min(n, last - size + 1)), last };
}
