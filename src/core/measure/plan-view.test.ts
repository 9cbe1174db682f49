import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, type Label } from '../annotations/model';
import { TEST_EVIDENCE, box, key } from '../test-support';
import { distortionFor, undistort } from './distortion';
import { fitHomography } from './homography';
import { project, type Vec2 } from './matrix';
import { ROAD_CALIBRATION, ROAD_TRUTH, roadKeyframe, roadTrack } from './measure-test-support';
import { escapeXml } from './plan-drawing';
import {
  MAX_LONG_SIDE_PX,
  MIN_LONG_SIDE_PX,
  niceLength,
  planExtent,
  planScale,
  planToWorld,
  thinTicks,
  worldToPlan,
} from './plan-geometry';
import { wrapText } from './plan-items';
import {
  planView,
  planViewFileName,
  planViewSvg,
  type PlanView,
  type PlanViewInput,
} from './plan-view';

const EVIDENCE = {
  ...TEST_EVIDENCE,
  fileName: 'road-25fps.mp4',
  width: ROAD_TRUTH.width,
  height: ROAD_TRUTH.height,
};
const FRAMES = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45];

const input = (extra: Partial<PlanViewInput> = {}): PlanViewInput => ({
  calibration: ROAD_CALIBRATION,
  evidence: EVIDENCE,
  tracks: [roadTrack('vehicle', FRAMES), roadTrack('officer', FRAMES)],
  labels: DEFAULT_LABELS,
  frame: 12,
  ...extra,
});

/** The rendered truth's ground point of an object on frame n (m). */
const truthGround = (object: 'vehicle' | 'officer', n: number): Vec2 => {
  const [x, y] = ROAD_TRUTH.positions[n]![object].ground;
  return { x: x!, y: y! };
};

/** The points of the SVG path drawn for a track (plan pixels). */
function svgPathOf(svg: string, trackId: string): Vec2[] {
  const match = new RegExp(`<path d="([^"]+)"[^>]*data-track="${trackId}"`).exec(svg);
  expect(match, `a path for ${trackId}`).not.toBeNull();
  return match![1]!.split(/\s*[ML]/).flatMap((pair) => {
    const [x, y] = pair.trim().split(' ').map(Number);
    return pair.trim() ? [{ x: x!, y: y! }] : [];
  });
}

describe('scale bar and grid lengths', () => {
  it('are the largest 1, 2 or 5 × 10ⁿ metres not over the room there is', () => {
    expect([0.07, 0.3, 1, 1.9, 4.99, 5, 7, 12, 19.9, 20, 480].map(niceLength)).toEqual([
      0.05, 0.2, 1, 1, 2, 5, 5, 10, 10, 20, 200,
    ]);
  });
});

describe('the ground shown', () => {
  it('holds every point with a margin of a tenth of the span (at least 1 m), in whole metres', () => {
    expect(
      planExtent([
        { x: 0, y: 0 },
        { x: 4.5, y: 12 },
      ]),
    ).toEqual({ minX: -2, maxX: 6, minY: -2, maxY: 14 });
    expect(
      planExtent([
        { x: 0.2, y: 0.1 },
        { x: 1, y: 1 },
      ]),
    ).toEqual({ minX: -1, maxX: 2, minY: -1, maxY: 2 });
  });

  it('is drawn at the frame’s own resolution, kept between 400 and 1600 px on the long side', () => {
    const extent = { minX: 0, maxX: 10, minY: 0, maxY: 20 };
    expect(planScale(extent, 30, 100)).toBe(30);
    expect(planScale(extent, 500, 100) * 20).toBe(MAX_LONG_SIDE_PX - 100);
    expect(planScale(extent, 1, 100) * 20).toBe(MIN_LONG_SIDE_PX);
    const wide = { minX: 0, maxX: 1000, minY: 0, maxY: 10 };
    expect(planScale(wide, 50, 100) * 1000).toBe(MAX_LONG_SIDE_PX);
  });

  it('covers the reference points and every measured position of the road clip', () => {
    const plan = planView(input());
    const { extent } = plan;
    const all = [
      ...plan.referencePoints,
      ...plan.tracks.flatMap((t) => t.points.map((p) => p.world)),
    ];
    for (const p of all) {
      expect(p.x).toBeGreaterThanOrEqual(extent.minX + 1);
      expect(p.x).toBeLessThanOrEqual(extent.maxX - 1);
      expect(p.y).toBeGreaterThanOrEqual(extent.minY + 1);
      expect(p.y).toBeLessThanOrEqual(extent.maxY - 1);
    }
    // Whole pixels: the map is exactly its extent at pxPerM.
    expect((extent.maxX - extent.minX) * plan.pxPerM).toBeCloseTo(plan.mapWidth, 9);
    expect((extent.maxY - extent.minY) * plan.pxPerM).toBeCloseTo(plan.mapHeight, 9);
    expect(Math.max(plan.width, plan.height)).toBeLessThanOrEqual(MAX_LONG_SIDE_PX);
    expect(Math.max(plan.width, plan.height)).toBeGreaterThanOrEqual(MIN_LONG_SIDE_PX);
    expect(plan.height).toBeGreaterThan(plan.mapTop + plan.mapHeight);
    expect(Number.isInteger(plan.width) && Number.isInteger(plan.height)).toBe(true);
  });
});

describe('world ↔ plan pixels', () => {
  const plan = planView(input());

  it('put world x to the right and world y up the page, at pxPerM', () => {
    const origin = worldToPlan(plan, { x: 0, y: 0 });
    expect(origin.x).toBeCloseTo((0 - plan.extent.minX) * plan.pxPerM, 9);
    expect(origin.y).toBeCloseTo(plan.mapTop + plan.extent.maxY * plan.pxPerM, 9);
    const east = worldToPlan(plan, { x: 1, y: 0 });
    const north = worldToPlan(plan, { x: 0, y: 1 });
    expect(east.x - origin.x).toBeCloseTo(plan.pxPerM, 9);
    expect(east.y).toBeCloseTo(origin.y, 9);
    expect(north.y - origin.y).toBeCloseTo(-plan.pxPerM, 9);
    // The map's top-left corner is (minX, maxY).
    expect(planToWorld(plan, { x: 0, y: plan.mapTop })).toEqual({
      x: plan.extent.minX,
      y: plan.extent.maxY,
    });
  });

  it('are inverse to each other', () => {
    for (const p of [
      { x: 1.25, y: -3 },
      { x: 4.5, y: 12 },
    ]) {
      const back = planToWorld(plan, worldToPlan(plan, p));
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
    }
  });
});

describe('ground paths', () => {
  it('are the measured positions in frame order, on the rendered truth to a few centimetres', () => {
    const plan = planView(input());
    expect(plan.tracks.map((t) => [t.title, t.color])).toEqual([
      ['vehicle #1', '#ff5c5c'],
      ['officer #2', '#4da3ff'],
    ]);
    for (const track of plan.tracks) {
      const object = track.id === 'track_vehicle' ? 'vehicle' : 'officer';
      expect(track.points.map((p) => p.frame)).toEqual(FRAMES);
      for (const p of track.points) {
        const truth = truthGround(object, p.frame);
        expect(Math.hypot(p.world.x - truth.x, p.world.y - truth.y)).toBeLessThan(0.1);
      }
    }
  });

  it('leave out interpolated, computed and outside positions, and say how many are beyond the horizon', () => {
    const track = roadTrack(
      'vehicle',
      [0, 40],
      [
        roadKeyframe('vehicle', 10, { origin: 'computed' }),
        roadKeyframe('vehicle', 20, { outside: true }),
        roadKeyframe('vehicle', 30, { origin: 'propagated' }),
        key(45, box(300, -150, 20, 40)),
      ],
    );
    const plan = planView(input({ tracks: [track] }));
    expect(plan.tracks).toHaveLength(1);
    expect(plan.tracks[0]!.points.map((p) => p.frame)).toEqual([0, 30, 40]);
    expect(plan.tracks[0]!.beyondHorizon).toBe(1);
    expect(
      plan.items.some((i) => i.kind === 'text' && /1 position beyond the horizon/.test(i.text)),
    ).toBe(true);
  });

  it('undistort each ground point before the homography when a distortion is set', () => {
    const k = -0.2;
    const calibration = { ...ROAD_CALIBRATION, distortionK: k };
    const plan = planView(input({ calibration, tracks: [roadTrack('vehicle', [0, 25])] }));
    const d = distortionFor(k, EVIDENCE.width, EVIDENCE.height);
    const fit = fitHomography(
      calibration.points.map((p) => ({ image: undistort(d, p.image), world: p.world })),
    );
    const shape = roadKeyframe('vehicle', 25).shape as ReturnType<typeof box>;
    const ground = { x: shape.x + shape.width / 2, y: shape.y + shape.height };
    const expected = project(fit.imageToWorld, undistort(d, ground))!;
    const got = plan.tracks[0]!.points[1]!.world;
    expect(got.x).toBeCloseTo(expected.x, 9);
    expect(got.y).toBeCloseTo(expected.y, 9);
    expect(plan.distortion).toEqual(d);
  });

  it('pass through the plan pixels of their ground points in the SVG', () => {
    const plan = planView(input());
    const svg = planViewSvg(plan, null);
    for (const track of plan.tracks) {
      const drawn = svgPathOf(svg, track.id);
      expect(drawn).toHaveLength(track.points.length);
      const object = track.id === 'track_vehicle' ? 'vehicle' : 'officer';
      track.points.forEach((p, i) => {
        const want = worldToPlan(plan, p.world);
        expect(Math.abs(drawn[i]!.x - want.x)).toBeLessThanOrEqual(0.005);
        expect(Math.abs(drawn[i]!.y - want.y)).toBeLessThanOrEqual(0.005);
        // And within a few pixels of where the rendered truth stood.
        const truth = worldToPlan(plan, truthGround(object, p.frame));
        expect(Math.hypot(drawn[i]!.x - truth.x, drawn[i]!.y - truth.y)).toBeLessThan(
          0.1 * plan.pxPerM,
        );
      });
    }
  });
});

describe('frame ticks', () => {
  it('keep the first and the last and none closer than the spacing', () => {
    const points = Array.from({ length: 21 }, (_, i) => ({ x: i * 10, y: 0 }));
    const kept = thinTicks(points, 34);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(20);
    for (let i = 1; i < kept.length; i++) {
      expect(points[kept[i]!]!.x - points[kept[i - 1]!]!.x).toBeGreaterThanOrEqual(34);
    }
    expect(kept).toEqual([0, 4, 8, 12, 16, 20]);
    expect(thinTicks([{ x: 0, y: 0 }])).toEqual([0]);
    expect(thinTicks(points.slice(0, 2), 34)).toEqual([0, 1]);
  });

  it('are labelled with their frame numbers on the plan', () => {
    const plan = planView(input({ tracks: [roadTrack('vehicle', FRAMES)] }));
    const labels = plan.items.filter((i) => i.kind === 'text' && /^\d+$/.test(i.text) && i.bold);
    expect(labels.map((i) => (i.kind === 'text' ? Number(i.text) : -1))).toContain(0);
    expect(labels.map((i) => (i.kind === 'text' ? Number(i.text) : -1))).toContain(45);
  });
});

describe('the scale bar', () => {
  it('is a round length about a third of the map wide at most, drawn at pxPerM', () => {
    const plan: PlanView = planView(input());
    expect(plan.scaleBar.metres).toBe(niceLength((0.3 * plan.mapWidth) / plan.pxPerM));
    expect([1, 2, 5].map((m) => m * 10 ** Math.floor(Math.log10(plan.scaleBar.metres)))).toContain(
      plan.scaleBar.metres,
    );
    expect(plan.scaleBar.px).toBeCloseTo(plan.scaleBar.metres * plan.pxPerM, 9);
    expect(planViewSvg(plan, null)).toContain(`>${plan.scaleBar.metres} m</text>`);
  });
});

describe('the SVG', () => {
  it('is well-formed XML with the ground image, paths, reference crosses and the title', () => {
    const plan = planView(input());
    const svg = planViewSvg(plan, 'data:image/png;base64,iVBORw0KGgo=');
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    expect(doc.svg['@_width']).toBe(String(plan.width));
    expect(doc.svg['@_height']).toBe(String(plan.height));
    expect(svg).toContain('<image x="0" y="50"');
    expect(svg).toContain('href="data:image/png;base64,iVBORw0KGgo="');
    expect(svg).toContain('Plan view — ground plane from the homography (4 reference points)');
    expect(svg).toContain('>road-25fps.mp4</text>');
    for (const n of [1, 2, 3, 4]) expect(svg).toContain(`>${n}</text>`);
  });

  it('escapes every piece of user text (file name, object titles)', () => {
    const labels: Label[] = DEFAULT_LABELS.map((l) => ({
      ...l,
      name: `${l.name} <script>alert("x")</script> & 'co'`,
    }));
    const plan = planView(
      input({ labels, evidence: { ...EVIDENCE, fileName: 'a<b>&"c"\u0001.mp4' } }),
    );
    const svg = planViewSvg(plan, null);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('a&lt;b&gt;&amp;&quot;c&quot;\ufffd.mp4');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;co&apos;');
    expect(escapeXml('\ud800x')).toBe('\ufffdx');
  });
});

describe('naming and wrapping', () => {
  it('names the downloads after the video', () => {
    expect(planViewFileName('road-25fps.mp4', 'png')).toBe('road-25fps-plan-view.png');
    expect(planViewFileName('cam 1/a:b.avi', 'svg')).toBe('cam 1_a_b-plan-view.svg');
    expect(planViewFileName('noext', 'png')).toBe('noext-plan-view.png');
  });

  it('wraps notes at word boundaries', () => {
    const lines = wrapText('one two three four five six', 10, 70);
    expect(lines.join(' ')).toBe('one two three four five six');
    expect(lines.length).toBeGreaterThan(1);
  });
});
