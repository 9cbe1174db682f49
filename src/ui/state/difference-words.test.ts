import { describe, expect, it } from 'vitest';
import type { ComparedSet, Difference } from '../../core/compare/compare-sets';
import type { AnnotationEvent, Label, Track } from '../../core/annotations/model';
import type { EventId, LabelId, TrackId } from '../../core/ids';
import { differenceWords } from './difference-words';

const labels = [{ id: 'v' as LabelId, name: 'vehicle', color: '#f00' }] as unknown as Label[];
const track = (id: string, number: number) =>
  ({ id: id as TrackId, number, labelId: 'v', keyframes: [] }) as unknown as Track;
const event = { id: 'e1' as EventId, description: 'car reverses' } as unknown as AnnotationEvent;
const reference: ComparedSet = { tracks: [track('r1', 1)], events: [event], labels };
const compared: ComparedSet = { tracks: [track('c1', 3)], events: [], labels };
const difference = (d: Partial<Difference>): Difference => ({
  frame: 10,
  endFrame: 10,
  kind: 'missing',
  referenceId: null,
  comparedId: null,
  details: '',
  ...d,
});

describe('differenceWords', () => {
  it('names the frames, the kind and both objects', () => {
    expect(
      differenceWords(
        difference({
          kind: 'low-overlap',
          endFrame: 14,
          referenceId: 'r1' as TrackId,
          comparedId: 'c1' as TrackId,
          details: 'IoU 0.41',
        }),
        reference,
        compared,
      ),
    ).toBe('frames 10–14: low overlap · R vehicle #1 ↔ C vehicle #3 (IoU 0.41)');
    expect(differenceWords(difference({ referenceId: 'r1' as TrackId }), reference, compared)).toBe(
      'frame 10: missing · R vehicle #1',
    );
    expect(
      differenceWords(
        difference({ kind: 'missing-event', referenceId: 'e1' as EventId }),
        reference,
        compared,
      ),
    ).toBe('frame 10: event missing · R event “car reverses”');
  });
});
