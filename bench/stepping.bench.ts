// The e2e suite's test: an examiner named (opening stops at no dialog), no request off origin.
import { test } from '../tests/e2e/support';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  forgetLastViewed,
  installTimers,
  jumpTimed,
  longestTask,
  armOpenTimer,
  openElapsed,
  playTimed,
  pressTimed,
  videoElementSeeks,
} from './in-page';

/**
 * npm run bench: open-to-first-frame, stepping, random jumps and decode speed of the built
 * app on three corpus clips, beside the browser's own <video> seeking and native FFmpeg.
 * A benchmark, not a test: it asserts nothing about speed.
 */
const CORPUS = fileURLToPath(new URL('../tests/fixtures/corpus/', import.meta.url));
const CLIPS = ['long-gop-1080p-h264.mp4', 'cctv-d1-h264.mp4', 'bodycam-hevc.mkv', '4k-h264.mp4'];
/**
 * Clips made here rather than kept in the repository (too big): a phone-like 4K H.264 clip
 * (10 s at 30 fps, a keyframe every 2 s), made by scripts/make-long-video.sh with native
 * FFmpeg the first time, with an oracle of its frames' times and keyframes from ffprobe.
 */
const GENERATED: Record<string, string[]> = {
  '4k-h264.mp4': ['10', '3840x2160', '30', '20M', '60', '10'],
};
const ROOT = fileURLToPath(new URL('../', import.meta.url));

function clipPath(clip: string): string {
  const args = GENERATED[clip];
  if (!args) return `${CORPUS}${clip}`;
  const path = `${ROOT}bench-results/${clip}`;
  if (!existsSync(`${path}.oracle.json`)) {
    execFileSync(`${ROOT}scripts/make-long-video.sh`, [path, ...args], { stdio: 'inherit' });
    const listed = JSON.parse(
      execFileSync('ffprobe', [
        '-v',
        'error',
        '-select_streams',
        'v:0',
        '-show_entries',
        'packet=pts_time,flags',
        '-of',
        'json',
        path,
      ]).toString(),
    ) as { packets: { pts_time: string; flags: string }[] };
    const frames = listed.packets
      .map((p) => ({ time: Number(p.pts_time), key: p.flags.startsWith('K') ? 1 : 0 }))
      .sort((a, b) => a.time - b.time)
      .map((f, index) => ({ index, ...f }));
    writeFileSync(`${path}.oracle.json`, JSON.stringify({ frame_count: frames.length, frames }));
  }
  return path;
}
const STEPS = 20;
const COLD_JUMPS = 6;

interface Oracle {
  frame_count: number;
  frames: { index: number; time: number; key: number }[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (v: number | null) => (v === null || Number.isNaN(v) ? 'n/a' : v.toFixed(1));

/** A fixed pseudo-random sequence, so runs compare. */
function seeded(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function nativeDecodeFps(file: string, frames: number): number | null {
  try {
    const started = process.hrtime.bigint();
    execFileSync(
      'ffmpeg',
      ['-v', 'error', '-threads', '1', '-i', file, '-map', '0:v:0', '-f', 'null', '-'],
      {
        stdio: 'ignore',
      },
    );
    return frames / (Number(process.hrtime.bigint() - started) / 1e9);
  } catch {
    return null; // no native ffmpeg here
  }
}

const rows: Record<string, string | number>[] = [];

/** Each clip on FFmpeg only, then as a user gets it (WebCodecs once checked, where it can). */
for (const decoder of ['ffmpeg', 'auto'] as const)
  test.describe(`decoder ${decoder}`, () => {
    test.use({ decoder });
    for (const clip of CLIPS) {
      test(`${clip} (${decoder})`, async ({ page }) => {
        test.setTimeout(30 * 60_000);
        const path = clipPath(clip);
        const oracle = JSON.parse(readFileSync(`${path}.oracle.json`, 'utf8')) as Oracle;
        const open = async () => {
          await page.goto('/');
          // A case reopens where it was left (the last jump): forget that, so each open is cold.
          await forgetLastViewed(page);
          await armOpenTimer(page);
          const started = Date.now();
          await page.getByLabel('Open video').setInputFiles(path);
          const elapsed = await openElapsed(page);
          // Cold jumps are timed once the decoder is chosen (WebCodecs' check against FFmpeg).
          await page
            .locator('[data-testid=decoder-check]:not([data-state=checking])')
            .waitFor({ timeout: 120_000 });
          checks.push(Date.now() - started);
          await installTimers(page);
          return elapsed;
        };
        const checks: number[] = [];

        // Cold random jumps: a fresh page each time, so nothing is cached.
        const random = seeded(42);
        const opens: number[] = [];
        const jumps: number[] = [];
        for (let i = 0; i < COLD_JUMPS; i++) {
          opens.push(await open());
          jumps.push(await jumpTimed(page, 50 + Math.floor(random() * (oracle.frame_count - 50))));
        }

        const check = await page.getByTestId('decoder-check').getAttribute('data-state');

        // Stepping inside a decoded window: forward from the middle, then back.
        const middle = Math.floor(oracle.frame_count / 2) - STEPS / 2;
        // Arrive at the middle going forward, as a person stepping on would.
        await jumpTimed(page, 0);
        await jumpTimed(page, middle);
        // Paced at 20 steps a second (faster than a person presses a key), then back to the
        // middle and back-to-back, as fast as the app answers.
        const paced: number[] = [];
        for (let n = middle + 1; n <= middle + 10; n++) {
          await page.waitForTimeout(50);
          paced.push(await pressTimed(page, 'ArrowRight', n));
        }
        await jumpTimed(page, middle);
        const forward: number[] = [];
        for (let n = middle + 1; n <= middle + STEPS; n++)
          forward.push(await pressTimed(page, 'ArrowRight', n));
        const backward: number[] = [];
        for (let n = middle + STEPS - 1; n >= middle; n--)
          backward.push(await pressTimed(page, 'ArrowLeft', n));

        // 1× playback from the start of the clip for 3 s (frame 0 is on hand: no first wait).
        await jumpTimed(page, 0);
        const play = await playTimed(page, 3);

        const longest = await longestTask(page);
        // The decoder's speed as the app measured it on this page (jumps, steps and playback).
        const wasmFps = Number(await page.getByTestId('decode-speed').getAttribute('data-fps'));

        // The browser's own <video> on the same frames (half a frame into each).
        const half = (n: number) =>
          (oracle.frames[n]!.time + oracle.frames[Math.min(n + 1, oracle.frame_count - 1)]!.time) /
          2;
        const base64 = readFileSync(path).toString('base64');
        const stepTimes = Array.from({ length: STEPS }, (_, i) => half(middle + 1 + i));
        const videoSteps = await videoElementSeeks(page, base64, stepTimes);

        const native = nativeDecodeFps(path, oracle.frame_count);
        rows.push({
          clip,
          decoder: check === 'verified' ? 'WebCodecs (checked)' : 'FFmpeg',
          'open→frame 0 p50': ms(percentile(opens, 50)),
          'open→decoder checked p50': ms(percentile(checks, 50)),
          'step fwd p50/p95': `${ms(percentile(forward, 50))} / ${ms(percentile(forward, 95))}`,
          'paced step p50/p95': `${ms(percentile(paced, 50))} / ${ms(percentile(paced, 95))}`,
          'step back p50/p95': `${ms(percentile(backward, 50))} / ${ms(percentile(backward, 95))}`,
          'random jump p50/p95': `${ms(percentile(jumps, 50))} / ${ms(percentile(jumps, 95))}`,
          '1× play fps (skipped)': `${play.fps.toFixed(1)} (${play.skipped})`,
          'decode fps': wasmFps.toFixed(1),
          'longest UI task': ms(longest),
          '<video> step p50': videoSteps ? ms(percentile(videoSteps, 50)) : 'n/a (cannot play)',
          '<video>/app step': videoSteps
            ? (percentile(videoSteps, 50) / percentile(forward, 50)).toFixed(1) + '×'
            : 'n/a',
          'native fps (1 thread)': native ? native.toFixed(1) : 'n/a',
          'app/native fps': native ? (wasmFps / native).toFixed(2) : 'n/a',
        });
      });
    }
  });

test.afterAll(() => {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  const lines = [`Framewise bench, ${new Date().toISOString()}, ${machine}`, ''];
  const headers = Object.keys(rows[0] ?? {});
  lines.push(`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) lines.push(`| ${headers.map((h) => row[h]).join(' | ')} |`);
  lines.push(
    '',
    'Times in ms. Steps and jumps end when frame-info reports the frame ready (decoded, rendered, MD5 known).',
  );
  const table = lines.join('\n');
  console.log(`\n${table}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.md', table + '\n');
});
