import {
  downloadExport,
  dragOnStage,
  expect,
  FIXTURES,
  jumpTo,
  oracleFor,
  openFixture,
  test,
  waitForFrame,
} from './support';

const CLIP = 'framewise-sample.mp4';
test('draw a labelled box, reload, reopen the same file: the box is back', async ({ page }) => {
  await page.goto('/');
  await openFixture(page, CLIP);
  await jumpTo(page, 40);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.getByLabel('Label').selectOption({ label: 'vehicle' });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 200, y: 150 }, { x: 350, y: 220 });

  const objects = page.getByRole('list', { name: 'Objects' });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(objects.getByRole('listitem').first()).toContainText('vehicle #1');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // A second box with another label.
  await page.getByLabel('Label').selectOption({ label: 'window frame' });
  await dragOnStage(page, { x: 240, y: 92 }, { x: 262, y: 148 });
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  await expect(objects).toContainText('window frame #2');

  // Undo and redo the second box.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await page.locator('body').press('Control+Shift+Z');
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  await page.locator('body').press('Control+z');
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await page.locator('body').press('Control+y');
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.reload();
  // The case is listed on the first screen…
  const cases = page.getByRole('list', { name: 'Cases' });
  await expect(cases.getByRole('listitem')).toHaveCount(1);
  await expect(cases).toContainText('framewise-sample');
  await expect(cases).toContainText(CLIP);
  // …and opening the same file brings the boxes back, on the frame last viewed.
  await page.getByLabel('Open video').setInputFiles(`${FIXTURES}${CLIP}`);
  await waitForFrame(page, 40);
  const reopened = page.getByRole('list', { name: 'Objects' });
  await expect(reopened.getByRole('listitem')).toHaveCount(2);
  await expect(reopened).toContainText('vehicle #1');
  await expect(reopened).toContainText('window frame #2');
});

test('Export > Annotations (JSON) holds the source facts and each box', async ({ page }) => {
  const oracle = oracleFor(CLIP);
  await page.goto('/');
  await openFixture(page, CLIP);
  await jumpTo(page, 75);
  await page.getByLabel('Label').selectOption({ label: 'officer' });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 50 }, { x: 300, y: 250 });
  await expect(page.getByRole('list', { name: 'Objects' })).toContainText('officer #1');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  const download = await downloadExport(page, 'Annotations (JSON)');
  expect(download.name).toBe(`${CLIP}.framewise.json`);
  const json = JSON.parse(download.bytes.toString('utf8'));

  expect(json.format).toBe('framewise.annotations');
  expect(json.evidence).toMatchObject({
    fileName: CLIP,
    size: oracle.bytes,
    sha256: oracle.sha256,
    codec: 'h264',
    width: 640,
    height: 360,
    timeBase: oracle.time_base,
    frameCount: oracle.frame_count,
  });
  expect(json.tracks).toHaveLength(1);
  const track = json.tracks[0];
  expect(track.label).toBe('officer');
  expect(track.number).toBe(1);
  const key = track.keyframes[0];
  const frame = oracle.frames[75]!;
  expect(key.frame).toBe(75);
  expect(key.pts).toBe(frame.pts);
  expect(key.seconds).toBeCloseTo(frame.time!, 9);
  expect(key.frameMd5).toBe(frame.md5);
  expect(key.source).toBe('drawn');
  // Frame-pixel coordinates, within a screen pixel's worth of the drag.
  expect(key.shape.kind).toBe('rectangle');
  expect(key.shape.x).toBeCloseTo(100, 0);
  expect(key.shape.y).toBeCloseTo(50, 0);
  expect(key.shape.width).toBeCloseTo(200, 0);
  expect(key.shape.height).toBeCloseTo(200, 0);

  // Version 5 (3 added the set, the decoder, every frame referred to with its MD5, and the
  // audit log; 4 the DVR clock's method, uncertainty and zone; 5 the scene calibration and
  // measurements).
  expect(json.version).toBe(6);
  expect(json.calibration).toBeNull();
  expect(json.measurements).toEqual([]);
  expect(json.case.clock).toBeNull();
  expect(json.annotationSet).toMatchObject({ name: 'Set 1', status: 'in progress' });
  expect(json.evidence.decoder.name).toMatch(/^FFmpeg .*ffmpeg\.wasm core 0\.12\.10/);
  // The MD5 is FFmpeg's whichever decoder made the frame (WebCodecs only once checked).
  expect(json.frames).toEqual([
    {
      frame: 75,
      pts: frame.pts,
      seconds: key.seconds,
      md5: frame.md5,
      decoder: expect.stringMatching(/^(ffmpeg|webcodecs)$/),
    },
  ]);
  // case created, evidence ingested, set made, box drawn: the log as stored before the export.
  expect(json.audit.count).toBe(4);
  expect(json.audit.entries.map((e: { action: string }) => e.action)).toEqual([
    'case.create',
    'evidence.ingest',
    'set.create',
    'track.create',
  ]);
  expect(json.audit.headHash).toBe(json.audit.entries[3].hash);
});

test('a track with keyframes at frames 10 and 30 is interpolated at frame 20', async ({ page }) => {
  const oracle = oracleFor(CLIP);
  await page.goto('/');
  await openFixture(page, CLIP);
  await jumpTo(page, 10);
  await page.getByLabel('Label').selectOption({ label: 'vehicle' });
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  const objects = page.getByRole('list', { name: 'Objects' });
  await expect(objects).toContainText('vehicle #1');

  // Select the track, then draw it again on frame 30: a second keyframe, not a new object.
  await objects.getByRole('button', { name: 'vehicle #1' }).click();
  await expect(page.getByTestId('drawing-target')).toContainText('vehicle #1');
  await jumpTo(page, 30);
  await dragOnStage(page, { x: 300, y: 140 }, { x: 400, y: 200 });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(objects).toContainText('keyframe');
  await jumpTo(page, 20);
  await expect(objects).toContainText('interpolated from 10');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  const json = JSON.parse(
    (await downloadExport(page, 'Annotations (JSON)')).bytes.toString('utf8'),
  );
  expect(json.tracks).toHaveLength(1);
  const track = json.tracks[0];
  expect(track.keyframes.map((k: { frame: number }) => k.frame)).toEqual([10, 30]);
  // Every frame from the first keyframe to the last; held from 31 to the end of the clip.
  expect(track.positions).toHaveLength(21);
  expect(track.heldAfterLastKeyframe).toEqual({ fromFrame: 31, toFrame: oracle.frame_count - 1 });
  const at20 = track.positions.find((p: { frame: number }) => p.frame === 20);
  expect(at20.source).toBe('interpolated');
  expect(at20.pts).toBe(oracle.frames[20]!.pts);
  // Halfway between the two drawn boxes, in frame pixels (within a screen pixel's worth).
  expect(at20.shape.x).toBeCloseTo(200, 0);
  expect(at20.shape.y).toBeCloseTo(120, 0);
  expect(at20.shape.width).toBeCloseTo(100, 0);
  expect(at20.shape.height).toBeCloseTo(60, 0);
  expect(track.positions.filter((p: { source: string }) => p.source === 'drawn')).toHaveLength(2);
});

test('keys move between keyframes and mark a track outside and occluded', async ({ page }) => {
  await page.goto('/');
  await openFixture(page, CLIP);
  await jumpTo(page, 10);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnStage(page, { x: 100, y: 100 }, { x: 200, y: 160 });
  const objects = page.getByRole('list', { name: 'Objects' });
  await objects.getByRole('button', { name: 'officer #1' }).click();
  await jumpTo(page, 30);
  await dragOnStage(page, { x: 300, y: 140 }, { x: 400, y: 200 });
  await expect(objects).toContainText('keyframe');

  const body = page.locator('body');
  await body.press('e'); // previous keyframe of the selected track
  await waitForFrame(page, 10);
  await body.press('r'); // next keyframe
  await waitForFrame(page, 30);

  await jumpTo(page, 40);
  await expect(objects.getByRole('listitem')).toHaveCount(1); // held after the last keyframe
  await body.press('o'); // left the view from frame 40
  await expect(objects.getByRole('listitem')).toHaveCount(0);
  await jumpTo(page, 39);
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await body.press('q'); // occluded from 39
  await expect(objects).toContainText('occluded');
  await jumpTo(page, 20);
  await expect(objects).not.toContainText('occluded');

  // Each flag is one undo step.
  await body.press('Control+z');
  await jumpTo(page, 39);
  await expect(objects).not.toContainText('occluded');
  await jumpTo(page, 45);
  await expect(objects.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
});
