import type { Keyframe, Label, Shape, Track } from '../annotations/model';
import { trackTitle } from '../annotations/tracks';
import type { LabelId, TrackId } from '../ids';
import type { Vec2 } from './matrix';

/**
 * Where a ground point sits inside a shape's own (turned) box: `u` across from its left edge
 * (0..1), `v` down from its top edge (0..1).
 */
export interface GroundAnchor {
  readonly u: number;
  readonly v: number;
}

/** The examiner's ground points of a calibration: per label, and per track (which wins). */
export interface GroundAnchors {
  readonly byLabel: Readonly<Record<LabelId, GroundAnchor>>;
  readonly byTrack: Readonly<Record<TrackId, GroundAnchor>>;
}

/** Bottom-centre: where an upright object stands, unless the examiner says otherwise. */
export const DEFAULT_ANCHOR: GroundAnchor = { u: 0.5, v: 1 };

export const NO_GROUND_ANCHORS: GroundAnchors = { byLabel: {}, byTrack: {} };

export const isDefaultAnchor = (a: GroundAnchor): boolean =>
  a.u === DEFAULT_ANCHOR.u && a.v === DEFAULT_ANCHOR.v;

/** Plain words for why an anchor cannot be stored; null when it can. */
export function groundAnchorProblem(a: GroundAnchor): string | null {
  const within = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1;
  return within(a.u) && within(a.v)
    ? null
    : 'A ground point is given as across and down, each from 0 to 1.';
}

/**
 * A track's ground point anchor under a calibration: its own, else its label's, else the
 * default. Calibrations stored before anchors existed have none (read as empty).
 */
export function groundAnchorOf(
  calibration: { readonly groundAnchors?: GroundAnchors } | null,
  track: Pick<Track, 'id' | 'labelId'>,
): GroundAnchor {
  const anchors = calibration?.groundAnchors;
  if (!anchors) return DEFAULT_ANCHOR;
  return anchors.byTrack[track.id] ?? anchors.byLabel[track.labelId] ?? DEFAULT_ANCHOR;
}

/** The anchor in words, for methods and reports: "30 % across, 100 % down its box". */
export const describeAnchor = (a: GroundAnchor): string =>
  `${+(a.u * 100).toFixed(1)} % across, ${+(a.v * 100).toFixed(1)} % down its box`;

/**
 * The ground points the examiner set, in words for the report ("every car: 50 % across, 50 %
 * down its box; car #2: …"); null when there are none. Tracks and labels no longer there are
 * left out.
 */
export function describeGroundAnchors(
  anchors: GroundAnchors | undefined,
  tracks: ReadonlyMap<TrackId, Track>,
  labels: readonly Label[],
): string | null {
  if (!anchors) return null;
  const byLabel = labels.flatMap((label) => {
    const a = anchors.byLabel[label.id];
    return a ? [`every ${label.name}: ${describeAnchor(a)}`] : [];
  });
  const byTrack = [...tracks.values()]
    .sort((a, b) => a.number - b.number)
    .flatMap((track) => {
      const a = anchors.byTrack[track.id];
      return a ? [`${trackTitle(labels, track)}: ${describeAnchor(a)}`] : [];
    });
  const all = [...byLabel, ...byTrack];
  return all.length ? all.join('; ') : null;
}

/**
 * Where an object touches the ground, in frame pixels: what measurement maps onto the ground
 * plane. The `anchor`'s place inside a box's or ellipse's own box (turned with it; an
 * ellipse's box is 2rx × 2ry) or a polygon's or polyline's upright bounding box; by default
 * the bottom-centre. A point as it is (the first, for several), an arrow's head, whatever the
 * anchor. Text has none.
 */
export function groundPointOf(shape: Shape, anchor: GroundAnchor = DEFAULT_ANCHOR): Vec2 | null {
  /** The point (dx, dy) from the centre in the box's own axes, turned by `rotation` degrees. */
  const turn = (rotation: number, cx: number, cy: number, dx: number, dy: number): Vec2 => {
    const r = (rotation * Math.PI) / 180;
    const cos = Math.cos(r);
    const sin = Math.sin(r);
    return { x: cx + dx * cos - dy * sin, y: cy + dx * sin + dy * cos };
  };
  const across = anchor.u - 0.5;
  const down = anchor.v - 0.5;
  switch (shape.kind) {
    case 'rectangle':
      return turn(
        shape.rotation,
        shape.x + shape.width / 2,
        shape.y + shape.height / 2,
        across * shape.width,
        down * shape.height,
      );
    case 'ellipse':
      return turn(shape.rotation, shape.cx, shape.cy, across * 2 * shape.rx, down * 2 * shape.ry);
    case 'points':
      return shape.points[0] ?? null;
    case 'polygon':
    case 'polyline': {
      if (shape.points.length === 0) return null;
      const xs = shape.points.map((p) => p.x);
      const ys = shape.points.map((p) => p.y);
      const left = Math.min(...xs);
      const top = Math.min(...ys);
      return {
        x: left + anchor.u * (Math.max(...xs) - left),
        y: top + anchor.v * (Math.max(...ys) - top),
      };
    }
    case 'arrow':
      return shape.to;
    case 'text':
      return null;
  }
}

/**
 * A keyframe a person set (drawn or propagated) or a tracked one a person confirmed, and not
 * outside the view: the only positions measurement uses. Interpolated, held, computed and
 * unconfirmed tracked positions are guesses (Framewise's or the tracker's).
 */
export const isMeasuredKeyframe = (k: Keyframe): boolean =>
  !k.outside &&
  (k.origin === 'drawn' ||
    k.origin === 'propagated' ||
    (k.origin === 'tracked' && (k.tracking?.confirmedBy ?? null) !== null));
