import { describe, expect, it } from 'vitest';
import {
  mappingVariance,
  plausibleClockFits,
  weightedLine,
  weightedOffset,
  type LineFit,
  type Observation,
} from './fit-maths';

const obs = (x: number, y: number, sd = 0.01, parent = 0, t = y): Observation => ({
  index: 0,
  id: `${x}`,
  x,
  y,
  parent,
  t,
  frameVariance: sd * sd,
  variance: sd * sd,
  tolerance: Math.max(3 * sd, 0.04),
});
const NONE = new Map<number, LineFit>();

describe('weightedLine', () => {
  it('fits y = rate x + offset with the textbook standard errors', () => {
    const points = [0, 10, 20].map((x) => obs(x, 1.001 * x + 0.5, 0.01));
    const line = weightedLine(points, NONE)!;
    expect(line.rate).toBeCloseTo(1.001, 12);
    expect(line.offset).toBeCloseTo(0.5, 12);
    // Equal sd σ: var(rate) = σ² / Σ(x − x̄)² = 1e-4 / 200; var(offset) = σ²/n + x̄² var(rate).
    expect(line.varRate).toBeCloseTo(1e-4 / 200, 15);
    expect(line.varOffset).toBeCloseTo(1e-4 / 3 + 100 * (1e-4 / 200), 15);
    expect(line.covRateOffset).toBeCloseTo(-10 * (1e-4 / 200), 15);
  });

  it('scales the frame part up when the anchors scatter more than their frames allow', () => {
    const tight = weightedLine(
      [0, 10, 20].map((x) => obs(x, x, 0.001)),
      NONE,
    )!;
    const scattered = weightedLine(
      [obs(0, 0, 0.001), obs(10, 10.05, 0.001), obs(20, 20, 0.001)],
      NONE,
    )!;
    expect(scattered.varRate).toBeGreaterThan(100 * tight.varRate);
  });

  it('is null when every anchor is on one instant of the video', () => {
    expect(weightedLine([obs(5, 1), obs(5, 2)], NONE)).toBeNull();
  });

  it("adds the placed video's own uncertainty, which averaging does not reduce", () => {
    const parent: LineFit = {
      rate: 1,
      offset: 2,
      varRate: 0,
      varOffset: 0.02 ** 2,
      covRateOffset: 0,
      chi2: 0,
    };
    const parents = new Map([[7, parent]]);
    const many = [1, 2, 3, 4, 5, 6, 7, 8].map((x) => obs(x, x + 2, 0.001, 7, x));
    const line = weightedOffset(many, parents);
    // 8 anchors shrink the frame part to 0.001²/8, but the parent's 20 ms stays whole.
    expect(Math.sqrt(line.varOffset)).toBeCloseTo(Math.sqrt(0.02 ** 2 + 0.001 ** 2 / 8), 9);
    expect(mappingVariance(parent, 100)).toBeCloseTo(0.02 ** 2, 12);
  });
});

describe('weightedOffset', () => {
  it('averages the offsets with weights 1 / variance and holds the rate at 1', () => {
    const line = weightedOffset([obs(0, 1.0, 0.01), obs(5, 6.1, 0.02)], NONE);
    // Weights 4 : 1 on offsets 1.0 and 1.1.
    expect(line.offset).toBeCloseTo(1.02, 12);
    expect(line.rate).toBe(1);
    expect(line.varRate).toBe(0);
  });
});

describe('plausibleClockFits', () => {
  it('accepts anchors a clock within 2 % fits, within their tolerance', () => {
    expect(plausibleClockFits([obs(0, 0), obs(10, 10.15)])).toBe(true); // 1.5 %
    expect(plausibleClockFits([obs(0, 0), obs(0.5, 0.56)])).toBe(true); // close: ±40 ms each
    expect(plausibleClockFits([obs(3, 4)])).toBe(true);
  });

  it('refuses anchors that need a clock off by more, or running backwards', () => {
    expect(plausibleClockFits([obs(0, 0), obs(10, 11.2)])).toBe(false); // 12 %
    expect(plausibleClockFits([obs(0, 5), obs(10, 0)])).toBe(false);
    expect(plausibleClockFits([obs(0, 0), obs(10, 10), obs(20, 21)])).toBe(false);
  });
});
