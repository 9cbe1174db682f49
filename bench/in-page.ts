import type { Page } from '@playwright/test';

/**
 * Timing helpers that run inside the page, so a measurement is the app's own latency, not
 * Playwright's round trip. A step ends when frame-info says the asked-for frame is ready
 * (its bitmap is handed to the stage and its MD5 is known).
 */
export async function installTimers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const info = () => document.querySelector<HTMLElement>('[data-testid=frame-info]')!;
    const whenReady = (frame: number, started: number) =>
      new Promise<number>((resolve, reject) => {
        const done = () =>
          info().dataset.frame === String(frame) && info().dataset.ready === 'true';
        if (done()) return resolve(performance.now() - started);
        const timeout = setTimeout(() => reject(new Error(`frame ${frame} not ready`)), 120_000);
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          clearTimeout(timeout);
          resolve(performance.now() - started);
        });
        observer.observe(info(), { attributes: true });
      });
    const w = window as unknown as Record<string, unknown>;
    // Long tasks: any stretch over 50 ms in which the UI thread could not answer input.
    const longTasks: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    w.benchLongestTask = () => Math.max(0, ...longTasks);
    w.benchKey = (key: string, shift: boolean, expected: number) => {
      const started = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey: shift, bubbles: true }));
      return whenReady(expected, started);
    };
    w.benchJump = (frame: number) => {
      const input = document.querySelector<HTMLInputElement>('input[aria-label=Frame]')!;
      input.value = String(frame);
      const started = performance.now();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      return whenReady(frame, started);
    };
  });
}

export function pressTimed(page: Page, key: string, expected: number): Promise<number> {
  return page.evaluate(
    ([k, n]) =>
      (
        window as unknown as { benchKey: (k: string, s: boolean, n: number) => Promise<number> }
      ).benchKey(k as string, false, n as number),
    [key, expected] as const,
  );
}

export function jumpTimed(page: Page, frame: number): Promise<number> {
  return page.evaluate(
    (n) => (window as unknown as { benchJump: (n: number) => Promise<number> }).benchJump(n),
    frame,
  );
}

/** The browser's own <video>: seek to each time and wait for the frame to be presented. */
export function videoElementSeeks(
  page: Page,
  fileBase64: string,
  times: number[],
): Promise<number[] | null> {
  return page.evaluate(
    async ([data, seekTimes]) => {
      const bytes = Uint8Array.from(atob(data as string), (c) => c.charCodeAt(0));
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(new Blob([bytes]));
      document.body.append(video);
      const ok = await new Promise<boolean>((resolve) => {
        video.onloadeddata = () => resolve(true);
        video.onerror = () => resolve(false);
      });
      if (!ok) return null;
      const result: number[] = [];
      for (const t of seekTimes as number[]) {
        const started = performance.now();
        await new Promise<void>((resolve) => {
          const timeout = setTimeout(resolve, 5000);
          video.requestVideoFrameCallback(() => {
            clearTimeout(timeout);
            resolve();
          });
          video.currentTime = t;
        });
        result.push(performance.now() - started);
      }
      video.remove();
      return result;
    },
    [fileBase64, times] as const,
  );
}

/** The longest main-thread task since the timers were installed (0 if none over 50 ms). */
export function longestTask(page: Page): Promise<number> {
  return page.evaluate(() =>
    (window as unknown as { benchLongestTask: () => number }).benchLongestTask(),
  );
}

/**
 * Forgets where each case was last viewed (the app's "lastViewed:<case>" settings), so a clip
 * opened again starts at frame 0, as a cold open of a new file does; the bench measures that.
 */
export async function forgetLastViewed(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const opening = indexedDB.open('framewise');
        // No database yet: nothing to forget, and none must be made here (the app's own).
        opening.onupgradeneeded = () => opening.transaction?.abort();
        opening.onerror = () => resolve();
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('settings')) {
            db.close();
            return resolve();
          }
          const store = db.transaction('settings', 'readwrite').objectStore('settings');
          const keys = store.getAllKeys();
          keys.onsuccess = () => {
            for (const key of keys.result) {
              if (String(key).startsWith('lastViewed:')) store.delete(key);
            }
            store.transaction.oncomplete = () => {
              db.close();
              resolve();
            };
          };
        };
      }),
  );
}

/**
 * Plays at the current speed for `seconds` (from the frame on screen) and reports the frames
 * shown per second and how many were skipped (a frame number not one more than the last);
 * for each frame shown, the view filters' time in the worker (the stage's data-view-ms, when
 * filters are on) and which renderer drew them (data-view-renderer; "none" without filters).
 */
export async function playTimed(
  page: Page,
  seconds: number,
): Promise<{
  fps: number;
  shown: number;
  skipped: number;
  viewMs: number[];
  renderers: string[];
}> {
  return page.evaluate(async (duration) => {
    const info = document.querySelector<HTMLElement>('[data-testid=frame-info]')!;
    const stage = document.querySelector<HTMLElement>('[data-testid=stage]');
    const shown: { frame: number; at: number }[] = [];
    const viewMs: number[] = [];
    const renderers = new Set<string>();
    const observer = new MutationObserver(() => {
      if (info.dataset.ready !== 'true') return;
      const frame = Number(info.dataset.frame);
      if (shown.at(-1)?.frame === frame) return;
      shown.push({ frame, at: performance.now() });
      const ms = stage?.dataset.viewMs;
      if (ms) viewMs.push(Number(ms));
      renderers.add(stage?.dataset.viewRenderer || 'none');
    });
    observer.observe(info, { attributes: true });
    if (stage) observer.observe(stage, { attributes: true });
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Play')!;
    button.click();
    await new Promise((resolve) => setTimeout(resolve, duration * 1000));
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Pause')?.click();
    observer.disconnect();
    const skipped = shown.filter((s, i) => i > 0 && s.frame !== shown[i - 1]!.frame + 1).length;
    // Frames per second over the stretch shown, the first frame's wait for decoding left out.
    const span = (shown.at(-1)!.at - shown[0]!.at) / 1000;
    return {
      fps: (shown.length - 1) / span,
      shown: shown.length,
      skipped,
      viewMs,
      renderers: [...renderers],
    };
  }, seconds);
}

/**
 * Arms a timer in the page from the moment a file is chosen (the input's change event) to
 * frame 0 being ready; `openElapsed` reads it. Timed in the page, so Playwright's polling
 * (every 0.5 s after the first second) does not round it up.
 */
export async function armOpenTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { benchOpened: Promise<number> };
    w.benchOpened = new Promise<number>((resolve) => {
      let chosenAt = 0;
      document.addEventListener('change', () => (chosenAt ||= performance.now()), true);
      new MutationObserver((_, observer) => {
        const info = document.querySelector<HTMLElement>('[data-testid=frame-info]');
        if (chosenAt && info?.dataset.frame === '0' && info.dataset.ready === 'true') {
          observer.disconnect();
          resolve(performance.now() - chosenAt);
        }
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
  });
}

export function openElapsed(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { benchOpened: Promise<number> }).benchOpened);
}

/** What one assisted-tracking run looked like from the page (issue 16). */
export interface TrackingRunTiming {
  /** From the click on "Track forward" to the outcome shown and the progress bar gone. */
  elapsedMs: number;
  outcome: string;
  /** Whether the progress bar and its Stop button were seen while it ran. */
  progressSeen: boolean;
  stopSeen: boolean;
  /**
   * Main-thread tasks over 50 ms while it tracked (up to the last progress update): the
   * longest, and how many; then the longest at its end (the run added as one command, the
   * player sent to its last frame).
   */
  longestTaskMs: number;
  longTasks: number;
  longestEndTaskMs: number;
  /** The longest gap between two animation frames while it tracked, and at its end. */
  maxFrameGapMs: number;
  maxEndFrameGapMs: number;
  /** With `stopAfterMs`: from the moment Stop was due to the progress bar gone, null otherwise. */
  stopToIdleMs: number | null;
  /** With `stopAfterMs`: how late the page's own timer clicked Stop (a busy UI thread delays it). */
  stopClickLateMs: number | null;
  /** With `stopAfterMs`: the run ended before Stop was due. */
  endedBeforeStop: boolean;
}

/**
 * Clicks "Track forward" (the selected object, Track frames as set) and times the run in the
 * page until the outcome is shown and the progress bar is gone. With `stopAfterMs`, clicks
 * "Stop" that long after the start and times the stop.
 */
export function trackTimed(page: Page, stopAfterMs: number | null): Promise<TrackingRunTiming> {
  return page.evaluate(async (stopAfter) => {
    const buttons = () => [...document.querySelectorAll('button')];
    const progress = () => document.querySelector('progress[aria-label="Tracking progress"]');
    const stopButton = () => buttons().find((b) => b.textContent?.trim() === 'Stop');
    const outcome = () => document.querySelector('[data-testid=tracking-outcome]');
    const longTasks: { start: number; duration: number }[] = [];
    const tasks = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ start: entry.startTime, duration: entry.duration });
    });
    tasks.observe({ type: 'longtask' });
    let running = true;
    const frameGaps: { end: number; gap: number }[] = [];
    let lastFrame = performance.now();
    const tick = (t: number) => {
      frameGaps.push({ end: t, gap: t - lastFrame });
      lastFrame = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    let progressSeen = false;
    let lastProgressAt = performance.now();
    let stopSeen = false;
    let stopDueAt: number | null = null;
    let stopClickLateMs: number | null = null;
    const started = performance.now();
    const ended = new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('no tracking outcome in 10 min')), 600_000);
      const observer = new MutationObserver(() => {
        if (progress()) {
          progressSeen = true;
          lastProgressAt = performance.now();
        }
        if (stopButton()) stopSeen = true;
        if (progressSeen && !progress() && outcome()) {
          observer.disconnect();
          clearTimeout(timeout);
          resolve(performance.now());
        }
      });
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    if (stopAfter !== null) {
      setTimeout(() => {
        const stop = stopButton();
        if (!stop || !progress()) return;
        stopDueAt = started + stopAfter;
        stopClickLateMs = performance.now() - stopDueAt;
        stop.click();
      }, stopAfter);
    }
    buttons()
      .find((b) => b.textContent?.includes('Track forward'))!
      .click();
    const endedAt = await ended;
    running = false;
    // Long-task entries arrive a little after the task.
    await new Promise((resolve) => setTimeout(resolve, 200));
    tasks.disconnect();
    const during = longTasks.filter((t) => t.start < lastProgressAt);
    const atEnd = longTasks.filter((t) => t.start >= lastProgressAt);
    return {
      elapsedMs: endedAt - started,
      outcome: outcome()!.textContent!.trim(),
      progressSeen,
      stopSeen,
      longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
      longTasks: during.length,
      longestEndTaskMs: Math.max(0, ...atEnd.map((t) => t.duration)),
      maxFrameGapMs: Math.max(
        0,
        ...frameGaps.filter((f) => f.end <= lastProgressAt).map((f) => f.gap),
      ),
      maxEndFrameGapMs: Math.max(
        0,
        ...frameGaps.filter((f) => f.end > lastProgressAt).map((f) => f.gap),
      ),
      stopToIdleMs: stopDueAt === null ? null : endedAt - stopDueAt,
      stopClickLateMs,
      endedBeforeStop: stopAfter !== null && stopDueAt === null,
    };
  }, stopAfterMs);
}
