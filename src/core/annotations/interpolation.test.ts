import { describe, expect, it } from 'vitest';
import { frameIndex } from '../ids';
import {
  boundingKeyframes,
  interpolateShape,
  lerpAngle,
  positionAt,
  type PositionSource,
} from './interpolation';
import type {
  ArrowShape,
  EllipseShape,
  Point,
  PointsShape,
  PolygonShape,
  PolylineShape,
  Shape,
  TextShape,
} from './model';
import { box, deepFreeze, key, trackOf } from '../test-support';

const f = frameIndex;

const rotatedBox = (x: number, y: number, width: number, height: number, rotation: number) => ({
  ...box(x, y, width, height),
  rotation,
});
const ellipse = (cx: number, cy: number, rx: number, ry: number, rotation = 0): EllipseShape => ({
  kind: 'ellipse',
  cx,
  cy,
  rx,
  ry,
  rotation,
});
const pts = (...xy: number[]): Point[] => {
  const points: Point[] = [];
  for (let i = 0; i < xy.length; i += 2) points.push({ x: xy[i]!, y: xy[i + 1]! });
  return points;
};
const polygon = (...xy: number[]): PolygonShape => ({ kind: 'polygon', points: pts(...xy) });
const polyline = (...xy: number[]): PolylineShape => ({ kind: 'polyline', points: pts(...xy) });
const points = (...xy: number[]): PointsShape => ({ kind: 'points', points: pts(...xy) });
const arrow = (x1: number, y1: number, x2: number, y2: number): ArrowShape => ({
  kind: 'arrow',
  from: { x: x1, y: y1 },
  to: { x: x2, y: y2 },
});
const text = (x: number, y: number, words: string): TextShape => ({
  kind: 'text',
  x,
  y,
  text: words,
  fontSize: 16,
});

/** The position on `frame` of a track with keyframes on 0 and 10 holding `a` and `b`. */
const between = (a: Shape, b: Shape, frame: number) =>
  positionAt(trackOf(key(0, a), key(10, b)), f(frame));

describe('boundingKeyframes', () => {
  const t = trackOf(
    key(10, box(0, 0, 10, 10)),
    key(20, box(10, 0, 10, 10)),
    key(25, box(20, 0, 10, 10)),
    key(40, box(30, 0, 10, 10), { outside: true }),
  );

  it('finds the keyframe at or before a frame, and the first after it', () => {
    expect(boundingKeyframes(t, f(0))).toEqual({ previous: null, next: t.keyframes[0] });
    expect(boundingKeyframes(t, f(9))).toEqual({ previous: null, next: t.keyframes[0] });
    expect(boundingKeyframes(t, f(10))).toEqual({
      previous: t.keyframes[0],
      next: t.keyframes[1],
    });
    expect(boundingKeyframes(t, f(19)).previous).toBe(t.keyframes[0]);
    expect(boundingKeyframes(t, f(19)).next).toBe(t.keyframes[1]);
    expect(boundingKeyframes(t, f(25)).previous).toBe(t.keyframes[2]);
    expect(boundingKeyframes(t, f(26)).next).toBe(t.keyframes[3]);
    expect(boundingKeyframes(t, f(40))).toEqual({ previous: t.keyframes[3], next: null });
    expect(boundingKeyframes(t, f(1000))).toEqual({ previous: t.keyframes[3], next: null });
  });

  it('agrees with a linear scan on every frame', () => {
    const frames = [0, 1, 2, 5, 8, 13, 21, 34, 55, 89];
    const many = trackOf(...frames.map((n) => key(n, box(n, n, 5, 5))));
    for (let frame = 0; frame <= 100; frame++) {
      const previous = [...many.keyframes].reverse().find((k) => k.frame <= frame) ?? null;
      const next = many.keyframes.find((k) => k.frame > frame) ?? null;
      expect(boundingKeyframes(many, f(frame))).toEqual({ previous, next });
    }
  });

  it('finds nothing on a track without keyframes', () => {
    expect(boundingKeyframes(trackOf(), f(5))).toEqual({ previous: null, next: null });
    expect(positionAt(trackOf(), f(5))).toBeNull();
  });
});

describe('lerpAngle', () => {
  it('turns the shorter way round, through 0°', () => {
    expect(lerpAngle(350, 10, 0)).toBeCloseTo(350);
    expect(lerpAngle(350, 10, 0.25)).toBeCloseTo(355);
    expect(lerpAngle(350, 10, 0.5)).toBeCloseTo(0);
    expect(lerpAngle(350, 10, 0.75)).toBeCloseTo(5);
    expect(lerpAngle(350, 10, 1)).toBeCloseTo(10);
    expect(lerpAngle(10, 350, 0.5)).toBeCloseTo(0);
    expect(lerpAngle(10, 350, 0.25)).toBeCloseTo(5);
    expect(lerpAngle(0, 90, 0.5)).toBeCloseTo(45);
    expect(lerpAngle(90, 0, 0.5)).toBeCloseTo(45);
    expect(lerpAngle(0, 270, 0.5)).toBeCloseTo(315);
  });

  it('normalises any input angle to [0, 360)', () => {
    expect(lerpAngle(-90, -90, 0.5)).toBeCloseTo(270);
    expect(lerpAngle(720, 30, 0)).toBeCloseTo(0);
    expect(lerpAngle(-10, 10, 0.5)).toBeCloseTo(0);
    expect(lerpAngle(370, 20, 1)).toBeCloseTo(20);
    for (const from of [-720, -350, -180, -1, 0, 1, 179, 180, 181, 359, 360, 725]) {
      for (const to of [-400, -90, 0, 45, 180, 270, 359.5, 1000]) {
        for (const t of [0, 0.1, 0.5, 0.9, 1]) {
          const angle = lerpAngle(from, to, t);
          expect(angle).toBeGreaterThanOrEqual(0);
          expect(angle).toBeLessThan(360);
          // Never more than half a turn from the start, in proportion to t.
          const turned = Math.abs(((((angle - from) % 360) + 540) % 360) - 180);
          expect(turned).toBeLessThanOrEqual(180 * t + 1e-9);
        }
        const end = lerpAngle(from, to, 1);
        const expected = ((to % 360) + 360) % 360;
        // 359.999… and 0 are the same direction; compare on the circle.
        expect(Math.abs(((((end - expected) % 360) + 540) % 360) - 180)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('interpolateShape', () => {
  it('gives the end shapes at t = 0 and t = 1', () => {
    const a = rotatedBox(0, 0, 10, 10, 30);
    const b = rotatedBox(100, 50, 20, 40, 60);
    expect(interpolateShape(a, b, 0)).toEqual(a);
    expect(interpolateShape(a, b, 1)).toEqual(b);
  });

  it('does not blend shapes of different kinds, or text', () => {
    expect(interpolateShape(box(0, 0, 10, 10), ellipse(5, 5, 5, 5), 0.5)).toBeNull();
    expect(interpolateShape(polygon(0, 0, 1, 0, 1, 1), polyline(0, 0, 1, 0, 1, 1), 0.5)).toBeNull();
    expect(interpolateShape(points(0, 0), polygon(0, 0, 1, 0, 1, 1), 0.5)).toBeNull();
    expect(interpolateShape(arrow(0, 0, 1, 1), text(0, 0, 'x'), 0.5)).toBeNull();
    expect(interpolateShape(text(0, 0, 'a'), text(10, 10, 'a'), 0.5)).toBeNull();
  });

  it('does not mutate its inputs', () => {
    const a = deepFreeze(polygon(0, 0, 10, 0, 10, 10));
    const b = deepFreeze(polygon(10, 10, 20, 10, 20, 20));
    expect(interpolateShape(a, b, 0.5)).toEqual(polygon(5, 5, 15, 5, 15, 15));
    const r = deepFreeze(rotatedBox(0, 0, 10, 10, 350));
    expect(interpolateShape(r, rotatedBox(10, 10, 10, 10, 10), 0.5)).toMatchObject({ x: 5 });
  });
});

describe('positionAt for each shape kind', () => {
  it('interpolates a rectangle, turning its rotation the shorter way', () => {
    const a = rotatedBox(0, 0, 10, 10, 350);
    const b = rotatedBox(10, 20, 20, 30, 10);
    const mid = between(a, b, 5)!;
    expect(mid.source).toBe('interpolated');
    expect(mid.shape).toEqual({
      kind: 'rectangle',
      x: 5,
      y: 10,
      width: 15,
      height: 20,
      rotation: 0,
    });
    const early = between(a, b, 2)!.shape;
    expect(early).toMatchObject({ kind: 'rectangle', x: 2, y: 4, width: 12, height: 14 });
    expect(early.kind === 'rectangle' && early.rotation).toBeCloseTo(354);
    const late = between(a, b, 8)!.shape;
    expect(late.kind === 'rectangle' && late.rotation).toBeCloseTo(6);
  });

  it('interpolates an ellipse, with rotation', () => {
    const mid = between(ellipse(0, 0, 10, 20, 0), ellipse(100, 50, 30, 40, 90), 5)!;
    expect(mid.source).toBe('interpolated');
    expect(mid.shape).toEqual(ellipse(50, 25, 20, 30, 45));
    const wrap = between(ellipse(0, 0, 10, 10, 340), ellipse(0, 0, 10, 10, 20), 5)!.shape;
    expect(wrap.kind === 'ellipse' && wrap.rotation).toBeCloseTo(0);
  });

  it('interpolates polygons, polylines and points vertex by vertex when the counts match', () => {
    expect(between(polygon(0, 0, 10, 0, 10, 10), polygon(10, 20, 30, 20, 30, 40), 5)).toMatchObject(
      { source: 'interpolated', shape: polygon(5, 10, 20, 10, 20, 25) },
    );
    expect(between(polyline(0, 0, 10, 10), polyline(20, 0, 30, 30), 3)).toMatchObject({
      source: 'interpolated',
      shape: polyline(6, 0, 16, 16),
    });
    expect(between(points(0, 0, 50, 50), points(10, 10, 50, 150), 5)).toMatchObject({
      source: 'interpolated',
      shape: points(5, 5, 50, 100),
    });
  });

  it('holds polygons, polylines and points when the vertex counts differ', () => {
    const triangle = polygon(0, 0, 10, 0, 10, 10);
    expect(between(triangle, polygon(0, 0, 10, 0, 10, 10, 0, 10), 5)).toMatchObject({
      source: 'held',
      shape: triangle,
    });
    const line = polyline(0, 0, 10, 10);
    expect(between(line, polyline(0, 0, 10, 10, 20, 0), 5)).toMatchObject({
      source: 'held',
      shape: line,
    });
    const hands = points(1, 1, 2, 2);
    expect(between(hands, points(5, 5), 5)).toMatchObject({ source: 'held', shape: hands });
  });

  it('interpolates an arrow at both ends', () => {
    expect(between(arrow(0, 0, 10, 10), arrow(100, 0, 10, 110), 5)).toMatchObject({
      source: 'interpolated',
      shape: arrow(50, 0, 10, 60),
    });
  });

  it('holds text until the next keyframe', () => {
    const a = text(10, 10, 'driver side');
    const b = text(90, 90, 'driver side');
    expect(between(a, b, 5)).toMatchObject({ source: 'held', shape: a });
    expect(between(a, b, 9)).toMatchObject({ source: 'held', shape: a });
    expect(between(a, b, 10)).toMatchObject({ source: 'drawn', shape: b });
  });

  it('holds a shape when the next keyframe is of another kind', () => {
    const a = box(0, 0, 10, 10);
    expect(between(a, ellipse(50, 50, 5, 5), 5)).toMatchObject({ source: 'held', shape: a });
  });
});

describe('positionAt around outside keyframes', () => {
  const a = box(0, 0, 10, 10);
  const gone = box(500, 500, 10, 10);
  const c = box(100, 100, 20, 20);
  const d = box(200, 100, 20, 20);
  const t = trackOf(key(5, a), key(10, gone, { outside: true }), key(20, c), key(30, d));

  it('is hidden before the first keyframe', () => {
    expect(positionAt(t, f(0))).toBeNull();
    expect(positionAt(t, f(4))).toBeNull();
  });

  it('moves toward an outside keyframe (where the object was when it left)', () => {
    // 5 → 10 moves from (0,0) to (500,500): frame 6 is a fifth of the way.
    expect(positionAt(t, f(6))).toMatchObject({
      source: 'interpolated',
      shape: box(100, 100, 10, 10),
    });
    expect(positionAt(t, f(9))).toMatchObject({
      source: 'interpolated',
      shape: box(400, 400, 10, 10),
    });
  });

  it('is hidden from an outside keyframe until the next keyframe in view', () => {
    for (let frame = 10; frame <= 19; frame++) expect(positionAt(t, f(frame))).toBeNull();
    expect(positionAt(t, f(20))).toMatchObject({ source: 'drawn', shape: c });
    expect(positionAt(t, f(25))).toMatchObject({
      source: 'interpolated',
      shape: box(150, 100, 20, 20),
    });
  });

  it('holds the last keyframe after it', () => {
    expect(positionAt(t, f(31))).toMatchObject({ source: 'held', shape: d });
    expect(positionAt(t, f(5000))).toMatchObject({ source: 'held', shape: d });
  });

  it('stays hidden forever after a final outside keyframe', () => {
    const left = trackOf(key(0, a), key(3, a, { outside: true }));
    // The outside keyframe holds the same box, so frames before it stay put.
    expect(positionAt(left, f(2))).toMatchObject({ source: 'interpolated', shape: a });
    expect(positionAt(left, f(3))).toBeNull();
    expect(positionAt(left, f(300))).toBeNull();
  });
});

describe('positionAt: occluded flag', () => {
  it('carries the occluded flag of the keyframe it starts from', () => {
    const t = trackOf(
      key(0, box(0, 0, 10, 10), { occluded: true }),
      key(10, box(10, 0, 10, 10)),
      key(20, box(20, 0, 10, 10), { occluded: true }),
    );
    expect(positionAt(t, f(0))).toMatchObject({ occluded: true, source: 'drawn' });
    expect(positionAt(t, f(5))).toMatchObject({ occluded: true, source: 'interpolated' });
    expect(positionAt(t, f(9))).toMatchObject({ occluded: true });
    expect(positionAt(t, f(10))).toMatchObject({ occluded: false, source: 'drawn' });
    expect(positionAt(t, f(15))).toMatchObject({ occluded: false, source: 'interpolated' });
    expect(positionAt(t, f(20))).toMatchObject({ occluded: true, source: 'drawn' });
    expect(positionAt(t, f(99))).toMatchObject({ occluded: true, source: 'held' });
  });

  it('names the keyframe each position starts from', () => {
    const t = trackOf(key(0, box(0, 0, 10, 10)), key(10, box(10, 0, 10, 10)));
    expect(positionAt(t, f(0))!.keyframe).toBe(t.keyframes[0]);
    expect(positionAt(t, f(7))!.keyframe).toBe(t.keyframes[0]);
    expect(positionAt(t, f(10))!.keyframe).toBe(t.keyframes[1]);
    expect(positionAt(t, f(11))!.keyframe).toBe(t.keyframes[1]);
  });
});

describe('positionAt: provenance', () => {
  it('says on every frame from first to last keyframe how the position came about', () => {
    const a = box(0, 0, 10, 10);
    const b = box(40, 0, 10, 10);
    const t = deepFreeze(
      trackOf(
        key(0, a),
        key(1, a, { origin: 'propagated' }),
        key(2, a, { origin: 'propagated' }),
        key(6, b),
        key(8, polygon(0, 0, 10, 0, 10, 10)),
        key(12, polygon(0, 0, 10, 0, 10, 10, 0, 10)),
        key(14, polygon(0, 0, 10, 0, 10, 10, 0, 10), { origin: 'propagated' }),
      ),
    );
    const expected: PositionSource[] = [
      'drawn', // 0
      'propagated', // 1
      'propagated', // 2: the last propagated copy, then toward the drawn box on 6
      'interpolated', // 3
      'interpolated', // 4
      'interpolated', // 5
      'drawn', // 6
      'held', // 7: a box cannot become a polygon
      'drawn', // 8
      'held', // 9: 3 vertices cannot become 4
      'held', // 10
      'held', // 11
      'drawn', // 12
      'interpolated', // 13: same vertices, still blended
      'propagated', // 14
    ];
    const sources = expected.map((_, frame) => positionAt(t, f(frame))?.source ?? null);
    expect(sources).toEqual(expected);
    expect(positionAt(t, f(3))!.shape).toEqual(box(10, 0, 10, 10));
    expect(positionAt(t, f(15))!.source).toBe('held');
  });
});
