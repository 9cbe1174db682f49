import { describe, expect, it } from 'vitest';
import type { SetId, Sha256 } from '../ids';
import type { AnnotationSet } from '../annotations/model';
import { TEST_EVIDENCE, TEST_EVIDENCE_B, TEST_SET } from '../test-support';
import { checkPaths, pathProblem } from './evidence-package';
import { otherSetPaths } from './package-sets';

const A = { sha256: TEST_EVIDENCE.sha256, fileName: 'A.mp4' };
const B = { sha256: TEST_EVIDENCE_B.sha256, fileName: 'B.mp4' };

let n = 0;
const set = (video: { sha256: string }, name: string, createdAt?: string): AnnotationSet => {
  n += 1;
  return {
    ...TEST_SET,
    id: `set_${String(n).padStart(8, '0')}-1111-2222-3333-444455556666` as SetId,
    evidenceSha256: video.sha256 as Sha256,
    name,
    createdAt: createdAt ?? `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
  };
};

describe('otherSetPaths', () => {
  it('gives none for a case whose only set is the one on screen', () => {
    const shown = set(A, 'Set 1');
    expect(otherSetPaths([A], [shown], shown.id)).toEqual([]);
  });

  it('places every other set under sets/<video>/<set>.framewise.json, in case order', () => {
    const shown = set(A, 'Set 1');
    const secondOfA = set(A, 'Second pass');
    const ofB = set(B, 'Set 1');
    const paths = otherSetPaths([A, B], [ofB, secondOfA, shown], shown.id);
    expect(paths.map((p) => [p.set.id, p.path])).toEqual([
      [secondOfA.id, 'sets/A.mp4/Second pass.framewise.json'],
      [ofB.id, 'sets/B.mp4/Set 1.framewise.json'],
    ]);
  });

  it('names apart sets of one name (even differing only in case) and videos of one file name', () => {
    const shown = set(A, 'Set 1');
    const one = set(B, 'Pass', '2026-01-01T00:00:01.000Z');
    const two = set(B, 'PASS', '2026-01-01T00:00:02.000Z');
    const sameNameAsB = { sha256: 'c'.repeat(64), fileName: 'B.mp4' };
    const three = set(sameNameAsB, 'Pass');
    const paths = otherSetPaths([A, B, sameNameAsB], [shown, two, one, three], shown.id).map(
      (p) => p.path,
    );
    expect(paths).toEqual([
      'sets/B.mp4/Pass.framewise.json',
      `sets/B.mp4/PASS.${two.id.slice(4, 12)}.framewise.json`,
      'sets/B.mp4.cccccccc/Pass.framewise.json',
    ]);
    expect(() => checkPaths(paths)).not.toThrow();
  });

  it('makes hostile or empty names safe, never dropping a set', () => {
    const video = { sha256: TEST_EVIDENCE.sha256, fileName: 'con. ' };
    const sets = [
      set(video, '../../etc/passwd'),
      set(video, 'a:b?*<>|"\u0007.'),
      set(video, ''),
      set(video, 'x'.repeat(400)),
      set(video, 'Cafe\u0301 '),
    ];
    const paths = otherSetPaths([video], sets, null).map((p) => p.path);
    expect(paths).toHaveLength(5);
    for (const path of paths) expect(pathProblem(path), path).toBeNull();
    expect(() => checkPaths(paths)).not.toThrow();
    expect(paths[0]).toBe('sets/_con/_.._etc_passwd.framewise.json');
    expect(paths[2]).toBe('sets/_con/set.framewise.json');
    expect(paths[4]).toBe('sets/_con/Café.framewise.json');
  });

  it('still places a set of a video the case does not list, by its SHA-256', () => {
    const stray = set({ sha256: 'd'.repeat(64) }, 'Set 1');
    expect(otherSetPaths([A], [stray], null).map((p) => p.path)).toEqual([
      `sets/${'d'.repeat(64)}/Set 1.framewise.json`,
    ]);
  });
});
