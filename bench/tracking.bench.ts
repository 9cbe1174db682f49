import type { Page } from '@playwright/test';
// The e2e suite's test: an examiner named (opening stops at no dialog), no request off origin.
import {
  dragOnStage,
  expect,
  exportAnnotations,
  FIXTURES,
  jumpTo,
  oracleFor,
  test,
  waitForFrame,
} from '../tests/e2e/support';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { forgetLastViewed, installTimers, trackTimed, type TrackingRunTiming } from './in-page';

/**
 * npm run bench (tracking): issue 16's assisted tracker in the built app.
 * - IoU: each clip of tests/fixtures/tracking (a known box on every frame), tracked forward
 *   from a box drawn on frame 0's truth; the tracked boxes (from the JSON export) against it.
 * - Speed: 150 frames forward on the D1 and 1080p corpus clips, decoding included, with the
 *   UI's responsiveness meanwhile (long tasks, animation frames, how fast Stop stops it).
 * A benchmark, not a test: it asserts nothing about speed or accuracy.
 */
type Box = [number, number, number, number];

interface TruthClip {
  width: number;
  height: number;
  fps: number;
  frames: number;
  boxes: Box[];
  hiddenFrames?: number[];
  leavesFrameAt?: number;
}
const TRUTH = JSON.parse(readFileSync(`${FIXTURES}tracking/tracking.truth.json`, 'utf8')) as {
  clips: Record<string, TruthClip>;
};
const TRUTH_CLIPS = ['easy-glide', 'easy-approach', 'hard-occluded', 'hard-leaves'];

/**
 * Speed clips and the box drawn on frame 0 (frame pixels): near the middle of the frame, the
 * right end of the moving red block with the blue post it carries (a textured, moving
 * object; the rest of these synthetic CCTV scenes is flat grey with noise).
 */
const SPEED_CLIPS: { clip: string; box: Box }[] = [
  { clip: 'cctv-d1-h264.mp4', box: [330, 230, 120, 90] },
  { clip: 'long-gop-1080p-h264.mp4', box: [960, 400, 240, 160] },
];
const SPEED_FRAMES = 150;
/** The Stop run clicks Stop this long after Track forward. */
const STOP_AFTER_MS = 1000;

const iou = (a: Box, b: Box) => {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  const inter = Math.max(0, w) * Math.max(0, h);
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
};
const longest = (ms: number) => (ms > 0 ? ms.toFixed(0) : '< 50');
const fixed = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits);

/** The frames per second the app reports beside the outcome ("(74.3 frames/s, …)"). */
const appFps = (outcome: string) => Number(/\(([\d.]+) frames\/s/.exec(outcome)?.[1] ?? NaN);
/**
 * Why the run ended, as the outcome words it (the sentence after the frames tracked, e.g.
 * "It stopped on frame 46. Lost: …", "It went the frames asked for."), shortened to its
 * first clause.
 */
const stoppedBecause = (outcome: string) =>
  (/\)\. (.*?) Check the proposed/.exec(outcome)?.[1] ?? outcome)
    .replace(/^It stopped on frame \d+\. /, '')
    .split(/[.:] /)[0]!
    .replace(/\.$/, '');

/** Opens a file cold (frame 0, no last-viewed frame) and waits until the decoder is chosen. */
async function openCold(page: Page, path: string): Promise<string> {
  await page.goto('/');
  await forgetLastViewed(page);
  await page.getByLabel('Open video').setInputFiles(path);
  await waitForFrame(page, 0);
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();
  await expect(page.getByRole('combobox', { name: 'Annotation set' })).toBeVisible();
  await page
    .locator('[data-testid=decoder-check]:not([data-state=checking])')
    .waitFor({ timeout: 180_000 });
  return (await page.getByTestId('decoder-check').getAttribute('data-state')) ?? '?';
}

/** Draws a "vehicle" box on the frame shown, selects it and sets Track frames. */
async function drawAndSelect(
  page: Page,
  box: Box,
  frame: { width: number; height: number },
  trackFrames: number,
): Promise<void> {
  await page.getByLabel('Label').selectOption({ label: 'vehicle' });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(
    page,
    { x: box[0], y: box[1] },
    { x: box[0] + box[2], y: box[1] + box[3] },
    frame,
  );
  const objects = page.getByRole('list', { name: 'Objects' });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await objects.getByRole('button', { name: 'vehicle #1' }).click();
  await expect(page.getByTestId('drawing-target')).toContainText('vehicle #1');
  await page.getByRole('spinbutton', { name: 'Track frames' }).fill(String(trackFrames));
}

/**
 * The decoder of the frames a run read, as frame-info names it on a few of them shown after
 * the run (the player's source, which the tracker read them from; its cache holds them).
 * Frame 0 and the frames FFmpeg decoded at opening, or for the WebCodecs check, stay FFmpeg's.
 */
async function usedDecoders(page: Page, first: number, last: number): Promise<string> {
  const counts = new Map<string, number>();
  const samples = 5;
  for (let i = 1; i <= samples; i++) {
    await jumpTo(page, first + Math.round(((last - first) * i) / samples));
    const decoder = await page.getByTestId('frame-info').getAttribute('data-decoder');
    const name = decoder === 'webcodecs' ? 'WebCodecs' : decoder === 'ffmpeg' ? 'FFmpeg' : '?';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => `${name} ${n}/${samples}`).join(', ');
}

const iouRows: Record<string, string | number>[] = [];
const speedRows: Record<string, string | number>[] = [];

test.describe('IoU against the truth', () => {
  for (const name of TRUTH_CLIPS) {
    test(`tracking ${name}`, async ({ page }) => {
      test.setTimeout(10 * 60_000);
      const truth = TRUTH.clips[name]!;
      const check = await openCold(page, `${FIXTURES}tracking/${name}.mp4`);
      await installTimers(page);
      const start = truth.boxes[0]!;
      await drawAndSelect(page, start, truth, truth.frames);
      const run = await trackTimed(page, null);
      await expect(page.getByTestId('save-state')).toHaveText('Saved');

      const json = await exportAnnotations(page);
      const keyframes = json.tracks[0]!.keyframes;
      const drawn = keyframes.find((k) => k.source === 'drawn' && k.frame === 0)!;
      const boxOf = (shape: (typeof keyframes)[number]['shape']): Box => {
        if (shape.kind !== 'rectangle') throw new Error(`a ${shape.kind}, not a box`);
        return [shape.x, shape.y, shape.width, shape.height];
      };
      const tracked = keyframes
        .filter((k) => k.source === 'tracked')
        .map((k) => ({ frame: k.frame, iou: iou(boxOf(k.shape), truth.boxes[k.frame]!) }));
      const ious = tracked.map((t) => t.iou);
      const last = tracked.at(-1)?.frame ?? 0;
      const ending = stoppedBecause(run.outcome);
      const reachedEnd = last === truth.frames - 1;
      // The frame it stopped on (the one it could not follow), against the truth's hard part.
      const stopFrame = reachedEnd ? null : last + 1;
      let versusTruth = 'tracked to the last frame';
      if (stopFrame !== null && truth.hiddenFrames) {
        const first = truth.hiddenFrames[0]!;
        const end = truth.hiddenFrames.at(-1)!;
        versusTruth =
          stopFrame < first
            ? `before the hidden frames ${first}–${end}`
            : stopFrame <= end
              ? `within the hidden frames ${first}–${end}`
              : `after the hidden frames ${first}–${end}`;
      } else if (stopFrame !== null && truth.leavesFrameAt !== undefined) {
        const at = truth.leavesFrameAt;
        versusTruth =
          stopFrame === at
            ? `at leavesFrameAt ${at}`
            : `${Math.abs(stopFrame - at)} frame(s) ${stopFrame < at ? 'before' : 'after'} leavesFrameAt ${at}`;
      } else if (stopFrame !== null) {
        versusTruth = 'early: the object stays in view';
      }
      const decoder = await usedDecoders(page, 1, Math.max(1, last));
      const mean = ious.reduce((s, v) => s + v, 0) / Math.max(1, ious.length);
      iouRows.push({
        clip: name,
        decoder: `${decoder} (check: ${check})`,
        'drawn box IoU (frame 0)': fixed(iou(boxOf(drawn.shape), start), 3),
        'frames tracked': `${tracked.length} of ${truth.frames - 1}`,
        'stopped on': stopFrame === null ? '—' : `frame ${stopFrame}: ${ending}`,
        'vs truth': versusTruth,
        'IoU mean / min': `${fixed(mean, 3)} / ${fixed(Math.min(...ious), 3)}`,
        'IoU < 0.3': tracked.filter((t) => t.iou < 0.3).length,
        'frames/s app / bench': `${fixed(appFps(run.outcome))} / ${fixed((tracked.length / run.elapsedMs) * 1000)}`,
      });
    });
  }
});

test.describe('speed on the corpus', () => {
  for (const decoder of ['ffmpeg', 'auto'] as const)
    test.describe(`decoder ${decoder}`, () => {
      test.use({ decoder });
      for (const { clip, box } of SPEED_CLIPS) {
        test(`tracking speed ${clip} (${decoder})`, async ({ page }) => {
          test.setTimeout(15 * 60_000);
          const oracle = oracleFor(`corpus/${clip}`);
          const check = await openCold(page, `${FIXTURES}corpus/${clip}`);
          await installTimers(page);
          await drawAndSelect(page, box, oracle, SPEED_FRAMES);
          const run = await trackTimed(page, null);
          const tracked = Number(/Tracked vehicle #1 (\d+) frame/.exec(run.outcome)?.[1] ?? 0);
          const used = await usedDecoders(page, 1, Math.max(1, tracked));

          // Again from frame 0, for every frame left, and Stop after a second.
          await expect(page.getByTestId('save-state')).toHaveText('Saved');
          await jumpTo(page, 0);
          await page
            .getByRole('spinbutton', { name: 'Track frames' })
            .fill(String(oracle.frame_count - 1));
          const stopped: TrackingRunTiming = await trackTimed(page, STOP_AFTER_MS);
          const stoppedTracked = Number(
            /Tracked vehicle #1 (\d+) frame/.exec(stopped.outcome)?.[1] ?? 0,
          );

          speedRows.push({
            clip,
            decoder: `${used} (check: ${check})`,
            box: `${box[2]}×${box[3]} at ${box[0]},${box[1]}`,
            'frames tracked': `${tracked} of ${SPEED_FRAMES}`,
            'ended because': stoppedBecause(run.outcome),
            'frames/s app': fixed(appFps(run.outcome)),
            'frames/s click→outcome': fixed((tracked / run.elapsedMs) * 1000),
            'progress + Stop shown': run.progressSeen && run.stopSeen ? 'yes' : 'no',
            'longest task while tracking (n > 50 ms)': `${longest(run.longestTaskMs)} (${run.longTasks})`,
            'longest frame gap while tracking': fixed(run.maxFrameGapMs, 0),
            'at the end: longest task / frame gap': `${longest(run.longestEndTaskMs)} / ${fixed(run.maxEndFrameGapMs, 0)}`,
            'Stop at 1 s → bar gone': stopped.endedBeforeStop
              ? 'ended before 1 s'
              : `${fixed(stopped.stopToIdleMs, 0)} (click late ${fixed(stopped.stopClickLateMs, 0)}; ${stoppedTracked} frames kept)`,
          });
        });
      }
    });
});

function table(rows: Record<string, string | number>[]): string[] {
  const headers = Object.keys(rows[0] ?? {});
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${headers.map((h) => row[h]).join(' | ')} |`),
  ];
}

/** The machine's load when each test began: other work on it slows the numbers. */
const loads: string[] = [];
test.beforeEach(() => {
  loads.push(loadavg()[0]!.toFixed(1));
});

test.afterAll(() => {
  const machine =
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ` +
    `load average (1 min) at each test's start ${loads.join(', ')}`;
  const lines = [
    `Framewise tracking bench, ${new Date().toISOString()}, ${machine}`,
    '',
    'Tracked forward from a box drawn on frame 0 at the truth box (tests/fixtures/tracking):',
    '',
    ...table(iouRows),
    '',
    `Speed: up to ${SPEED_FRAMES} frames forward from frame 0, decoding included; then again with Stop clicked after ${STOP_AFTER_MS} ms:`,
    '',
    ...table(speedRows),
    '',
    'Times in ms. Decoder: what frame-info names on 5 tracked frames shown after the run. Long tasks: main-thread tasks over 50 ms while it tracked (to the last progress update), then at its end (the run added as one command, its last frame shown); frame gap: the longest between two animation frames.',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/tracking.md', text + '\n');
});
