/**
 * One field of an interlaced frame, line-doubled (issue 18's "Fields: Top field / Bottom
 * field"): the top field is the even lines (0, 2, 4…), the bottom the odd ones, each shown
 * twice so the picture keeps its height. Equal, byte for byte on the luma plane, to
 * `ffmpeg -vf field=type=top,scale=w=iw:h=ih*2:flags=neighbor` (tested against native FFmpeg
 * 5.1). The frame itself, its index, pts and MD5 are untouched: this is a view of it.
 */
export type FieldChoice = 'top' | 'bottom';

/** The plane's line that output row `y` of the line-doubled field shows. */
export function fieldSourceRow(y: number, height: number, field: FieldChoice): number {
  // The last odd line of an odd height is the even one.
  return Math.min(2 * Math.floor(y / 2) + (field === 'top' ? 0 : 1), height - 1);
}

export function fieldOfPlane(
  plane: Uint8Array,
  width: number,
  height: number,
  field: FieldChoice,
): Uint8Array {
  if (plane.length < width * height) throw new RangeError('the plane is smaller than its size');
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = fieldSourceRow(y, height, field);
    out.set(plane.subarray(from * width, from * width + width), y * width);
  }
  return out;
}

/**
 * Why one field of a picture this high cannot be shown as FFmpeg shows it, in words; null
 * when it can. FFmpeg's field filter halves each plane's lines (rounding up for the top
 * field, down for the bottom) and the scale doubles them, so the picture keeps its height and
 * each line its place only when every plane has an even number of lines: the luma and, with
 * vertically halved chroma (4:2:0), the chroma too, i.e. a height divisible by 4. Interlaced
 * video is (480, 576, 1080 lines); a picture that is not would come out of FFmpeg another
 * height, and the view could not be made again with the chain it names.
 */
export function fieldHeightProblem(height: number, chromaY: number): string | null {
  const multiple = 2 << chromaY;
  return height % multiple === 0
    ? null
    : `One field can be shown only on a picture whose height is a multiple of ${multiple} ` +
        `(this one is ${height} lines): FFmpeg's field filter would give a picture of another ` +
        `height, so the view could not be made again with FFmpeg.`;
}

/** The FFmpeg filter that shows the same field. */
export const fieldFilterText = (field: FieldChoice): string =>
  `field=type=${field},scale=w=iw:h=ih*2:flags=neighbor`;
