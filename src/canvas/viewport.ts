/**
 * Zoom and pan of the frame on the stage, as plain numbers: screen = frame × scale + offset.
 * "fit" follows the container's size until the user zooms or pans.
 */
export interface Viewport {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
  /** True while the view is the fit-to-container one (kept on resize). */
  readonly fitted: boolean;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 32;
/** One wheel notch or +/- key press. */
export const ZOOM_STEP = 1.25;

/** The whole frame centred in the container. */
export function fitViewport(frame: Size, container: Size): Viewport {
  if (!frame.width || !frame.height) return { scale: 1, x: 0, y: 0, fitted: true };
  const scale = Math.min(container.width / frame.width, container.height / frame.height);
  return {
    scale,
    x: (container.width - frame.width * scale) / 2,
    y: (container.height - frame.height * scale) / 2,
    fitted: true,
  };
}

/**
 * Zooms by `factor` keeping the frame point under `anchor` (screen pixels) where it is, so
 * the pixel under the cursor stays under the cursor.
 */
export function zoomAt(view: Viewport, factor: number, anchor: { x: number; y: number }): Viewport {
  const scale = Math.min(Math.max(view.scale * factor, MIN_ZOOM), MAX_ZOOM);
  const frameX = (anchor.x - view.x) / view.scale;
  const frameY = (anchor.y - view.y) / view.scale;
  return { scale, x: anchor.x - frameX * scale, y: anchor.y - frameY * scale, fitted: false };
}

/** One frame pixel per screen pixel, keeping the container's centre on the same frame point. */
export function oneToOne(view: Viewport, container: Size): Viewport {
  return zoomAt(view, 1 / view.scale, { x: container.width / 2, y: container.height / 2 });
}

export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { ...view, x: view.x + dx, y: view.y + dy, fitted: false };
}

/** The frame pixel under a screen point. */
export function toFrame(
  view: Viewport,
  screen: { x: number; y: number },
): { x: number; y: number } {
  return { x: (screen.x - view.x) / view.scale, y: (screen.y - view.y) / view.scale };
}
