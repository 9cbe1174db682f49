/// <reference lib="webworker" />
import { createTracker, type Tracker } from '../../vision/ncc-tracker';
import type { TrackingReply, TrackingRequest } from './tracking-protocol';

/**
 * Runs the assisted tracker (src/vision/ncc-tracker.ts) off the page's thread, so the UI stays
 * responsive (progress, Stop) however large the frames. Holds one tracker: `start` makes it,
 * each `next` moves it on by a frame.
 */
let tracker: Tracker | null = null;

const reply = (message: TrackingReply) => (self as DedicatedWorkerGlobalScope).postMessage(message);

self.onmessage = (event: MessageEvent<TrackingRequest>) => {
  const request = event.data;
  const frame = { width: request.width, height: request.height, data: request.luma };
  if (request.kind === 'start') {
    const started = createTracker(frame, request.box);
    tracker = started.ok ? started.tracker : null;
    reply(started.ok ? { kind: 'started' } : { kind: 'refused', reason: started.reason });
    return;
  }
  if (!tracker) {
    reply({ kind: 'refused', reason: 'The tracker was not started.' });
    return;
  }
  const began = performance.now();
  const step = tracker.update(frame);
  reply({ kind: 'step', step, ms: performance.now() - began });
};
