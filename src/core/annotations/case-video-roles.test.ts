import { describe, expect, it } from 'vitest';
import type { SetId } from '../ids';
import {
  clockOfSetVideo,
  videosWithRoles,
  distinctVideoNames,
  hasSeveralVideos,
  latestSetOfVideo,
} from './case-video-roles';
import {
  TEST_CASE,
  TEST_EVIDENCE,
  TEST_EVIDENCE_B,
  TEST_SET,
  TEST_SET_B,
  TEST_TWO_VIDEO_CASE,
} from '../test-support';

describe('the videos of a case', () => {
  it('list a case of one video as its reference alone', () => {
    expect(videosWithRoles(TEST_CASE)).toEqual([
      {
        sha256: TEST_EVIDENCE.sha256,
        fileName: 'cctv.mp4',
        role: 'reference',
        addedAt: TEST_CASE.createdAt,
        clock: null,
      },
    ]);
    expect(hasSeveralVideos(TEST_CASE)).toBe(false);
  });

  it('put the reference first, then the added videos in the order added', () => {
    const videos = videosWithRoles(TEST_TWO_VIDEO_CASE);
    expect(videos.map((v) => [v.fileName, v.role])).toEqual([
      ['cctv.mp4', 'reference'],
      ['cam-b.mp4', 'added'],
    ]);
    expect(videos[1]!.addedAt).toBe(TEST_EVIDENCE_B.addedAt);
    expect(hasSeveralVideos(TEST_TWO_VIDEO_CASE)).toBe(true);
  });

  it('find each video’s latest set: the one changed last', () => {
    const later = {
      ...TEST_SET_B,
      id: 'set_b2' as SetId,
      name: 'Set 2',
      createdAt: '2026-01-03T00:00:00.000Z',
      modifiedAt: '2026-01-03T00:00:00.000Z',
    };
    const edited = { ...TEST_SET_B, modifiedAt: '2026-01-04T00:00:00.000Z' };
    const sets = [later, TEST_SET, edited];
    expect(latestSetOfVideo(sets, TEST_EVIDENCE_B.sha256)?.id).toBe(TEST_SET_B.id);
    expect(latestSetOfVideo(sets, 'c'.repeat(64))).toBeUndefined();
  });

  it('name files of two videos with the same file name apart', () => {
    const names = distinctVideoNames([
      { sha256: 'a'.repeat(64), fileName: 'CH01.mp4' },
      { sha256: 'b'.repeat(64), fileName: 'ch01.mp4' },
      { sha256: 'c'.repeat(64), fileName: 'ch02.mp4' },
    ]);
    expect([...names.values()]).toEqual(['CH01.mp4', 'ch01.mp4.bbbbbbbb', 'ch02.mp4']);
  });

  it('give a set’s export the clock of its own video', () => {
    const clock = { ...CLOCK, frame: 7 };
    const record = {
      ...TEST_TWO_VIDEO_CASE,
      clock: CLOCK,
      addedVideos: [{ ...TEST_TWO_VIDEO_CASE.addedVideos[0]!, clock }],
    };
    expect(clockOfSetVideo(record, TEST_EVIDENCE.sha256)).toBe(CLOCK);
    expect(clockOfSetVideo(record, TEST_EVIDENCE_B.sha256)).toBe(clock);
    expect(clockOfSetVideo({ ...record, addedVideos: [] }, TEST_EVIDENCE_B.sha256)).toBe(CLOCK);
  });
});

const CLOCK = {
  frame: 3,
  dvrTime: '2025-09-12 08:01:00',
  method: 'tick' as const,
  uncertaintySeconds: 0.04,
  utcOffsetMinutes: 60,
  offsetSeconds: 0,
  offsetNote: '',
};
