import type { AnnotationEvent } from '../../core/annotations/model';
import type { VideoFit } from '../../core/sync/fit';
import type { TimeMapping } from '../../core/sync/timeline-map';
import type { Sound } from '../state/sound.svelte';
import type { Workspace } from '../state/workspace.svelte';
import type { CaseVideoEntry } from '../state/case-videos.svelte';
import { extentOf, framesInterval, signedSeconds, type Interval } from '../state/case-timeline';
import type { CaseEventSpan } from './case-timeline-draw';
import { eventBars } from './timeline-scene';

/** What the case timeline shows of each video (the drawing is case-timeline-draw.ts). */

/** Every frame's t_video and how long the last one is shown. */
export interface FrameTimes {
  readonly times: readonly number[];
  readonly frameS: number;
}

export interface CaseLane extends CaseVideoEntry, FrameTimes {
  readonly open: boolean;
  readonly fit: VideoFit | null;
  readonly unsynced: boolean;
  /** Through which it is drawn: an unsynced video's is the identity (offset 0, rate 1). */
  readonly mapping: TimeMapping;
  readonly sound: Sound | null;
  readonly eventCount: number;
  /** Its events on the case timeline. */
  readonly bars: readonly CaseEventSpan[];
  /** Its frames on the case timeline; null: its file is not open. */
  readonly extent: Interval | null;
}

/**
 * A lane per video of the case, in case order: the lead's frames and events as on screen,
 * each other video's frames from its view and events from `otherEvents` (its latest set).
 */
export function caseLanes(
  ws: Workspace,
  lead: FrameTimes,
  otherEvents: ReadonlyMap<string, readonly AnnotationEvent[]>,
): CaseLane[] {
  return ws.videos.entries.map((entry) => {
    const other = ws.videos.others.find((o) => o.sha256 === entry.sha256) ?? null;
    const fit = ws.videos.fitOf(entry.sha256);
    const mapping = ws.videos.mappingOf(entry.sha256);
    const open = entry.source !== null;
    const times = !open ? [] : entry.isLead ? lead.times : (other?.times ?? []);
    const frameS = entry.isLead ? lead.frameS : (other?.lastDurationS ?? 0.04);
    const events = entry.isLead
      ? [...ws.document.events.values()]
      : (otherEvents.get(entry.sha256) ?? []);
    return {
      ...entry,
      open,
      fit,
      unsynced: !fit || fit.state === 'unsynced',
      mapping,
      times,
      frameS,
      sound: entry.isLead ? ws.sound : (other?.sound ?? null),
      eventCount: events.length,
      bars: eventBars(events, ws.labels).flatMap((bar) => {
        const t = framesInterval(mapping, times, frameS, bar.start, bar.end);
        return t ? [{ ...t, color: bar.color, text: bar.text }] : [];
      }),
      extent: extentOf(mapping, times, frameS),
    };
  });
}

/** Said in the lane, over its bar: why there is no waveform, or that it cannot be placed. */
export function laneSoundText(lane: CaseLane): string {
  if (!lane.open) return 'file not open: its frames cannot be placed';
  switch (lane.sound?.state) {
    case 'none':
      return 'No audio';
    case 'decoding':
      return 'Decoding sound…';
    case 'failed':
      return lane.sound.message ?? 'The sound could not be decoded.';
    default:
      return '';
  }
}

/** Under its name: where it lies on the case timeline, or why it is not placed. */
export function laneStatus(lane: CaseLane): string {
  if (!lane.open) return 'file not open';
  if (lane.unsynced) return 'not synchronised';
  const placed = lane.fit?.state === 'reference' ? 'reference' : signedSeconds(lane.mapping.offset);
  return lane.isLead ? `lead · ${placed}` : placed;
}

/** Its heading's tooltip: the mapping in full, and how many events it has. */
export function laneTitle(lane: CaseLane): string {
  const { rate, offset } = lane.mapping;
  return [
    lane.fileName,
    lane.isLead ? 'the lead (on the stage, annotated)' : '',
    lane.unsynced
      ? 'not synchronised: drawn as if it began with the first video'
      : `t_case = ${rate.toFixed(6)} × t_video ${offset < 0 ? '−' : '+'} ${Math.abs(offset).toFixed(3)} s`,
    lane.open ? '' : 'its file is not open: choose it in its view',
    `${lane.eventCount} event${lane.eventCount === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join('\n');
}
