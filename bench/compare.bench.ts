import { test } from '@playwright/test';
import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { clearMot } from '../src/core/compare/clear-mot';
import { compareSets, DEFAULT_COMPARE_OPTIONS } from '../src/core/compare/compare-sets';
import { FRAMES, makeSets } from './compare-data';
import { hota } from '../src/core/compare/hota';
import { identity } from '../src/core/compare/identity';
import { buildSequence } from '../src/core/compare/sequence';

/**
 * npm run bench (compare): issue 17's "comparing two sets of 200 tracks over 5,000 frames
 * takes under 3 s". No page: compareSets runs here in Node, on two synthetic sets made from a
 * fixed seed (the same sets every run):
 * - reference: 200 boxes wandering over a 1920 × 1080 frame, a keyframe every 20–30 frames,
 *   most in view nearly all 5,000 frames, some leaving and coming back;
 * - compared: a noisy copy (each keyframe nudged a few pixels, its size a few per cent), with
 *   10 tracks left out, 10 extra ones, 10 pairs whose ids swap halfway, 10 drawn off by a
 *   third of their width (low overlap) and 10 under another label; events likewise.
 * Each phase is timed on its own (the same calls compareSets makes), then compareSets as a
 * whole; "rest" is the whole less the phases (events, differences, label confusion).
 * A benchmark, not a test: it asserts nothing about speed.
 */
const time = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
};

test('compare two sets of 200 tracks over 5,000 frames', () => {
  test.setTimeout(10 * 60_000);
  const load = loadavg()[0]!.toFixed(1);
  const { reference, compared } = makeSets();
  const o = DEFAULT_COMPARE_OPTIONS;
  const range = { first: 0, last: FRAMES - 1 };

  const [seq, sequenceMs] = time(() =>
    buildSequence(reference.tracks, compared.tracks, range.first, range.last, o.pointTolerancePx),
  );
  const [, clearMs] = time(() => clearMot(seq, o.iouThreshold, o.lowOverlap));
  const [, idf1Ms] = time(() => identity(seq, o.iouThreshold));
  const [, hotaMs] = time(() => hota(seq));
  const [r, totalMs] = time(() => compareSets(reference, compared, { frames: range }));
  const phases = sequenceMs + clearMs + idf1Ms + hotaMs;

  const dets = seq.frames.reduce((n, f) => n + f.gt.length, 0);
  const pairs = seq.frames.reduce((n, f) => n + f.pairs.length, 0);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const lines = [
    `Framewise compare bench, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average (1 min) ${load}`,
    '',
    `${reference.tracks.length} reference and ${compared.tracks.length} compared tracks, frames 0–${FRAMES - 1}: ${dets} reference boxes, ${pairs} overlapping pairs; TP ${r.tp}, FN ${r.fn}, FP ${r.fp}, IDSW ${r.idSwitches}, MOTA ${r.mota.toFixed(4)}, IDF1 ${r.idf1.toFixed(4)}, HOTA ${r.hota.toFixed(4)}, ${r.differences.length} differences`,
    '',
    '| sequence | CLEAR | IDF1 | HOTA | rest | compareSets |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${s(sequenceMs)} | ${s(clearMs)} | ${s(idf1Ms)} | ${s(hotaMs)} | ${s(Math.max(0, totalMs - phases))} | ${s(totalMs)} |`,
    '',
    'Seconds. Phases timed one by one, then compareSets as a whole (its first run); rest = the whole less the phases (events, differences, label confusion).',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}\n`);
  mkdirSync('bench-results', { recursive: true });
  appendFileSync('bench-results/compare.md', text + '\n\n');
});
