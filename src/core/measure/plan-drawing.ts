import type { Vec2 } from './matrix';

/**
 * The plan view's picture as a list of plain drawing items, so that one list is drawn twice
 * and both show the same thing: as SVG here (`drawingSvg`) and on a canvas in the UI's
 * worker (ui/state/plan-warp.worker.ts). Coordinates are plan pixels, (0,0) at the top-left
 * corner, y down. Text is never measured here (no fonts in core): layout that depends on
 * text width uses an estimate (`textWidth`) that errs wide.
 */

export type TextAnchor = 'start' | 'middle' | 'end';

export type PlanItem =
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
      readonly fill: string;
      readonly opacity: number;
      readonly stroke: string | null;
    }
  | {
      readonly kind: 'line';
      readonly from: Vec2;
      readonly to: Vec2;
      readonly stroke: string;
      readonly width: number;
      readonly opacity: number;
    }
  | {
      /** An open polyline; `track`: the id of the track whose ground path it is. */
      readonly kind: 'path';
      readonly points: readonly Vec2[];
      readonly stroke: string;
      readonly width: number;
      readonly track: string | null;
    }
  | {
      readonly kind: 'circle';
      readonly centre: Vec2;
      readonly r: number;
      readonly fill: string;
      readonly stroke: string;
      readonly strokeWidth: number;
    }
  | {
      readonly kind: 'text';
      readonly at: Vec2;
      readonly text: string;
      readonly size: number;
      readonly fill: string;
      readonly anchor: TextAnchor;
      readonly bold: boolean;
      /** A dark outline behind the letters, so they read over any ground. */
      readonly halo: string | null;
    }
  /** Where the warped ground image goes (it is drawn in this place in the list). */
  | {
      readonly kind: 'ground';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
    };

export const PLAN_FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif";
/** The halo's width around text (px). */
export const TEXT_HALO_WIDTH = 3;

/** A generous estimate of a text's width (px) in PLAN_FONT: 0.62 em per character. */
export const textWidth = (text: string, size: number, bold = false): number =>
  [...text].length * size * (bold ? 0.66 : 0.62);

/** Characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/FFFF): replaced. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** User text (a file name, a track title) made safe inside an SVG element or attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A number as SVG writes it: two decimals at most, no "-0". */
export const num = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
};

const pathData = (points: readonly Vec2[]) =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join(' ');

function itemSvg(item: PlanItem, groundHref: string | null): string {
  switch (item.kind) {
    case 'rect':
      return `<rect x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" fill="${escapeXml(item.fill)}"${item.opacity < 1 ? ` fill-opacity="${num(item.opacity)}"` : ''}${item.stroke ? ` stroke="${escapeXml(item.stroke)}" stroke-width="1"` : ''}/>`;
    case 'line':
      return `<line x1="${num(item.from.x)}" y1="${num(item.from.y)}" x2="${num(item.to.x)}" y2="${num(item.to.y)}" stroke="${escapeXml(item.stroke)}" stroke-width="${num(item.width)}"${item.opacity < 1 ? ` stroke-opacity="${num(item.opacity)}"` : ''} stroke-linecap="round"/>`;
    case 'path':
      return `<path d="${pathData(item.points)}" fill="none" stroke="${escapeXml(item.stroke)}" stroke-width="${num(item.width)}" stroke-linejoin="round" stroke-linecap="round"${item.track === null ? '' : ` data-track="${escapeXml(item.track)}"`}/>`;
    case 'circle':
      return `<circle cx="${num(item.centre.x)}" cy="${num(item.centre.y)}" r="${num(item.r)}" fill="${escapeXml(item.fill)}" stroke="${escapeXml(item.stroke)}" stroke-width="${num(item.strokeWidth)}"/>`;
    case 'text': {
      const halo = item.halo
        ? ` stroke="${escapeXml(item.halo)}" stroke-width="${TEXT_HALO_WIDTH}" stroke-linejoin="round" paint-order="stroke"`
        : '';
      return `<text x="${num(item.at.x)}" y="${num(item.at.y)}" font-size="${num(item.size)}"${item.bold ? ' font-weight="bold"' : ''} text-anchor="${item.anchor}" fill="${escapeXml(item.fill)}"${halo}>${escapeXml(item.text)}</text>`;
    }
    case 'ground':
      return groundHref === null
        ? ''
        : `<image x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" preserveAspectRatio="none" href="${escapeXml(groundHref)}" xlink:href="${escapeXml(groundHref)}"/>`;
  }
}

/**
 * A standalone SVG document of the items, `title` its accessible name. `groundHref` is the
 * warped ground (a data: URI of a PNG), drawn where the list has its `ground` item.
 */
export function drawingSvg(
  width: number,
  height: number,
  title: string,
  items: readonly PlanItem[],
  groundHref: string | null,
): string {
  const body = items
    .map((item) => itemSvg(item, groundHref))
    .filter((s) => s !== '')
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(PLAN_FONT)}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}
