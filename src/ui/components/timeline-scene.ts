import type { TrackId } from '../../core/ids';
import type { AnnotationEvent, Label, Track } from '../../core/annotations/model';
import { trackTitle } from '../../core/annotations/tracks';
import { trackedSpans, type TrackedSpan } from '../../core/annotations/tracked-runs';
import {
  laneMembers,
  lifespans,
  packLanes,
  pixelsPerFrame,
  type LaneItem,
  type Span,
  type ViewRange,
} from '../../core/annotations/timeline';
import { MAX_LANES, type EventBar, type LaneObject, type SelectedRow } from './timeline-draw';

/** What the timeline shows, worked out from the annotations (the drawing is elsewhere). */

const NO_LABEL_COLOR = '#8a8a8a';

/**
 * Tracks are immutable records replaced whole on each edit, so a track's lifespans can be
 * kept until the record itself is replaced: an edit to one track of 10 000 recomputes one.
 */
const spanCache = new WeakMap<Track, { frameCount: number; spans: Span[] }>();

export function cachedLifespans(track: Track, frameCount: number): Span[] {
  const hit = spanCache.get(track);
  if (hit && hit.frameCount === frameCount) return hit.spans;
  const spans = lifespans(track, frameCount);
  spanCache.set(track, { frameCount, spans });
  return spans;
}

/** A track's tracked spans, kept with the record as its lifespans are. */
const trackedCache = new WeakMap<Track, TrackedSpan[]>();

export function cachedTrackedSpans(track: Track): TrackedSpan[] {
  let spans = trackedCache.get(track);
  if (!spans) trackedCache.set(track, (spans = trackedSpans(track)));
  return spans;
}

const colorsOf = (labels: readonly Label[]) => new Map(labels.map((l) => [l.id, l.color]));

export function eventBars(events: Iterable<AnnotationEvent>, labels: readonly Label[]): EventBar[] {
  const colors = colorsOf(labels);
  return [...events]
    .map((e) => ({
      start: e.startFrame,
      end: e.endFrame,
      text: e.description,
      color: (e.labelId && colors.get(e.labelId)) || NO_LABEL_COLOR,
    }))
    .sort((a, b) => a.start - b.start);
}

export function selectedRow(
  track: Track | null,
  labels: readonly Label[],
  frameCount: number,
): SelectedRow | null {
  if (!track) return null;
  return {
    spans: cachedLifespans(track, frameCount),
    keyframes: track.keyframes,
    tracked: cachedTrackedSpans(track),
    color: colorsOf(labels).get(track.labelId) ?? NO_LABEL_COLOR,
  };
}

export interface Lanes {
  readonly objects: LaneObject[];
  /** Per lane, the titles of the objects in it along the view ("officer #2"). */
  readonly titles: string[][];
  readonly laneCount: number;
  /** Objects on show in the view that did not fit in the lanes. */
  readonly overflow: number;
}

/**
 * Every object in view in the visible range, packed into at most MAX_LANES lanes by the part
 * of its life that is on show (so zooming in makes room), a few pixels apart.
 */
export function laneObjects(
  tracks: Iterable<Track>,
  labels: readonly Label[],
  frameCount: number,
  view: ViewRange,
  width: number,
  hidden: ReadonlySet<TrackId>,
  selectedId: TrackId | null,
): Lanes {
  const colors = colorsOf(labels);
  const candidates: { track: Track; spans: Span[] }[] = [];
  const items: LaneItem[] = [];
  for (const track of tracks) {
    const spans = cachedLifespans(track, frameCount);
    const shown = spans.filter((s) => s.end >= view.first && s.start <= view.last);
    if (shown.length === 0) continue;
    candidates.push({ track, spans: shown });
    items.push({
      key: track.id,
      start: Math.max(view.first, shown[0]!.start),
      end: Math.min(view.last, shown.at(-1)!.end),
    });
  }
  const gap = Math.ceil(3 / Math.max(pixelsPerFrame(view, width), 1e-6));
  const packing = packLanes(items, MAX_LANES, gap);
  const titleOf = (i: number) => trackTitle(labels, candidates[i]!.track);
  const objects: LaneObject[] = [];
  candidates.forEach(({ track, spans }, i) => {
    const lane = packing.lanes[i]!;
    if (lane < 0) return;
    objects.push({
      spans,
      tracked: cachedTrackedSpans(track),
      lane,
      title: titleOf(i),
      color: colors.get(track.labelId) ?? NO_LABEL_COLOR,
      dim: hidden.has(track.id),
      selected: track.id === selectedId,
    });
  });
  const titles = laneMembers(items, packing).map((lane) => lane.map(titleOf));
  return { objects, titles, laneCount: packing.laneCount, overflow: packing.overflow };
}
