import { describe, expect, it } from 'vitest';
import {
  firstSetIdOf,
  historyIntoFirstSet,
  isReadOnly,
  isSetStatus,
  latestSet,
  newAnnotationSet,
  setTitle,
} from './annotation-sets';
import { deepFreeze, TEST_CASE, TEST_SET, withoutSetId } from '../test-support';
import { drawTrack } from '../test-support';
import { emptyDocument } from './history';
import { DEFAULT_LABELS } from './model';

describe('annotation sets', () => {
  it('numbers a new set after those there, in progress, by the examiner named', () => {
    const set = newAnnotationSet({
      caseId: TEST_CASE.id,
      evidenceSha256: TEST_CASE.evidenceSha256,
      annotator: 'B. Reviewer',
      existing: [TEST_SET],
      now: '2026-03-01T00:00:00.000Z',
    });
    expect(set).toEqual({
      id: set.id,
      caseId: TEST_CASE.id,
      evidenceSha256: TEST_CASE.evidenceSha256,
      name: 'Set 2',
      annotator: 'B. Reviewer',
      status: 'in progress',
      createdAt: '2026-03-01T00:00:00.000Z',
      modifiedAt: '2026-03-01T00:00:00.000Z',
    });
    expect(set.id).toMatch(/^set_[0-9a-f-]{36}$/);
  });

  it('opens the set changed last, and only a final set is read-only', () => {
    const older = { ...TEST_SET, modifiedAt: '2026-01-01T00:00:00.000Z' };
    const newer = {
      ...TEST_SET,
      id: 'set_b' as typeof TEST_SET.id,
      modifiedAt: '2026-02-01T00:00:00.000Z',
    };
    expect(latestSet([older, newer])).toBe(newer);
    expect(latestSet([])).toBeUndefined();
    expect(isReadOnly({ ...TEST_SET, status: 'final' })).toBe(true);
    expect(isReadOnly({ ...TEST_SET, status: 'for review' })).toBe(false);
    expect(isReadOnly(null)).toBe(false);
    expect(isSetStatus('final')).toBe(true);
    expect(isSetStatus('done')).toBe(false);
  });

  it('titles a set with its annotator and status; upgrades name the first set after the case', () => {
    expect(setTitle(TEST_SET)).toBe('Set 1 · Test Examiner · in progress');
    expect(setTitle({ ...TEST_SET, annotator: '' })).toBe(
      'Set 1 · no annotator named · in progress',
    );
    expect(firstSetIdOf('case_1234')).toBe('set_1234');
    expect(firstSetIdOf(TEST_CASE.id)).toBe(TEST_SET.id);
  });
});

describe('historyIntoFirstSet', () => {
  it('puts the records inside undo steps into the first set, leaving its input alone', () => {
    const step = drawTrack(emptyDocument(DEFAULT_LABELS), 3);
    const bare = {
      ...step,
      changes: step.changes.map((c) => ({ ...c, after: withoutSetId(c.after as object) })),
    };
    const labels = { kind: 'labels', before: DEFAULT_LABELS, after: [] };
    const history = deepFreeze({
      past: [bare, { name: 'edit labels', changes: [labels] }],
      future: [],
    });
    const before = structuredClone(history);
    const upgraded = historyIntoFirstSet(history);
    expect(upgraded.past[0]).toEqual(step);
    // A label-set change holds lists, not records: left as it is.
    expect(upgraded.past[1]).toEqual(history.past[1]);
    expect(history).toEqual(before);
  });
});
