import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText } from '../../../tests/e2e/pdf-text';
import type { ReportDocument, Table } from './report-model';
import { PDF_CREATOR, PDF_PRODUCER, renderReportPdf } from './report-pdf';
import { layoutText, MIN_MONO_SIZE, type ReportFonts } from './report-pdf-text';

const fontPath = (name: string): string =>
  new URL(`../../assets/fonts/${name}`, import.meta.url).pathname;
const FONTS = {
  regular: new Uint8Array(readFileSync(fontPath('DejaVuSans.ttf'))),
  bold: new Uint8Array(readFileSync(fontPath('DejaVuSans-Bold.ttf'))),
  mono: new Uint8Array(readFileSync(fontPath('DejaVuSansMono.ttf'))),
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A PNG of one colour (8-bit RGB), made here so the test needs no image files. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = [0, ...Array.from({ length: width }, () => [r, g, b]).flat()];
  const pixels = Buffer.from(Array.from({ length: height }, () => row).flat());
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(pixels)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> "q" & \'s\'';
const EVIDENCE_HASH = sha256('evidence');
const STILL_HASH = sha256('still');
const ROW_COUNT = 85;
const ROW_HASHES = Array.from({ length: ROW_COUNT }, (_, row) => sha256(`frame ${row}`));
const LONG_COMMAND =
  'ffmpeg -hide_banner -i evidence/clip-0007.mp4 -vf "select=eq(n\\,1234)" -vsync 0 -frames:v 1 ' +
  `-f image2 stills/frame-1234.png && sha256sum stills/frame-1234.png # ${STILL_HASH}`;

const FRAMES_TABLE: Table = {
  kind: 'table',
  caption: 'Table 1. Frames cited',
  columns: ['#', 'Frame', 'Time', 'Label', 'SHA-256 of the still'],
  rows: ROW_HASHES.map((hash, row) => [
    String(row + 1),
    { text: String(1000 + row * 7), mono: true },
    `00:00:${String(40 + (row % 20)).padStart(2, '0')}.${String(row % 1000).padStart(3, '0')}`,
    row % 3 === 0 ? 'officer #2' : 'vehicle',
    { text: hash, mono: true },
  ]),
};

const REPORT: ReportDocument = {
  title: 'Report on clip 0007',
  footer: 'Case 2024-0117',
  createdAt: '2024-05-01T10:20:30.000Z',
  author: 'A. Analyst',
  blocks: [
    { kind: 'heading', level: 1, text: 'Report on clip 0007' },
    {
      kind: 'paragraph',
      content: [
        'This report describes the file fingerprinted as ',
        { text: EVIDENCE_HASH, mono: true },
        ' and the ',
        { text: 'frames', bold: true },
        ' cited from it. The words wrap by their measured width, so a long paragraph like this ' +
          'one runs over several lines without running past the right margin of the page.',
      ],
    },
    { kind: 'heading', level: 2, text: 'Evidence' },
    {
      kind: 'facts',
      rows: [
        { label: 'File', value: 'clip-0007.mp4' },
        { label: 'SHA-256', value: { text: EVIDENCE_HASH, mono: true } },
        { label: 'Frames', value: '12 345 (25 fps, constant)' },
        { label: HOSTILE, value: HOSTILE },
      ],
    },
    { kind: 'heading', level: 3, text: 'Checking the file' },
    { kind: 'code', lines: ['sha256sum -c SHA256SUMS', '  # indented comment', LONG_COMMAND] },
    { kind: 'heading', level: 3, text: HOSTILE },
    { kind: 'code', lines: [`# ${HOSTILE}`] },
    { kind: 'heading', level: 2, text: 'Frame 1234' },
    {
      kind: 'figures',
      figures: [
        { image: solidPng(1, 1, [200, 30, 30]), width: 1, height: 1, caption: 'Frame 1234, clean' },
        {
          image: solidPng(4, 3, [30, 30, 200]),
          width: 4,
          height: 3,
          caption: `Frame 1234, annotated. ${HOSTILE}`,
        },
      ],
    },
    { kind: 'heading', level: 2, text: 'Frames cited' },
    FRAMES_TABLE,
    { kind: 'paragraph', content: ['End of report.'] },
  ],
};

/** Every standard-14 font name; none may appear, every font must be embedded. */
const STANDARD_14 =
  /^(Times|Helvetica|Courier|Symbol|ZapfDingbats)(-(Roman|Bold|Italic|BoldItalic|Oblique|BoldOblique))?$/;

describe('renderReportPdf', () => {
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    pdf = await renderReportPdf(REPORT, FONTS);
    pages = await extractPdfText(pdf);
    // For looking at the pages: FW_REPORT_PDF_OUT=/tmp/report.pdf, then scripts/render-pdf-pages.mjs.
    if (process.env.FW_REPORT_PDF_OUT) writeFileSync(process.env.FW_REPORT_PDF_OUT, pdf);
  }, 60_000);

  it('spreads the document over the expected pages, the long table over three', () => {
    expect(pages).toHaveLength(4);
    const pagesWithHeader = pages.filter((text) => text.includes('SHA-256 of the still'));
    expect(pagesWithHeader.length).toBe(3);
    expect(pages[3]).toContain('End of report.');
  });

  it('puts "<footer> · page N of M" on every page', () => {
    pages.forEach((text, index) => {
      const lines = text.split('\n');
      expect(lines[lines.length - 1]).toBe(`Case 2024-0117 · page ${index + 1} of ${pages.length}`);
    });
  });

  it('marks no page "Draft" when the document is no draft', () => {
    expect(pages.join('\n')).not.toMatch(/draft/i);
  });

  it('marks every page of a draft "DRAFT" above its text, saying why', async () => {
    const why =
      'Draft: not for use as evidence. This report was made while annotation set "Set 1" is "in progress", not final.';
    const draft = await extractPdfText(await renderReportPdf({ ...REPORT, draft: why }, FONTS));
    expect(draft).toHaveLength(pages.length);
    draft.forEach((text, index) => {
      const lines = text.split('\n');
      expect(lines[0]).toMatch(/^DRAFT: not for use as evidence\. This report was made while/);
      // The page is otherwise as it was: the mark takes none of the text column.
      expect(lines.slice(1)).toEqual(pages[index]!.split('\n'));
    });
  });

  it('keeps a statement and the rows to sign on one page, wherever the page ends', async () => {
    for (let filler = 26; filler <= 40; filler++) {
      const doc: ReportDocument = {
        ...REPORT,
        blocks: [
          ...Array.from({ length: filler }, (_, i) => ({
            kind: 'paragraph' as const,
            content: [`Filler line ${i + 1}.`],
          })),
          { kind: 'paragraph', content: ['I declare this true.'], keepWithNext: true },
          {
            kind: 'facts',
            keepTogether: true,
            rows: ['Name', 'Role', 'Date', 'Signature'].map((label) => ({ label, value: 'x' })),
          },
        ],
      };
      const text = await extractPdfText(await renderReportPdf(doc, FONTS));
      const page = text.find((t) => t.includes('Signature x'))!;
      expect(page, `${filler} filler lines`).toContain('I declare this true.');
      expect(page, `${filler} filler lines`).toContain('Name x');
    }
  }, 60_000);

  it('keeps every hash whole and on one line', () => {
    const lines = pages.flatMap((text) => text.split('\n'));
    for (const hash of [EVIDENCE_HASH, STILL_HASH, ...ROW_HASHES]) {
      expect(lines.some((line) => line.includes(hash))).toBe(true);
    }
    expect(lines).toContain(`SHA-256 ${EVIDENCE_HASH}`);
  });

  it('repeats the table header above rows that open a page', () => {
    const withTable = pages.filter((text) => text.includes('SHA-256 of the still'));
    for (const text of withTable.slice(1)) {
      const lines = text.split('\n');
      expect(lines[0]).toBe('# Frame Time Label SHA-256 of the still');
      expect(lines[1]).toMatch(/^\d+ \d+ 00:00:\d\d\.\d{3} (officer #2|vehicle) [0-9a-f]{64}$/);
    }
  });

  it('shows hostile text as the text it is', () => {
    const lines = pages.flatMap((text) => text.split('\n'));
    expect(lines).toContain(HOSTILE); // heading
    expect(lines).toContain(`# ${HOSTILE}`); // code
    // The fact's label wraps in its column; its value follows the label's first line.
    expect(lines.some((line) => line.endsWith(` ${HOSTILE}`))).toBe(true);
    expect(lines).toContain('Frame 1234, clean Frame 1234, annotated. <script>alert(1)</script>');
  });

  it('keeps commands copyable: one line as typed, a long one wrapped at spaces only', () => {
    const lines = pages[0]!.split('\n');
    expect(lines).toContain('sha256sum -c SHA256SUMS');
    expect(lines).toContain('# indented comment');
    const start = lines.findIndex((line) => line.startsWith('ffmpeg -hide_banner'));
    const wrapped = lines.slice(start, start + 3).join(' ');
    expect(wrapped).toContain(LONG_COMMAND);
    expect(lines[start]).not.toBe(LONG_COMMAND);
  });

  it('extracts words as typed (no ligatures swallowing "fi")', () => {
    expect(pages[0]).toContain('describes the file fingerprinted as');
  });

  it('embeds every font it uses (no standard-14 fonts)', async () => {
    const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
    const baseFonts = new Set<string>();
    for (const page of loaded.getPages()) {
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      for (const ref of fonts.values()) {
        const font = loaded.context.lookup(ref as PDFRef, PDFDict);
        const baseFont = font.lookup(PDFName.of('BaseFont'), PDFName).decodeText();
        expect(baseFont).not.toMatch(STANDARD_14);
        expect(font.lookup(PDFName.of('Subtype'), PDFName)).toBe(PDFName.of('Type0'));
        const cidFont = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
        const descriptor = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict);
        expect(descriptor.has(PDFName.of('FontFile2'))).toBe(true);
        expect(font.has(PDFName.of('ToUnicode'))).toBe(true);
        baseFonts.add(baseFont.replace(/-\d+$/, ''));
      }
    }
    expect([...baseFonts].sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSansMono']);
  });

  it('embeds the figures', async () => {
    const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
    const images = loaded.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object) => object instanceof PDFStream)
      .filter((stream) => stream.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    // Each figure, plus nothing else.
    expect(images.length).toBe(2);
  });

  it('writes the metadata from the document', async () => {
    const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(loaded.getTitle()).toBe('Report on clip 0007');
    expect(loaded.getAuthor()).toBe('A. Analyst');
    expect(loaded.getCreator()).toBe(PDF_CREATOR);
    expect(loaded.getProducer()).toBe(PDF_PRODUCER);
    expect(loaded.getCreationDate()?.toISOString()).toBe('2024-05-01T10:20:30.000Z');
    expect(loaded.getModificationDate()?.toISOString()).toBe('2024-05-01T10:20:30.000Z');
    expect(loaded.getPageCount()).toBe(pages.length);
    const [width, height] = [loaded.getPage(0).getWidth(), loaded.getPage(0).getHeight()];
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  it('gives the same bytes for the same document', async () => {
    const again = await renderReportPdf(structuredClone(REPORT), FONTS);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });

  it('keeps a heading on the page of what follows it', () => {
    const page = pages.find((text) => text.split('\n').includes('Frames cited'))!;
    expect(page.split('\n').slice(0, 3)).toEqual([
      'Frames cited',
      'Table 1. Frames cited',
      '# Frame Time Label SHA-256 of the still',
    ]);
  });

  it('shrinks a hash to fit a narrow column rather than break it', async () => {
    const hash = sha256('narrow');
    const columns = ['Set', 'Frame', 'Shape', 'Label', 'Status', 'Annotator', 'SHA-256'];
    const narrow = await renderReportPdf(
      {
        ...REPORT,
        blocks: [
          {
            kind: 'table',
            columns,
            rows: [
              [
                'pass 1',
                '1234',
                'rectangle',
                'officer #2',
                'final',
                'A. Analyst',
                { text: hash, mono: true },
              ],
            ],
          },
          {
            kind: 'facts',
            rows: [
              {
                label: 'A label long enough to take a third of the page',
                value: { text: hash, mono: true },
              },
            ],
          },
        ],
      },
      FONTS,
    );
    const lines = (await extractPdfText(narrow))[0]!.split('\n');
    expect(lines.filter((line) => line.includes(hash))).toHaveLength(2);
  });

  it('refuses a creation time that is not a date', async () => {
    await expect(renderReportPdf({ ...REPORT, createdAt: 'yesterday' }, FONTS)).rejects.toThrow(
      /not an ISO 8601 date/,
    );
  });
});

describe('layoutText', () => {
  let fonts: ReportFonts;
  const setting = { size: 10, monoSize: 9, lineHeight: 13 };
  const lineTexts = (lines: ReturnType<typeof layoutText>['lines']): string[] =>
    lines.map((line) => line.segments.map((segment) => segment.text).join(''));

  beforeAll(async () => {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit((await import('@pdf-lib/fontkit')).default);
    fonts = {
      regular: await pdf.embedFont(FONTS.regular, { subset: true }),
      bold: await pdf.embedFont(FONTS.bold, { subset: true }),
      mono: await pdf.embedFont(FONTS.mono, { subset: true }),
    };
  });

  it('keeps the preferred mono size when the hash fits', () => {
    const layout = layoutText([{ text: EVIDENCE_HASH, mono: true }], 400, setting, fonts);
    expect(layout.monoSize).toBe(9);
    expect(lineTexts(layout.lines)).toEqual([EVIDENCE_HASH]);
  });

  it('shrinks mono so a hash fits a narrow column whole', () => {
    const layout = layoutText(
      ['SHA-256 ', { text: EVIDENCE_HASH, mono: true }],
      250,
      setting,
      fonts,
    );
    expect(layout.monoSize).toBeLessThan(9);
    expect(layout.monoSize).toBeGreaterThanOrEqual(MIN_MONO_SIZE);
    expect(lineTexts(layout.lines)).toEqual(['SHA-256', EVIDENCE_HASH]);
    expect(layout.lines.every((line) => line.width <= 250)).toBe(true);
  });

  it('breaks a word only when it cannot fit even at the smallest mono size, and says so', () => {
    const layout = layoutText([{ text: EVIDENCE_HASH, mono: true }], 120, setting, fonts);
    expect(layout.monoSize).toBe(MIN_MONO_SIZE);
    expect(lineTexts(layout.lines).join('')).toBe(EVIDENCE_HASH);
    expect(layout.lines.map((line) => line.continued)).toEqual([false, true]);
    expect(layout.lines.every((line) => line.width <= 120)).toBe(true);
  });

  it('collapses prose spaces, keeps mono ones, and turns control characters into spaces', () => {
    const layout = layoutText(['a  b\nc', { text: ' x  y', mono: true }], 400, setting, fonts);
    expect(lineTexts(layout.lines)).toEqual(['a b c x  y']);
  });
});
