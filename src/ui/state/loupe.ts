/**
 * The loupe (issue 18): a magnifier over the stage that shows the frame pixels around the
 * pointer's pixel as blocks (nearest neighbour, never smoothed). Pure: which pixels, where.
 */

/** Off, then each magnification the "Loupe" control offers, in the order Shift+L cycles. */
export const LOUPE_ZOOMS = [0, 2, 4, 8, 16] as const;
export type LoupeZoom = (typeof LOUPE_ZOOMS)[number];

export const loupeZoomName = (zoom: LoupeZoom): string => (zoom === 0 ? 'Off' : `${zoom}×`);

export function nextLoupeZoom(zoom: LoupeZoom): LoupeZoom {
  return LOUPE_ZOOMS[(LOUPE_ZOOMS.indexOf(zoom) + 1) % LOUPE_ZOOMS.length]!;
}

export function isLoupeZoom(value: number): value is LoupeZoom {
  return (LOUPE_ZOOMS as readonly number[]).includes(value);
}

/** About this many screen pixels across, whatever the magnification. */
const LOUPE_SPAN_PX = 160;

/**
 * The square of frame pixels the loupe shows at `zoom`: an odd number of pixels across, so
 * the pointer's pixel is the centre one; `x`, `y` its top-left frame pixel (may lie outside
 * the frame: those cells are drawn as "no picture").
 */
export function loupeWindow(
  centre: { x: number; y: number },
  zoom: Exclude<LoupeZoom, 0>,
): { x: number; y: number; cells: number; sizePx: number } {
  const half = Math.ceil(LOUPE_SPAN_PX / 2 / zoom);
  const cells = 2 * half + 1;
  return { x: centre.x - half, y: centre.y - half, cells, sizePx: cells * zoom };
}

/**
 * Where the loupe goes in its container: beside the pointer (below right), flipped to the
 * other side where it would leave the container, and never over the pointer's own pixel.
 */
export function loupePlacement(
  pointer: { x: number; y: number },
  size: { width: number; height: number },
  container: { width: number; height: number },
  gap = 24,
): { left: number; top: number } {
  let left = pointer.x + gap;
  if (left + size.width > container.width) left = pointer.x - gap - size.width;
  let top = pointer.y + gap;
  if (top + size.height > container.height) top = pointer.y - gap - size.height;
  // Pushed back in where the container is too small for either side.
  left = Math.max(0, Math.min(left, container.width - size.width));
  top = Math.max(0, Math.min(top, container.height - size.height));
  return { left, top };
}
