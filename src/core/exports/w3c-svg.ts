import type { Shape } from '../annotations/model';

/**
 * The SVG a W3C SvgSelector carries (see w3c-annotation.ts): a standalone SVG document whose
 * viewBox is the upright frame, drawing one shape. It is used for every shape but a plain box
 * inside the frame (that one is a Media Fragments `xywh=`, see w3c-target.ts). User text in it
 * (the title, a text shape's text, the label colour) is made safe for XML.
 */

/** A frame's size in pixels of the upright frame (a quarter turn swaps the video's sides). */
export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Anything that is not an XML 1.0 Char (control characters, lone surrogates, U+FFFE/U+FFFF):
 * a document holding one is not well-formed, so it is replaced.
 */
const NOT_XML_CHAR = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/gu;

/** User text made safe inside SVG text or an attribute: markup escaped, bad characters replaced. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** A coordinate for SVG: at most 3 decimals, no "-0", no exponent for ordinary sizes. */
const n = (value: number): string => String(Number(value.toFixed(3)) || 0);

const pointList = (points: readonly { x: number; y: number }[]): string =>
  points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ');

/** A turn about (cx, cy), clockwise on screen as in the model (SVG's y runs down); none at 0. */
const rotate = (degrees: number, cx: number, cy: number): string =>
  degrees % 360 === 0 ? '' : ` transform="rotate(${n(degrees)} ${n(cx)} ${n(cy)})"`;

/** The SVG element(s) drawing one shape, stroked or filled in `color`. */
function svgShape(shape: Shape, color: string): string {
  const stroke = `fill="none" stroke="${color}" stroke-width="2"`;
  switch (shape.kind) {
    case 'rectangle': {
      const cx = shape.x + shape.width / 2;
      const cy = shape.y + shape.height / 2;
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}"${rotate(shape.rotation, cx, cy)} ${stroke}/>`;
    }
    case 'ellipse':
      return `<ellipse cx="${n(shape.cx)}" cy="${n(shape.cy)}" rx="${n(shape.rx)}" ry="${n(shape.ry)}"${rotate(shape.rotation, shape.cx, shape.cy)} ${stroke}/>`;
    case 'polygon':
      return `<polygon points="${pointList(shape.points)}" ${stroke}/>`;
    case 'polyline':
      return `<polyline points="${pointList(shape.points)}" ${stroke}/>`;
    case 'points':
      // A point has no area: each is drawn as a dot of radius 3 centred on it.
      return shape.points
        .map((p) => `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="3" fill="${color}"/>`)
        .join('');
    case 'arrow':
      return (
        `<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="${color}"/></marker></defs>` +
        `<line x1="${n(shape.from.x)}" y1="${n(shape.from.y)}" x2="${n(shape.to.x)}" y2="${n(shape.to.y)}" ${stroke} marker-end="url(#head)"/>`
      );
    case 'text':
      // x, y is the text's top-left: "hanging" puts the top of the letters on y.
      return `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.fontSize)}" dominant-baseline="hanging" fill="${color}">${escapeXml(shape.text)}</text>`;
  }
}

/** A standalone SVG document of the frame's size drawing the shape, titled for people. */
export function shapeSvg(shape: Shape, title: string, color: string, frame: FrameSize): string {
  // The label colour is user data too: only a plain #rrggbb goes into the markup.
  const safeColor = /^#[0-9a-f]{6}$/i.test(color) ? color : '#ff0000';
  const { width, height } = frame;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeXml(title)}</title>${svgShape(shape, safeColor)}</svg>`
  );
}
