import type { Page } from '@playwright/test';
// The e2e suite's test: an examiner named (opening stops at no dialog), no request off origin.
import { expect, FIXTURES, test, waitForFrame } from '../tests/e2e/support';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { forgetLastViewed, installTimers, jumpTimed, playTimed } from './in-page';
import { showEveryViewFilter, slide } from '../tests/e2e/view-support';

/**
 * npm run bench (view-filters): issue 18's "filters keep playback speed on 1080p". The 1080p
 * corpus clip (30 frames/s) played at 1× from frame 0 for about 100 frames, with
 * (a) no filter, (b) gamma and contrast (per-value tables only), (c) every filter, sharpen
 * included, each drawn with WebGL2 (localStorage['framewise.view-renderer'] = 'webgl2', which
 * also forces a software GL such as SwiftShader) and on the CPU ('cpu'). Reported: the frames
 * per second shown (frame-info ready), frames skipped, and the worker's mean `viewMs`
 * (the stage's data-view-ms of each frame shown). A benchmark, not a test.
 */
const CLIP = 'corpus/long-gop-1080p-h264.mp4';
const PLAY_SECONDS = 3.4; // ~100 frames at 30 frames/s

type Renderer = 'webgl2' | 'cpu';

interface Case {
  readonly name: string;
  readonly set: (page: Page) => Promise<void>;
}

const CASES: Case[] = [
  { name: 'no filter', set: async () => {} },
  {
    name: 'gamma 1.6 + contrast 1.2',
    set: async (page) => {
      await slide(page, 'Gamma', 1.6);
      await slide(page, 'Contrast', 1.2);
    },
  },
  {
    name: 'everything (levels, eq, saturation, sharpen 1, invert, top field)',
    set: showEveryViewFilter,
  },
];

const rows: Record<string, string>[] = [];
const loads: string[] = [];
const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN;
};

test.describe.configure({ mode: 'serial' });

for (const c of CASES) {
  for (const renderer of ['webgl2', 'cpu'] as const satisfies readonly Renderer[]) {
    if (c.name === 'no filter' && renderer === 'cpu') continue; // nothing is drawn twice
    test(`view filters, 1080p play: ${c.name}, ${renderer}`, async ({ page }) => {
      await page.goto('/');
      await forgetLastViewed(page);
      await page.evaluate((r) => localStorage.setItem('framewise.view-renderer', r), renderer);
      await page.reload();
      await page.getByLabel('Open video').setInputFiles(`${FIXTURES}${CLIP}`);
      await waitForFrame(page, 0);
      await page
        .locator('[data-testid=decoder-check]:not([data-state=checking])')
        .waitFor({ timeout: 180_000 });
      const decoder = (await page.getByTestId('decoder-check').getAttribute('data-state')) ?? '?';
      await installTimers(page);
      await c.set(page);
      const stage = page.getByTestId('stage');
      if (c.name !== 'no filter')
        await expect(stage).toHaveAttribute('data-view-renderer', renderer);
      // Warm: the decode window and the GL program are ready before the clock starts.
      await jumpTimed(page, 60);
      await jumpTimed(page, 0);
      loads.push(loadavg()[0]!.toFixed(1));
      const played = await playTimed(page, PLAY_SECONDS);
      rows.push({
        view: c.name,
        renderer: c.name === 'no filter' ? '—' : renderer,
        'drawn by': played.renderers.join(', '),
        'frames shown': String(played.shown),
        'fps shown (30 asked)': played.fps.toFixed(1),
        skipped: String(played.skipped),
        'viewMs mean / median': played.viewMs.length
          ? `${mean(played.viewMs).toFixed(1)} / ${median(played.viewMs).toFixed(1)}`
          : '—',
        decoder,
      });
    });
  }
}

test.afterAll(() => {
  const machine =
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ` +
    `load average at each run: ${loads.join(', ')}`;
  const lines = [
    `Framewise bench (view filters), ${new Date().toISOString()}, ${machine}`,
    '',
    `${CLIP}, 1× play from frame 0 for ${PLAY_SECONDS} s (about 100 frames).`,
    '',
  ];
  const headers = Object.keys(rows[0] ?? {});
  lines.push(`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) lines.push(`| ${headers.map((h) => row[h]).join(' | ')} |`);
  lines.push(
    '',
    'fps: frames shown per second (frame-info ready), the first frame left out. viewMs: the ' +
      'worker’s time for the filtered picture of each frame shown (data-view-ms); for WebGL2 ' +
      'it may leave out shader work still queued when the bitmap is handed over.',
  );
  const table = lines.join('\n');
  console.log(`\n${table}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/view-filters.md', table + '\n');
});
