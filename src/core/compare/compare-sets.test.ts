import { describe, expect, it } from 'vitest';
import type { EventId, LabelId, TrackId } from '../ids';
import { DEFAULT_LABELS, type AnnotationEvent, type Shape, type Track } from '../annotations/model';
import { TEST_CASE, TEST_NOW, TEST_SET, box, key, trackOf } from '../test-support';
import { compareSets, type ComparedSet } from './compare-sets';

const vehicle = 'label_vehicle' as LabelId;
const officer = 'label_officer' as LabelId;

/** A track at `shape` from `first` to `last`, outside after. */
function track(id: string, first: number, last: number, shape: Shape, labelId = vehicle): Track {
  return {
    ...trackOf(key(first, shape), key(last + 1, shape, { outside: true })),
    id: id as TrackId,
    labelId,
  };
}

function event(id: string, startFrame: number, endFrame: number): AnnotationEvent {
  return {
    id: id as EventId,
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    labelId: vehicle,
    startFrame,
    startPts: null,
    endFrame,
    endPts: null,
    description: '',
    createdAt: TEST_NOW,
    modifiedAt: TEST_NOW,
  } as AnnotationEvent;
}

const setOf = (tracks: Track[], events: AnnotationEvent[] = []): ComparedSet => ({
  tracks,
  events,
  labels: DEFAULT_LABELS,
});

describe('compareSets', () => {
  it('scores identical sets 1 on every measure, with no difference', () => {
    const set = setOf(
      [track('a', 0, 9, box(0, 0, 10, 10)), track('b', 0, 9, box(50, 0, 10, 10))],
      [event('e', 2, 6)],
    );
    const r = compareSets(set, set);
    expect(r.framesCompared).toEqual({ first: 0, last: 10 });
    const scores = [r.precision, r.recall, r.mota, r.motp, r.idf1, r.hota, r.detA, r.assA];
    expect(scores).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect([r.eventKappa, r.timeKappa]).toEqual([1, 1]);
    expect(r.differences).toEqual([]);
    expect(r.labelConfusion.labels).toEqual(['vehicle']);
    expect(r.labelConfusion.counts).toEqual([[20]]);
  });

  it('compares two empty sets: nothing matched, kappas 1 by convention', () => {
    const r = compareSets(setOf([]), setOf([]));
    expect(r.framesCompared).toBeNull();
    expect([r.tp, r.fn, r.fp, r.mota, r.hota, r.idf1]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([r.eventKappa, r.timeKappa]).toEqual([1, 1]);
  });

  it('names a missing and an extra object as runs of frames when nothing overlaps', () => {
    const r = compareSets(
      setOf([track('a', 0, 4, box(0, 0, 10, 10))]),
      setOf([track('x', 0, 4, box(100, 0, 10, 10))]),
    );
    expect([r.precision, r.recall, r.hota]).toEqual([0, 0, 0]);
    expect(r.mota).toBe(-1);
    expect(
      r.differences.map((d) => [d.kind, d.frame, d.endFrame, d.referenceId, d.comparedId]),
    ).toEqual([
      ['extra', 0, 4, null, 'x'],
      ['missing', 0, 4, 'a', null],
    ]);
  });

  it('finds one identity switch with the frame and both tracks', () => {
    const r = compareSets(
      setOf([track('a', 0, 9, box(0, 0, 10, 10))]),
      setOf([track('x', 0, 4, box(0, 0, 10, 10)), track('y', 5, 9, box(0, 0, 10, 10))]),
      { frames: { first: 0, last: 9 } },
    );
    expect([r.tp, r.idSwitches]).toEqual([10, 1]);
    expect(r.mota).toBeCloseTo(0.9, 12);
    expect(r.idf1).toBeCloseTo(0.5, 12); // 5 / (5 + ½·5 + ½·5)
    expect(r.hota).toBeCloseTo(Math.SQRT1_2, 12);
    const sw = r.differences.filter((d) => d.kind === 'identity-switch');
    expect(sw).toEqual([
      {
        frame: 5,
        endFrame: 5,
        kind: 'identity-switch',
        referenceId: 'a',
        comparedId: 'y',
        details: 'was matched to x before',
      },
    ]);
  });

  it('matches by geometry, then reports a label that differs', () => {
    const r = compareSets(
      setOf([track('a', 0, 2, box(0, 0, 10, 10), vehicle)]),
      setOf([track('x', 0, 2, box(0, 0, 10, 10), officer)]),
      { frames: { first: 0, last: 2 } },
    );
    expect(r.precision).toBe(1);
    expect(r.differences.map((d) => [d.kind, d.frame, d.endFrame, d.details])).toEqual([
      ['wrong-label', 0, 2, 'reference says vehicle, compared says officer'],
    ]);
    expect(r.labelConfusion.labels).toEqual(['officer', 'vehicle']);
    expect(r.labelConfusion.counts).toEqual([
      [0, 0],
      [3, 0],
    ]);
  });

  it('says low overlap where boxes meet at 0.3 but not at the threshold', () => {
    // IoU of (0,0,10,10) and (4,0,10,10): 60 / 140 ≈ 0.43.
    const r = compareSets(
      setOf([track('a', 0, 1, box(0, 0, 10, 10))]),
      setOf([track('x', 0, 1, box(4, 0, 10, 10))]),
      { frames: { first: 0, last: 1 }, fps: 25 },
    );
    expect([r.tp, r.fn, r.fp]).toEqual([0, 2, 2]);
    expect(r.differences.map((d) => [d.kind, d.frame, d.endFrame, d.details])).toEqual([
      ['low-overlap', 0, 1, 'IoU 0.43, matching needs 0.5'],
    ]);
    // Every choice is echoed with the result.
    expect(r.options).toEqual({
      iouThreshold: 0.5,
      lowOverlap: 0.3,
      pointTolerancePx: 10,
      eventIouThreshold: 0.5,
      eventToleranceFrames: 5,
      frames: { first: 0, last: 1 },
      fps: 25,
    });
  });

  it('lists an event marked late or early, and whether it is within the tolerance', () => {
    const reference = setOf([], [event('r1', 10, 30), event('r2', 50, 60)]);
    const compared = setOf([], [event('c1', 13, 30), event('c2', 49, 62)]);
    const result = compareSets(reference, compared, { eventToleranceFrames: 2, fps: 25 });
    const timing = result.differences.filter((d) => d.kind.startsWith('event-'));
    expect(timing.map((d) => [d.kind, d.frame, d.referenceId, d.comparedId])).toEqual([
      ['event-late', 10, 'r1', 'c1'],
      ['event-early', 50, 'r2', 'c2'],
    ]);
    expect(timing[0]!.details).toBe(
      'vehicle starts 3 frames (0.120 s) late; ends on the same frame',
    );
    expect(timing[1]!.details).toBe(
      'vehicle starts 1 frame (0.040 s) early, within the ±2 tolerance; ends 2 frames late',
    );
  });

  it('compares 50 tracks over 1000 frames well within 2 s', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const reference: Track[] = [];
    const compared: Track[] = [];
    for (let i = 0; i < 50; i++) {
      const [x, y] = [random() * 1800, random() * 1000];
      const keys = (dx: number) =>
        Array.from({ length: 11 }, (_, k) => key(k * 100, box(x + k * 3 + dx, y + k * 2, 60, 120)));
      reference.push({ ...trackOf(...keys(0)), id: `r${i}` as TrackId });
      compared.push({ ...trackOf(...keys(random() * 8)), id: `c${i}` as TrackId });
    }
    const start = performance.now();
    const r = compareSets(setOf(reference), setOf(compared), { frames: { first: 0, last: 999 } });
    const ms = performance.now() - start;
    expect(r.tp + r.fn).toBe(50_000);
    expect(r.recall).toBeGreaterThan(0.9);
    expect(ms).toBeLessThan(2000);
  });
});
