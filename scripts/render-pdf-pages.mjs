#!/usr/bin/env node
/**
 * Dev tool: renders each page of a PDF to PNG in headless Chromium (pdfjs-dist into a canvas),
 * to look at a report's layout.
 *
 *   node scripts/render-pdf-pages.mjs report.pdf [out-dir=/tmp/report-pages] [scale=1.5]
 *
 * The rendering is tests/e2e/pdf-pages.ts (shared with e2e tests); Node 20 cannot run
 * TypeScript, so its types are stripped with the project's TypeScript first.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The same launch as the e2e tests (tests/e2e/chromium-path.ts). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

/** Imports a self-contained .ts file: transpiled next to the original so imports resolve. */
async function importTypeScript(path) {
  const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const temporary = path.replace(/\.ts$/, '.render.tmp.mjs');
  writeFileSync(temporary, outputText);
  try {
    return await import(pathToFileURL(temporary).href);
  } finally {
    rmSync(temporary);
  }
}

async function main() {
  const [input, outDir = '/tmp/report-pages', scale = '1.5'] = process.argv.slice(2);
  if (!input) {
    console.error('usage: node scripts/render-pdf-pages.mjs file.pdf [out-dir] [scale]');
    process.exit(2);
  }
  const { renderPdfPages } = await importTypeScript(join(root, 'tests/e2e/pdf-pages.ts'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const pngs = await renderPdfPages(page, new Uint8Array(readFileSync(input)), Number(scale));
    mkdirSync(outDir, { recursive: true });
    pngs.forEach((png, index) => {
      const file = join(outDir, `page-${String(index + 1).padStart(3, '0')}.png`);
      writeFileSync(file, png);
      console.log(file);
    });
  } finally {
    await browser.close();
  }
}

await main();
