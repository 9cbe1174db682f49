import { describe, expect, it } from 'vitest';
import type { LabelId, TrackId } from '../../core/ids';
import { DEFAULT_LABELS } from '../../core/annotations/model';
import { box, key, trackOf } from '../../core/test-support';
import { laneObjects } from './timeline-scene';

const shape = box(0, 0, 10, 10);
/** A track of `label` numbered `number`, in view from `start`, left the view at `end`. */
const track = (number: number, label: string, start: number, end: number) => ({
  ...trackOf(key(start, shape), key(end, shape, { outside: true })),
  id: `track_${number}` as TrackId,
  number,
  labelId: `label_${label}` as LabelId,
});

describe('laneObjects', () => {
  it('names each lane by the titles of the objects in it, in order along the view', () => {
    const tracks = [
      track(1, 'officer', 0, 40),
      track(2, 'vehicle', 10, 90),
      track(3, 'officer', 50, 99),
    ];
    const lanes = laneObjects(
      tracks,
      DEFAULT_LABELS,
      100,
      { first: 0, last: 99 },
      1000,
      new Set(),
      null,
    );
    expect(lanes.laneCount).toBe(2);
    expect(lanes.titles).toEqual([['officer #1', 'officer #3'], ['vehicle #2']]);
    expect(lanes.objects.map((o) => [o.title, o.lane])).toEqual([
      ['officer #1', 0],
      ['vehicle #2', 1],
      ['officer #3', 0],
    ]);
  });

  it('names only what is in view', () => {
    const tracks = [track(1, 'officer', 0, 40), track(2, 'vehicle', 60, 90)];
    const lanes = laneObjects(
      tracks,
      DEFAULT_LABELS,
      100,
      { first: 50, last: 99 },
      500,
      new Set(),
      null,
    );
    expect(lanes.titles).toEqual([['vehicle #2']]);
  });
});
