import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runTracker } from './testing/run-tracker';
import truth from '../../tests/fixtures/tracking/tracking.truth.json';
import { iou, type Box, type LumaFrame } from './luma';

/**
 * The tracker on ENCODED footage with a known truth (tests/fixtures/tracking, made by
 * scripts/make-tracking-clips.mjs): H.264 at CRF 21, decoded by native ffmpeg to grey, and
 * committed as the decoded luma around the object (elsewhere 0), so no ffmpeg is needed here.
 */
type ClipName = 'easy-glide' | 'hard-occluded';
const DIR = new URL('../../tests/fixtures/tracking/', import.meta.url);

const boxesOf = (name: ClipName): Box[] =>
  truth.clips[name].boxes.map(([x, y, width, height]) => ({
    x: x!,
    y: y!,
    width: width!,
    height: height!,
  }));

/** The decoded frames, unpacked as the script packed them (packLuma). */
function decodedFrames(name: ClipName): LumaFrame[] {
  const clip = truth.clips[name];
  const { width: W, height: H } = clip;
  const bytes = brotliDecompressSync(readFileSync(new URL(clip.luma.file, DIR)));
  const margin = clip.luma.margin;
  const frames: LumaFrame[] = [];
  let previous = new Uint8Array(W * H);
  let i = 0;
  for (const [x, y, w, h] of clip.boxes as [number, number, number, number][]) {
    const x0 = Math.max(0, Math.floor(x - margin));
    const y0 = Math.max(0, Math.floor(y - margin));
    const x1 = Math.min(W, Math.ceil(x + w + margin));
    const y1 = Math.min(H, Math.ceil(y + h + margin));
    const data = new Uint8Array(W * H);
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const p = yy * W + xx;
        data[p] = (previous[p]! + bytes[i++]!) & 255;
      }
    }
    frames.push({ width: W, height: H, data });
    previous = data;
  }
  expect(i).toBe(bytes.length);
  return frames;
}

describe('the NCC tracker on encoded clips with a known truth', () => {
  it('easy-glide: follows the object through all 110 frames (mean IoU ≥ 0.75)', () => {
    const boxes = boxesOf('easy-glide');
    const frames = decodedFrames('easy-glide');
    expect(frames).toHaveLength(110);
    const steps = runTracker(frames, boxes[0]!);
    expect(steps).toHaveLength(109);
    expect(steps.every((s) => s.state === 'tracking')).toBe(true);
    const mean = steps.reduce((sum, s, i) => sum + iou(s.box, boxes[i + 1]!), 0) / steps.length;
    expect(mean).toBeGreaterThanOrEqual(0.75);
  });

  it('hard-occluded: stops by the time the object is hidden, never confident and wrong', () => {
    const boxes = boxesOf('hard-occluded');
    const hidden = truth.clips['hard-occluded'].hiddenFrames;
    const frames = decodedFrames('hard-occluded');
    expect(frames).toHaveLength(80);
    const steps = runTracker(frames, boxes[0]!);
    const last = steps[steps.length - 1]!;
    // Step i is frame i + 1: the frame it stopped on is steps.length.
    expect(last.state).not.toBe('tracking');
    expect(steps.length).toBeLessThanOrEqual(Math.max(...hidden));
    steps.forEach((s, i) => {
      if (s.state === 'tracking') expect(iou(s.box, boxes[i + 1]!)).toBeGreaterThanOrEqual(0.3);
    });
  });
});
