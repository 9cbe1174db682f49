/**
 * Stepping by field through interlaced footage (issue 18): with one field shown, the next
 * step goes to the other field of the same frame when it comes later in time, else to the
 * next frame's first field, so fields are seen in the order they were filmed (twice the
 * frame rate). The frame itself (index, pts, MD5) is the same for both of its fields.
 */
export type Field = 'top' | 'bottom';

/**
 * The field filmed first, from the stream's field order as ffprobe says it ("tt" or "tb":
 * top first; "bb" or "bt": bottom first); null for progressive or unknown footage.
 */
export function firstFieldOf(fieldOrder: string): Field | null {
  if (fieldOrder === 'tt' || fieldOrder === 'tb') return 'top';
  if (fieldOrder === 'bb' || fieldOrder === 'bt') return 'bottom';
  return null;
}

const other = (field: Field): Field => (field === 'top' ? 'bottom' : 'top');

/**
 * The field `delta` fields after (frame, field), kept within frames 0…frameCount − 1; the
 * same place when it would leave them.
 */
export function stepField(
  at: { readonly frame: number; readonly field: Field },
  delta: number,
  first: Field,
  frameCount: number,
): { frame: number; field: Field } {
  const position = 2 * at.frame + (at.field === first ? 0 : 1) + delta;
  if (position < 0 || position >= 2 * frameCount) return { ...at };
  return { frame: Math.floor(position / 2), field: position % 2 === 0 ? first : other(first) };
}
