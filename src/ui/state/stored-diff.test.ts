import { describe, expect, it } from 'vitest';
import { applyCommand, emptyDocument } from '../../core/annotations/history';
import { DEFAULT_LABELS, type Measurement, type Track } from '../../core/annotations/model';
import { measurementOf } from '../../core/measure/measure-test-support';
import { drawTrack, TEST_CASE, TEST_SET } from '../../core/test-support';
import { changedRecords } from './stored-diff';

describe('stored-diff', () => {
  const doc = applyCommand(emptyDocument(DEFAULT_LABELS), drawTrack(emptyDocument(), 3));
  const track = [...doc.tracks.values()][0]!;
  const stored = (tracks: Track[], labels = DEFAULT_LABELS, measurements: Measurement[] = []) => ({
    tracks,
    events: [],
    notes: [],
    calibrations: [],
    measurements,
    caseRecord: { ...TEST_CASE, labels },
    sets: [TEST_SET],
    auditSeq: 0,
  });

  it('counts records added, removed, modified, and a changed label set', () => {
    expect(changedRecords(doc, stored([track]))).toBe(0);
    const newer = { ...track, modifiedAt: '2027-01-01T00:00:00.000Z' };
    expect(changedRecords(doc, stored([newer]))).toBe(1);
    expect(changedRecords(doc, stored([]))).toBe(1);
    const other = { ...track, id: 'track_other' as Track['id'] };
    expect(changedRecords(doc, stored([track, other]))).toBe(1);
    expect(changedRecords(doc, stored([track], DEFAULT_LABELS.slice(1)))).toBe(1);
  });

  it('counts a measurement another tab added', () => {
    const measured = stored([track], DEFAULT_LABELS, [measurementOf({ kind: 'distance' })]);
    expect(changedRecords(doc, measured)).toBe(1);
  });
});
