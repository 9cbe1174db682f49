import { describe, expect, it } from 'vitest';
import type { TrackId } from '../ids';
import type { Keyframe, TrackingFacts } from '../annotations/model';
import { computeMeasurement } from './compute-measurement';
import { measurementOf, roadKeyframe, roadSources, roadTrack, span } from './measure-test-support';
import { trackedInputsText } from './tracked-inputs';

const VEHICLE = 'track_vehicle' as TrackId;

const tracked = (frame: number, facts: Partial<TrackingFacts> = {}): Keyframe =>
  roadKeyframe('vehicle', frame, {
    origin: 'tracked',
    tracking: {
      runId: 'run_1',
      confidence: 0.8,
      algorithm: 'NCC',
      confirmedBy: null,
      confirmedAt: null,
      ...facts,
    },
  });
const by = (name: string) => ({ confirmedBy: name, confirmedAt: '2026-01-02T00:00:00.000Z' });

describe('tracked positions in a measurement’s method', { timeout: 60_000 }, () => {
  it('counts the confirmed ones used, by whom, and the unconfirmed ones left out', () => {
    const track = roadTrack(
      'vehicle',
      [0, 40],
      [
        tracked(10, by('A. Examiner')),
        tracked(20, by('A. Examiner')),
        tracked(25, by('B. Reviewer')),
        tracked(30),
        tracked(35),
        tracked(45), // outside the range: neither used nor left out
      ],
    );
    expect(trackedInputsText([track], [0, 10, 20, 25, 40], 0, 40)).toBe(
      "It uses 3 tracked positions confirmed by A. Examiner and B. Reviewer; 2 tracked positions not confirmed were left out (the tracker's proposals, not observations).",
    );
    expect(trackedInputsText([track], [0, 40], 41, 44)).toBe('');
    expect(trackedInputsText([roadTrack('vehicle', [0, 40])], [0, 40], 0, 40)).toBe('');
  });

  it('says so in a speed’s method, which rests on the confirmed positions only', () => {
    const track = roadTrack(
      'vehicle',
      [0, 40],
      [tracked(10, by('A. Examiner')), tracked(20, by('A. Examiner')), tracked(30)],
    );
    const result = computeMeasurement(
      measurementOf({ kind: 'speed', trackIds: [VEHICLE], ...span(0, 40) }),
      roadSources([track]),
    );
    expect(result.frames).toEqual([0, 10, 20, 40]);
    expect(result.method).toContain(
      "It uses 2 tracked positions confirmed by A. Examiner; 1 tracked position not confirmed was left out (the tracker's proposals, not observations).",
    );
    const drawnOnly = computeMeasurement(
      measurementOf({ kind: 'speed', trackIds: [VEHICLE], ...span(0, 40) }),
      roadSources([roadTrack('vehicle', [0, 40])]),
    );
    expect(drawnOnly.method).not.toContain('tracked');
  });

  it('a distance on one frame: an unconfirmed tracked position there is left out, and said', () => {
    const track = roadTrack('vehicle', [0, 40], [tracked(20)]);
    const officer = roadTrack('officer', [20]);
    const text = trackedInputsText([track, officer], [20], 20, 20);
    expect(text).toBe(
      "1 tracked position not confirmed was left out (the tracker's proposals, not observations).",
    );
  });
});
