import type { FrameIndex, LabelId } from '../ids';
import { boundingKeyframes, positionAt } from './interpolation';
import type { Shape, Track } from './model';
import { boundingBox } from './shapes';

/**
 * Whose shape a drawing is: a keyframe of the selected object, or a new object. A person who
 * draws around someone else while an object is selected must never silently move that object
 * onto them (an identity switch a court would not see), so a drawing joins the selected
 * object only when everything says it is that object:
 *
 * 1. the Label chooser shows the selected object's label;
 * 2. it is the same kind of shape as the object has here (a text callout drawn while an
 *    officer is selected is not the officer);
 * 3. it is near where the object is on this frame: the gap between the two boxes is at most
 *    twice the object's own size (the larger side of its box), which covers an object that
 *    moved between keyframes but not one across the frame. When the object has no position
 *    on this frame (before its first keyframe, or outside), the drawing brings it into view.
 *
 * Anything else starts a new object with the chosen label. Moving the selected object to
 * another place is done by dragging it.
 */
export type DrawingTarget =
  | { readonly kind: 'keyframe'; readonly track: Track }
  | { readonly kind: 'new'; readonly reason: NewObjectReason };

/** Why a drawing made a new object. */
export type NewObjectReason = 'nothing selected' | 'other label' | 'other kind' | 'far';

/** How far (in multiples of the object's larger side) a drawing may be and still be it. */
export const NEAR_FACTOR = 2;
/** Frame pixels: the least "size" of an object, so a single point still has a neighbourhood. */
export const MIN_NEAR_SIZE = 10;

export function drawingTarget(
  selected: Track | null,
  labelId: LabelId,
  shape: Shape,
  frame: FrameIndex,
): DrawingTarget {
  if (!selected) return { kind: 'new', reason: 'nothing selected' };
  if (selected.labelId !== labelId) return { kind: 'new', reason: 'other label' };
  const kindHere = (boundingKeyframes(selected, frame).previous ?? selected.keyframes[0])?.shape
    .kind;
  if (kindHere !== shape.kind) return { kind: 'new', reason: 'other kind' };
  const position = positionAt(selected, frame);
  if (position && !isNear(shape, position.shape)) return { kind: 'new', reason: 'far' };
  return { kind: 'keyframe', track: selected };
}

/** True when `drawn` lies within NEAR_FACTOR × the object's size of `object`'s box. */
export function isNear(drawn: Shape, object: Shape): boolean {
  const a = boundingBox(drawn);
  const b = boundingBox(object);
  const gapX = Math.max(0, a.x - (b.x + b.width), b.x - (a.x + a.width));
  const gapY = Math.max(0, a.y - (b.y + b.height), b.y - (a.y + a.height));
  const size = Math.max(b.width, b.height, MIN_NEAR_SIZE);
  return Math.hypot(gapX, gapY) <= NEAR_FACTOR * size;
}

/** The rule in a sentence, for the hint under the tools (and the report of a new object). */
export function drawingRuleHint(title: string, labelName: string): string {
  return `Drawing a ${labelName} shape on or near ${title} (within twice its size) sets its keyframe on this frame; with another label, another kind of shape, or further away, it starts a new object. To move ${title}, drag it.`;
}

/** Why a drawing started a new object although one was selected, in plain words. */
export function newObjectNotice(
  reason: NewObjectReason,
  newTitle: string,
  selectedTitle: string,
): string | null {
  switch (reason) {
    case 'nothing selected':
      return null;
    case 'other label':
      return `New object ${newTitle}: the chosen label is not ${selectedTitle}'s, so ${selectedTitle} was left as it was.`;
    case 'other kind':
      return `New object ${newTitle}: ${selectedTitle} is another kind of shape here, so it was left as it was.`;
    case 'far':
      return `New object ${newTitle}: drawn far from ${selectedTitle}, so ${selectedTitle} was left as it was. To move ${selectedTitle}, undo (Ctrl+Z) and drag it.`;
  }
}
