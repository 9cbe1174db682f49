import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelledError } from './cancelled';
import { LatestFrameRequests, type FrameSupply } from './frame-requests';

interface Picture {
  readonly frame: { readonly index: number };
}

/**
 * A video whose decodes are controlled by the test: each decode is a window of frames that
 * ends when the test says so (or is abandoned through its signal); decoded frames are on hand.
 */
class FakeVideo implements FrameSupply<Picture> {
  readonly cached = new Set<number>();
  readonly decodes: {
    target: number;
    jump: boolean;
    first: number;
    last: number;
    abandoned: boolean;
    finish: () => void;
  }[] = [];
  remainingMs: number | null = 5000;
  /** Every frame a decode was started for. */
  readonly decoded: number[] = [];

  onHand(n: number): boolean {
    return this.cached.has(n);
  }

  get(n: number, how: { jump: boolean; signal?: AbortSignal }): Promise<Picture> {
    if (this.cached.has(n)) return Promise.resolve({ frame: { index: n } });
    this.decoded.push(n);
    return new Promise((resolve, reject) => {
      const decode = {
        target: n,
        jump: how.jump,
        first: n - 2,
        last: n + (how.jump ? 5 : 20),
        abandoned: false,
        finish: () => {
          this.decodes.splice(this.decodes.indexOf(decode), 1);
          for (let f = decode.first; f <= decode.last; f++) this.cached.add(f);
          resolve({ frame: { index: n } });
        },
      };
      how.signal?.addEventListener('abort', () => {
        decode.abandoned = true;
        this.decodes.splice(this.decodes.indexOf(decode), 1);
        reject(new CancelledError());
      });
      this.decodes.push(decode);
    });
  }

  decoding(n: number): boolean {
    return this.decodes.some((d) => d.first <= n && n <= d.last);
  }

  decodeRemainingMs(): number | null {
    return this.remainingMs;
  }

  /** How many times the requests warned that the running decode may be abandoned. */
  warnings = 0;

  prepareToAbandon(): void {
    this.warnings++;
  }

  get running() {
    return this.decodes[0];
  }
}

const timing = { settleMs: 150, restartMs: 300 };

function setUp(first = 0) {
  const video = new FakeVideo();
  const shown: number[] = [];
  const failed: number[] = [];
  const requests = new LatestFrameRequests<Picture>(
    video,
    { show: (p) => shown.push(p.frame.index), fail: (n) => failed.push(n) },
    first,
    timing,
  );
  return { video, shown, failed, requests };
}

/** Lets resolved promises run their callbacks. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('LatestFrameRequests', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('decodes the first frame at once, as a jump (nothing on screen yet)', async () => {
    const { video, shown, requests } = setUp();
    expect(video.decodes.map((d) => [d.target, d.jump])).toEqual([[0, true]]);
    video.running!.finish();
    await flush();
    expect(shown).toEqual([0]);
    await expect(requests.settled()).resolves.toBeUndefined();
  });

  it('held keys queue nothing: one decode at a time, the frames in between are never asked for', async () => {
    const { video, requests } = setUp();
    video.running!.finish();
    await flush();
    for (let n = 1; n <= 60; n++) {
      requests.request(n);
      await vi.advanceTimersByTimeAsync(33); // key repeat
      expect(video.decodes.length).toBeLessThanOrEqual(1);
    }
    // Frames 1 to 5 were decoded with frame 0; frame 6 started the one decode, still running
    // (the decoder is slower than the key); frames 7 to 60 were never decoded.
    expect(video.decoded).toEqual([0, 6]);
    expect(video.decodes.map((d) => d.target)).toEqual([6]);
  });

  it('while keys repeat, the running decode is kept; once they stop, it is abandoned', async () => {
    const { video, shown, requests } = setUp(100);
    video.running!.finish();
    await flush();
    requests.request(130); // beyond the window decoded around 100
    const first = video.running!;
    expect(first.target).toBe(130);
    for (let n = 131; n <= 160; n++) {
      requests.request(n);
      await vi.advanceTimersByTimeAsync(33);
    }
    expect(first.abandoned).toBe(false);
    // Warned at each request past its window (128 to 135), so a fresh core can load meanwhile.
    expect(video.warnings).toBe(160 - 135);
    await vi.advanceTimersByTimeAsync(150 - 33 - 1); // 149 ms since the last request
    expect(first.abandoned).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.abandoned).toBe(true);
    // The latest frame asked for is decoded next, as a jump (far from the picture on screen).
    expect(video.decodes.map((d) => [d.target, d.jump])).toEqual([[160, true]]);
    video.running!.finish();
    await flush();
    expect(shown).toEqual([100, 160]);
  });

  it('keeps a decode that will bring the frame asked for', async () => {
    const { video, shown, requests } = setUp(100);
    video.running!.finish();
    await flush();
    requests.request(130);
    const running = video.running!;
    requests.request(133); // within the window being decoded for 130
    await vi.advanceTimersByTimeAsync(1000);
    expect(running.abandoned).toBe(false);
    expect(video.warnings).toBe(0);
    running.finish();
    await flush();
    // 130 arrives first (nearer than 100), then 133 from the cache.
    expect(shown).toEqual([100, 130, 133]);
  });

  it('lets a decode that is about to end finish rather than pay for a restart', async () => {
    const { video, requests } = setUp(100);
    video.running!.finish();
    await flush();
    requests.request(130);
    const running = video.running!;
    video.remainingMs = 200;
    requests.request(200);
    await vi.advanceTimersByTimeAsync(500);
    expect(running.abandoned).toBe(false);
    running.finish();
    await flush();
    expect(video.decodes.map((d) => d.target)).toEqual([200]);
  });

  it('shows a decoded frame at once, without waiting for a running decode', async () => {
    const { video, shown, requests } = setUp(100);
    video.running!.finish();
    await flush();
    requests.request(130);
    requests.request(101); // decoded with 100
    await flush();
    expect(shown).toEqual([100, 101]);
    // The decode for 130 will not bring 101: abandoned once the request settles.
    await vi.advanceTimersByTimeAsync(150);
    expect(video.decodes).toEqual([]);
  });

  it('never replaces a picture with one further from the frame asked for', async () => {
    const { video, shown, requests } = setUp(100);
    video.running!.finish();
    await flush();
    video.remainingMs = 100; // about to end: not abandoned
    requests.request(130);
    const late = video.running!;
    requests.request(102); // back near 100, on hand
    await flush();
    late.finish();
    await flush();
    expect(shown).toEqual([100, 102]);
  });

  it('reports a frame that cannot be had, and settles', async () => {
    const video = new FakeVideo();
    const failed: number[] = [];
    video.get = () => Promise.reject(new Error('damaged'));
    const requests = new LatestFrameRequests<Picture>(
      video,
      { show: () => {}, fail: (n) => failed.push(n) },
      7,
      timing,
    );
    await requests.settled();
    expect(failed).toEqual([7]);
  });

  it('does not report a superseded frame that failed, and asks for the latest', async () => {
    const { video, failed, requests } = setUp(100);
    video.running!.finish();
    await flush();
    const calls: number[] = [];
    const get = video.get.bind(video);
    video.get = (n, how) => {
      calls.push(n);
      return n === 130 ? Promise.reject(new Error('damaged')) : get(n, how);
    };
    requests.request(130);
    requests.request(160);
    await flush();
    expect(failed).toEqual([]);
    expect(calls).toEqual([130, 160]);
  });

  it('close abandons the running decode and shows nothing more', async () => {
    const { video, shown, requests } = setUp();
    const running = video.running!;
    requests.close();
    expect(running.abandoned).toBe(true);
    await flush();
    expect(shown).toEqual([]);
  });
});
