import { describe, expect, it } from 'vitest';
import { statusOf } from './audit-trail.svelte';

describe('the audit badge status', () => {
  const intact = { ok: true as const, count: 5, headHash: 'h4' };

  it('is intact when the chain verifies and ends where it was recorded to end', () => {
    expect(statusOf(intact, { seq: 4, hash: 'h4' })).toEqual({
      state: 'intact',
      count: 5,
      headHash: 'h4',
    });
    // Logs from before heads were recorded: the chain alone decides.
    expect(statusOf(intact, null)).toMatchObject({ state: 'intact' });
  });

  it('is broken when entries were cut off the end, naming them', () => {
    expect(statusOf(intact, { seq: 5, hash: 'h5' })).toMatchObject({
      state: 'broken',
      brokenAt: 5,
      reason: expect.stringContaining('entry 5 is missing'),
    });
    expect(statusOf(intact, { seq: 7, hash: 'h7' })).toMatchObject({
      brokenAt: 5,
      reason: expect.stringContaining('entries 5 to 7 are missing'),
    });
    expect(statusOf(intact, { seq: 4, hash: 'other' })).toMatchObject({ state: 'broken' });
  });

  it('passes on the chain verdict when the chain itself is broken', () => {
    const broken = { ok: false as const, count: 5, brokenAt: 2, reason: 'entry 2 was changed' };
    expect(statusOf(broken, { seq: 4, hash: 'h4' })).toEqual({
      state: 'broken',
      count: 5,
      brokenAt: 2,
      reason: 'entry 2 was changed',
    });
  });
});
