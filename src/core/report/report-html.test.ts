import { describe, expect, it } from 'vitest';
import { base64, cssString, escapeHtml, renderReportHtml, REPORT_HTML_CSP } from './report-html';
import type { Block, ReportDocument } from './report-model';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const QUOTES = `"quoted" & 'single'`;
const HOSTILE = `${SCRIPT} ${IMG} ${QUOTES}`;
const HOSTILE_ESCAPED =
  '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; ' +
  '&quot;quoted&quot; &amp; &#39;single&#39;';

const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 7]);

function documentWith(blocks: Block[], extra: Partial<ReportDocument> = {}): ReportDocument {
  return {
    title: 'Report',
    footer: 'Case 2024-17',
    createdAt: '2024-05-01T10:00:00.000Z',
    author: 'A. Analyst',
    blocks,
    ...extra,
  };
}

/** Every way user text reaches the page, each carrying the hostile string. */
const HOSTILE_BLOCKS: Record<string, Block> = {
  heading: { kind: 'heading', level: 2, text: HOSTILE },
  paragraph: { kind: 'paragraph', content: [HOSTILE] },
  'mono run': { kind: 'paragraph', content: [{ text: HOSTILE, mono: true }] },
  'bold run': { kind: 'paragraph', content: [{ text: HOSTILE, bold: true }] },
  'fact label': { kind: 'facts', rows: [{ label: HOSTILE, value: 'x' }] },
  'fact value': { kind: 'facts', rows: [{ label: 'x', value: { text: HOSTILE, mono: true } }] },
  'table column': { kind: 'table', columns: [HOSTILE], rows: [['x']] },
  'table cell': { kind: 'table', columns: ['x'], rows: [[HOSTILE]] },
  'table caption': { kind: 'table', caption: HOSTILE, columns: ['x'], rows: [] },
  code: { kind: 'code', lines: [HOSTILE] },
  caption: {
    kind: 'figures',
    figures: [{ image: PNG_BYTES, width: 1, height: 1, caption: HOSTILE }],
  },
};

/** The body's markup with the expected escaped text taken out: what is left is ours. */
function markupWithout(html: string, text: string): string {
  return html.split(text).join('');
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml(HOSTILE)).toBe(HOSTILE_ESCAPED);
  });
});

describe('renderReportHtml', () => {
  it.each(Object.entries(HOSTILE_BLOCKS))('shows a hostile %s as text', (_name, block) => {
    const html = renderReportHtml(documentWith([block]));
    expect(html).toContain(HOSTILE_ESCAPED);
    const left = markupWithout(html, HOSTILE_ESCAPED);
    expect(left).not.toMatch(/<script|onerror|<img src=x/i);
  });

  it('escapes the title, the footer and the author', () => {
    const html = renderReportHtml(
      documentWith([], { title: HOSTILE, footer: HOSTILE, author: HOSTILE }),
    );
    expect(html).toContain(`<title>${HOSTILE_ESCAPED}</title>`);
    expect(html).toContain(`<footer class="report-footer">${HOSTILE_ESCAPED}</footer>`);
    expect(html).toContain(`<meta name="author" content="${HOSTILE_ESCAPED}">`);
    // The footer also sits in the print stylesheet, hex-escaped (tested below).
    const withoutStyle = html.replace(/<style>[\s\S]*?<\/style>/, '');
    expect(markupWithout(withoutStyle, HOSTILE_ESCAPED)).not.toMatch(/<script|onerror|<img src=x/i);
  });

  it('keeps the footer inside the CSS string of the print footer', () => {
    const footer = `"; } body { display: none } </style>${SCRIPT}\\`;
    const html = renderReportHtml(documentWith([], { footer }));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(style).not.toMatch(/[<>]|body \{ display: none/);
    expect(cssString('a"b\\c</style>')).toBe('"a\\22 b\\5c c\\3c \\2f style\\3e "');
  });

  it('has a CSP that forbids scripts and remote loads, a generator, a title, lang and charset', () => {
    const html = renderReportHtml(documentWith([]));
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="generator" content="Framewise">');
    expect(html).toContain('<title>Report</title>');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    expect(csp).toBe(escapeHtml(REPORT_HTML_CSP));
    expect(REPORT_HTML_CSP).toContain("default-src 'none'");
    expect(REPORT_HTML_CSP).toContain('img-src data:;');
    expect(REPORT_HTML_CSP).toContain("style-src 'unsafe-inline'");
    expect(REPORT_HTML_CSP).not.toMatch(/script-src|https?:|\*/);
    // The CSP comes before anything it should govern.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('makes no external request: no scripts, links, remote URLs or protocol-relative URLs', () => {
    const html = renderReportHtml(documentWith(Object.values(HOSTILE_BLOCKS)));
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/https?:\/\//i);
    for (const [, src] of html.matchAll(/\ssrc="([^"]*)"/g)) {
      expect(src).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);
    }
  });

  it('leaves a URL in the text as text, never as a link or a source', () => {
    const url = 'https://example.org/clip.mp4';
    const html = renderReportHtml(documentWith([{ kind: 'paragraph', content: [url] }]));
    expect(html).toContain(`<p>${url}</p>`);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('embeds each figure as base64 of its bytes, with its size and caption', () => {
    const second = Uint8Array.from({ length: 70000 }, (_, i) => (i * 31) % 256);
    const html = renderReportHtml(
      documentWith([
        {
          kind: 'figures',
          figures: [
            { image: PNG_BYTES, width: 1920, height: 1080, caption: 'Frame 1234, clean' },
            { image: second, width: 2, height: 1, caption: 'Frame 1234, annotated' },
          ],
        },
      ]),
    );
    const sources = [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      Buffer.from(PNG_BYTES).toString('base64'),
      Buffer.from(second).toString('base64'),
    ]);
    expect(html).toContain('width="1920" height="1080" alt="Frame 1234, clean"');
    expect(html).toContain('<figcaption>Frame 1234, annotated</figcaption>');
    expect(base64(new Uint8Array())).toBe('');
  });

  it('renders runs, facts, tables and code with the markup the stylesheet expects', () => {
    const hash = 'a'.repeat(64);
    const html = renderReportHtml(
      documentWith([
        { kind: 'heading', level: 1, text: 'Report on clip 7' },
        {
          kind: 'paragraph',
          content: ['SHA-256 ', { text: hash, mono: true }, { text: '!', bold: true }],
        },
        { kind: 'facts', rows: [{ label: 'Frames', value: '1 234' }] },
        { kind: 'table', caption: 'Events', columns: ['Frame', 'Label'], rows: [['12', 'car']] },
        { kind: 'code', lines: ['sha256sum -c SHA256SUMS', '  indented  twice'] },
      ]),
    );
    expect(html).toContain('<h1>Report on clip 7</h1>');
    expect(html).toContain(`<p>SHA-256 <code>${hash}</code><strong>!</strong></p>`);
    expect(html).toContain('<tr><th scope="row">Frames</th><td>1 234</td></tr>');
    expect(html).toContain(
      '<table class="data"><caption>Events</caption><thead><tr><th scope="col">Frame</th>' +
        '<th scope="col">Label</th></tr></thead>',
    );
    expect(html).toContain('<tr><td>12</td><td>car</td></tr>');
    expect(html).toContain(
      '<pre class="code"><code>sha256sum -c SHA256SUMS\n  indented  twice</code></pre>',
    );
    expect(html).toMatch(/pre\.code \{[^}]*white-space: pre-wrap;[^}]*overflow-wrap: anywhere;/);
    expect(html).toMatch(/@page \{\s*size: A4;/);
  });

  it('marks a draft: a banner saying why, and "DRAFT" atop every printed page', () => {
    const plain = renderReportHtml(documentWith([]));
    expect(plain).not.toMatch(/draft/i);
    const draft = renderReportHtml(documentWith([], { draft: `Draft: ${SCRIPT}` }));
    expect(draft).toContain(
      '<p class="draft-banner" role="note">DRAFT: &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(draft).toMatch(
      /@page \{[^]*@top-center \{\s*content: "DRAFT: not for use as evidence";/,
    );
  });

  it('gives the same bytes for the same document', () => {
    const doc = documentWith(Object.values(HOSTILE_BLOCKS));
    expect(renderReportHtml(doc)).toBe(renderReportHtml(structuredClone(doc)));
  });
});
