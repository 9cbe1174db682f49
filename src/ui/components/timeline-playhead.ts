import {
  frameCenterX,
  frameLeftX,
  pixelsPerFrame,
  type ViewRange,
} from '../../core/annotations/timeline';
import { C, MONO, ROW } from './timeline-draw';

/** The timeline's foreground layer, repainted on every frame step (cheap on purpose). */

/** The playhead (the wanted frame) and the frame under the pointer. */
export function drawForeground(
  ctx: CanvasRenderingContext2D,
  scene: { width: number; height: number; view: ViewRange },
  playhead: number,
  hover: number | null,
  /** Said beside the hovered frame's number, e.g. that a gap in the recording is there. */
  hoverRemark: string | null = null,
): void {
  const { view, width, height } = scene;
  const ppf = pixelsPerFrame(view, width);
  if (hover !== null && hover !== playhead) {
    const x = Math.round(frameCenterX(hover, view, width));
    ctx.fillStyle = C.hover;
    ctx.fillRect(x, ROW.ruler, 1, height - ROW.ruler);
    // Its number, on a patch of ruler, so a click can be aimed at an exact frame.
    const text = hoverRemark ? `${hover} · ${hoverRemark}` : String(hover);
    ctx.font = MONO;
    const w = ctx.measureText(text).width + 8;
    const left = Math.min(Math.max(0, x - w / 2), width - w);
    ctx.fillStyle = '#3a3a3a';
    ctx.fillRect(left, 1, w, ROW.ruler - 3);
    ctx.fillStyle = '#e6e6e6';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, left + 4, ROW.ruler / 2);
  }
  if (playhead < view.first || playhead > view.last) return;
  const x = Math.round(frameCenterX(playhead, view, width));
  if (ppf >= 4) {
    // Wide frames: shade the playhead's whole slot, so it is plain which frame it is.
    ctx.fillStyle = C.slot;
    ctx.fillRect(frameLeftX(playhead, view, width), 0, ppf, height);
  }
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.fillRect(x - 1, 0, 3, height);
  ctx.fillStyle = C.playhead;
  ctx.fillRect(x, 0, 1, height);
  ctx.beginPath();
  ctx.moveTo(x - 5, 0);
  ctx.lineTo(x + 6, 0);
  ctx.lineTo(x + 0.5, 7);
  ctx.closePath();
  ctx.fill();
}
