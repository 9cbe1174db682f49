import { describe, expect, it } from 'vitest';
import { parseReferencePoints } from '../../core/measure/reference-points-csv';
import {
  addClickedPoint,
  addStraightLinePoint,
  clickedPixels,
  newStraightLine,
  parseStraightLines,
  rectanglePoints,
  rectangleProblem,
} from './calibration-editing';

describe('calibration text editing', () => {
  it('adds a clicked pixel as a new line awaiting its world position', () => {
    let text = addClickedPoint('', { x: 100.456, y: 200.004 });
    expect(text).toBe('100.46,200,');
    text += '0,0';
    text = addClickedPoint(`${text}\n\n`, { x: 3, y: 4.5 });
    expect(text).toBe('100.46,200,0,0\n3,4.5,');
    expect(clickedPixels(text)).toEqual([
      { x: 100.46, y: 200 },
      { x: 3, y: 4.5 },
    ]);
  });

  it('turns a known rectangle into four reference points from the origin', () => {
    const corners = [
      { x: 10, y: 90 },
      { x: 90, y: 90 },
      { x: 80, y: 40 },
      { x: 20, y: 40 },
    ];
    expect(rectangleProblem(corners.slice(0, 3), 3, 6)).toMatch(/3 of 4/);
    expect(rectangleProblem(corners, 0, 6)).toMatch(/width and length/);
    expect(rectangleProblem(corners, 3, 6)).toBeNull();
    const points = rectanglePoints(corners, 3, 6);
    expect(points.map((p) => p.world)).toEqual([
      { x: 0, y: 0 },
      { x: 3, y: 0 },
      { x: 3, y: 6 },
      { x: 0, y: 6 },
    ]);
    expect(points[2]!.image).toEqual({ x: 80, y: 40 });
  });

  it('writes straight lines one per line and reads them back', () => {
    let text = addStraightLinePoint('', { x: 1, y: 2 });
    text = addStraightLinePoint(text, { x: 3.333, y: 4 });
    text = newStraightLine(text);
    text = addStraightLinePoint(text, { x: 5, y: 6 });
    expect(text).toBe('1 2, 3.33 4\n5 6');
    expect(parseStraightLines(text)).toEqual([
      [
        { x: 1, y: 2 },
        { x: 3.33, y: 4 },
      ],
      [{ x: 5, y: 6 }],
    ]);
    expect(parseStraightLines('junk\n\n1 2, x y')).toEqual([[{ x: 1, y: 2 }]]);
  });

  it('gives complete lines the reference point parser accepts', () => {
    const text = `${addClickedPoint('', { x: 1, y: 2 })}0,0`;
    const parsed = parseReferencePoints(text);
    expect(parsed.ok && parsed.points).toEqual([{ image: { x: 1, y: 2 }, world: { x: 0, y: 0 } }]);
  });
});
