import { describe, expect, it } from 'vitest';
import { ByteLruCache } from './frame-cache';

describe('ByteLruCache', () => {
  it('evicts the least recently used entries past its byte budget', () => {
    const cache = new ByteLruCache<number, string>(100);
    cache.set(1, 'a', 40);
    cache.set(2, 'b', 40);
    expect(cache.get(1)).toBe('a'); // 1 is now the most recent
    cache.set(3, 'c', 40);
    expect(cache.has(2)).toBe(false);
    expect(cache.has(1)).toBe(true);
    expect(cache.bytes).toBe(80);
    cache.setMaxBytes(50);
    expect(cache.size).toBe(1);
    expect(cache.has(3)).toBe(true);
  });

  it('keeps a single entry larger than the budget rather than nothing', () => {
    const cache = new ByteLruCache<string, number>(10);
    cache.set('big', 1, 50);
    expect(cache.get('big')).toBe(1);
  });
});
