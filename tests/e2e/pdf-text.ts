/**
 * The text of a PDF as a reader would copy it, page by page (Node side, pdfjs-dist's legacy
 * build): usable from Vitest and from Playwright tests.
 *
 * pdfjs returns text items (one per text-showing operation, roughly); items whose baselines
 * agree are one line, joined left to right with a space only where the gap between them is
 * wider than a narrow space — so a hash drawn as one item stays one word, and "Label: " +
 * value joins as typed.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

interface PlacedItem {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

const isTextItem = (item: object): item is TextItem => 'str' in item && 'transform' in item;

/** Baselines closer than this share a line (points). */
const SAME_LINE = 2;

function toPlaced(item: TextItem): PlacedItem {
  const [, , , scaleY, x, y] = item.transform as number[];
  return { text: item.str, x: x!, y: y!, width: item.width, size: Math.abs(scaleY!) || 10 };
}

function groupLines(items: readonly PlacedItem[]): PlacedItem[][] {
  const lines: PlacedItem[][] = [];
  // Top of the page first; within a line, left to right.
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const item of sorted) {
    const line = lines.find((candidate) => Math.abs(candidate[0]!.y - item.y) < SAME_LINE);
    if (line) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => line.sort((a, b) => a.x - b.x));
}

function joinLine(line: readonly PlacedItem[]): string {
  let text = '';
  let end = -Infinity;
  for (const item of line) {
    const gap = item.x - end;
    const spaced = /\s$/.test(text) || /^\s/.test(item.text);
    if (text !== '' && !spaced && gap > item.size * 0.15) text += ' ';
    text += item.text;
    end = item.x + item.width;
  }
  return text;
}

/** One string per page, its lines (top to bottom) joined with "\n". */
export async function extractPdfText(pdf: Uint8Array): Promise<string[]> {
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const document = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false })
    .promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.filter(isTextItem).filter((item) => item.str !== '');
      pages.push(groupLines(items.map(toPlaced)).map(joinLine).join('\n'));
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
