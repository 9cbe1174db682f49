import { describe, expect, it } from 'vitest';
import {
  NOTHING,
  cohenKappa,
  eventAgreement,
  temporalIoU,
  type TimedEvent,
} from './event-agreement';

const ev = (id: string, startFrame: number, endFrame: number, label = 'A'): TimedEvent => ({
  id,
  startFrame,
  endFrame,
  label,
});
const opts = (toleranceFrames = 0, fps: number | null = null) => ({
  iouThreshold: 0.5,
  toleranceFrames,
  fps,
  first: 0,
  last: 29,
});

describe('Cohen’s kappa', () => {
  it('gives 0.4 on the 2 × 2 worked example (20, 5 / 10, 15)', () => {
    // Wikipedia's "Cohen's kappa" example, by hand: po = 35/50 = 0.7; rows 25, 25; columns
    // 30, 20; pe = (25·30 + 25·20) / 50² = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    expect(
      cohenKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 12);
  });

  it('is 1 on an empty table and on a table all on the diagonal', () => {
    expect(cohenKappa([])).toBe(1);
    expect(cohenKappa([[0]])).toBe(1);
    expect(cohenKappa([[7]])).toBe(1); // pe = 1 too: agreement, by convention
  });

  it('is 0 at chance level', () => {
    expect(
      cohenKappa([
        [25, 25],
        [25, 25],
      ]),
    ).toBe(0);
  });
});

describe('event agreement', () => {
  it('temporal IoU counts frames inclusively', () => {
    expect(temporalIoU(ev('r', 10, 29), ev('c', 12, 30))).toBeCloseTo(18 / 21, 12);
    expect(temporalIoU(ev('r', 0, 9), ev('c', 10, 19))).toBe(0);
  });

  it('scores identical sets 1, with no timing error', () => {
    const set = [ev('1', 0, 9), ev('2', 15, 20, 'B')];
    const r = eventAgreement(set, set, opts());
    expect([r.eventKappa, r.timeKappa]).toEqual([1, 1]);
    expect([r.meanAbsOnsetFrames, r.meanAbsOffsetFrames]).toEqual([0, 0]);
  });

  it('scores two empty sets 1 (nothing to disagree on)', () => {
    const r = eventAgreement([], [], opts());
    expect([r.eventKappa, r.timeKappa]).toEqual([1, 1]);
    expect(r.meanAbsOnsetFrames).toBeNull();
  });

  it('gives onset and offset errors in frames and seconds', () => {
    const r = eventAgreement([ev('r', 10, 29)], [ev('c', 12, 30)], opts(0, 25));
    expect(r.pairs).toHaveLength(1);
    const p = r.pairs[0]!;
    expect([p.onsetFrames, p.offsetFrames]).toEqual([2, 1]);
    expect(p.onsetSeconds).toBeCloseTo(0.08, 12);
    expect(p.offsetSeconds).toBeCloseTo(0.04, 12);
  });

  it('is below 0 when the sets never agree', () => {
    // Event table: (A, ∅) 1, (∅, A) 1: po 0, pe 0.5, κ = −1. Time table over 30 frames:
    // (A, ∅) 10, (∅, ∅) 10, (∅, A) 10: po 1/3, pe = (1/3)² + (2/3)² = 5/9, κ = −0.5.
    const r = eventAgreement([ev('r', 0, 9)], [ev('c', 20, 29)], opts());
    expect(r.eventKappa).toBeCloseTo(-1, 12);
    expect(r.timeKappa).toBeCloseTo(-0.5, 12);
    expect(r.eventTable.categories).toEqual(['A', NOTHING]);
  });

  it('applies the tolerance on onsets (events) and on each frame (time)', () => {
    const ref = [ev('r', 10, 19)];
    const cmp = [ev('c', 12, 21)];
    // No tolerance: onsets 2 apart, so both events count against nothing: κ = −1. Time:
    // (A, ∅) 2, (A, A) 8, (∅, A) 2, (∅, ∅) 18: po 26/30, pe 5/9, κ = (26/30 − 5/9)/(4/9) = 0.7.
    const strict = eventAgreement(ref, cmp, opts(0));
    expect(strict.eventKappa).toBeCloseTo(-1, 12);
    expect(strict.timeKappa).toBeCloseTo(0.7, 12);
    // ±2 frames: the onsets agree; frames 10–11 find A at 12, frames 20–21 find ∅ at 22–23.
    const tolerant = eventAgreement(ref, cmp, opts(2));
    expect([tolerant.eventKappa, tolerant.timeKappa]).toEqual([1, 1]);
  });

  it('pairs events whatever their label and says where labels differ', () => {
    const r = eventAgreement([ev('r', 0, 9, 'A')], [ev('c', 0, 9, 'B')], opts());
    expect(r.pairs).toHaveLength(1);
    expect(r.eventTable.categories).toEqual(['A', 'B', NOTHING]);
    expect(r.eventTable.counts[0]).toEqual([0, 1, 0]);
    expect(r.eventKappa).toBeLessThanOrEqual(0);
  });
});
