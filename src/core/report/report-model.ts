/**
 * A court report as a plain document tree, made by the report builder from the case's
 * records and rendered two ways from the same tree: a PDF (report-pdf, pdf-lib) and a
 * self-contained HTML file (report-html). Everything a renderer needs is in the tree (images
 * as PNG bytes), so both show the same words, numbers and stills.
 *
 * All text is user text or numbers: renderers show it as text, never as markup.
 */

/** A run of text; `mono` for hashes, commands and numbers that must be copied exactly. */
export interface TextRun {
  readonly text: string;
  readonly mono?: boolean;
  readonly bold?: boolean;
}

export type Inline = string | TextRun;

export interface Heading {
  readonly kind: 'heading';
  /** 1: the report's title; 2: a section; 3: a subsection. */
  readonly level: 1 | 2 | 3;
  readonly text: string;
}

export interface Paragraph {
  readonly kind: 'paragraph';
  readonly content: readonly Inline[];
  /** On the page of the block that follows (a statement above the lines to sign). */
  readonly keepWithNext?: boolean;
}

/** Label–value pairs (the evidence table, a frame's facts). */
export interface Facts {
  readonly kind: 'facts';
  readonly rows: readonly { readonly label: string; readonly value: Inline }[];
  /** All rows on one page (a name never apart from its signature line). */
  readonly keepTogether?: boolean;
}

export interface Table {
  readonly kind: 'table';
  readonly caption?: string;
  readonly columns: readonly string[];
  /** Each row has one cell per column. */
  readonly rows: readonly (readonly Inline[])[];
}

/** Commands to type, one a line, shown monospaced and never wrapped mid-token if avoidable. */
export interface Code {
  readonly kind: 'code';
  readonly lines: readonly string[];
}

export interface Figure {
  readonly image: Uint8Array;
  /** PNG only. Pixel size, so renderers can keep the aspect ratio. */
  readonly width: number;
  readonly height: number;
  readonly caption: string;
}

/** Images side by side (a cited frame clean and annotated), each with its caption. */
export interface FigureRow {
  readonly kind: 'figures';
  readonly figures: readonly Figure[];
}

export type Block = Heading | Paragraph | Facts | Table | Code | FigureRow;

export interface ReportDocument {
  /** The PDF's and the HTML page's title. */
  readonly title: string;
  /** Shown in every page's footer beside "page N of M", e.g. the case reference. */
  readonly footer: string;
  /** ISO 8601 UTC; the PDF's creation date. */
  readonly createdAt: string;
  readonly author: string;
  /**
   * Set on a draft (made from unattributed or unfinished work): why, in plain words. The
   * renderers mark every page "Draft" with it. Absent or null: not a draft.
   */
  readonly draft?: string | null;
  readonly blocks: readonly Block[];
}
