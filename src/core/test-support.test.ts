import { describe, expect, it } from 'vitest';
import { approx, deepFreeze } from './test-support';

describe('test support', () => {
  it('deepFreeze makes objects, arrays, Maps and Sets throw on mutation, at any depth', () => {
    const value = deepFreeze({
      list: [{ x: 1 }],
      map: new Map([['a', { y: 2 }]]),
      set: new Set([1]),
    });
    expect(() => ((value as { list: unknown }).list = [])).toThrow(TypeError);
    expect(() => value.list.push({ x: 2 })).toThrow(TypeError);
    expect(() => ((value.list[0] as { x: number }).x = 5)).toThrow(TypeError);
    expect(() => value.map.set('b', { y: 3 })).toThrow(TypeError);
    expect(() => value.map.delete('a')).toThrow(TypeError);
    expect(() => ((value.map.get('a') as { y: number }).y = 5)).toThrow(TypeError);
    expect(() => value.set.add(2)).toThrow(TypeError);
    expect(() => value.set.clear()).toThrow(TypeError);
    // Reading still works, and freezing twice is harmless.
    expect(deepFreeze(value).map.get('a')).toEqual({ y: 2 });
    expect(structuredClone(value)).toEqual(value);
  });

  it('approx matches numbers to 9 decimals, nothing looser', () => {
    expect({ x: 110, p: [{ y: 0.3 }] }).toEqual(
      approx({ x: 110.00000000000001, p: [{ y: 0.1 + 0.2 }] }),
    );
    expect({ x: 110.001 }).not.toEqual(approx({ x: 110 }));
    expect({ kind: 'a' }).not.toEqual(approx({ kind: 'b' }));
  });
});
