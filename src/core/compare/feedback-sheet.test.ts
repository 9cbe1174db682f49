import { describe, expect, it } from 'vitest';
import type { TrackId } from '../ids';
import { DEFAULT_LABELS, type Track } from '../annotations/model';
import { box, key, trackOf } from '../test-support';
import { renderReportHtml } from '../report/report-html';
import { compareSets } from './compare-sets';
import { feedbackSheet, type FeedbackInput } from './feedback-sheet';

const track = (id: string, x: number): Track => ({
  ...trackOf(key(0, box(x, 10, 40, 30)), key(10, box(x, 10, 40, 30), { outside: true })),
  id: id as TrackId,
});
const set = (...tracks: Track[]) => ({ tracks, events: [], labels: DEFAULT_LABELS });

function input(result = compareSets(set(track('r', 0), track('s', 100)), set(track('t', 0)))) {
  const png = new Uint8Array([137, 80, 78, 71]);
  const figure = (caption: string) => ({ image: png, width: 4, height: 3, caption });
  const first = result.differences[0];
  return {
    exerciseTitle: 'Car park, camera 3',
    videoFileName: 'cam3.mp4',
    videoSha256: 'a'.repeat(64),
    referenceName: 'Reference (trainer)',
    referenceSha256: 'b'.repeat(64),
    trainee: '<b>Kim</b>',
    submittedAt: '2026-12-06T10:00:00Z',
    submissionSha256: 'c'.repeat(64),
    auditHead: 'd'.repeat(64),
    result,
    describe: (d) => `frames ${d.frame}–${d.endFrame}: ${d.kind}`,
    stills: new Map(first ? [[first, [figure('reference'), figure('trainee')] as const]] : []),
    trainer: 'T. Rainer',
    createdAt: '2026-12-06T12:00:00Z',
    appName: 'Framewise',
    appVersion: '0.1.0',
  } satisfies FeedbackInput;
}

describe('feedbackSheet', () => {
  it('holds the facts, every score with its thresholds, and the differences with stills', () => {
    const doc = feedbackSheet(input());
    const html = renderReportHtml(doc);
    expect(doc.title).toBe('Feedback: <b>Kim</b> · Car park, camera 3');
    expect(html).toContain('&lt;b&gt;Kim&lt;/b&gt;'); // user text, never markup
    expect(html).toContain('a'.repeat(64));
    expect(html).toContain('Recall');
    expect(html).toContain('0.500');
    expect(html).toContain('objects matched at IoU ≥ 0.5 (low overlap from 0.3)');
    expect(html).toContain('Differences (1)');
    expect(html).toContain('frames 0–9: missing');
    expect(doc.blocks.filter((b) => b.kind === 'figures')).toHaveLength(1);
    expect(html).toContain('Labels: reference (rows) against yours (columns), frames matched');
  });

  it('says so when there is no difference', () => {
    const same = compareSets(set(track('r', 0)), set(track('t', 0)));
    const html = renderReportHtml(feedbackSheet(input(same)));
    expect(html).toContain('None: your annotations agree with the reference');
    expect(html).toContain('Differences (0)');
  });
});
