/**
 * The court report as a PDF (pdf-lib): A4, DejaVu fonts embedded (subsets), real text that a
 * reader can select and copy (hashes, commands), a footer "<footer> · page N of M" on every
 * page, and metadata from the document. A draft has a "DRAFT" band atop every page.
 *
 * Deterministic: the same document and fonts give the same bytes. pdf-lib's "random" names
 * (font subset tags, resource keys) come from a generator seeded with a constant per document,
 * no /ID is written, and both dates are set from `createdAt` (pdf-lib would otherwise stamp
 * the current time and its own producer).
 *
 * Layout: blocks become pieces (report-pdf-blocks.ts) which are placed top to bottom; a piece
 * that does not fit opens a new page, a table row that opens a page gets the header row above
 * it, and headings, captions and header rows stay with what follows. Footers are drawn last,
 * when the page count is known.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { Block, Figure, ReportDocument } from './report-model';
import {
  codePieces,
  factsPieces,
  figurePieces,
  headingPieces,
  paragraphPieces,
  tablePieces,
  type BlockContext,
  type Piece,
} from './report-pdf-blocks';
import { cleanText, type ReportFonts } from './report-pdf-text';

export interface ReportFontBytes {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
  readonly mono: Uint8Array;
}

/** A4 in points, 20 mm margins; the footer sits in the bottom margin. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  margin: 56.69,
  footerBaseline: 30,
  footerSize: 8,
} as const;

export const PDF_CREATOR = 'Framewise';
export const PDF_PRODUCER = 'Framewise report renderer (pdf-lib 1.17.1)';

const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const CONTENT_BOTTOM = PAGE.height - PAGE.margin;
const CONTENT_HEIGHT = CONTENT_BOTTOM - PAGE.margin;

// Ligatures off: "fi" must come back out of the PDF as two letters, not one glyph's text.
const FONT_OPTIONS = { subset: true, features: { liga: false, clig: false, dlig: false } };

async function embedFonts(pdf: PDFDocument, fonts: ReportFontBytes): Promise<ReportFonts> {
  // One after the other: object numbers are handed out in embedding order.
  const regular = await pdf.embedFont(fonts.regular, FONT_OPTIONS);
  const bold = await pdf.embedFont(fonts.bold, FONT_OPTIONS);
  const mono = await pdf.embedFont(fonts.mono, FONT_OPTIONS);
  return { regular, bold, mono };
}

async function embedFigures(
  pdf: PDFDocument,
  blocks: readonly Block[],
): Promise<Map<Figure, PDFImage>> {
  const images = new Map<Figure, PDFImage>();
  for (const block of blocks) {
    if (block.kind !== 'figures') continue;
    for (const figure of block.figures) images.set(figure, await pdf.embedPng(figure.image));
  }
  return images;
}

function blockPieces(block: Block, context: BlockContext): Piece[] {
  switch (block.kind) {
    case 'heading':
      return headingPieces(block, context);
    case 'paragraph':
      return paragraphPieces(block, context);
    case 'facts':
      return factsPieces(block, context);
    case 'table':
      return tablePieces(block, context);
    case 'code':
      return codePieces(block, context);
    case 'figures':
      return figurePieces(block, context);
  }
}

/** The height a piece needs with the pieces it is kept with (if that fits a page at all). */
function heightKeptTogether(pieces: readonly Piece[], index: number): number {
  let height = pieces[index]!.height;
  for (let next = index; pieces[next]?.keepWithNext && pieces[next + 1]; next++) {
    height += pieces[next + 1]!.spaceBefore + pieces[next + 1]!.height;
  }
  return height <= CONTENT_HEIGHT ? height : pieces[index]!.height;
}

/**
 * Places the pieces on as many pages as they need. A piece taller than a page (a table row
 * with pages of text in one cell) is placed on a page of its own and runs past the bottom;
 * the report builder does not make such rows.
 */
function paginate(pdf: PDFDocument, pieces: readonly Piece[]): PDFPage[] {
  const pages: PDFPage[] = [];
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  pages.push(page);
  let top = PAGE.margin;
  let pageIsEmpty = true;
  pieces.forEach((piece, index) => {
    const space = pageIsEmpty ? 0 : piece.spaceBefore;
    if (!pageIsEmpty && top + space + heightKeptTogether(pieces, index) > CONTENT_BOTTOM) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      pages.push(page);
      top = PAGE.margin;
      if (piece.header) {
        piece.header.draw(page, top);
        top += piece.header.height;
      }
    } else {
      top += space;
    }
    piece.draw(page, top);
    top += piece.height;
    pageIsEmpty = false;
  });
  return pages;
}

/** "<footer> · page N of M", the footer text shrunk (then shortened) to fit the width. */
function drawFooter(
  page: PDFPage,
  footer: string,
  pageNumber: number,
  pageCount: number,
  font: PDFFont,
): void {
  const pageText = ` · page ${pageNumber} of ${pageCount}`;
  let text = cleanText(footer) + pageText;
  let size: number = PAGE.footerSize;
  while (font.widthOfTextAtSize(text, size) > CONTENT_WIDTH && size > 6) size -= 0.5;
  let kept = cleanText(footer);
  while (font.widthOfTextAtSize(text, size) > CONTENT_WIDTH && kept.length > 0) {
    kept = kept.slice(0, -1);
    text = `${kept}…${pageText}`;
  }
  const y = PAGE.footerBaseline;
  const ruleY = y + size + 4;
  page.drawLine({
    start: { x: PAGE.margin, y: ruleY },
    end: { x: PAGE.width - PAGE.margin, y: ruleY },
    thickness: 0.5,
    color: rgb(0.78, 0.78, 0.78),
  });
  const x = (PAGE.width - font.widthOfTextAtSize(text, size)) / 2;
  page.drawText(text, { x, y, size, font, color: rgb(0.27, 0.27, 0.27) });
}

/** The band atop every page of a draft: "DRAFT" and why, shrunk (then shortened) to fit. */
function drawDraftHeader(page: PDFPage, notice: string, fonts: ReportFonts): void {
  const font = fonts.bold;
  // The notice starts "Draft: …"; the band shouts the first word.
  let text = cleanText(notice).replace(/^Draft\b/, 'DRAFT');
  let size = 8.5;
  while (font.widthOfTextAtSize(text, size) > CONTENT_WIDTH - 12 && size > 6.5) size -= 0.5;
  while (font.widthOfTextAtSize(text, size) > CONTENT_WIDTH - 12 && text.length > 8) {
    text = `${text.slice(0, -2)}…`;
  }
  const bandHeight = size + 10;
  // In the top margin, above the text column (which starts PAGE.margin below the top).
  const bandBottom = PAGE.height - PAGE.margin + 10;
  page.drawRectangle({
    x: PAGE.margin,
    y: bandBottom,
    width: CONTENT_WIDTH,
    height: bandHeight,
    color: rgb(1, 0.9, 0.88),
    borderColor: rgb(0.7, 0.1, 0.1),
    borderWidth: 0.75,
  });
  page.drawText(text, {
    x: PAGE.margin + 6,
    y: bandBottom + 5.5,
    size,
    font,
    color: rgb(0.6, 0.05, 0.05),
  });
}

function setMetadata(pdf: PDFDocument, doc: ReportDocument): void {
  const created = new Date(doc.createdAt);
  if (Number.isNaN(created.getTime())) {
    throw new Error(`The report's creation time "${doc.createdAt}" is not an ISO 8601 date.`);
  }
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.author);
  pdf.setCreator(PDF_CREATOR);
  pdf.setProducer(PDF_PRODUCER);
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);
  pdf.setLanguage('en');
}

/** The report as PDF bytes; the fonts are DejaVu Sans, Sans Bold and Sans Mono (TrueType). */
export async function renderReportPdf(
  doc: ReportDocument,
  fonts: ReportFontBytes,
): Promise<Uint8Array> {
  // updateMetadata: false, or pdf-lib stamps "now" and its own producer.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  setMetadata(pdf, doc);
  const context: BlockContext = {
    fonts: await embedFonts(pdf, fonts),
    images: await embedFigures(pdf, doc.blocks),
    left: PAGE.margin,
    width: CONTENT_WIDTH,
    maxFigureHeight: CONTENT_HEIGHT * 0.42,
  };
  const pages = paginate(
    pdf,
    doc.blocks.flatMap((block) => blockPieces(block, context)),
  );
  pages.forEach((page, index) => {
    drawFooter(page, doc.footer, index + 1, pages.length, context.fonts.regular);
    if (doc.draft) drawDraftHeader(page, doc.draft, context.fonts);
  });
  return pdf.save();
}
