import { describe, expect, it } from 'vitest';
import { loupePlacement, loupeWindow, nextLoupeZoom } from './loupe';

describe('the loupe', () => {
  it('cycles off, 2×, 4×, 8×, 16× and back to off', () => {
    expect([0, 2, 4, 8, 16].map((z) => nextLoupeZoom(z as 0))).toEqual([2, 4, 8, 16, 0]);
  });

  it('shows an odd square of pixels centred on the pointer’s pixel', () => {
    expect(loupeWindow({ x: 100, y: 50 }, 4)).toEqual({ x: 80, y: 30, cells: 41, sizePx: 164 });
    expect(loupeWindow({ x: 0, y: 0 }, 16)).toEqual({ x: -5, y: -5, cells: 11, sizePx: 176 });
    for (const zoom of [2, 4, 8, 16] as const) {
      const w = loupeWindow({ x: 7, y: 9 }, zoom);
      expect(w.cells % 2).toBe(1);
      expect(w.x + (w.cells - 1) / 2).toBe(7);
    }
  });

  it('goes beside the pointer, flipped at the container’s edges, never over it', () => {
    const size = { width: 100, height: 120 };
    const box = { width: 800, height: 500 };
    expect(loupePlacement({ x: 10, y: 10 }, size, box)).toEqual({ left: 34, top: 34 });
    expect(loupePlacement({ x: 790, y: 490 }, size, box)).toEqual({ left: 666, top: 346 });
  });
});
