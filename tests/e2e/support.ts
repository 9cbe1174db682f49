import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Download,
  type Locator,
  type Page,
} from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnnotationsExport } from '../../src/core/exports/export-json-format';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface OracleFrame {
  index: number;
  /** null for raw streams, which carry no timestamps. */
  pts: number | null;
  time: number | null;
  key: number;
  type: string;
  md5: string;
}
export interface Oracle {
  sha256: string;
  bytes: number;
  codec: string;
  width: number;
  height: number;
  time_base: string;
  rotation: number | null;
  frame_count: number;
  frames: OracleFrame[];
}

/** The native-FFmpeg oracle made by scripts/make-oracle.mjs for a fixture. */
export function oracleFor(fileName: string): Oracle {
  return JSON.parse(readFileSync(`${FIXTURES}${fileName}.oracle.json`, 'utf8')) as Oracle;
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** The examiner every test's browser has named, unless the test opts out. */
export const TEST_EXAMINER = 'E2E Examiner';

/** Browser storage with the examiner named (through the top bar), one per name per worker. */
const examinerStates = new Map<string, Promise<StorageState>>();

async function storageWithExaminer(
  browser: Browser,
  baseURL: string,
  name: string,
): Promise<StorageState> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/');
  const field = page.getByRole('textbox', { name: 'Examiner', exact: true });
  await field.fill(name);
  await field.press('Enter');
  // Saved once a reload shows it.
  await expect(async () => {
    await page.reload();
    await expect(field).toHaveValue(name, { timeout: 1000 });
  }).toPass();
  const state = await context.storageState({ indexedDB: true });
  await context.close();
  return state;
}

/**
 * Every test runs with a watch on the network: no request may leave the app's own origin
 * (the footage must never leave the machine, and the app must work offline).
 *
 * Every test's browser has an examiner named (TEST_EXAMINER), as a person who has used the
 * app before would, so that opening a video does not stop at the "Examiner" dialog. A test
 * that needs nobody named says `test.use({ examiner: '' })`. Contexts a test makes itself
 * (browser.newContext) start with nobody named.
 */
export const test = base.extend<{
  offlineGuard: void;
  cspGuard: void;
  probesNetworkLock: boolean;
  examiner: string;
  decoder: 'auto' | 'ffmpeg';
  decoderChoice: void;
}>({
  examiner: [TEST_EXAMINER, { option: true }],
  /**
   * Set by the one spec that tries to break the Content-Security-Policy on purpose
   * (network-lock.spec.ts): it checks the refusals itself, so the guards below stand aside.
   */
  probesNetworkLock: [false, { option: true }],
  /**
   * The app's decoder setting: 'auto' (WebCodecs once checked against FFmpeg, as a user gets
   * it) or 'ffmpeg' (FFmpeg only: the frame-exactness suites on the reference decoder).
   */
  decoder: ['auto', { option: true }],
  decoderChoice: [
    async ({ context, decoder }, use) => {
      // 'auto' is the app's default: left unset, so a choice made in a test survives a reload.
      if (decoder !== 'auto') {
        await context.addInitScript((choice) => {
          localStorage.setItem('framewise.decoder', choice);
        }, decoder);
      }
      await use();
    },
    { auto: true },
  ],
  storageState: async ({ browser, baseURL, examiner }, use) => {
    if (!examiner) return use(undefined);
    let state = examinerStates.get(examiner);
    if (!state) {
      state = storageWithExaminer(browser, baseURL!, examiner);
      examinerStates.set(examiner, state);
    }
    await use(await state);
  },
  /**
   * Every test runs under the app's Content-Security-Policy (csp-policy.js, issue 19) and fails
   * on any violation of it: `securitypolicyviolation` events in every page of the context (an
   * init script reports them through a binding, so a reload loses none), and the browser's
   * console messages about the policy, which also come from workers.
   */
  cspGuard: [
    async ({ context, probesNetworkLock }, use) => {
      const violations: string[] = [];
      await context.exposeBinding('__framewiseCspViolation', (_source, violation: string) => {
        violations.push(violation);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as Record<string, (v: string) => void>)
            .__framewiseCspViolation;
          report?.(`${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile})`);
        });
      });
      context.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      if (!probesNetworkLock) expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  offlineGuard: [
    async ({ context, baseURL, probesNetworkLock }, use) => {
      const foreign: string[] = [];
      const origin = new URL(baseURL!).origin;
      context.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) foreign.push(url);
      });
      await use();
      if (!probesNetworkLock) expect(foreign, 'requests that left the app origin').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function openFixture(page: Page, fileName: string): Promise<void> {
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}${fileName}`);
  await waitForFrame(page, 0);
}

export function frameInfo(page: Page) {
  return page.getByTestId('frame-info');
}

/** Waits until frame n is on screen (contract: data-frame and data-ready change together). */
export async function waitForFrame(page: Page, n: number): Promise<void> {
  await expect(
    page.locator(`[data-testid=frame-info][data-frame="${n}"][data-ready=true]`),
  ).toBeVisible();
}

/** Types a frame number into the Frame field and presses Enter. */
export async function jumpTo(page: Page, n: number): Promise<void> {
  const field = page.getByRole('spinbutton', { name: 'Frame', exact: true });
  await field.fill(String(n));
  await field.press('Enter');
  await waitForFrame(page, n);
}

/** The frame-info attributes that an oracle frame fixes. */
export async function expectFrameMatchesOracle(page: Page, frame: OracleFrame): Promise<void> {
  const info = frameInfo(page);
  await expect(info).toHaveAttribute('data-frame', String(frame.index));
  await expect(info).toHaveAttribute('data-ready', 'true');
  const actual = await info.evaluate((el) => ({
    pts: el.getAttribute('data-pts'),
    md5: el.getAttribute('data-md5'),
    type: el.getAttribute('data-type'),
    key: el.getAttribute('data-key'),
  }));
  expect(actual, `frame ${frame.index}`).toEqual({
    pts: frame.pts === null ? '' : String(frame.pts),
    md5: frame.md5,
    type: frame.type,
    key: String(frame.key),
  });
}

/** The sample clip's frame size (the stage fits it to the view unless zoomed). */
export const SAMPLE_FRAME = { width: 640, height: 360 };

/** Screen position of a frame pixel while the stage shows the whole frame (fit to view). */
export async function stagePoint(
  page: Page,
  x: number,
  y: number,
  frame: { width: number; height: number } = SAMPLE_FRAME,
) {
  const box = (await page.getByTestId('stage').boundingBox())!;
  const scale = Math.min(box.width / frame.width, box.height / frame.height);
  return {
    x: box.x + (box.width - frame.width * scale) / 2 + x * scale,
    y: box.y + (box.height - frame.height * scale) / 2 + y * scale,
  };
}

/** Presses at one frame pixel and releases at another, in small steps, like a hand would. */
export async function dragOnStage(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  frame: { width: number; height: number } = SAMPLE_FRAME,
): Promise<void> {
  const a = await stagePoint(page, from.x, from.y, frame);
  const b = await stagePoint(page, to.x, to.y, frame);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}

export async function clickOnStage(page: Page, x: number, y: number): Promise<void> {
  const p = await stagePoint(page, x, y);
  await page.mouse.click(p.x, p.y);
}

/** Opens the sample clip and waits until drawing is possible (its SHA-256 known). */
export async function openSampleForDrawing(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await waitForFrame(page, 0);
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();
  // The case is known (hashed, its frame table checked): what a person sees before drawing.
  await expect(page.getByRole('combobox', { name: 'Annotation set' })).toBeVisible();
}

/** Draws the usual test box (100,100 to 200,160) on `frame` and waits until it is saved. */
export async function drawSavedBox(page: Page, frame: number): Promise<void> {
  await jumpTo(page, frame);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
}

/** Downloads Export > Annotations (JSON) and parses it. */
export async function exportAnnotations(page: Page): Promise<AnnotationsExport> {
  const file = await downloadExport(page, 'Annotations (JSON)');
  return JSON.parse(file.bytes.toString('utf8')) as AnnotationsExport;
}

/** Clicks Export > `item` and returns the (first) downloaded file's name and bytes. */
export async function downloadExport(
  page: Page,
  item: string,
): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: item }).click();
  const file = await downloading;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/**
 * Clicks Export > `item` and collects the `count` files it downloads, by name. `meanwhile`
 * runs right after the click, while the files are being made (a step the app must take in
 * its stride).
 */
export async function downloadExports(
  page: Page,
  item: string,
  count: number,
  meanwhile?: () => Promise<void>,
): Promise<Map<string, Buffer>> {
  const downloads: Download[] = [];
  const onDownload = (d: Download) => downloads.push(d);
  page.on('download', onDownload);
  try {
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: item }).click();
    await meanwhile?.();
    await expect.poll(() => downloads.length).toBe(count);
  } finally {
    page.off('download', onDownload);
  }
  const files = new Map<string, Buffer>();
  for (const d of downloads) files.set(d.suggestedFilename(), readFileSync((await d.path())!));
  return files;
}

/** Makes a draft court report (below) and returns its HTML's text. */
export async function draftCourtReportHtml(page: Page): Promise<string> {
  const downloads: Download[] = [];
  const onDownload = (d: Download) => downloads.push(d);
  page.on('download', onDownload);
  try {
    await makeDraftCourtReport(page);
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(3);
  } finally {
    page.off('download', onDownload);
  }
  const html = downloads.find((d) => d.suggestedFilename().endsWith('.report.html'))!;
  return readFileSync((await html.path())!, 'utf8');
}

/**
 * Builds the harness pages (vite.harness.config.ts: WebCodecs parity, the WebGL2 view
 * renderer) into the app's output, served by its preview server; once per test process.
 */
let harnessBuilt = false;
export function buildHarness(): void {
  if (harnessBuilt) return;
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.harness.config.ts'],
    {
      env: { ...process.env, FW_E2E_OUTDIR: process.env.FW_E2E_OUTDIR ?? 'dist' },
      stdio: 'inherit',
    },
  );
  harnessBuilt = true;
}

/**
 * Export > Court report from a set that is not final or names no annotator: the app warns
 * that the report will be a draft ("Draft court report"); this makes it anyway. The
 * downloads (PDF, HTML, package) follow.
 */
export async function makeDraftCourtReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Court report' }).click();
  await page
    .getByRole('dialog', { name: 'Draft court report' })
    .getByRole('button', { name: 'Make draft report' })
    .click();
}

/**
 * Clicks "Open case" (on the only case, or in the given Cases list item) and answers the
 * file chooser with a fixture file.
 */
export async function reopenCase(page: Page, fileName: string, item?: Locator): Promise<void> {
  const scope = item ?? page.getByRole('list', { name: 'Cases' });
  const choosing = page.waitForEvent('filechooser');
  await scope.getByRole('button', { name: 'Open case' }).click();
  await (await choosing).setFiles(`${FIXTURES}${fileName}`);
}

/**
 * Changes the stored audit entry `seq` behind Framewise's back, as someone with access to the
 * browser's storage could: 'change' adds 1 to the x of the first keyframe it records,
 * 'delete' removes it.
 */
export function tamperWithAuditEntry(
  page: Page,
  seq: number,
  how: 'change' | 'delete',
): Promise<void> {
  return page.evaluate(
    ([target, action]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('framewise');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('audit', 'readwrite').objectStore('audit');
          const all = store.getAll();
          all.onsuccess = () => {
            const entries = all.result as {
              id: string;
              seq: number;
              after: { keyframes: { shape: { x: number } }[] };
            }[];
            const entry = entries.find((e) => e.seq === target)!;
            if (action === 'delete') {
              store.delete(entry.id).onsuccess = () => resolve();
              return;
            }
            entry.after.keyframes[0]!.shape.x += 1;
            store.put(entry).onsuccess = () => resolve();
          };
        };
      }),
    [seq, how] as const,
  );
}

/** An audit entry as stored in IndexedDB. */
export interface StoredAuditEntry {
  seq: number;
  action: string;
  examiner: string;
  prevHash: string;
  hash: string;
  after: unknown;
  [field: string]: unknown;
}

/** The audit log as stored in IndexedDB (every case's), in order of seq. */
export function storedAudit(page: Page): Promise<StoredAuditEntry[]> {
  return page.evaluate(
    () =>
      new Promise<StoredAuditEntry[]>((resolve, reject) => {
        const open = indexedDB.open('framewise');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('audit').objectStore('audit').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve((request.result as StoredAuditEntry[]).sort((a, b) => a.seq - b.seq));
          };
        };
      }),
  );
}

/** The file names and SHA-256s that export entries of the audit log record. */
export async function loggedExports(page: Page): Promise<{ fileName: string; sha256: string }[]> {
  return (await storedAudit(page))
    .filter((e) => e.action === 'export')
    .map((e) => e.after as { fileName: string; sha256: string });
}

/**
 * The audit badge's entry count once its chain check has settled. Read straight after a
 * save, the badge may still be re-checking (its count then reads as ''), so wait for it.
 */
export async function settledAuditCount(page: Page): Promise<number> {
  const badge = page.getByTestId('audit-badge');
  await expect(badge).toHaveAttribute('data-state', 'intact');
  await expect(badge).not.toHaveAttribute('data-count', '');
  return Number(await badge.getAttribute('data-count'));
}

/** Waits until the open video's WebCodecs check has ended in `state` (e.g. 'verified'). */
export async function waitForDecoderCheck(page: Page, state: string): Promise<void> {
  await expect(page.getByTestId('decoder-check')).toHaveAttribute('data-state', state, {
    timeout: 60_000,
  });
}
