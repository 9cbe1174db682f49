import { describe, expect, it } from 'vitest';
import { runTracker } from './testing/run-tracker';
import { iou, type LumaFrame } from './luma';
import { createTracker, STOP_BELOW, type TrackStep } from './ncc-tracker';
import { render, type Scene } from './testing/synthetic';

const meanIou = (scene: Scene, steps: TrackStep[]) =>
  steps.reduce((sum, s, i) => sum + iou(s.box, scene.boxAt(i + 1)), 0) / steps.length;

const base = { width: 320, height: 240, frames: 100, noise: 6 };

describe('the NCC tracker on frames with a known truth', () => {
  it('follows an object moving smoothly for 100 frames (mean IoU ≥ 0.75), the same each run', () => {
    const scene: Scene = {
      ...base,
      seed: 1,
      boxAt: (k) => ({
        x: 30 + 2.1 * k,
        y: 40 + 0.9 * k + 10 * Math.sin(k / 15),
        width: 48,
        height: 36,
      }),
    };
    const frames = render(scene);
    const steps = runTracker(frames, scene.boxAt(0));
    expect(steps).toHaveLength(99);
    expect(steps.every((s) => s.state === 'tracking')).toBe(true);
    expect(meanIou(scene, steps)).toBeGreaterThanOrEqual(0.75);
    // Deterministic: the same frames and start box give the same boxes, bit for bit.
    expect(JSON.stringify(runTracker(frames, scene.boxAt(0)))).toBe(JSON.stringify(steps));
  });

  it('follows an object growing 1.5× as it approaches (mean IoU ≥ 0.75)', () => {
    const scene: Scene = {
      ...base,
      seed: 2,
      boxAt: (k) => {
        const s = 1 + 0.5 * (k / 99);
        return { x: 120 - 20 * s + k * 0.4, y: 90 - 15 * s, width: 40 * s, height: 30 * s };
      },
    };
    const steps = runTracker(render(scene), scene.boxAt(0));
    expect(steps.every((s) => s.state === 'tracking')).toBe(true);
    expect(meanIou(scene, steps)).toBeGreaterThanOrEqual(0.75);
  });

  it('follows a fast object (6 px a frame) (mean IoU ≥ 0.75)', () => {
    const scene: Scene = {
      ...base,
      frames: 45,
      seed: 3,
      boxAt: (k) => ({ x: 10 + 6 * k, y: 100 + 2 * Math.sin(k / 4), width: 40, height: 32 }),
    };
    const steps = runTracker(render(scene), scene.boxAt(0));
    expect(meanIou(scene, steps)).toBeGreaterThanOrEqual(0.75);
  });

  it('stops, saying why, when the object passes behind something, never confident and wrong', () => {
    const scene: Scene = {
      ...base,
      seed: 4,
      occluder: { x: 150, y: 0, width: 70, height: 240 },
      boxAt: (k) => ({ x: 40 + 3 * k, y: 100, width: 40, height: 32 }),
    };
    const steps = runTracker(render(scene), scene.boxAt(0));
    const last = steps[steps.length - 1]!;
    expect(last.state).toBe('lost');
    expect(last.reason).toMatch(/hidden behind something/);
    expect(last.confidence).toBeLessThan(STOP_BELOW);
    steps
      .filter((s) => s.state === 'tracking')
      .forEach((s, i) => expect(iou(s.box, scene.boxAt(i + 1))).toBeGreaterThanOrEqual(0.3));
  });

  it('two similar objects cross: it keeps to its own or stops, never confident on the other', () => {
    const scene: Scene = {
      ...base,
      seed: 7,
      boxAt: (k) => ({ x: 20 + 2.5 * k, y: 100, width: 40, height: 32 }),
      others: [(k) => ({ x: 260 - 2.5 * k, y: 96, width: 40, height: 32 })],
    };
    const steps = runTracker(render(scene), scene.boxAt(0));
    steps
      .filter((s) => s.state === 'tracking')
      .forEach((s, i) => expect(iou(s.box, scene.boxAt(i + 1))).toBeGreaterThanOrEqual(0.3));
  });

  it('stops when the object leaves the frame', () => {
    const scene: Scene = {
      ...base,
      frames: 60,
      seed: 5,
      boxAt: (k) => ({ x: 200 + 4 * k, y: 60, width: 40, height: 32 }),
    };
    const steps = runTracker(render(scene), scene.boxAt(0));
    const last = steps[steps.length - 1]!;
    expect(['left-frame', 'lost']).toContain(last.state);
    expect(last.reason).not.toBeNull();
    steps
      .filter((s) => s.state === 'tracking')
      .forEach((s, i) => expect(iou(s.box, scene.boxAt(i + 1))).toBeGreaterThanOrEqual(0.3));
  });

  it('refuses, in words, a box too small, outside the frame, or on a flat area', () => {
    const frame = render({
      ...base,
      frames: 1,
      seed: 6,
      boxAt: () => ({ x: 50, y: 50, width: 40, height: 30 }),
    })[0]!;
    const tiny = createTracker(frame, { x: 10, y: 10, width: 5, height: 20 });
    expect(tiny).toMatchObject({ ok: false, reason: /too small/ });
    expect(createTracker(frame, { x: 300, y: 220, width: 60, height: 60 })).toMatchObject({
      ok: false,
      reason: /outside the frame/,
    });
    const flat: LumaFrame = { width: 64, height: 64, data: new Uint8Array(64 * 64).fill(90) };
    expect(createTracker(flat, { x: 10, y: 10, width: 30, height: 30 })).toMatchObject({
      ok: false,
      reason: /flat area/,
    });
  });
});
