import { describe, expect, it } from 'vitest';
import { clockOfVideo, videosOf, withVideoClock } from './case-videos';
import { TEST_CASE } from '../test-support';
import type { ClockCalibration } from './model';
import type { Sha256 } from '../ids';

const clock: ClockCalibration = {
  frame: 3,
  dvrTime: '2025-09-12 08:01:00',
  method: 'tick',
  uncertaintySeconds: 0.04,
  utcOffsetMinutes: null,
  offsetSeconds: 0,
  offsetNote: '',
};
const added = 'b'.repeat(64) as Sha256;
const twoVideos = {
  ...TEST_CASE,
  addedVideos: [
    { sha256: added, fileName: 'phone.mp4', addedAt: TEST_CASE.createdAt, clock: null },
  ],
};

describe("a case's videos", () => {
  it('lists the first video, then those added, and keeps each clock apart', () => {
    expect(videosOf(twoVideos).map((v) => v.fileName)).toEqual([
      TEST_CASE.evidenceFileName,
      'phone.mp4',
    ]);
    const second = withVideoClock(twoVideos, added, clock);
    expect(clockOfVideo(second, added)).toEqual(clock);
    expect(clockOfVideo(second, TEST_CASE.evidenceSha256)).toBeNull();
    const first = withVideoClock(twoVideos, TEST_CASE.evidenceSha256, clock);
    expect(first.clock).toEqual(clock);
    expect(clockOfVideo(first, added)).toBeNull();
    expect(clockOfVideo(first, 'c'.repeat(64))).toBeNull();
  });
});
