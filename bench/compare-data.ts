import type { CaseId, EventId, FrameIndex, LabelId, SetId, TrackId } from '../src/core/ids';
import {
  DEFAULT_LABELS,
  type AnnotationEvent,
  type Keyframe,
  type Track,
} from '../src/core/annotations/model';
import type { ComparedSet } from '../src/core/compare/compare-sets';

/**
 * The two synthetic annotation sets of the compare bench (compare.bench.ts), apart so that a
 * profiling script can make the very same ones. From a fixed seed: the same sets every run.
 */
export const TRACKS = 200;
export const FRAMES = 5000;
const [WIDTH, HEIGHT] = [1920, 1080];
const vehicle = 'label_vehicle' as LabelId;
const officer = 'label_officer' as LabelId;

/** Park–Miller: the same numbers on every run and machine. */
function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function keyframe(frame: number, x: number, y: number, w: number, h: number, outside = false) {
  return {
    frame: frame as FrameIndex,
    pts: null,
    shape: { kind: 'rectangle', x, y, width: w, height: h, rotation: 0 },
    frameMd5: null,
    origin: 'drawn',
    outside,
    occluded: false,
    attributes: {},
  } satisfies Keyframe;
}

function trackOf(id: string, labelId: LabelId, keyframes: Keyframe[]): Track {
  return {
    id: id as TrackId,
    caseId: 'case_bench' as CaseId,
    setId: 'set_bench' as SetId,
    number: 1,
    labelId,
    attributes: {},
    keyframes,
    createdAt: '2026-01-01T00:00:00.000Z',
    modifiedAt: '2026-01-01T00:00:00.000Z',
  };
}

function eventOf(id: string, startFrame: number, endFrame: number): AnnotationEvent {
  return {
    id: id as EventId,
    caseId: 'case_bench' as CaseId,
    setId: 'set_bench' as SetId,
    labelId: vehicle,
    startFrame: startFrame as FrameIndex,
    startPts: null,
    endFrame: endFrame as FrameIndex,
    endPts: null,
    description: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    modifiedAt: '2026-01-01T00:00:00.000Z',
  } as AnnotationEvent;
}

/** A box wandering from a random start, bouncing off the frame's edges. */
function wander(random: () => number): Keyframe[] {
  const [w, h] = [30 + random() * 90, 40 + random() * 120];
  let [x, y] = [random() * (WIDTH - w), random() * (HEIGHT - h)];
  let [vx, vy] = [(random() - 0.5) * 4, (random() - 0.5) * 4];
  const first = Math.floor(random() * 300);
  const last = FRAMES - 1 - Math.floor(random() * 300);
  // One track in five leaves the view for a while and comes back.
  const away = random() < 0.2 ? first + Math.floor(random() * (last - first - 400)) : -1;
  const out: Keyframe[] = [];
  for (let f = first; f <= last; f += 20 + Math.floor(random() * 11)) {
    if (away >= 0 && f >= away && f < away + 300) continue;
    if (away >= 0 && f >= away + 300 && out.at(-1)!.frame < away)
      out.push(keyframe(away, x, y, w, h, true));
    out.push(keyframe(f, x, y, w, h));
    vx += (random() - 0.5) * 0.5;
    vy += (random() - 0.5) * 0.5;
    x += vx * 25;
    y += vy * 25;
    if (x < 0 || x > WIDTH - w) [vx, x] = [-vx, Math.min(Math.max(x, 0), WIDTH - w)];
    if (y < 0 || y > HEIGHT - h) [vy, y] = [-vy, Math.min(Math.max(y, 0), HEIGHT - h)];
  }
  out.push(keyframe(last + 1, x, y, w, h, true));
  return out;
}

/** Each keyframe nudged (a few px, a few % of its size), or shifted by `dx` of its width. */
function noisy(random: () => number, keys: readonly Keyframe[], dx = 0): Keyframe[] {
  return keys.map((k) => {
    if (k.shape.kind !== 'rectangle') return k;
    const { x, y, width, height } = k.shape;
    const [w, h] = [width * (1 + (random() - 0.5) * 0.06), height * (1 + (random() - 0.5) * 0.06)];
    const nx = x + (random() - 0.5) * 6 + dx * width;
    return keyframe(k.frame, nx, y + (random() - 0.5) * 6, w, h, k.outside);
  });
}

export function makeSets(): { reference: ComparedSet; compared: ComparedSet } {
  const random = seeded(17);
  const refKeys = Array.from({ length: TRACKS }, () => wander(random));
  const reference = refKeys.map((keys, i) => trackOf(`r${i}`, vehicle, keys));
  const compared: Track[] = [];
  const half = FRAMES / 2;
  for (let i = 0; i < TRACKS; i++) {
    if (i % 20 === 0) continue; // 10 left out
    let keys = noisy(random, refKeys[i]!, i % 20 === 1 ? 0.35 : 0); // 10 off by a third
    if (i % 20 === 2 || i % 20 === 3) {
      // 10 pairs (i, i + 1) whose ids swap halfway: this one's first half, the other's second.
      const other = refKeys[i % 20 === 2 ? i + 1 : i - 1]!;
      keys = [
        ...keys.filter((k) => k.frame < half),
        ...noisy(random, other).filter((k) => k.frame >= half),
      ];
    }
    compared.push(trackOf(`c${i}`, i % 20 === 4 ? officer : vehicle, keys));
  }
  for (let i = 0; i < 10; i++) compared.push(trackOf(`x${i}`, vehicle, wander(random)));

  const refEvents: AnnotationEvent[] = [];
  const cmpEvents: AnnotationEvent[] = [];
  for (let i = 0; i < 100; i++) {
    const start = Math.floor(random() * (FRAMES - 200));
    const end = start + 10 + Math.floor(random() * 150);
    refEvents.push(eventOf(`re${i}`, start, end));
    if (i % 10 === 0) continue;
    const shift = Math.round((random() - 0.5) * 8);
    cmpEvents.push(eventOf(`ce${i}`, start + shift, end + shift));
  }
  const labels = DEFAULT_LABELS;
  return {
    reference: { tracks: reference, events: refEvents, labels },
    compared: { tracks: compared, events: cmpEvents, labels },
  };
}
