import { recordingGaps, type RecordingGap } from '../../core/time/stream-stats';
import type { FrameTable } from '../../core/time/frame-table';
import type { TimeBase } from '../../core/time/time-base';

/**
 * The open video's gaps in the recording, worked out once per frame table (the timeline and
 * the video facts both show them; a long file's table has a hundred thousand frames).
 */
const cache = new WeakMap<FrameTable, RecordingGap[]>();

export function gapsOf(source: {
  table: FrameTable;
  facts: { timeBase: TimeBase };
}): RecordingGap[] {
  let gaps = cache.get(source.table);
  if (!gaps) {
    gaps = recordingGaps(source.table, source.facts.timeBase);
    cache.set(source.table, gaps);
  }
  return gaps;
}
