/**
 * A case of two cameras for tests (TEST_EVIDENCE, the reference at 25 fps, and
 * TEST_EVIDENCE_B at 30 fps, which started 1.37 s after it), three anchors (one 10 ms off,
 * so the fit has residuals), one of them from an accepted sound suggestion.
 */
import { frameIndex, type Sha256 } from '../ids';
import type { Case } from '../annotations/model';
import { TEST_EVIDENCE, TEST_EVIDENCE_B, TEST_TWO_VIDEO_CASE } from '../test-support';
import { fitSync, type SyncFit } from './fit';
import type { CaseSync, SyncAnchor, SyncAnchorId } from './model';

const A = TEST_EVIDENCE.sha256;
const B = TEST_EVIDENCE_B.sha256;

const end = (sha256: Sha256, frame: number, seconds: number, fps: number) => ({
  sha256,
  frame: frameIndex(frame),
  seconds,
  halfIntervalS: 0.5 / fps,
});

const anchor = (
  n: number,
  frameA: number,
  frameB: number,
  tB: number,
  source: SyncAnchor['source'],
): SyncAnchor => ({
  id: `anchor_${n}` as SyncAnchorId,
  a: end(A, frameA, frameA / 25, 25),
  b: end(B, frameB, tB, 30),
  source,
  note: `anchor ${n}`,
  createdAt: `2026-01-0${n + 2}T00:00:00.000Z`,
});

export const TEST_SYNC: CaseSync = {
  anchors: [
    anchor(1, 50, 19, 0.63, 'frames'),
    anchor(2, 150, 139, 4.64, 'sound'),
    anchor(3, 250, 259, 8.63, 'dvr-clock'),
  ],
  soundSuggestions: [
    {
      sha256A: A,
      sha256B: B,
      offsetS: 1.362,
      score: 0.81,
      method: 'onset envelopes cross-correlated (Pearson r over the shared sound)',
      acceptedAt: '2026-01-04T00:00:00.000Z',
    },
  ],
};

export const TEST_SYNCED_CASE: Case = { ...TEST_TWO_VIDEO_CASE, sync: TEST_SYNC };

/** The fit of TEST_SYNC, as the UI computes it (names as the words give them). */
export function testFit(sync: CaseSync = TEST_SYNC): SyncFit {
  return fitSync(
    [
      { sha256: A, frameIntervalS: 1 / 25, name: TEST_EVIDENCE.fileName },
      { sha256: B, frameIntervalS: 1 / 30, name: TEST_EVIDENCE_B.fileName },
    ],
    sync.anchors,
  );
}
