/**
 * One field of an interlaced frame, line-doubled (issue 18's "Fields: Top field / Bottom
 * field"): the top field is the even lines (0, 2, 4…), the bottom the odd ones, each shown
 * twice so the picture keeps its height. Equal, byte for byte on the luma plane, to
 * `ffmpeg -vf field=type=top,scale=w=iw:h=ih*2:flags=neighbor` (tested against native FFmpeg
 * 5.1). The frame itself, its index, pts and MD5 are untouched: this is a view of it.
 */
export type FieldChoice = 'top' | 'bottom';

export function fieldOfPlane(
  plane: Uint8Array,
  width: number,
  height: number,
  field: FieldChoice,
): Uint8Array {
  if (plane.length < width * height) throw new RangeError('the plane is smaller than its size');
  const out = new Uint8Array(width * height);
  const parity = field === 'top' ? 0 : 1;
  for (let y = 0; y < height; y++) {
    // The field's line for this output row; the last odd line of an odd height is the even one.
    const from = Math.min(2 * Math.floor(y / 2) + parity, height - 1);
    out.set(plane.subarray(from * width, from * width + width), y * width);
  }
  return out;
}

/** The FFmpeg filter that shows the same field. */
export const fieldFilterText = (field: FieldChoice): string =>
  `field=type=${field},scale=w=iw:h=ih*2:flags=neighbor`;
