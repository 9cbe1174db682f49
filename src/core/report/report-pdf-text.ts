/**
 * Lines of text for the PDF report: runs split into words, words set on lines by their
 * measured width, and the mono size chosen so that a hash fits its column whole.
 *
 * Hashes and commands are copied out of the report by hand or by text extraction, so a mono
 * word is never broken while shrinking it can make it fit: the block's mono size goes down
 * (to MIN_MONO_SIZE at the least) until its widest mono word fits. Only a word still too wide
 * at that size is broken by characters, as the last resort.
 */
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import type { Inline } from './report-model';

export interface ReportFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly mono: PDFFont;
}

/** One kind of text: prose size, the mono size it prefers, the line pitch. */
export interface TextSetting {
  readonly size: number;
  readonly monoSize: number;
  readonly lineHeight: number;
  /** Prose in bold (headings, table headers). */
  readonly bold?: boolean;
}

/** The smallest mono size used to keep a hash whole (a 64-hex hash is then ~232 pt wide). */
export const MIN_MONO_SIZE = 6;

type Face = 'regular' | 'bold' | 'mono';

interface Part {
  readonly text: string;
  readonly face: Face;
}

type Item =
  | { readonly kind: 'space'; readonly text: string; readonly face: Face }
  | { readonly kind: 'word'; readonly parts: Part[] };

/** A stretch of a line in one font and size, `x` from the line's start. */
export interface Segment {
  readonly text: string;
  readonly font: PDFFont;
  readonly size: number;
  readonly x: number;
  readonly width: number;
}

export interface TextLine {
  readonly segments: readonly Segment[];
  readonly width: number;
  /** Set on a line that continues a word broken mid-way (too wide even with mono shrunk). */
  readonly continued: boolean;
}

export interface TextLayout {
  readonly lines: readonly TextLine[];
  readonly monoSize: number;
}

interface Sizer {
  readonly fonts: ReportFonts;
  readonly setting: TextSetting;
  readonly monoSize: number;
}

// Control characters would be drawn as missing glyphs or, for newlines, split a drawText
// call; the model's text is one line per run (code: one line per entry).
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export const cleanText = (text: string): string => text.replace(CONTROL_CHARS, ' ');

function faceOf(inline: Inline, setting: TextSetting): Face {
  if (typeof inline !== 'string' && inline.mono) return 'mono';
  const bold = typeof inline === 'string' ? setting.bold : (inline.bold ?? setting.bold);
  return bold ? 'bold' : 'regular';
}

const fontOf = (face: Face, fonts: ReportFonts): PDFFont => fonts[face];

const sizeOf = (face: Face, sizer: Sizer): number =>
  face === 'mono' ? sizer.monoSize : sizer.setting.size;

const widthOf = (text: string, face: Face, sizer: Sizer): number =>
  fontOf(face, sizer.fonts).widthOfTextAtSize(text, sizeOf(face, sizer));

/** Words (possibly spanning runs, "abc" + bold "def") and the spaces between them. */
function toItems(content: readonly Inline[], setting: TextSetting): Item[] {
  const items: Item[] = [];
  for (const inline of content) {
    const face = faceOf(inline, setting);
    const text = cleanText(typeof inline === 'string' ? inline : inline.text);
    for (const piece of text.split(/( +)/)) {
      if (piece === '') continue;
      const last = items[items.length - 1];
      if (piece.startsWith(' ')) {
        // Prose collapses spaces; mono keeps them (alignment inside commands).
        items.push({ kind: 'space', text: face === 'mono' ? piece : ' ', face });
      } else if (last?.kind === 'word') {
        last.parts.push({ text: piece, face });
      } else {
        items.push({ kind: 'word', parts: [{ text: piece, face }] });
      }
    }
  }
  return items;
}

function itemWidth(item: Item, sizer: Sizer): number {
  if (item.kind === 'space') return widthOf(item.text, item.face, sizer);
  return item.parts.reduce((sum, part) => sum + widthOf(part.text, part.face, sizer), 0);
}

/** The largest mono size (≤ preferred, ≥ MIN_MONO_SIZE) at which every mono word fits. */
function fitMonoSize(items: readonly Item[], width: number, sizer: Sizer): number {
  let size = sizer.setting.monoSize;
  for (const item of items) {
    if (item.kind !== 'word' || !item.parts.some((part) => part.face === 'mono')) continue;
    let proseWidth = 0;
    let monoWidthAtOne = 0;
    for (const part of item.parts) {
      if (part.face === 'mono') monoWidthAtOne += sizer.fonts.mono.widthOfTextAtSize(part.text, 1);
      else proseWidth += widthOf(part.text, part.face, sizer);
    }
    size = Math.min(size, (width - proseWidth) / monoWidthAtOne);
  }
  // Rounded down to a tenth: tidy sizes in the file, and the word still fits.
  return Math.max(MIN_MONO_SIZE, Math.floor(size * 10) / 10);
}

/** Splits a word that cannot fit any line into pieces that do, character by character. */
function breakWord(word: Item & { kind: 'word' }, width: number, sizer: Sizer): Item[] {
  const pieces: Item[] = [];
  let current: Part[] = [];
  let currentWidth = 0;
  for (const part of word.parts) {
    for (const char of part.text) {
      const charWidth = widthOf(char, part.face, sizer);
      if (currentWidth + charWidth > width && current.length > 0) {
        pieces.push({ kind: 'word', parts: current });
        current = [];
        currentWidth = 0;
      }
      const last = current[current.length - 1];
      if (last?.face === part.face)
        current[current.length - 1] = { ...last, text: last.text + char };
      else current.push({ text: char, face: part.face });
      currentWidth += charWidth;
    }
  }
  if (current.length > 0) pieces.push({ kind: 'word', parts: current });
  return pieces;
}

interface RawLine {
  items: Item[];
  continued: boolean;
}

/** Greedy filling: a word goes on the line if it fits after the pending space. */
function fillLines(items: readonly Item[], width: number, sizer: Sizer): RawLine[] {
  const lines: RawLine[] = [{ items: [], continued: false }];
  let lineWidth = 0;
  let pendingSpace: Item | null = null;
  const startLine = (continued: boolean): void => {
    lines.push({ items: [], continued });
    lineWidth = 0;
    pendingSpace = null;
  };
  for (const item of items) {
    const line = lines[lines.length - 1]!;
    if (item.kind === 'space') {
      // Leading spaces stay on a first line (code indentation), never on a wrapped one.
      if (line.items.length === 0 && lines.length === 1) {
        line.items.push(item);
        lineWidth += itemWidth(item, sizer);
      } else if (line.items.length > 0) pendingSpace = item;
      continue;
    }
    const spaceWidth = pendingSpace ? itemWidth(pendingSpace, sizer) : 0;
    const wordWidth = itemWidth(item, sizer);
    if (line.items.length > 0 && lineWidth + spaceWidth + wordWidth > width) {
      startLine(false);
    } else if (pendingSpace) {
      line.items.push(pendingSpace);
      lineWidth += spaceWidth;
    }
    pendingSpace = null;
    const pieces = wordWidth > width ? breakWord(item, width, sizer) : [item];
    pieces.forEach((piece, index) => {
      if (index > 0) startLine(true);
      lines[lines.length - 1]!.items.push(piece);
      lineWidth += itemWidth(piece, sizer);
    });
  }
  return lines;
}

/** Neighbouring text in the same face becomes one segment (one drawText, one text item). */
function toSegments(items: readonly Item[], sizer: Sizer): Segment[] {
  const runs: Part[] = [];
  for (const item of items) {
    const parts = item.kind === 'space' ? [{ text: item.text, face: item.face }] : item.parts;
    for (const part of parts) {
      const last = runs[runs.length - 1];
      // A space keeps its own face (a mono space is wider than a prose one).
      if (last && last.face === part.face) {
        runs[runs.length - 1] = { face: last.face, text: last.text + part.text };
      } else runs.push(part);
    }
  }
  let x = 0;
  return runs.map((run) => {
    const width = widthOf(run.text, run.face, sizer);
    const segment = {
      text: run.text,
      font: fontOf(run.face, sizer.fonts),
      size: sizeOf(run.face, sizer),
      x,
      width,
    };
    x += width;
    return segment;
  });
}

/** Sets the content on lines no wider than `width`. */
export function layoutText(
  content: readonly Inline[],
  width: number,
  setting: TextSetting,
  fonts: ReportFonts,
): TextLayout {
  const items = toItems(content, setting);
  const monoSize = fitMonoSize(items, width, { fonts, setting, monoSize: setting.monoSize });
  const sizer = { fonts, setting, monoSize };
  const lines = fillLines(items, width, sizer).map((raw) => {
    const segments = toSegments(raw.items, sizer);
    const last = segments[segments.length - 1];
    return { segments, width: last ? last.x + last.width : 0, continued: raw.continued };
  });
  return { lines, monoSize };
}

/** Widths for choosing table columns: on one line, and the widest word (mono at a size). */
export function measureContent(
  content: readonly Inline[],
  setting: TextSetting,
  fonts: ReportFonts,
): { natural: number; widestWord: number; widestWordAtMinMono: number } {
  const items = toItems(content, setting);
  const preferred = { fonts, setting, monoSize: setting.monoSize };
  const smallest = { fonts, setting, monoSize: MIN_MONO_SIZE };
  const words = items.filter((item) => item.kind === 'word');
  const widest = (sizer: Sizer): number =>
    Math.max(0, ...words.map((word) => itemWidth(word, sizer)));
  return {
    natural: items.reduce((sum, item) => sum + itemWidth(item, preferred), 0),
    widestWord: widest(preferred),
    widestWordAtMinMono: widest(smallest),
  };
}

/**
 * Distance from a line's top to its baseline: the font's box (DejaVu: ascent 0.928 em,
 * descent 0.236 em) centred in the line pitch.
 */
export const baselineOffset = (setting: TextSetting): number =>
  (setting.lineHeight - 1.164 * setting.size) / 2 + 0.928 * setting.size;

/** Draws lines from `top` (distance from the page's top edge) down, one pitch apart. */
export function drawLines(
  page: PDFPage,
  lines: readonly TextLine[],
  x: number,
  top: number,
  setting: TextSetting,
  color?: Color,
): void {
  lines.forEach((line, index) => {
    const baseline =
      page.getHeight() - (top + index * setting.lineHeight + baselineOffset(setting));
    for (const segment of line.segments) {
      const { text, font, size } = segment;
      page.drawText(text, {
        x: x + segment.x,
        y: baseline,
        size,
        font,
        ...(color ? { color } : {}),
      });
    }
  });
}
