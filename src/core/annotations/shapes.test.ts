import { describe, expect, it } from 'vitest';
import type { Shape } from './model';
import {
  boundingBox,
  insertVertex,
  removeVertex,
  clampPoint,
  describeShape,
  ellipseFromCorners,
  isUsableShape,
  MIN_VERTICES,
  rectangleFromCorners,
  translateShape,
  verticesOf,
  withVertex,
} from './shapes';
import { box, deepFreeze } from '../test-support';

const FRAME = { width: 704, height: 576 };

const one = (x: number, y: number) => ({ x, y });

const SAMPLES = {
  rectangle: { kind: 'rectangle', x: 10, y: 20, width: 30, height: 40, rotation: 15 },
  ellipse: { kind: 'ellipse', cx: 100, cy: 80, rx: 20, ry: 10, rotation: 30 },
  polygon: { kind: 'polygon', points: [one(0, 0), one(10, 0), one(10, 10)] },
  polyline: { kind: 'polyline', points: [one(0, 0), one(5, 5)] },
  points: { kind: 'points', points: [one(3, 4)] },
  arrow: { kind: 'arrow', from: one(1, 2), to: one(30, 40) },
  text: { kind: 'text', x: 5, y: 6, text: 'plate', fontSize: 18 },
} satisfies Record<Shape['kind'], Shape>;

describe('rectangleFromCorners', () => {
  it('gives the same box whichever way the corners are dragged', () => {
    const expected = box(10, 20, 100, 50);
    const corners = [
      [one(10, 20), one(110, 70)],
      [one(110, 70), one(10, 20)],
      [one(110, 20), one(10, 70)],
      [one(10, 70), one(110, 20)],
    ] as const;
    for (const [a, b] of corners) expect(rectangleFromCorners(a, b, FRAME)).toEqual(expected);
  });

  it('clamps to the frame and keeps sub-pixel coordinates', () => {
    expect(rectangleFromCorners(one(50, 60), one(-5, 10.5), { width: 40, height: 100 })).toEqual(
      box(0, 10.5, 40, 49.5),
    );
    expect(rectangleFromCorners(one(690.25, 570), one(800, 900), FRAME)).toEqual(
      box(690.25, 570, 13.75, 6),
    );
    // Both corners off the same edge: a box of no width, on the edge.
    expect(rectangleFromCorners(one(-10, 5), one(-20, 50), FRAME)).toEqual(box(0, 5, 0, 45));
  });

  it('clamps single points', () => {
    expect(clampPoint(one(-1, 600), FRAME)).toEqual(one(0, 576));
    expect(clampPoint(one(12.5, 13.5), FRAME)).toEqual(one(12.5, 13.5));
  });
});

describe('ellipseFromCorners', () => {
  it('is inscribed in the box the corners span, from any direction', () => {
    const expected = { kind: 'ellipse', cx: 60, cy: 45, rx: 50, ry: 25, rotation: 0 };
    expect(ellipseFromCorners(one(10, 20), one(110, 70), FRAME)).toEqual(expected);
    expect(ellipseFromCorners(one(110, 70), one(10, 20), FRAME)).toEqual(expected);
    expect(ellipseFromCorners(one(10, 70), one(110, 20), FRAME)).toEqual(expected);
  });

  it('is clamped to the frame', () => {
    expect(ellipseFromCorners(one(-100, -100), one(100, 50), FRAME)).toEqual({
      kind: 'ellipse',
      cx: 50,
      cy: 25,
      rx: 50,
      ry: 25,
      rotation: 0,
    });
  });
});

describe('isUsableShape', () => {
  it('accepts a sample of each kind', () => {
    for (const shape of Object.values(SAMPLES)) expect(isUsableShape(shape)).toBe(true);
  });

  it('refuses rectangles under a pixel on either side', () => {
    expect(isUsableShape(box(0, 0, 1, 1))).toBe(true);
    expect(isUsableShape(box(0, 0, 0.9, 50))).toBe(false);
    expect(isUsableShape(box(0, 0, 50, 0))).toBe(false);
  });

  it('refuses ellipses under half a pixel radius', () => {
    const e = { kind: 'ellipse', cx: 5, cy: 5, rotation: 0 } as const;
    expect(isUsableShape({ ...e, rx: 0.5, ry: 0.5 })).toBe(true);
    expect(isUsableShape({ ...e, rx: 0.4, ry: 10 })).toBe(false);
    expect(isUsableShape({ ...e, rx: 10, ry: 0 })).toBe(false);
  });

  it('needs 3 polygon vertices, 2 polyline vertices, 1 point', () => {
    expect(MIN_VERTICES).toEqual({ polygon: 3, polyline: 2, points: 1 });
    const vertices = [one(0, 0), one(1, 0), one(1, 1)];
    expect(isUsableShape({ kind: 'polygon', points: vertices.slice(0, 2) })).toBe(false);
    expect(isUsableShape({ kind: 'polygon', points: vertices })).toBe(true);
    expect(isUsableShape({ kind: 'polyline', points: vertices.slice(0, 1) })).toBe(false);
    expect(isUsableShape({ kind: 'polyline', points: vertices.slice(0, 2) })).toBe(true);
    expect(isUsableShape({ kind: 'points', points: [] })).toBe(false);
    expect(isUsableShape({ kind: 'points', points: vertices.slice(0, 1) })).toBe(true);
  });

  it('refuses arrows shorter than 2 pixels', () => {
    expect(isUsableShape({ kind: 'arrow', from: one(0, 0), to: one(1, 1) })).toBe(false);
    expect(isUsableShape({ kind: 'arrow', from: one(0, 0), to: one(0, 2) })).toBe(true);
  });

  it('refuses blank text and text of no size', () => {
    const t = SAMPLES.text;
    expect(isUsableShape({ ...t, text: '   \n' })).toBe(false);
    expect(isUsableShape({ ...t, text: '' })).toBe(false);
    expect(isUsableShape({ ...t, fontSize: 0 })).toBe(false);
  });
});

describe('translateShape', () => {
  it('moves each kind by dx, dy without changing size, rotation or text', () => {
    const moved = (shape: Shape) => translateShape(deepFreeze(shape), 5, -2);
    expect(moved(SAMPLES.rectangle)).toEqual({ ...SAMPLES.rectangle, x: 15, y: 18 });
    expect(moved(SAMPLES.ellipse)).toEqual({ ...SAMPLES.ellipse, cx: 105, cy: 78 });
    expect(moved(SAMPLES.polygon)).toEqual({
      kind: 'polygon',
      points: [one(5, -2), one(15, -2), one(15, 8)],
    });
    expect(moved(SAMPLES.polyline)).toEqual({ kind: 'polyline', points: [one(5, -2), one(10, 3)] });
    expect(moved(SAMPLES.points)).toEqual({ kind: 'points', points: [one(8, 2)] });
    expect(moved(SAMPLES.arrow)).toEqual({ kind: 'arrow', from: one(6, 0), to: one(35, 38) });
    expect(moved(SAMPLES.text)).toEqual({ ...SAMPLES.text, x: 10, y: 4 });
  });

  it('by nothing gives an equal shape', () => {
    for (const shape of Object.values(SAMPLES)) expect(translateShape(shape, 0, 0)).toEqual(shape);
  });
});

describe('verticesOf and withVertex', () => {
  it('lists the vertices of kinds edited vertex by vertex', () => {
    expect(verticesOf(SAMPLES.polygon)).toEqual([one(0, 0), one(10, 0), one(10, 10)]);
    expect(verticesOf(SAMPLES.polyline)).toEqual([one(0, 0), one(5, 5)]);
    expect(verticesOf(SAMPLES.points)).toEqual([one(3, 4)]);
    expect(verticesOf(SAMPLES.arrow)).toEqual([one(1, 2), one(30, 40)]);
    expect(verticesOf(SAMPLES.rectangle)).toBeNull();
    expect(verticesOf(SAMPLES.ellipse)).toBeNull();
    expect(verticesOf(SAMPLES.text)).toBeNull();
  });

  it('moves one vertex, leaving the others and the input alone', () => {
    const polygon = deepFreeze(SAMPLES.polygon);
    expect(withVertex(polygon, 1, one(99, 98))).toEqual({
      kind: 'polygon',
      points: [one(0, 0), one(99, 98), one(10, 10)],
    });
    expect(withVertex(SAMPLES.polyline, 0, one(7, 7))).toEqual({
      kind: 'polyline',
      points: [one(7, 7), one(5, 5)],
    });
    expect(withVertex(SAMPLES.points, 0, one(1, 1))).toEqual({
      kind: 'points',
      points: [one(1, 1)],
    });
    const arrow = deepFreeze(SAMPLES.arrow);
    expect(withVertex(arrow, 0, one(-1, -1))).toEqual({ ...arrow, from: one(-1, -1) });
    expect(withVertex(arrow, 1, one(50, 60))).toEqual({ ...arrow, to: one(50, 60) });
  });

  it('leaves kinds without vertices unchanged', () => {
    for (const kind of ['rectangle', 'ellipse', 'text'] as const) {
      expect(withVertex(SAMPLES[kind], 0, one(1, 1))).toBe(SAMPLES[kind]);
    }
  });

  it('round-trips: setting every vertex to itself changes nothing', () => {
    for (const shape of [SAMPLES.polygon, SAMPLES.polyline, SAMPLES.points, SAMPLES.arrow]) {
      const vertices = verticesOf(shape)!;
      let rebuilt: Shape = shape;
      vertices.forEach((p, i) => (rebuilt = withVertex(rebuilt, i, p)));
      expect(rebuilt).toEqual(shape);
    }
  });
});

describe('describeShape', () => {
  it('describes each kind in plain words, in frame pixels', () => {
    expect(describeShape(box(10, 20, 30.25, 40))).toBe('box x 10.0 y 20.0 w 30.3 h 40.0');
    expect(describeShape(SAMPLES.rectangle)).toBe('box x 10.0 y 20.0 w 30.0 h 40.0 ∠15.0°');
    expect(describeShape({ ...SAMPLES.ellipse, rotation: 0 })).toBe(
      'ellipse c 100.0,80.0 r 20.0×10.0',
    );
    expect(describeShape(SAMPLES.ellipse)).toBe('ellipse c 100.0,80.0 r 20.0×10.0 ∠30.0°');
    expect(describeShape(SAMPLES.polygon)).toBe('polygon · 3 vertices');
    expect(describeShape(SAMPLES.polyline)).toBe('polyline · 2 vertices');
    expect(describeShape(SAMPLES.points)).toBe('points · 1 vertex');
    expect(describeShape(SAMPLES.arrow)).toBe('arrow 1.0,2.0 → 30.0,40.0');
    expect(describeShape(SAMPLES.text)).toBe('text “plate” at 5.0,6.0');
  });

  it('gives a non-empty string for every kind', () => {
    for (const shape of Object.values(SAMPLES)) {
      expect(typeof describeShape(shape)).toBe('string');
      expect(describeShape(shape).length).toBeGreaterThan(0);
    }
  });
});

describe('adding and removing vertices', () => {
  const square = {
    kind: 'polygon' as const,
    points: [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ],
  };

  it('puts a new vertex into the nearest edge, a polygon closing edge included', () => {
    expect(insertVertex(square, { x: 5, y: 1 })).toEqual({
      ...square,
      points: [square.points[0], { x: 5, y: 1 }, ...square.points.slice(1)],
    });
    // Nearest to the closing edge (0,10) → (0,0): appended after the last vertex.
    expect(insertVertex(square, { x: -1, y: 5 })).toEqual({
      ...square,
      points: [...square.points, { x: -1, y: 5 }],
    });
    const line = { kind: 'polyline' as const, points: square.points.slice(0, 3) };
    expect(insertVertex(line, { x: 11, y: 5 })).toEqual({
      ...line,
      points: [line.points[0], line.points[1], { x: 11, y: 5 }, line.points[2]],
    });
    const rect = rectangleFromCorners({ x: 0, y: 0 }, { x: 5, y: 5 }, { width: 10, height: 10 });
    expect(insertVertex(rect, { x: 1, y: 1 })).toBe(rect);
  });

  it('removes a vertex unless too few would be left', () => {
    expect(removeVertex(square, 1)).toEqual({
      ...square,
      points: [square.points[0], square.points[2], square.points[3]],
    });
    const triangle = removeVertex(square, 0)!;
    expect(removeVertex(triangle, 0)).toBeNull();
    expect(removeVertex({ kind: 'points', points: [{ x: 1, y: 1 }] }, 0)).toBeNull();
    expect(
      removeVertex(
        {
          kind: 'points',
          points: [
            { x: 1, y: 1 },
            { x: 2, y: 2 },
          ],
        },
        1,
      ),
    ).toEqual({
      kind: 'points',
      points: [{ x: 1, y: 1 }],
    });
  });
});

describe('boundingBox', () => {
  it('holds a box turned a quarter, an ellipse, and a polygon', () => {
    const turned = boundingBox({
      kind: 'rectangle',
      x: 0,
      y: 0,
      width: 40,
      height: 20,
      rotation: 90,
    });
    expect(turned.x).toBeCloseTo(10);
    expect(turned.y).toBeCloseTo(-10);
    expect(turned.width).toBeCloseTo(20);
    expect(turned.height).toBeCloseTo(40);
    expect(boundingBox({ kind: 'ellipse', cx: 50, cy: 50, rx: 10, ry: 5, rotation: 0 })).toEqual({
      x: 40,
      y: 45,
      width: 20,
      height: 10,
    });
    expect(
      boundingBox({
        kind: 'polygon',
        points: [
          { x: 1, y: 9 },
          { x: 5, y: 2 },
          { x: 8, y: 4 },
        ],
      }),
    ).toEqual({ x: 1, y: 2, width: 7, height: 7 });
  });
});
