/**
 * The court report as one self-contained HTML file: inline CSS, figures as data: URIs, no
 * scripts, and a Content-Security-Policy that would refuse a script or a remote load even if
 * one slipped in. Every piece of user text is escaped, so it shows as text, never as markup.
 */
import type {
  Block,
  Code,
  Facts,
  Figure,
  FigureRow,
  Heading,
  Inline,
  Paragraph,
  ReportDocument,
  Table,
} from './report-model';

/** No scripts, no remote anything: only inline styles and images carried in the file. */
export const REPORT_HTML_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe both between tags and inside a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * A CSS string literal for user text: everything but letters, digits and spaces becomes a hex
 * escape, so no quote, backslash or `</style>` can leave the string.
 */
export function cssString(text: string): string {
  const escaped = Array.from(text, (char) =>
    /^[A-Za-z0-9 ]$/.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `,
  ).join('');
  return `"${escaped}"`;
}

/** Base64 without Buffer (this runs in the browser too); chunks keep the argument list short. */
export function base64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

function renderInline(inline: Inline): string {
  if (typeof inline === 'string') return escapeHtml(inline);
  let html = escapeHtml(inline.text);
  if (inline.mono) html = `<code>${html}</code>`;
  if (inline.bold) html = `<strong>${html}</strong>`;
  return html;
}

const renderInlines = (content: readonly Inline[]): string => content.map(renderInline).join('');

function renderHeading(block: Heading): string {
  return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
}

const renderParagraph = (block: Paragraph): string =>
  `<p${block.keepWithNext ? ' class="keep-with-next"' : ''}>${renderInlines(block.content)}</p>`;

function renderFacts(block: Facts): string {
  const rows = block.rows.map(
    (row) =>
      `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${renderInline(row.value)}</td></tr>`,
  );
  return `<table class="facts"><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function renderTable(block: Table): string {
  const caption = block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : '';
  const head = block.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`);
  const rows = block.rows.map(
    (row) => `<tr>${row.map((cell) => `<td>${renderInline(cell)}</td>`).join('')}</tr>`,
  );
  return (
    `<table class="data">${caption}<thead><tr>${head.join('')}</tr></thead><tbody>\n` +
    `${rows.join('\n')}\n</tbody></table>`
  );
}

// Lines joined by newlines inside <pre>: the browser keeps them as typed (pre-wrap only wraps
// what would not fit, and long hashes may break anywhere rather than overflow the page).
const renderCode = (block: Code): string =>
  `<pre class="code"><code>${block.lines.map(escapeHtml).join('\n')}</code></pre>`;

function renderFigure(figure: Figure): string {
  const caption = escapeHtml(figure.caption);
  return (
    `<figure><img src="data:image/png;base64,${base64(figure.image)}" ` +
    `width="${figure.width}" height="${figure.height}" alt="${caption}">` +
    `<figcaption>${caption}</figcaption></figure>`
  );
}

const renderFigures = (block: FigureRow): string =>
  `<div class="figures">${block.figures.map(renderFigure).join('')}</div>`;

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return renderHeading(block);
    case 'paragraph':
      return renderParagraph(block);
    case 'facts':
      return renderFacts(block);
    case 'table':
      return renderTable(block);
    case 'code':
      return renderCode(block);
    case 'figures':
      return renderFigures(block);
  }
}

/** A draft's mark atop every printed page (the banner says why, on screen and page 1). */
const draftPageMark = (doc: ReportDocument): string =>
  doc.draft
    ? `
  @top-center {
    content: "DRAFT: not for use as evidence";
    font: bold 9pt "DejaVu Sans", Arial, sans-serif;
    color: #9a0d0d;
  }`
    : '';

/** The draft banner: on screen it stays in view while scrolling; printed, atop page 1. */
const draftBannerStyle = (doc: ReportDocument): string =>
  doc.draft
    ? `
.draft-banner {
  position: sticky;
  top: 0;
  margin: 0 0 10pt;
  padding: 5pt 8pt;
  background: #ffe6e0;
  border: 1px solid #b31a1a;
  color: #9a0d0d;
  font-weight: bold;
}
@media print { .draft-banner { position: static; } }`
    : '';

/** Print (A4, footer with page numbers in the page margin) and screen in one stylesheet. */
function styles(doc: ReportDocument): string {
  return `
@page {
  size: A4;
  margin: 20mm 20mm 22mm;
  @bottom-center {
    content: ${cssString(`${doc.footer} · page `)} counter(page) " of " counter(pages);
    font: 8pt "DejaVu Sans", Arial, sans-serif;
    color: #444;
  }${draftPageMark(doc)}
}${draftBannerStyle(doc)}
html { background: #fff; color: #111; }
body {
  font: 10.5pt/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
  max-width: 170mm;
  margin: 0 auto;
  padding: 10mm 6mm;
}
h1 { font-size: 18pt; margin: 0 0 8pt; }
h2 { font-size: 13.5pt; margin: 16pt 0 6pt; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6pt; }
p.keep-with-next { break-after: avoid; page-break-after: avoid; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
code { overflow-wrap: anywhere; }
pre.code {
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  background: #f2f2f2;
  border: 1px solid #d8d8d8;
  padding: 6pt 8pt;
  margin: 0 0 8pt;
  break-inside: avoid;
}
pre.code code { font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 8pt; font-size: 9pt; break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 3pt 5pt; border-bottom: 1px solid #ccc; }
table.data thead th { background: #e8e8e8; border-bottom: 1px solid #888; }
table.facts th { width: 25%; font-weight: normal; color: #444; }
caption { text-align: left; font-weight: bold; padding: 0 0 3pt; }
.figures { display: flex; gap: 4mm; margin: 0 0 8pt; break-inside: avoid; page-break-inside: avoid; }
figure { flex: 1 1 0; margin: 0; min-width: 0; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: 8.5pt; margin-top: 3pt; }
footer.report-footer { margin-top: 16pt; padding-top: 4pt; border-top: 1px solid #ccc; font-size: 8pt; color: #444; }
@media print {
  body { max-width: none; padding: 0; }
  footer.report-footer { display: none; }
}
`;
}

/** The whole report as one HTML file; the same document always gives the same bytes. */
export function renderReportHtml(doc: ReportDocument): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_HTML_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Framewise">
<meta name="author" content="${escapeHtml(doc.author)}">
<meta name="dcterms.created" content="${escapeHtml(doc.createdAt)}">
<title>${escapeHtml(doc.title)}</title>
<style>${styles(doc)}</style>
</head>
<body>
${doc.draft ? `<p class="draft-banner" role="note">${escapeHtml(doc.draft.replace(/^Draft\b/, 'DRAFT'))}</p>\n` : ''}<main>
${doc.blocks.map(renderBlock).join('\n')}
</main>
<footer class="report-footer">${escapeHtml(doc.footer)}</footer>
</body>
</html>
`;
}
