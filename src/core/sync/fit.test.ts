import { describe, expect, it } from 'vitest';
import { checkNewAnchor, fitSync, type PlacedVideoFit, type VideoFit } from './fit';
import { anchor, clipTruth, shaOf, syncVideo } from './sync-test-support';

const VIDEOS = [syncVideo('A'), syncVideo('B'), syncVideo('C')];
const C_TRUTH = clipTruth('C');
const B_TRUTH = clipTruth('B');

function placed(fit: VideoFit | undefined): PlacedVideoFit {
  if (!fit || fit.state === 'unsynced') throw new Error(`not placed: ${JSON.stringify(fit)}`);
  return fit;
}

describe('fitSync', () => {
  it('places the reference alone when there are no anchors, the others unsynced', () => {
    const { videos, problems } = fitSync(VIDEOS, []);
    expect(problems).toEqual([]);
    expect(videos[0]).toMatchObject({ state: 'reference', rate: 1, offset: 0, rateSd: 0 });
    expect(videos[1]).toMatchObject({ state: 'unsynced', anchorCount: 0 });
    expect(videos[2]!.state).toBe('unsynced');
    expect(videos[1]!.note).toBe(
      'No anchor links camera B to the reference, directly or through other videos.',
    );
  });

  it('gives the offset from one anchor, rate 1, with the ±½ frame uncertainty', () => {
    // The first bang: A frame 92 (3.68 s), B frame 69 (2.3 s); the truth is +1.37.
    const b = placed(fitSync(VIDEOS, [anchor('x', ['A', 92], ['B', 69])]).videos[1]);
    expect(b.state).toBe('offset-only');
    expect(b.rate).toBe(1);
    expect(b.rateSd).toBe(0);
    expect(b.offset).toBeCloseTo(3.68 - 2.3, 12);
    expect(Math.abs(b.offset - B_TRUTH.offset_s)).toBeLessThan(1 / 25);
    // Uniform within ±20 ms and ±16.7 ms: sd = √((0.02² + (1/60)²) / 3) = 15.0 ms.
    expect(b.offsetSd * 1000).toBeCloseTo(15.03, 2);
    expect(b.rmseMs).toBeNull();
    expect(b.anchorCount).toBe(1);
    expect(b.residualsMs).toEqual({ x: 0 });
    expect(b.note).toMatch(/^One anchor places camera B: its offset only/);
  });

  it('works the same whichever end of the anchor is the reference', () => {
    const one = placed(fitSync(VIDEOS, [anchor('x', ['A', 92], ['B', 69])]).videos[1]);
    const other = placed(fitSync(VIDEOS, [anchor('x', ['B', 69], ['A', 92])]).videos[1]);
    expect(other.offset).toBe(one.offset);
    expect(other.offsetSd).toBe(one.offsetSd);
  });

  it("recovers camera C's 0.1 % drift from two anchors at the first and last bang", () => {
    // The truth's frames at the first and last bang C hears: A 92 ↔ C 74, A 220 ↔ C 197.
    const heard = C_TRUTH.bangs.filter((b) => b.heard);
    const frameOf = (clip: typeof C_TRUTH, scene: number) =>
      clip.bangs.find((b) => b.scene_s === scene)!.frame!;
    const [first, last] = [heard[0]!, heard.at(-1)!].map((bang) => [
      frameOf(clipTruth('A'), bang.scene_s),
      bang.frame!,
    ]) as [[number, number], [number, number]];
    expect([first, last]).toEqual([
      [92, 74],
      [220, 197],
    ]);
    const anchors = [
      anchor('first', ['A', first[0]], ['C', first[1]]),
      anchor('last', ['A', last[0]], ['C', last[1]]),
    ];
    const { videos, problems } = fitSync(VIDEOS, anchors);
    const c = placed(videos[2]);
    expect(problems).toEqual([]);
    expect(c.state).toBe('synced');
    expect(Math.abs(c.rate - C_TRUTH.rate)).toBeLessThan(0.0002); // measured: 2.3e-5
    expect(Math.abs(c.offset - C_TRUTH.offset_s)).toBeLessThan(0.001);
    // Two anchors 5.1 s apart, each ±½ frame: the rate is known to about ±0.5 % (1 sd).
    expect(c.rateSd).toBeGreaterThan(0.003);
    expect(c.rateSd).toBeLessThan(0.006);
    expect(c.rmseMs).toBeCloseTo(0, 9);
    expect(Object.keys(c.residualsMs).sort()).toEqual(['first', 'last']);
    // The reference sees the same anchors, from its side.
    expect(Object.keys(placed(videos[0]).residualsMs).sort()).toEqual(['first', 'last']);
  });

  it('places a video anchored only to another non-reference video, breadth-first', () => {
    const anchors = [
      anchor('ab', ['A', 92], ['B', 69]),
      anchor('bc1', ['B', 69], ['C', 74]),
      anchor('bc2', ['C', 197], ['B', 222]),
    ];
    const { videos, problems } = fitSync(VIDEOS, anchors);
    expect(problems).toEqual([]);
    const c = placed(videos[2]);
    expect(c.state).toBe('synced');
    expect(c.anchorCount).toBe(2);
    // Through B's offset (±½ frame at each of two more ends): within two frame intervals.
    expect(Math.abs(c.offset - C_TRUTH.offset_s)).toBeLessThan(2 / 24);
    expect(Math.abs(c.rate - C_TRUTH.rate)).toBeLessThan(3 * c.rateSd);
    // B's own uncertainty moves both of C's anchors together: C's offset is no surer than B's.
    expect(c.offsetSd).toBeGreaterThan(placed(videos[1]).offsetSd);
  });

  it('takes the offset alone when anchors are too close in time to measure the rate', () => {
    // Two anchors 0.4 s apart, each ±½ frame: a rate from them would be ±7 %.
    const anchors = [anchor('p', ['A', 92], ['B', 69]), anchor('q', ['A', 102], ['B', 81])];
    const { videos, problems } = fitSync(VIDEOS, anchors);
    expect(problems).toEqual([]);
    const b = placed(videos[1]);
    expect(b.state).toBe('offset-only');
    expect(b.rate).toBe(1);
    expect(b.note).toMatch(/too close in time \(400 ms apart\)/);
    expect(b.rmseMs).not.toBeNull();
  });

  it('names two anchors that would make a clock run 12 % off', () => {
    // B frames 0 and 300 (10 s) against A frames 0 and 280 (11.2 s): each B second 1.12 s.
    const anchors = [anchor('p', ['A', 0], ['B', 0]), anchor('q', ['A', 280], ['B', 300])];
    const { problems } = fitSync(VIDEOS, anchors);
    expect(problems).toEqual([
      "Anchor 1 and anchor 2 contradict each other: they would make camera B's seconds 12 % longer than the reference's (each 1.120 s of the case timeline); clocks drift far less than 2 %. One of them pairs the wrong frames.",
    ]);
  });

  it('names anchors that would make a video run backwards, or put one moment twice', () => {
    const backwards = [anchor('p', ['A', 0], ['B', 150]), anchor('q', ['A', 250], ['B', 0])];
    expect(fitSync(VIDEOS, backwards).problems[0]).toMatch(
      /^Anchor 1 and anchor 2 contradict each other: they would make camera B run backwards/,
    );
    const twice = [anchor('p', ['A', 0], ['B', 30]), anchor('q', ['A', 50], ['B', 30])];
    expect(fitSync(VIDEOS, twice).problems[0]).toMatch(
      /they put the same moment of camera B 2\.000 s apart on the case timeline/,
    );
  });

  it('picks out the one anchor of several that pairs the wrong frames', () => {
    // B is A 1.37 s later; the third anchor is a second off.
    const anchors = [
      anchor('p', ['A', 92], ['B', 69]),
      anchor('q', ['A', 220], ['B', 222]),
      anchor('r', ['A', 250], ['B', 290]), // truth: A frame 250 (10 s) is B frame 258.9
      anchor('s', ['A', 161], ['B', 153]),
    ];
    const { videos, problems } = fitSync(VIDEOS, anchors);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^Anchor 3 does not agree with the other anchors of camera B: it is 1\.0\d\d s from where they put it/,
    );
    expect(placed(videos[1]).residualsMs['r']).toBeLessThan(-500);
  });

  it('checks an anchor between two videos placed through others against them', () => {
    const base = [anchor('ab', ['A', 92], ['B', 69]), anchor('ac', ['A', 92], ['C', 74])];
    const good = fitSync(VIDEOS, [...base, anchor('bc', ['B', 153], ['C', 141])]);
    expect(good.problems).toEqual([]);
    expect(Math.abs(placed(good.videos[1]).residualsMs['bc']!)).toBeLessThan(40);
    const bad = fitSync(VIDEOS, [...base, anchor('bc', ['B', 153], ['C', 165])]);
    expect(bad.problems).toEqual([
      expect.stringMatching(
        /^Anchor 3 \(camera B frame 153 and camera C frame 165\) is \d+ ms away from where the other anchors put camera B and camera C/,
      ),
    ]);
  });

  it('leaves out anchors to unknown videos or within one video, and says so', () => {
    const stranger = { ...anchor('z', ['A', 1], ['B', 1]) };
    const unknown = { ...stranger, b: { ...stranger.b, sha256: shaOf('C') } };
    const { problems, videos } = fitSync(VIDEOS.slice(0, 2), [
      unknown,
      anchor('same', ['A', 1], ['A', 5]),
    ]);
    expect(problems).toEqual([
      'Anchor 1 refers to a video not in this case; it is left out.',
      'Anchor 2 pairs two frames of the same video (camera A); it is left out.',
    ]);
    expect(videos[1]!.state).toBe('unsynced');
  });

  it('names videos by position when they have no name', () => {
    const bare = VIDEOS.map(({ sha256, frameIntervalS }) => ({ sha256, frameIntervalS }));
    const anchors = [anchor('p', ['A', 0], ['B', 0]), anchor('q', ['A', 280], ['B', 300])];
    expect(fitSync(bare, anchors).problems[0]).toMatch(/make video 2's seconds/);
  });
});

describe('checkNewAnchor', () => {
  const anchors = [anchor('p', ['A', 92], ['B', 69]), anchor('q', ['A', 220], ['B', 222])];

  it('accepts an anchor that agrees', () => {
    expect(checkNewAnchor(VIDEOS, anchors, anchor('n', ['A', 161], ['B', 153]))).toBeNull();
    expect(checkNewAnchor(VIDEOS, [], anchor('n', ['A', 161], ['C', 141]))).toBeNull();
  });

  it('refuses, in words, an anchor that contradicts the others', () => {
    const reason = checkNewAnchor(VIDEOS, anchors, anchor('n', ['A', 161], ['B', 190]));
    expect(reason).toMatch(/^The new anchor does not agree with the other anchors of camera B/);
    const pair = checkNewAnchor(VIDEOS, anchors.slice(0, 1), anchor('n', ['A', 250], ['B', 200]));
    expect(pair).toMatch(/^Anchor 1 and the new anchor contradict each other/);
  });

  it('refuses an anchor within one video or to a video not in the case', () => {
    expect(checkNewAnchor(VIDEOS, anchors, anchor('n', ['B', 1], ['B', 9]))).toBe(
      'The new anchor pairs two frames of the same video (camera B); it is left out.',
    );
    expect(checkNewAnchor(VIDEOS.slice(0, 2), anchors, anchor('n', ['A', 1], ['C', 9]))).toMatch(
      /^The new anchor refers to a video not in this case/,
    );
  });

  it('does not blame a new anchor for problems that were there before', () => {
    const contradicting = [anchor('p', ['A', 0], ['B', 0]), anchor('q', ['A', 280], ['B', 300])];
    expect(checkNewAnchor(VIDEOS, contradicting, anchor('n', ['A', 92], ['C', 74]))).toBeNull();
  });
});
