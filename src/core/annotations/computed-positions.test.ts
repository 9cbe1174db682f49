import { describe, expect, it } from 'vitest';
import { computedPositionsAt, computedStatement, computedSummary } from './computed-positions';
import { frameIndex, type LabelId, type TrackId } from '../ids';
import { DEFAULT_LABELS, type Track } from './model';
import { box, key, trackOf } from '../test-support';

const f = frameIndex;
const named = (track: Track, id: string, number: number, label: string): Track => ({
  ...track,
  id: id as TrackId,
  number,
  labelId: label as LabelId,
});
/** vehicle #1: keyframes on 0 and 30, held after 30. officer #2: drawn on 0, 20 and 40. */
const car = named(
  trackOf(key(0, box(0, 0, 50, 30)), key(30, box(300, 0, 50, 30))),
  'track_car',
  1,
  'label_vehicle',
);
const officer = named(
  trackOf(
    key(0, box(0, 100, 20, 50)),
    key(20, box(40, 100, 20, 50)),
    key(40, box(80, 100, 20, 50)),
  ),
  'track_officer',
  2,
  'label_officer',
);

describe('computedPositionsAt', () => {
  it('tells held positions from interpolated ones, held first', () => {
    const positions = computedPositionsAt(DEFAULT_LABELS, [officer, car], f(35));
    expect(positions).toEqual([
      {
        trackId: 'track_car',
        title: 'vehicle #1',
        source: 'held',
        fromFrame: 30,
        towardFrame: null,
      },
      {
        trackId: 'track_officer',
        title: 'officer #2',
        source: 'interpolated',
        fromFrame: 20,
        towardFrame: 40,
      },
    ]);
  });

  it('leaves out what was drawn on this frame and what is not in view', () => {
    expect(computedPositionsAt(DEFAULT_LABELS, [officer, car], f(0))).toEqual([]);
    const gone = {
      ...car,
      keyframes: [...car.keyframes, key(32, box(0, 0, 1, 1), { outside: true })],
    };
    expect(computedPositionsAt(DEFAULT_LABELS, [gone], f(33))).toEqual([]);
  });
});

describe('computedStatement', () => {
  it('says nothing when every position was drawn here', () => {
    expect(computedStatement([])).toBeNull();
  });

  it('names each computed position and how it was computed', () => {
    const statement = computedStatement(computedPositionsAt(DEFAULT_LABELS, [officer, car], f(35)));
    expect(statement).toBe(
      'Computed, not observed on this frame: vehicle #1 held from frame 30 (its last keyframe carried on; the object may have moved); officer #2 interpolated between frames 20 and 40.',
    );
  });
});

describe('computedSummary', () => {
  it('says it in a few words for a list item', () => {
    const positions = computedPositionsAt(DEFAULT_LABELS, [officer, car], f(35));
    expect(computedSummary(positions)).toBe(
      'Computed, not observed: vehicle #1 held from 30; officer #2 interpolated',
    );
    expect(computedSummary([])).toBeNull();
  });
});
