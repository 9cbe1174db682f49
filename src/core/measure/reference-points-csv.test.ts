import { describe, expect, it } from 'vitest';
import { formatReferencePoints, parseReferencePoints } from './reference-points-csv';

describe('reference points as CSV', () => {
  it('reads lines of four numbers, skipping a header, comments and blank lines', () => {
    const parsed = parseReferencePoints(
      'image_x,image_y,world_x_m,world_y_m\n# kerb corners\n412.5,388,0,0\r\n\n901;377.25;4.5;0\n880\t702\t4.5\t12\n',
    );
    expect(parsed).toEqual({
      ok: true,
      points: [
        { image: { x: 412.5, y: 388 }, world: { x: 0, y: 0 } },
        { image: { x: 901, y: 377.25 }, world: { x: 4.5, y: 0 } },
        { image: { x: 880, y: 702 }, world: { x: 4.5, y: 12 } },
      ],
    });
  });

  it('names each line that is not four numbers', () => {
    const parsed = parseReferencePoints('1,2,3,4\n1,2,3\n1,2,x,4\n1,2,,4\n5,6,7,1e400');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(4);
    expect(parsed.problems[0]).toMatch(/^Line 2 \("1,2,3"\) is not four numbers/);
    expect(parsed.problems[3]).toMatch(/^Line 5/);
  });

  it('writes what it reads', () => {
    const text = '412.5,388,0,0\n901,377.25,4.5,0';
    const parsed = parseReferencePoints(text);
    expect(parsed.ok && formatReferencePoints(parsed.points)).toBe(text);
  });
});
