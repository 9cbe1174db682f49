import { pts, sha256, type CaseId } from './ids';
import { DEFAULT_LABELS, type Case, type Evidence } from './model';

/** Ready-made records for core unit tests. */
export const TEST_EVIDENCE: Evidence = {
  sha256: sha256('a'.repeat(64)),
  fileName: 'cctv.mp4',
  size: 1234,
  codec: 'h264',
  width: 704,
  height: 576,
  rotation: 0,
  pixelFormat: 'yuv420p',
  timeBase: { num: 1, den: 12800 },
  startPts: pts(0),
  frameCount: 300,
  addedAt: '2026-01-01T00:00:00.000Z',
};

export const TEST_CASE: Case = {
  id: 'case_test' as CaseId,
  name: 'Test case',
  evidenceSha256: TEST_EVIDENCE.sha256,
  evidenceFileName: TEST_EVIDENCE.fileName,
  labels: DEFAULT_LABELS,
  createdAt: '2026-01-01T00:00:00.000Z',
  modifiedAt: '2026-01-01T00:00:00.000Z',
};
