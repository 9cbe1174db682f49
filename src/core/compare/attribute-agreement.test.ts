import { describe, expect, it } from 'vitest';
import type { TrackId } from '../ids';
import { DEFAULT_LABELS, type Track } from '../annotations/model';
import { box, key, trackOf } from '../test-support';
import { compareSets, type ComparedSet } from './compare-sets';

/** A vehicle over frames 0–9, its plate and, from frame `from`, its motion. */
function vehicle(id: string, plate: string, motion: string, from: number): Track {
  const shape = box(0, 0, 40, 30);
  return {
    ...trackOf(
      key(0, shape),
      key(from, shape, { attributes: { attr_vehicle_motion: motion } }),
      key(10, shape, { outside: true }),
    ),
    id: id as TrackId,
    attributes: { attr_vehicle_plate: plate },
  };
}
const setOf = (...tracks: Track[]): ComparedSet => ({ tracks, events: [], labels: DEFAULT_LABELS });

describe('attribute agreement', () => {
  it('counts, per attribute name, the matched frames where both sets agree', () => {
    const reference = setOf(vehicle('r', 'AB 123', 'reversing', 5));
    const compared = setOf(vehicle('c', 'AB 128', 'reversing', 8));
    const { attributes } = compareSets(reference, compared);
    const byName = Object.fromEntries(attributes.map((a) => [a.name, a]));
    // Matched on frames 0–9 (both are outside from frame 10).
    expect(byName['plate']).toEqual({ name: 'plate', compared: 10, agreed: 0, rate: 0 });
    // motion: both "unknown" on 0–4, reference "reversing" from 5, compared only from 8.
    expect(byName['motion']).toEqual({ name: 'motion', compared: 10, agreed: 7, rate: 0.7 });
    expect(byName['make, model, colour']?.rate).toBe(1);
  });

  it('is empty when nothing is matched', () => {
    expect(compareSets(setOf(), setOf()).attributes).toEqual([]);
  });
});
