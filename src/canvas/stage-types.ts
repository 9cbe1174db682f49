import type { Point, Shape } from '../core/annotations/model';
import type { DrawingTool } from './drafting';

/** What the stage draws for one object on the current frame. */
/** A tracked position's look: how sure the tracker was, and whether a person confirmed it. */
export interface TrackedLook {
  readonly confidence: number;
  readonly confirmed: boolean;
}

export interface StageObject {
  readonly id: string;
  /** e.g. "officer #2" */
  readonly title: string;
  readonly color: string;
  readonly shape: Shape;
  /** Drawn by a person on this frame (solid) or computed from keyframes (dashed). */
  readonly drawn: boolean;
  /**
   * Held: computed by carrying the last keyframe on, with nothing to move toward (dotted, and
   * titled "… · held"): the least trustworthy position, never to pass for an observation.
   */
  readonly held?: boolean;
  /**
   * Proposed by the assisted tracker on this frame (dash-dot, titled "… · tracked 0.82"), or
   * tracked and confirmed by a person ("… · tracked ✓"): never to pass for a drawn box.
   */
  readonly tracked?: TrackedLook;
  /** The track drawing and editing act on: a thicker outline, with handles. */
  readonly selected: boolean;
  /** Cannot be moved or edited on the stage. */
  readonly locked: boolean;
  /** Occluded on this frame: drawn translucent. */
  readonly occluded: boolean;
}

/** 'ruler': drag from one ground point to another to measure the distance between them. */
export type StageTool = 'select' | DrawingTool | 'ruler';

export interface StageIntents {
  /** A new shape, in frame pixels (not yet validated). */
  shapeDrawn(shape: Shape): void;
  /** An object moved, resized, turned or reshaped; one call per finished gesture. */
  shapeEdited(id: string, shape: Shape): void;
  /** An object was clicked or grabbed (null: empty frame clicked). */
  objectSelected(id: string | null): void;
  /** The frame pixel under the pointer (integers, upright frame), null off the frame. */
  pointerMoved(pixel: Point | null): void;
  /** Zoom now in force (1 = one frame pixel per screen pixel). */
  zoomChanged(scale: number): void;
  /** A click tool's drawing in progress (its vertices so far), or none; on each change. */
  draftChanged(draft: DraftState | null): void;
  /** Picking (a scene calibration open): a click on the frame, sub-pixel, upright frame. */
  pointPicked(point: Point): void;
  /** The Ruler dragged from one point to another (frame pixels, sub-pixel). */
  rulerDrawn(from: Point, to: Point): void;
}

/** A polygon, polyline or points being drawn, as the app's hint describes it. */
export interface DraftState {
  readonly tool: DrawingTool;
  readonly vertices: number;
}

/** What the rest of the app may ask of the stage. */
export interface StageControl {
  /** Drops a shape being drawn; false when there was none. */
  cancelDraft(): boolean;
  /** Finishes a polygon, polyline or points being drawn; false when there was none. */
  finishDraft(): boolean;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  oneToOne(): void;
  /** Space held: dragging pans. Returns, on release, whether a pan happened meanwhile. */
  setPanKey(held: boolean): boolean;
}
