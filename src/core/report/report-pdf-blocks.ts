/**
 * The report's blocks as pieces for the PDF's pages: each piece is as tall as it will be drawn
 * and is never split across pages (a line of a paragraph or code block, a facts or table row,
 * a whole figure row). The paginator in report-pdf.ts places them.
 */
import { rgb, type PDFImage, type PDFPage } from 'pdf-lib';
import { columnWidths } from './report-pdf-columns';
import type {
  Code,
  Facts,
  Figure,
  FigureRow,
  Heading,
  Inline,
  Paragraph,
  Table,
} from './report-model';
import {
  drawLines,
  layoutText,
  measureContent,
  type ReportFonts,
  type TextLine,
  type TextSetting,
} from './report-pdf-text';

export interface Piece {
  readonly height: number;
  /** Space above, dropped when the piece opens a page. */
  readonly spaceBefore: number;
  /** Headings, captions and header rows stay on the page of what follows them. */
  readonly keepWithNext: boolean;
  /** A table's header row, drawn again above this piece when it opens a page. */
  readonly header?: Piece;
  /** Draws the piece with its top `top` points below the page's top edge. */
  draw(page: PDFPage, top: number): void;
}

export interface BlockContext {
  readonly fonts: ReportFonts;
  readonly images: ReadonlyMap<Figure, PDFImage>;
  /** Left edge and width of the text column. */
  readonly left: number;
  readonly width: number;
  /** The tallest a figure may be, so that a row with captions fits on a page. */
  readonly maxFigureHeight: number;
}

const BODY: TextSetting = { size: 10, monoSize: 9.5, lineHeight: 14 };
const FACTS: TextSetting = { size: 9, monoSize: 8.5, lineHeight: 12.5 };
const TABLE: TextSetting = { size: 8.5, monoSize: 8, lineHeight: 11.5 };
const TABLE_HEADER: TextSetting = { ...TABLE, bold: true };
const CODE: TextSetting = { size: 8.5, monoSize: 8.5, lineHeight: 11.5 };
const CAPTION: TextSetting = { size: 8.5, monoSize: 8, lineHeight: 11 };
const HEADINGS: Record<Heading['level'], TextSetting & { spaceBefore: number }> = {
  1: { size: 18, monoSize: 17, lineHeight: 23, bold: true, spaceBefore: 0 },
  2: { size: 13.5, monoSize: 13, lineHeight: 18, bold: true, spaceBefore: 16 },
  3: { size: 11, monoSize: 10.5, lineHeight: 15, bold: true, spaceBefore: 11 },
};

const CELL_PADDING = 3;
const BLOCK_GAP = 7;
const FIGURE_GAP = 10;
const LABEL_GREY = rgb(0.3, 0.3, 0.3);
const RULE_GREY = rgb(0.78, 0.78, 0.78);
const HEADER_FILL = rgb(0.91, 0.91, 0.91);
const CODE_FILL = rgb(0.95, 0.95, 0.95);

/** Rectangle edges are given from the page's top, as pieces are. */
function fillBox(
  page: PDFPage,
  x: number,
  top: number,
  width: number,
  height: number,
  color = CODE_FILL,
): void {
  page.drawRectangle({ x, y: page.getHeight() - top - height, width, height, color });
}

function ruleBelow(page: PDFPage, x: number, top: number, width: number): void {
  const y = page.getHeight() - top;
  page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.5, color: RULE_GREY });
}

export function headingPieces(block: Heading, context: BlockContext): Piece[] {
  const setting = HEADINGS[block.level];
  const { lines } = layoutText([block.text], context.width, setting, context.fonts);
  const gapBelow = block.level === 1 ? 6 : 2;
  return [
    {
      height: lines.length * setting.lineHeight + gapBelow,
      spaceBefore: setting.spaceBefore,
      keepWithNext: true,
      draw: (page, top) => drawLines(page, lines, context.left, top, setting),
    },
  ];
}

/** One piece per line, so a long paragraph flows onto the next page (unless kept). */
function linePieces(
  lines: readonly TextLine[],
  setting: TextSetting,
  context: BlockContext,
  keepWithNext = false,
): Piece[] {
  return lines.map((line, index) => ({
    height: setting.lineHeight,
    spaceBefore: index === 0 ? BLOCK_GAP : 0,
    keepWithNext,
    draw: (page, top) => drawLines(page, [line], context.left, top, setting),
  }));
}

export function paragraphPieces(block: Paragraph, context: BlockContext): Piece[] {
  const { lines } = layoutText(block.content, context.width, BODY, context.fonts);
  return linePieces(lines, BODY, context, block.keepWithNext === true);
}

export function factsPieces(block: Facts, context: BlockContext): Piece[] {
  const labelWidths = block.rows.map(
    (row) => measureContent([row.label], FACTS, context.fonts).natural,
  );
  // Labels are short ("SHA-256", "Frames"); the value column gets the rest, for hashes.
  const labelColumn = Math.min(
    Math.max(0, ...labelWidths) + 4 * CELL_PADDING,
    context.width * 0.32,
  );
  const valueColumn = context.width - labelColumn;
  return block.rows.map((row, index) => {
    const label = layoutText([row.label], labelColumn - 2 * CELL_PADDING, FACTS, context.fonts);
    const value = layoutText([row.value], valueColumn - 2 * CELL_PADDING, FACTS, context.fonts);
    const lineCount = Math.max(label.lines.length, value.lines.length);
    const height = lineCount * FACTS.lineHeight + 2 * CELL_PADDING;
    return {
      height,
      spaceBefore: index === 0 ? BLOCK_GAP : 0,
      keepWithNext: block.keepTogether === true && index < block.rows.length - 1,
      draw: (page, top) => {
        const textTop = top + CELL_PADDING;
        drawLines(page, label.lines, context.left + CELL_PADDING, textTop, FACTS, LABEL_GREY);
        drawLines(page, value.lines, context.left + labelColumn + CELL_PADDING, textTop, FACTS);
        ruleBelow(page, context.left, top + height, context.width);
      },
    };
  });
}

function tableRowPiece(
  cells: readonly Inline[],
  widths: readonly number[],
  setting: TextSetting,
  context: BlockContext,
  extra: { fill?: boolean; header?: Piece; spaceBefore: number },
): Piece {
  const layouts = widths.map((width, column) =>
    layoutText([cells[column] ?? ''], width, setting, context.fonts),
  );
  const lineCount = Math.max(1, ...layouts.map((layout) => layout.lines.length));
  const height = lineCount * setting.lineHeight + 2 * CELL_PADDING;
  return {
    height,
    spaceBefore: extra.spaceBefore,
    keepWithNext: extra.fill === true,
    ...(extra.header ? { header: extra.header } : {}),
    draw: (page, top) => {
      if (extra.fill) fillBox(page, context.left, top, context.width, height, HEADER_FILL);
      let x = context.left;
      layouts.forEach((layout, column) => {
        drawLines(page, layout.lines, x + CELL_PADDING, top + CELL_PADDING, setting);
        x += widths[column]! + 2 * CELL_PADDING;
      });
      ruleBelow(page, context.left, top + height, context.width);
    },
  };
}

export function tablePieces(block: Table, context: BlockContext): Piece[] {
  if (block.columns.length === 0) return [];
  const cellsByColumn = block.columns.map((column, index) => [
    measureContent([column], TABLE_HEADER, context.fonts),
    ...block.rows.map((row) => measureContent([row[index] ?? ''], TABLE, context.fonts)),
  ]);
  const available = context.width - 2 * CELL_PADDING * block.columns.length;
  const widths = columnWidths(cellsByColumn, available);
  const pieces: Piece[] = [];
  if (block.caption) {
    const { lines } = layoutText(
      [{ text: block.caption, bold: true }],
      context.width,
      CAPTION,
      context.fonts,
    );
    pieces.push({
      height: lines.length * CAPTION.lineHeight + 3,
      spaceBefore: BLOCK_GAP,
      keepWithNext: true,
      draw: (page, top) => drawLines(page, lines, context.left, top, CAPTION),
    });
  }
  const header = tableRowPiece(block.columns, widths, TABLE_HEADER, context, {
    fill: true,
    spaceBefore: block.caption ? 0 : BLOCK_GAP,
  });
  pieces.push(header);
  for (const row of block.rows) {
    pieces.push(tableRowPiece(row, widths, TABLE, context, { header, spaceBefore: 0 }));
  }
  return pieces;
}

/** Code is set smaller than prose only so far as that keeps it readable. */
const MIN_CODE_SIZE = 7;

/**
 * One mono size for the whole block: small enough for its longest line to fit unwrapped if
 * that takes no less than MIN_CODE_SIZE; else the usual size, and the long lines wrap.
 */
function codeSetting(block: Code, context: BlockContext): TextSetting {
  const unitWidths = block.lines.map((line) => context.fonts.mono.widthOfTextAtSize(line, 1));
  const textWidth = context.width - 4 * CELL_PADDING;
  const fitting = Math.floor((textWidth / Math.max(1, ...unitWidths)) * 10) / 10;
  const size = fitting >= MIN_CODE_SIZE ? Math.min(CODE.monoSize, fitting) : CODE.monoSize;
  return { ...CODE, size, monoSize: size, lineHeight: Math.min(CODE.lineHeight, size * 1.35) };
}

/** A wrapped command's later lines are indented and marked by a drawn hook (not text). */
function drawContinuationMark(page: PDFPage, x: number, top: number, setting: TextSetting): void {
  const y = page.getHeight() - top - setting.lineHeight / 2;
  const color = LABEL_GREY;
  page.drawLine({ start: { x, y: y + 3 }, end: { x, y }, thickness: 0.6, color });
  page.drawLine({ start: { x, y }, end: { x: x + 5, y }, thickness: 0.6, color });
}

export function codePieces(block: Code, context: BlockContext): Piece[] {
  const setting = codeSetting(block, context);
  const indent = 2 * context.fonts.mono.widthOfTextAtSize(' ', setting.monoSize);
  const textLeft = context.left + 2 * CELL_PADDING;
  const textWidth = context.width - 4 * CELL_PADDING;
  const visualLines = block.lines.flatMap((line) => {
    const first = layoutText([{ text: line, mono: true }], textWidth, setting, context.fonts);
    if (first.lines.length === 1) return [{ line: first.lines[0]!, continued: false }];
    // Too long even at the smallest size: wrap at spaces, continuation lines indented.
    const rest = layoutText(
      [{ text: line, mono: true }],
      textWidth - indent,
      setting,
      context.fonts,
    );
    return rest.lines.map((visual, index) => ({ line: visual, continued: index > 0 }));
  });
  return visualLines.map(({ line, continued }, index) => {
    const padTop = index === 0 ? CELL_PADDING * 1.5 : 0;
    const padBottom = index === visualLines.length - 1 ? CELL_PADDING * 1.5 : 0;
    const height = padTop + setting.lineHeight + padBottom;
    return {
      height,
      spaceBefore: index === 0 ? BLOCK_GAP : 0,
      keepWithNext: false,
      draw: (page, top) => {
        // Overlapping the line above by half a point hides the seam anti-aliasing would show.
        const overlap = index === 0 ? 0 : 0.5;
        fillBox(page, context.left, top - overlap, context.width, height + overlap);
        const x = continued ? textLeft + indent : textLeft;
        if (continued) drawContinuationMark(page, textLeft, top + padTop, setting);
        drawLines(page, [line], x, top + padTop, setting);
      },
    };
  });
}

/** Each figure gets an equal share of the width; tall ones are limited to maxFigureHeight. */
export function figurePieces(block: FigureRow, context: BlockContext): Piece[] {
  const count = block.figures.length;
  if (count === 0) return [];
  const columnWidth = (context.width - FIGURE_GAP * (count - 1)) / count;
  const placed = block.figures.map((figure) => {
    const image = context.images.get(figure)!;
    const [pixelWidth, pixelHeight] =
      figure.width > 0 && figure.height > 0
        ? [figure.width, figure.height]
        : [image.width, image.height];
    const scale = Math.min(columnWidth / pixelWidth, context.maxFigureHeight / pixelHeight);
    const caption = layoutText([figure.caption], columnWidth, CAPTION, context.fonts);
    return { image, width: pixelWidth * scale, height: pixelHeight * scale, caption };
  });
  const imageHeight = Math.max(...placed.map((figure) => figure.height));
  const captionLines = Math.max(...placed.map((figure) => figure.caption.lines.length));
  const captionTop = imageHeight + 4;
  return [
    {
      height: captionTop + captionLines * CAPTION.lineHeight,
      spaceBefore: BLOCK_GAP + 2,
      keepWithNext: false,
      draw: (page, top) => {
        placed.forEach((figure, index) => {
          const x = context.left + index * (columnWidth + FIGURE_GAP);
          const y = page.getHeight() - top - figure.height;
          page.drawImage(figure.image, { x, y, width: figure.width, height: figure.height });
          page.drawRectangle({
            x,
            y,
            width: figure.width,
            height: figure.height,
            borderColor: RULE_GREY,
            borderWidth: 0.5,
          });
          drawLines(page, figure.caption.lines, x, top + captionTop, CAPTION);
        });
      },
    },
  ];
}
