import Konva from 'konva';
import type { Point } from '../core/annotations/model';

/**
 * Measurement guides over the frame, drawn but never hit: the ground grid of a calibration,
 * its reference points (numbered), the corners of a known rectangle being clicked, and the
 * rulers of the frame on screen with their lengths. All in frame pixels; line widths, marker
 * sizes and text in screen pixels (redrawn on zoom).
 */
export interface GuideLine {
  readonly points: readonly Point[];
  readonly color: string;
  /** Screen pixels. */
  readonly width: number;
  readonly dash?: readonly number[];
}

export interface GuideMarker {
  readonly at: Point;
  readonly color: string;
  /** Beside the marker (a point's number, a ruler's length). */
  readonly label: string;
}

export interface StageGuides {
  readonly lines: readonly GuideLine[];
  readonly markers: readonly GuideMarker[];
}

export const NO_GUIDES: StageGuides = { lines: [], markers: [] };

const MARKER_PX = 6;
const LABEL_PX = 13;

export class GuideLayer {
  readonly group = new Konva.Group({ listening: false });
  #guides: StageGuides = NO_GUIDES;

  set(guides: StageGuides): void {
    this.#guides = guides;
  }

  /** Rebuilds the nodes for the zoom in force (`screenPx`: frame pixels per screen pixel). */
  render(screenPx: number): void {
    this.group.destroyChildren();
    for (const line of this.#guides.lines) {
      this.group.add(
        new Konva.Line({
          points: line.points.flatMap((p) => [p.x, p.y]),
          stroke: line.color,
          strokeWidth: line.width * screenPx,
          dash: line.dash?.map((d) => d * screenPx),
          lineCap: 'round',
          lineJoin: 'round',
          // A dark edge keeps thin lines readable on any picture.
          shadowColor: 'black',
          shadowBlur: 2 * screenPx,
          shadowOpacity: 0.8,
        }),
      );
    }
    for (const marker of this.#guides.markers) {
      const r = MARKER_PX * screenPx;
      const { x, y } = marker.at;
      // A cross with a gap at its centre, so the pixel aimed at stays visible.
      for (const [dx, dy] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ] as const) {
        this.group.add(
          new Konva.Line({
            points: [x + (dx * r) / 3, y + (dy * r) / 3, x + dx * r * 1.6, y + dy * r * 1.6],
            stroke: marker.color,
            strokeWidth: 2 * screenPx,
            shadowColor: 'black',
            shadowBlur: 2 * screenPx,
            shadowOpacity: 0.9,
          }),
        );
      }
      if (!marker.label) continue;
      const label = new Konva.Label({ x: x + r * 1.4, y: y + r * 1.4 });
      label.add(new Konva.Tag({ fill: 'rgba(0,0,0,0.72)', cornerRadius: 2 * screenPx }));
      label.add(
        new Konva.Text({
          text: marker.label,
          fontSize: LABEL_PX * screenPx,
          fontFamily: 'ui-monospace, monospace',
          padding: 2 * screenPx,
          fill: marker.color,
        }),
      );
      this.group.add(label);
    }
  }
}
