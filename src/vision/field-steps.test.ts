import { describe, expect, it } from 'vitest';
import { firstFieldOf, stepField } from './field-steps';

describe('stepping by field', () => {
  it('knows the first field from ffprobe’s field order', () => {
    expect(firstFieldOf('tt')).toBe('top');
    expect(firstFieldOf('tb')).toBe('top');
    expect(firstFieldOf('bb')).toBe('bottom');
    expect(firstFieldOf('bt')).toBe('bottom');
    expect(firstFieldOf('progressive')).toBeNull();
    expect(firstFieldOf('')).toBeNull();
  });

  it('goes through the fields in the order they were filmed, top field first', () => {
    const walk = [{ frame: 4, field: 'top' as const }];
    for (let i = 0; i < 4; i++) walk.push(stepField(walk[i]!, 1, 'top', 10) as (typeof walk)[0]);
    expect(walk).toEqual([
      { frame: 4, field: 'top' },
      { frame: 4, field: 'bottom' },
      { frame: 5, field: 'top' },
      { frame: 5, field: 'bottom' },
      { frame: 6, field: 'top' },
    ]);
    expect(stepField({ frame: 5, field: 'top' }, -1, 'top', 10)).toEqual({
      frame: 4,
      field: 'bottom',
    });
  });

  it('bottom field first: the bottom field of a frame comes before its top field', () => {
    expect(stepField({ frame: 2, field: 'bottom' }, 1, 'bottom', 10)).toEqual({
      frame: 2,
      field: 'top',
    });
    expect(stepField({ frame: 2, field: 'top' }, 1, 'bottom', 10)).toEqual({
      frame: 3,
      field: 'bottom',
    });
  });

  it('stays put at the ends of the video', () => {
    expect(stepField({ frame: 0, field: 'top' }, -1, 'top', 3)).toEqual({ frame: 0, field: 'top' });
    expect(stepField({ frame: 2, field: 'bottom' }, 1, 'top', 3)).toEqual({
      frame: 2,
      field: 'bottom',
    });
  });
});
