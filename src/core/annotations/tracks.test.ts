import { describe, expect, it } from 'vitest';
import { frameIndex, type LabelId, type TrackId } from '../ids';
import { DEFAULT_LABELS, type Keyframe, type Track } from './model';
import { box, key, trackOf } from '../test-support';
import { labelOf, nextTrackNumber, resolveAt, trackTitle, visibleAt } from './tracks';

const f = frameIndex;

const numbered = (number: number, label: string, ...keyframes: Keyframe[]): Track => ({
  ...trackOf(...keyframes),
  id: `track_${number}` as TrackId,
  number,
  labelId: label as LabelId,
});

describe('resolveAt', () => {
  const t = trackOf(
    key(0, box(0, 0, 10, 10), { occluded: true }),
    key(1, box(0, 0, 10, 10), { origin: 'propagated' }),
    key(5, box(40, 0, 10, 10)),
  );

  it('says whether a person drew the shape on this very frame', () => {
    expect(resolveAt(t, f(0))).toMatchObject({ source: 'drawn', drawn: true, occluded: true });
    expect(resolveAt(t, f(1))).toMatchObject({ source: 'propagated', drawn: false });
    expect(resolveAt(t, f(3))).toMatchObject({
      source: 'interpolated',
      drawn: false,
      shape: box(20, 0, 10, 10),
    });
    expect(resolveAt(t, f(5))).toMatchObject({ source: 'drawn', drawn: true });
    expect(resolveAt(t, f(6))).toMatchObject({ source: 'held', drawn: false });
  });

  it('names the track and the keyframe it starts from; null where hidden', () => {
    const resolved = resolveAt(t, f(3))!;
    expect(resolved.track).toBe(t);
    expect(resolved.keyframe).toBe(t.keyframes[1]);
    const hidden = trackOf(key(2, box(0, 0, 1, 1)), key(4, box(0, 0, 1, 1), { outside: true }));
    expect(resolveAt(hidden, f(1))).toBeNull();
    expect(resolveAt(hidden, f(4))).toBeNull();
  });
});

describe('visibleAt', () => {
  const tracks = [
    numbered(3, 'label_vehicle', key(0, box(0, 0, 1, 1))),
    numbered(1, 'label_officer', key(5, box(0, 0, 1, 1))),
    numbered(
      2,
      'label_officer',
      key(0, box(0, 0, 1, 1)),
      key(3, box(0, 0, 1, 1), { outside: true }),
    ),
    numbered(10, 'label_window_frame', key(2, box(0, 0, 1, 1))),
  ];

  it('lists the tracks shown on a frame, in number order', () => {
    const numbersAt = (frame: number) => visibleAt(tracks, f(frame)).map((r) => r.track.number);
    expect(numbersAt(0)).toEqual([2, 3]);
    expect(numbersAt(2)).toEqual([2, 3, 10]);
    expect(numbersAt(3)).toEqual([3, 10]);
    expect(numbersAt(5)).toEqual([1, 3, 10]);
    expect(visibleAt([], f(0))).toEqual([]);
  });

  it('takes any iterable, e.g. a Map’s values', () => {
    const map = new Map(tracks.map((t) => [t.id, t]));
    expect(visibleAt(map.values(), f(5)).map((r) => r.track.id)).toEqual([
      'track_1',
      'track_3',
      'track_10',
    ]);
  });
});

describe('numbering and titles', () => {
  it('numbers one past the highest number', () => {
    expect(nextTrackNumber([])).toBe(1);
    expect(nextTrackNumber([numbered(4, 'label_vehicle'), numbered(2, 'label_vehicle')])).toBe(5);
  });

  it('titles a track by its label name and number', () => {
    expect(trackTitle(DEFAULT_LABELS, numbered(2, 'label_officer'))).toBe('officer #2');
    expect(trackTitle(DEFAULT_LABELS, numbered(7, 'label_window_frame'))).toBe('window frame #7');
    expect(trackTitle(DEFAULT_LABELS, numbered(3, 'label_gone'))).toBe('unlabelled #3');
    expect(labelOf(DEFAULT_LABELS, numbered(1, 'label_vehicle'))).toBe(DEFAULT_LABELS[1]);
    expect(labelOf(DEFAULT_LABELS, numbered(1, 'label_gone'))).toBeUndefined();
  });
});
