import { test } from '@playwright/test';
import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { clearMot } from '../src/core/compare/clear-mot';
import {
  compareSets,
  DEFAULT_COMPARE_OPTIONS,
  type ComparedSet,
} from '../src/core/compare/compare-sets';
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
const RANGE = { first: 0, last: FRAMES - 1 };

const time = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
};

/** compareSets as the app's worker runs it; only the summary is kept (the rest can go). */
function whole(reference: ComparedSet, compared: ComparedSet) {
  const [r, ms] = time(() => compareSets(reference, compared, { frames: RANGE }));
  const summary =
    `TP ${r.tp}, FN ${r.fn}, FP ${r.fp}, IDSW ${r.idSwitches}, MOTA ${r.mota.toFixed(4)}, ` +
    `IDF1 ${r.idf1.toFixed(4)}, HOTA ${r.hota.toFixed(4)}, ${r.differences.length} differences`;
  return { ms, summary };
}

/** The phases compareSets goes through, each timed on its own (the same calls it makes). */
function phases(reference: ComparedSet, compared: ComparedSet) {
  const o = DEFAULT_COMPARE_OPTIONS;
  const [seq, sequence] = time(() =>
    buildSequence(reference.tracks, compared.tracks, RANGE.first, RANGE.last, o.pointTolerancePx),
  );
  const [, clear] = time(() => clearMot(seq, o.iouThreshold, o.lowOverlap));
  const [, idf1] = time(() => identity(seq, o.iouThreshold));
  const [, hotaMs] = time(() => hota(seq));
  const boxes = seq.frames.reduce((n, f) => n + f.gt.length, 0);
  const pairs = seq.frames.reduce((n, f) => n + f.pairs.length, 0);
  return { sequence, clear, idf1, hota: hotaMs, boxes, pairs };
}

test('compare two sets of 200 tracks over 5,000 frames', () => {
  test.setTimeout(10 * 60_000);
  const load = loadavg()[0]!.toFixed(1);
  const { reference, compared } = makeSets();
  const first = whole(reference, compared); // cold: the first run in this process
  const p = phases(reference, compared);
  const again = whole(reference, compared);
  const rest = again.ms - (p.sequence + p.clear + p.idf1 + p.hota);

  const s = (ms: number) => (ms / 1000).toFixed(2);
  const lines = [
    `Framewise compare bench, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average (1 min) ${load}`,
    '',
    `${reference.tracks.length} reference and ${compared.tracks.length} compared tracks, frames ${RANGE.first}–${RANGE.last}: ${p.boxes} reference boxes, ${p.pairs} overlapping pairs; ${first.summary}`,
    '',
    '| compareSets (first run) | sequence | CLEAR | IDF1 | HOTA | rest | compareSets (again) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${s(first.ms)} | ${s(p.sequence)} | ${s(p.clear)} | ${s(p.idf1)} | ${s(p.hota)} | ${s(Math.max(0, rest))} | ${s(again.ms)} |`,
    '',
    'Seconds. compareSets on its first run in the process (as in the app, cold), then each phase on its own (the calls compareSets makes: per-frame boxes and overlapping pairs, CLEAR MOT, IDF1, HOTA), then compareSets again; rest = the second run less the phases (events, differences, label confusion).',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}\n`);
  mkdirSync('bench-results', { recursive: true });
  appendFileSync('bench-results/compare.md', text + '\n\n');
});
