/**
 * Renders a PDF's pages to PNG in a Playwright page, with pdfjs-dist drawing into a canvas:
 * for looking at a report's pages (scripts/render-pdf-pages.mjs) and for e2e tests.
 *
 * pdfjs is loaded from node_modules into the page (no CDN: the machine is offline), the
 * worker's code too, as a module that sets `globalThis.pdfjsWorker`; pdfjs then parses on the
 * page's main thread (its "fake worker") and needs no worker URL.
 *
 * Self-contained on purpose (Node built-ins and type imports only): the .mjs script loads this
 * file after stripping its types.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type * as PdfjsModule from 'pdfjs-dist';

type Pdfjs = typeof PdfjsModule;

const pdfjsSource = (file: string): string =>
  readFileSync(createRequire(import.meta.url).resolve(`pdfjs-dist/build/${file}`), 'utf8');

/** Where pdfjs is served from on the app's own origin (routed, never reaching the server). */
const PDFJS_PATH = '/__e2e-pdfjs__/';

/**
 * Loads pdfjs into the page once; later calls on the same page find it there. On the app's
 * page, whose Content-Security-Policy refuses inline script, each file is served by a route
 * on the app's origin and loaded by URL; on a page with no policy (about:blank), inline.
 */
async function loadPdfjs(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => 'pdfjsLib' in globalThis && 'pdfjsWorker' in globalThis);
  if (loaded) return;
  const origin = /^https?:/.test(page.url()) ? new URL(page.url()).origin : null;
  for (const file of ['pdf.worker.min.mjs', 'pdf.min.mjs']) {
    if (!origin) {
      await page.addScriptTag({ content: pdfjsSource(file), type: 'module' });
      continue;
    }
    const url = `${origin}${PDFJS_PATH}${file}`;
    await page.route(url, (route) =>
      route.fulfill({ body: pdfjsSource(file), contentType: 'text/javascript' }),
    );
    await page.addScriptTag({ url, type: 'module' });
  }
  await page.waitForFunction(() => 'pdfjsLib' in globalThis && 'pdfjsWorker' in globalThis);
}

/**
 * One PNG per page, `scale` pixels per point (1.5: an A4 page is 893 × 1263 px), white
 * background. Works on any page, about:blank included.
 */
export async function renderPdfPages(page: Page, pdf: Uint8Array, scale = 1.5): Promise<Buffer[]> {
  await loadPdfjs(page);
  const dataUrls = await page.evaluate(
    async ({ base64, scale }) => {
      const pdfjs = (globalThis as unknown as { pdfjsLib: Pdfjs }).pdfjsLib;
      const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const document = await pdfjs.getDocument({ data, isEvalSupported: false }).promise;
      const urls: string[] = [];
      for (let number = 1; number <= document.numPages; number++) {
        const pdfPage = await document.getPage(number);
        const viewport = pdfPage.getViewport({ scale });
        const canvas = globalThis.document.createElement('canvas');
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#fff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        await pdfPage.render({ canvas, canvasContext: context, viewport }).promise;
        urls.push(canvas.toDataURL('image/png'));
      }
      await document.destroy();
      return urls;
    },
    { base64: Buffer.from(pdf).toString('base64'), scale },
  );
  return dataUrls.map((url) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}
