import { describe, expect, it } from 'vitest';
import type { TrackId } from '../ids';
import { DEFAULT_LABELS, type Track } from '../annotations/model';
import { box, key, trackOf } from '../test-support';
import { compareSets, type ComparedSet } from './compare-sets';
import { classTableCsv, classValue, sortClassRows, type ClassRow } from './class-table';

const track = (id: string, x: number, first = 0, last = 9): Track => ({
  ...trackOf(key(first, box(x, 10, 40, 30)), key(last + 1, box(x, 10, 40, 30), { outside: true })),
  id: id as TrackId,
});
const setOf = (...tracks: Track[]): ComparedSet => ({ tracks, events: [], labels: DEFAULT_LABELS });
const reference = setOf(track('r1', 0), track('r2', 100));
const row = (trainee: string, compared: ComparedSet): ClassRow => ({
  trainee,
  submittedAt: '2026-12-06T10:00:00Z',
  submissionSha256: 'ab'.repeat(32),
  result: compareSets(reference, compared),
});

describe('class table', () => {
  const perfect = row('Ada', setOf(track('a1', 0), track('a2', 100)));
  const missedOne = row('=HYPERLINK("x")', setOf(track('b1', 0)));
  const extraOne = row('Bo', setOf(track('c1', 0), track('c2', 100), track('c3', 200)));

  it('gives each trainee every score and the frames of each kind of difference', () => {
    expect(classValue(perfect, 'recall')).toBe(1);
    expect(classValue(missedOne, 'recall')).toBe(0.5);
    expect(classValue(missedOne, 'missing')).toBe(10);
    expect(classValue(extraOne, 'extra')).toBe(10);
    expect(classValue(extraOne, 'precision')).toBeCloseTo(2 / 3, 12);
    expect(classValue(perfect, 'meanOnsetFrames')).toBeNull();
  });

  it('sorts by any column, either way, stably', () => {
    const rows = [perfect, missedOne, extraOne];
    expect(sortClassRows(rows, 'recall', 'ascending').map((r) => r.trainee)).toEqual([
      '=HYPERLINK("x")',
      'Ada',
      'Bo',
    ]);
    expect(sortClassRows(rows, 'precision', 'descending').map((r) => r.trainee)[0]).toBe('Ada');
    expect(sortClassRows(rows, 'trainee', 'ascending').map((r) => r.trainee)).toEqual([
      '=HYPERLINK("x")',
      'Ada',
      'Bo',
    ]);
  });

  it('writes CSV with the thresholds on every row and names defused', () => {
    const csv = classTableCsv([perfect, missedOne]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'trainee,precision,recall,mota,idf1,hota,id_switches,event_kappa,time_kappa,missing_frames,extra_frames,low_overlap_frames,wrong_label_frames,mean_abs_onset_frames,submitted_at,submission_sha256,frames_compared,iou_threshold,low_overlap_from,event_iou_threshold,event_tolerance_frames',
    );
    expect(lines[1]).toMatch(
      /^Ada,1,1,1,1,1,0,1,1,0,0,0,0,,2026-12-06T10:00:00Z,(ab){32},0-10,0.5,0.3,0.5,5$/,
    );
    expect(lines[2]!.startsWith(`"'=HYPERLINK(""x"")",1,0.5,`)).toBe(true);
    expect(lines[3]).toBe('');
  });
});
