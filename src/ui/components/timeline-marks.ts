import { frameCenterX, gapX, type ViewRange } from '../../core/annotations/timeline';
import { ROW, Y } from './timeline-draw';

/**
 * The timeline's marks row: where the notes and cited frames are, and where the recording
 * has gaps (frames much further apart than usual). Each kind has its own shape as well as its
 * own colour, so they are told apart without colour vision.
 */

export interface Marks {
  /** Frames with an observation or interpretation note. */
  readonly observations: readonly number[];
  readonly interpretations: readonly number[];
  /** Frames cited for the court report. */
  readonly citations: readonly number[];
  /** Gaps in the recording, each by the frame before it. */
  readonly gapsAfter: readonly number[];
}

/** The same colours as the notes' OBS and INT tags; citations and gaps their own. */
export const MARK_COLOR = {
  observation: '#8ab4ff',
  interpretation: '#ffc861',
  citation: '#c89bff',
  gap: '#ff6b6b',
};

const inView = (frames: readonly number[], view: ViewRange) =>
  [...new Set(frames)].filter((f) => f >= view.first && f <= view.last);

export function drawMarks(
  ctx: CanvasRenderingContext2D,
  scene: { width: number; height: number; view: ViewRange },
  marks: Marks,
): void {
  const { view, width, height } = scene;
  const top = Y.marks;
  // Gaps first, under the rest: a red line across the whole timeline (faint below the marks
  // row, so the tracks stay readable) and a solid one in the marks row.
  for (const after of marks.gapsAfter) {
    if (after + 1 < view.first || after > view.last) continue;
    const x = Math.round(gapX(after, view, width));
    ctx.fillStyle = MARK_COLOR.gap;
    ctx.globalAlpha = 0.45;
    ctx.fillRect(x - 1, Y.events, 2, height - Y.events);
    ctx.globalAlpha = 1;
    ctx.fillRect(x - 1, top + 1, 3, ROW.marks - 2);
  }
  // Notes in the row's upper half: triangles pointing down at their frame (an interpretation
  // over an observation); cited frames in its lower half, so a cited frame's note still shows.
  const triangle = (frame: number, color: string) => {
    const x = Math.round(frameCenterX(frame, view, width)) + 0.5;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.moveTo(x - 4, top + 2);
    ctx.lineTo(x + 4, top + 2);
    ctx.lineTo(x, top + 8);
    ctx.closePath();
    ctx.fill();
  };
  for (const f of inView(marks.observations, view)) triangle(f, MARK_COLOR.observation);
  for (const f of inView(marks.interpretations, view)) triangle(f, MARK_COLOR.interpretation);
  // Cited frames: a square.
  ctx.fillStyle = MARK_COLOR.citation;
  for (const f of inView(marks.citations, view)) {
    const x = Math.round(frameCenterX(f, view, width));
    ctx.fillRect(x - 3, top + 9, 7, 6);
  }
}
