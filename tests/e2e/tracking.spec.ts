import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  dragOnStage,
  expect,
  downloadExport,
  FIXTURES,
  jumpTo,
  draftCourtReportHtml,
  openFixture,
  settledAuditCount,
  storedAudit,
  TEST_EXAMINER,
  test,
  waitForFrame,
} from './support';
import { validAnnotations } from './annotations-schema';

/**
 * Issue 16 in the built app, on clips with a known truth (tests/fixtures/tracking): track,
 * correct a frame, confirm, undo, discard, export; the tracker stops where the object is
 * hidden; and it refuses to start in plain words.
 */
type Box = [number, number, number, number];
interface TruthClip {
  width: number;
  height: number;
  frames: number;
  boxes: Box[];
  hiddenFrames?: number[];
}
const TRUTH = JSON.parse(readFileSync(`${FIXTURES}tracking/tracking.truth.json`, 'utf8')) as {
  clips: Record<string, TruthClip>;
};

function iou(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / (a[2] * a[3] + b[2] * b[3] - w * h);
}

/** Opens a truth clip, draws a vehicle box on its truth at `frame` and selects it. */
async function drawTruthBox(page: Page, clip: string, frame = 0): Promise<TruthClip> {
  const truth = TRUTH.clips[clip]!;
  await page.goto('/');
  await openFixture(page, `tracking/${clip}.mp4`);
  if (frame !== 0) await jumpTo(page, frame);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.getByLabel('Label').selectOption({ label: 'vehicle' });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  const [x, y, w, h] = truth.boxes[frame]!;
  await dragOnStage(page, { x, y }, { x: x + w, y: y + h }, truth);
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await page
    .getByRole('list', { name: 'Objects' })
    .getByRole('button', { name: 'vehicle #1' })
    .click();
  return truth;
}

const timeline = (page: Page) => page.getByTestId('timeline');
const objects = (page: Page) => page.getByRole('list', { name: 'Objects' });

/** The exported positions of the first track, by frame (the export checked by its schema). */
async function exportedPositions(page: Page) {
  const file = await downloadExport(page, 'Annotations (JSON)');
  const exported = validAnnotations(new Uint8Array(file.bytes), 'the native JSON export');
  const positions = exported.tracks[0]!.positions;
  return new Map(positions.map((p) => [p.frame, p]));
}

test('track forward on a known clip, correct a frame, confirm, undo, discard, export', async ({
  page,
}) => {
  const truth = await drawTruthBox(page, 'easy-glide');
  await page.getByRole('spinbutton', { name: 'Track frames' }).fill('40');
  await page.getByRole('button', { name: 'Track forward' }).click();
  const outcome = page.getByTestId('tracking-outcome');
  await expect(outcome).toContainText('Tracked vehicle #1 40 frames forward (frames 1–40');
  await expect(outcome).toContainText('It went the frames asked for.');
  // The player shows where the run ended; the proposed box says what it is.
  await waitForFrame(page, 40);
  await expect(objects(page)).toContainText(/tracked \(confidence 0\.\d\d\)/);
  await expect(timeline(page)).toHaveAttribute('data-selected-tracked', '1-40:proposed');

  // Exported as tracked, with the confidence, and on the object (truth) all along.
  let positions = await exportedPositions(page);
  const ious: number[] = [];
  for (let frame = 1; frame <= 40; frame++) {
    const p = positions.get(frame)!;
    expect(p.source, `frame ${frame}`).toBe('tracked');
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.confirmedBy).toBeUndefined();
    const s = p.shape as { x: number; y: number; width: number; height: number };
    ious.push(iou([s.x, s.y, s.width, s.height], truth.boxes[frame]!));
  }
  expect(Math.min(...ious)).toBeGreaterThan(0.6);
  expect(ious.reduce((a, b) => a + b) / ious.length).toBeGreaterThan(0.75);

  // Correct frame 20 by moving its box: that frame becomes drawn; the run splits around it.
  await jumpTo(page, 20);
  const s20 = positions.get(20)!.shape as { x: number; y: number; width: number; height: number };
  const centre = { x: s20.x + s20.width / 2, y: s20.y + s20.height / 2 };
  await dragOnStage(page, centre, { x: centre.x + 3, y: centre.y }, truth);
  await expect(timeline(page)).toHaveAttribute(
    'data-selected-tracked',
    '1-19:proposed,21-40:proposed',
  );
  await expect(objects(page)).toContainText('keyframe (drawn)');

  // Confirm the run (frame 20's run is the one before it): every proposed box of it.
  await jumpTo(page, 30);
  await page.getByRole('button', { name: 'Confirm tracked' }).click();
  await expect(timeline(page)).toHaveAttribute(
    'data-selected-tracked',
    '1-19:confirmed,21-40:confirmed',
  );
  await expect(objects(page)).toContainText(`tracked, confirmed by ${TEST_EXAMINER}`);
  await expect(page.getByTestId('tracked-run')).toContainText(`39 confirmed by ${TEST_EXAMINER}`);

  // One undo step each: the confirmation, then redo.
  await page.locator('body').press('Control+z');
  await expect(timeline(page)).toHaveAttribute(
    'data-selected-tracked',
    '1-19:proposed,21-40:proposed',
  );
  await page.locator('body').press('Control+Shift+Z');
  await expect(timeline(page)).toHaveAttribute(
    'data-selected-tracked',
    '1-19:confirmed,21-40:confirmed',
  );
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  positions = await exportedPositions(page);
  expect(positions.get(30)).toMatchObject({ source: 'tracked', confirmedBy: TEST_EXAMINER });
  expect(positions.get(20)?.source).toBe('drawn');

  // Discard drops the run (the corrected frame stays drawn); undo brings it back.
  await page.getByRole('button', { name: 'Discard tracked' }).click();
  await expect(timeline(page)).toHaveAttribute('data-selected-tracked', '');
  await expect(timeline(page)).toHaveAttribute('data-selected-keyframes', '0,20');
  await page.locator('body').press('Control+z');
  await expect(timeline(page)).toHaveAttribute(
    'data-selected-tracked',
    '1-19:confirmed,21-40:confirmed',
  );

  // Resume from the end of the run (T), up to Track frames more.
  await jumpTo(page, 40);
  await page.getByRole('spinbutton', { name: 'Track frames' }).fill('10');
  await page.getByRole('spinbutton', { name: 'Track frames' }).blur();
  await page.keyboard.press('t');
  await expect(outcome).toContainText('frames 41–50');
  await expect(timeline(page)).toHaveAttribute(
    'data-selected-tracked',
    '1-19:confirmed,21-40:confirmed,41-50:proposed',
  );

  // Each step is an entry of the audit trail, under the examiner's name.
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await settledAuditCount(page);
  const entries = (await storedAudit(page)).filter((e) => e.action === 'track.edit');
  expect(entries.map((e) => e.detail)).toEqual(
    expect.arrayContaining([
      'track 40 frames',
      'confirm 39 tracked',
      'confirm 39 tracked (undo)',
      'discard 39 tracked',
      'track 10 frames',
    ]),
  );
  expect(new Set(entries.map((e) => e.examiner))).toEqual(new Set([TEST_EXAMINER]));
});

test('the tracker stops where the object goes behind something, and says why', async ({ page }) => {
  const truth = await drawTruthBox(page, 'hard-occluded');
  await page.getByRole('spinbutton', { name: 'Track frames' }).fill(String(truth.frames));
  await page.getByRole('button', { name: 'Track forward' }).click();
  const outcome = page.getByTestId('tracking-outcome');
  await expect(outcome).toContainText(/It stopped on frame \d+\. Lost: /);
  const positions = await exportedPositions(page);
  const tracked = [...positions.values()].filter((p) => p.source === 'tracked');
  const lastHidden = Math.max(...truth.hiddenFrames!);
  expect(Math.max(...tracked.map((p) => p.frame))).toBeLessThanOrEqual(lastHidden);
  for (const p of tracked) {
    const s = p.shape as { x: number; y: number; width: number; height: number };
    expect(
      iou([s.x, s.y, s.width, s.height], truth.boxes[p.frame]!),
      `frame ${p.frame}`,
    ).toBeGreaterThan(0.3);
  }
});

test('tracking that cannot start says why; Shift+T tracks backward', async ({ page }) => {
  const truth = await drawTruthBox(page, 'easy-glide', 60);
  // Not on a keyframe: it says so, nothing changes.
  await jumpTo(page, 65);
  await page.getByRole('button', { name: 'Track forward' }).click();
  await expect(page.getByRole('alert')).toContainText('has none on frame 65');
  await expect(timeline(page)).toHaveAttribute('data-selected-tracked', '');

  // A box too small to follow.
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await page.getByLabel('Label').selectOption({ label: 'officer' });
  await dragOnStage(page, { x: 250, y: 200 }, { x: 256, y: 205 }, truth);
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await objects(page).getByRole('button', { name: 'officer #2' }).click();
  await page.getByRole('button', { name: 'Track forward' }).click();
  await expect(page.getByRole('alert')).toContainText('too small to follow');

  // Backward from the vehicle's box on frame 60 (Shift+T).
  await jumpTo(page, 60);
  await objects(page).getByRole('button', { name: 'vehicle #1' }).click();
  await page.getByRole('spinbutton', { name: 'Track frames' }).fill('20');
  await page.getByRole('spinbutton', { name: 'Track frames' }).blur();
  await page.keyboard.press('Shift+T');
  await expect(page.getByTestId('tracking-outcome')).toContainText(
    'Tracked vehicle #1 20 frames backward (frames 40–59',
  );
  await waitForFrame(page, 40);
  await expect(timeline(page)).toHaveAttribute('data-selected-tracked', '40-59:proposed');

  // Confirm one frame; the court report names the tracker and who confirmed what.
  await jumpTo(page, 45);
  await page.getByRole('button', { name: 'Confirm frame' }).click();
  await expect(timeline(page)).toHaveAttribute(
    'data-selected-tracked',
    '40-44:proposed,45-45:confirmed,46-59:proposed',
  );
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const text = await draftCourtReportHtml(page);
  expect(text).toContain('Assisted tracking');
  expect(text).toContain('Normalised cross-correlation of a 24-cell template');
  expect(text).toContain(`1 by ${TEST_EXAMINER}, frame 45`);
  expect(text).toContain('proposals, not observations');
});

test('Stop ends a long run at once and keeps what it found', async ({ page }) => {
  await page.goto('/');
  await openFixture(page, 'corpus/cctv-d1-h264.mp4');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.getByLabel('Label').selectOption({ label: 'vehicle' });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  // The moving red block and the post it carries (as the bench tracks it).
  await dragOnStage(page, { x: 330, y: 230 }, { x: 450, y: 320 }, { width: 704, height: 576 });
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await objects(page).getByRole('button', { name: 'vehicle #1' }).click();
  await page.getByRole('spinbutton', { name: 'Track frames' }).fill('299');
  await page.getByRole('button', { name: 'Track forward' }).click();
  const progress = page.getByRole('progressbar', { name: 'Tracking progress' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('max', '299');
  // Once it has found something (so there is something to keep).
  await expect(progress).not.toHaveAttribute('value', '0');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(progress).toHaveCount(0);
  const outcome = page.getByTestId('tracking-outcome');
  await expect(outcome).toContainText('You pressed Stop.');
  const tracked = await timeline(page).getAttribute('data-selected-tracked');
  const last = Number(/^1-(\d+):proposed$/.exec(tracked ?? '')?.[1]);
  expect(last).toBeGreaterThan(0);
  expect(last).toBeLessThan(299);
  await waitForFrame(page, last);
});
