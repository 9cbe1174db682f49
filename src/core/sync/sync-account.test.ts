import { describe, expect, it } from 'vitest';
import { TEST_EVIDENCE, TEST_EVIDENCE_B } from '../test-support';
import { EMPTY_SYNC } from './model';
import { anchorResidualMs, caseTimeOf, fitOf, syncMethodText } from './sync-account';
import { TEST_SYNC, testFit } from './two-camera-test-support';

const A = TEST_EVIDENCE.sha256;
const B = TEST_EVIDENCE_B.sha256;
const NAMES = new Map([
  [A as string, 'cctv.mp4'],
  [B as string, 'cam-b.mp4'],
]);

describe('the sync as exports and the report state it', () => {
  it('puts a frame on the case timeline with the uncertainty of its video’s mapping', () => {
    const fit = testFit();
    expect(caseTimeOf(fitOf(fit, A), 2)).toEqual({ seconds: 2, sd: 0 });
    const b = fitOf(fit, B)!;
    const t = caseTimeOf(b, 4)!;
    expect(t.seconds).toBeCloseTo(5.3667, 4);
    // sd² = t² rateSd² + 2 t cov + offsetSd²
    if (b.state === 'unsynced') throw new Error('B is placed');
    const sd = Math.sqrt(16 * b.rateSd ** 2 + 8 * b.rateOffsetCov + b.offsetSd ** 2);
    expect(t.sd).toBeCloseTo(sd, 12);
    expect(caseTimeOf(b, null)).toBeNull();
    expect(caseTimeOf(fitOf(testFit(EMPTY_SYNC), B), 4)).toBeNull();
  });

  it('gives each anchor’s residual as end b’s case time minus end a’s', () => {
    const fit = testFit();
    const [one, two] = TEST_SYNC.anchors;
    expect(anchorResidualMs(fit, one!)).toBeCloseTo(-3.325, 3);
    expect(anchorResidualMs(fit, two!)).toBeCloseTo(6.667, 3);
    expect(anchorResidualMs(testFit(EMPTY_SYNC), one!)).toBeNull();
  });

  it('words the method: the anchors by source, the fit, the suggestions accepted', () => {
    const text = syncMethodText(NAMES, TEST_SYNC, testFit());
    expect(text).toMatch(
      /^The videos are put on one timeline, the clock of the reference video cctv\.mp4\. 3 anchors/,
    );
    expect(text).toContain('weighted least squares');
    expect(text).toContain('± half its frame interval');
    expect(text).toContain('1 offset was suggested by comparing the videos’ sound');
    expect(syncMethodText(NAMES, EMPTY_SYNC, testFit(EMPTY_SYNC))).toBe(
      'The videos are put on one timeline, the clock of the reference video cctv.mp4. No anchor was made: the other videos are not synchronised, and times in different videos cannot be compared.',
    );
  });
});
