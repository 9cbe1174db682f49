import type { Distortion } from '../../core/measure/distortion';
import type { Mat3 } from '../../core/measure/matrix';
import type { PlanItem } from '../../core/measure/plan-drawing';

/** Messages between the page and the plan view's warping worker (plan-warp.worker.ts). */
export interface PlanWarpRequest {
  /** A copy of the frame on screen (upright frame pixels), handed over (transferred). */
  readonly bitmap: ImageBitmap;
  /** The upright frame's size, in the pixels the calibration's image points are in. */
  readonly frameWidth: number;
  readonly frameHeight: number;
  /** World metres → undistorted image pixels. */
  readonly worldToImage: Mat3;
  /** Set: undistorted pixels are distorted again before sampling the frame. */
  readonly distortion: Distortion | null;
  /** The map: its size in pixels, the world point of its top-left corner, and the scale. */
  readonly map: {
    readonly width: number;
    readonly height: number;
    readonly minX: number;
    readonly maxY: number;
    readonly pxPerM: number;
  };
  /** The whole image and what is drawn on it (the ground where its item is). */
  readonly width: number;
  readonly height: number;
  readonly items: readonly PlanItem[];
  /** Frame boxes blocked out before warping (objects redacted for publication). */
  readonly redactions: readonly {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  }[];
}

export type PlanWarpResponse =
  | {
      readonly ok: true;
      /** The warped ground alone (map size), for the SVG to embed. */
      readonly groundPng: Uint8Array;
      /** The whole plan view, ground and drawing. */
      readonly png: Uint8Array;
      /** Milliseconds spent warping (the per-pixel loop alone). */
      readonly warpMs: number;
    }
  | { readonly ok: false; readonly message: string };
