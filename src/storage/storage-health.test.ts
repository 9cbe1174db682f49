import { describe, expect, it } from 'vitest';
import { isQuotaError } from './storage-health';

describe('isQuotaError', () => {
  it('finds a quota error however Dexie wraps it', () => {
    const dom = Object.assign(new Error('The quota has been exceeded.'), {
      name: 'QuotaExceededError',
    });
    const wrapped = Object.assign(new Error('AbortError: transaction aborted'), { inner: dom });
    expect(isQuotaError(dom)).toBe(true);
    expect(isQuotaError(wrapped)).toBe(true);
    expect(isQuotaError(new Error('ConstraintError: key already exists'))).toBe(false);
    expect(isQuotaError('quota')).toBe(false);
  });
});
