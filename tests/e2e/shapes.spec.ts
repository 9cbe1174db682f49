import type { Page } from '@playwright/test';
import {
  clickOnStage,
  dragOnStage,
  expect,
  exportAnnotations,
  jumpTo,
  openSampleForDrawing,
  stagePoint,
  test,
  waitForFrame,
} from './support';

const objects = (page: Page) => page.getByRole('list', { name: 'Objects' });
const tool = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

test('draws each shape kind, in frame pixels', async ({ page }) => {
  await openSampleForDrawing(page);
  await jumpTo(page, 12);
  await tool(page, 'Rectangle');
  await dragOnStage(page, { x: 50, y: 50 }, { x: 150, y: 120 });
  await tool(page, 'Ellipse');
  await dragOnStage(page, { x: 200, y: 50 }, { x: 300, y: 120 });
  await tool(page, 'Polygon');
  for (const [x, y] of [
    [350, 50],
    [450, 60],
    [420, 140],
    [350, 50], // the first corner again closes it
  ]) {
    await clickOnStage(page, x!, y!);
  }
  await tool(page, 'Polyline');
  for (const [x, y] of [
    [50, 200],
    [100, 250],
    [150, 210],
  ]) {
    await clickOnStage(page, x!, y!);
  }
  await page.keyboard.press('Enter');
  await tool(page, 'Point');
  await clickOnStage(page, 200, 200);
  await clickOnStage(page, 230, 220);
  const last = await stagePoint(page, 260, 200);
  await page.mouse.dblclick(last.x, last.y);
  await tool(page, 'Arrow');
  await dragOnStage(page, { x: 300, y: 300 }, { x: 400, y: 220 });
  await tool(page, 'Text');
  await page.getByLabel('Callout text').fill('car reverses');
  await clickOnStage(page, 450, 250);

  await expect(objects(page).getByRole('listitem')).toHaveCount(7);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const json = await exportAnnotations(page);
  const shapes = json.tracks.map((t) => t.keyframes[0]!.shape);
  expect(json.tracks.every((t) => t.keyframes[0]!.frame === 12)).toBe(true);
  expect(shapes.map((s) => s.kind)).toEqual([
    'rectangle',
    'ellipse',
    'polygon',
    'polyline',
    'points',
    'arrow',
    'text',
  ]);
  // Within a screen pixel's worth of where the pointer went.
  const near = (value: number, expected: number) => expect(value).toBeCloseTo(expected, 0);
  const [rect, ellipse, polygon, polyline, points, arrow, text] = shapes;
  if (rect?.kind !== 'rectangle' || ellipse?.kind !== 'ellipse') throw new Error('kinds');
  near(rect.x, 50);
  near(rect.width, 100);
  near(rect.height, 70);
  expect(rect.rotation).toBe(0);
  near(ellipse.cx, 250);
  near(ellipse.ry, 35);
  if (polygon?.kind !== 'polygon' || polyline?.kind !== 'polyline') throw new Error('kinds');
  expect(polygon.points).toHaveLength(3);
  near(polygon.points[1]!.x, 450);
  expect(polyline.points).toHaveLength(3);
  near(polyline.points[2]!.y, 210);
  if (points?.kind !== 'points' || arrow?.kind !== 'arrow') throw new Error('kinds');
  // The double-click's two presses make one point, not two.
  expect(points.points).toHaveLength(3);
  near(arrow.to.x, 400);
  expect(text).toMatchObject({ kind: 'text', text: 'car reverses' });

  // A callout's words can be changed afterwards (a keyframe on this frame, replaced).
  await objects(page).getByRole('button', { name: 'officer #7' }).click();
  const words = page.getByLabel('Words of the callout');
  await words.fill('car stops');
  await words.press('Enter');
  await expect(objects(page)).toContainText('text “car stops”');
  const edited = await exportAnnotations(page);
  expect(edited.tracks[6]!.keyframes).toHaveLength(1);
  expect(edited.tracks[6]!.keyframes[0]!.shape).toMatchObject({ text: 'car stops' });
});

test('select, move, resize and reshape on the stage; each drag is one undo step', async ({
  page,
}) => {
  await openSampleForDrawing(page);
  await jumpTo(page, 5);
  await tool(page, 'Rectangle');
  await dragOnStage(page, { x: 50, y: 50 }, { x: 150, y: 120 });
  await tool(page, 'Select');
  const item = objects(page).getByRole('listitem');
  await expect(item).toContainText('box x 50.0 y 50.0 w 100.0 h 70.0');

  // Move: drag from inside the box.
  await dragOnStage(page, { x: 100, y: 85 }, { x: 130, y: 105 });
  await expect(item).toContainText(/box x 8\d\.\d y (69|70|71)\.\d w 100\.0 h 70\.0/);
  await expect(objects(page).getByRole('button', { name: 'officer #1' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The middle button pans the frame even when pressed on a shape: the box stays put.
  const onBox = await stagePoint(page, 130, 105);
  await page.mouse.move(onBox.x, onBox.y);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(onBox.x + 40, onBox.y + 30, { steps: 4 });
  await page.mouse.up({ button: 'middle' });
  await expect(item).toContainText(/box x 8\d\.\d y (69|70|71)\.\d w 100\.0 h 70\.0/);
  await page.keyboard.press('0'); // back to the fitted view the rest of the test aims in
  // Resize with the bottom-right handle of the selected box (now 80..180 × 70..140).
  await dragOnStage(page, { x: 180, y: 140 }, { x: 220, y: 170 });
  await expect(item).toContainText(/w 1[34]\d\.\d h (9\d|10\d)\.\d/);
  await page.keyboard.press('Control+z');
  await expect(item).toContainText(/w 100\.0 h 70\.0/);
  await page.keyboard.press('Control+z');
  await expect(item).toContainText('box x 50.0 y 50.0 w 100.0 h 70.0');
  await page.keyboard.press('Control+y');
  await expect(item).toContainText(/box x 8\d\.\d/);

  // Turn it: drag the rotation handle (above the top edge) round to the right of the centre.
  const box = (await page.getByTestId('stage').boundingBox())!;
  const centre = await stagePoint(page, 130, 105);
  const top = await stagePoint(page, 130, 70);
  const handleY = top.y - 50; // Konva puts the rotater 50 screen pixels above the box
  const radius = centre.y - handleY;
  await page.mouse.move(top.x, handleY);
  await page.mouse.down();
  await page.mouse.move(centre.x + radius * 0.7, centre.y - radius * 0.7, { steps: 5 });
  await page.mouse.move(centre.x + radius, centre.y, { steps: 5 });
  await page.mouse.up();
  expect(box.width).toBeGreaterThan(0);
  await expect(item).toContainText('∠90.0°');

  // Reshape a polygon by dragging one of its vertices.
  await tool(page, 'Polygon');
  await page.keyboard.press('Escape'); // nothing drawn yet: back to Select, nothing selected
  await tool(page, 'Polygon');
  for (const [x, y] of [
    [350, 50],
    [450, 60],
    [420, 140],
  ]) {
    await clickOnStage(page, x!, y!);
  }
  await page.keyboard.press('Enter');
  await tool(page, 'Select');
  await objects(page).getByRole('button', { name: 'officer #2' }).click();
  await dragOnStage(page, { x: 420, y: 140 }, { x: 400, y: 180 });
  const json = await exportAnnotations(page);
  const polygon = json.tracks[1]!.keyframes[0]!.shape;
  if (polygon.kind !== 'polygon') throw new Error('not a polygon');
  // Within a screen pixel or so: the stage is scaled to fit, so the mouse moves in steps of
  // more than one frame pixel.
  expect(Math.abs(polygon.points[2]!.x - 400)).toBeLessThan(1.5);
  expect(Math.abs(polygon.points[2]!.y - 180)).toBeLessThan(1.5);
  expect(polygon.points[0]!.x).toBeCloseTo(350, 0);

  // Double-click on an edge adds a vertex there; double-click on a vertex removes it.
  const item2 = objects(page).getByRole('listitem').nth(1);
  const edge = await stagePoint(page, 425, 120);
  await page.mouse.dblclick(edge.x, edge.y);
  await expect(item2).toContainText('polygon · 4 vertices');
  await page.mouse.dblclick(edge.x, edge.y);
  await expect(item2).toContainText('polygon · 3 vertices');
  await page.mouse.dblclick(edge.x, edge.y);
  await expect(item2).toContainText('polygon · 4 vertices');
  const vertex = await stagePoint(page, 350, 50);
  const altClick = async () => {
    await page.keyboard.down('Alt');
    await page.mouse.click(vertex.x, vertex.y);
    await page.keyboard.up('Alt');
  };
  await altClick();
  await expect(item2).toContainText('polygon · 3 vertices');
  // A triangle keeps its three.
  await page.mouse.move(edge.x, edge.y); // (350, 50) is gone; aim at the new first vertex
  const json2 = await exportAnnotations(page);
  const left = json2.tracks[1]!.keyframes[0]!.shape;
  if (left.kind !== 'polygon') throw new Error('not a polygon');
  const first = await stagePoint(page, left.points[0]!.x, left.points[0]!.y);
  await page.keyboard.down('Alt');
  await page.mouse.click(first.x, first.y);
  await page.keyboard.up('Alt');
  await expect(item2).toContainText('polygon · 3 vertices');
});

test('zoom, pan and the pixel readout', async ({ page }) => {
  await openSampleForDrawing(page);
  const readout = page.getByTestId('pixel-readout');
  const zoom = page.getByTestId('zoom');
  const fitted = Number(await zoom.getAttribute('data-zoom'));
  const p = await stagePoint(page, 320.5, 180.5);
  await page.mouse.move(p.x, p.y);
  await expect(readout).toHaveAttribute('data-x', '320');
  await expect(readout).toHaveAttribute('data-y', '180');

  // The wheel zooms about the pointer: the same pixel stays under it.
  await page.mouse.wheel(0, -100);
  await page.mouse.wheel(0, -100);
  await expect
    .poll(async () => Number(await zoom.getAttribute('data-zoom')))
    .toBeCloseTo(fitted * 1.25 * 1.25, 3);
  await page.mouse.move(p.x + 1, p.y);
  await page.mouse.move(p.x, p.y);
  await expect(readout).toHaveAttribute('data-x', '320');

  await page.keyboard.press('1');
  await expect(zoom).toHaveText('100%');
  // Middle-button drag pans: 100 screen pixels at 1:1 is 100 frame pixels.
  await page.mouse.move(p.x, p.y);
  const before = Number(await readout.getAttribute('data-x'));
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(p.x - 50, p.y, { steps: 3 });
  await page.mouse.move(p.x - 100, p.y, { steps: 3 });
  await page.mouse.up({ button: 'middle' });
  await page.mouse.move(p.x, p.y);
  await expect(readout).toHaveAttribute('data-x', String(before + 100));

  await page.keyboard.press('0');
  await expect
    .poll(async () => Number(await zoom.getAttribute('data-zoom')))
    .toBeCloseTo(fitted, 4);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect
    .poll(async () => Number(await zoom.getAttribute('data-zoom')))
    .toBeCloseTo(fitted * 1.25, 3);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect
    .poll(async () => Number(await zoom.getAttribute('data-zoom')))
    .toBeCloseTo(fitted, 4);
});

test('undo and redo survive a reload', async ({ page }) => {
  await openSampleForDrawing(page);
  await jumpTo(page, 8);
  await tool(page, 'Rectangle');
  await dragOnStage(page, { x: 50, y: 50 }, { x: 150, y: 120 });
  await tool(page, 'Select');
  await dragOnStage(page, { x: 100, y: 85 }, { x: 140, y: 85 });
  const item = objects(page).getByRole('listitem');
  // Moved by about 40 frame pixels (mouse steps at the fitted zoom are not whole pixels).
  await expect(item).toContainText(/box x (8[89]|9\d)\.\d/);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  const reopen = async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Open sample footage' }).click();
    await waitForFrame(page, 8); // the frame last viewed
    await expect(page.getByRole('button', { name: 'Rectangle' })).toBeEnabled();
  };
  await reopen();
  await expect(item).toContainText(/box x (8[89]|9\d)\.\d/);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await page.keyboard.press('Control+z'); // undoes the move made before the reload
  await expect(item).toContainText('box x 50.0');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await reopen();
  await expect(item).toContainText('box x 50.0');
  await page.keyboard.press('Control+Shift+Z'); // the redo stack was kept too
  await expect(item).toContainText(/box x (8[89]|9\d)\.\d/);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(item).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await reopen();
  await expect(item).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Redo' })).toBeEnabled();
});

test('the ? overlay lists the keys; Delete, H and propagate work', async ({ page }) => {
  await openSampleForDrawing(page);
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText("Selected object's previous / next keyframe");
  await expect(overlay).toContainText('occluded from this frame');
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  await jumpTo(page, 20);
  await tool(page, 'Rectangle');
  await dragOnStage(page, { x: 60, y: 60 }, { x: 160, y: 130 });
  await objects(page).getByRole('button', { name: 'officer #1' }).click();
  await page.getByLabel('How many to propagate').fill('5');
  await page.getByRole('button', { name: 'Propagate' }).click();
  await jumpTo(page, 25);
  await expect(objects(page)).toContainText('keyframe (propagated)');
  const json = await exportAnnotations(page);
  expect(json.tracks[0]!.keyframes.map((k) => [k.frame, k.source])).toEqual([
    [20, 'drawn'],
    [21, 'propagated'],
    [22, 'propagated'],
    [23, 'propagated'],
    [24, 'propagated'],
    [25, 'propagated'],
  ]);
  // Shift+Delete removes the keyframe on this frame only.
  await page.locator('body').press('Shift+Delete');
  await expect(objects(page)).toContainText('held from 24');
  expect((await exportAnnotations(page)).tracks[0]!.keyframes.map((k) => k.frame)).toEqual([
    20, 21, 22, 23, 24,
  ]);

  await page.keyboard.press('h');
  await expect(page.getByRole('button', { name: 'Overlays off' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.press('h');
  // A locked object refuses edits from keys, with a plain message.
  const row = objects(page).getByRole('listitem');
  await row.getByRole('button', { name: 'Lock' }).click();
  await page.locator('body').press('Delete');
  await expect(page.getByRole('alert')).toContainText('officer #1 is locked');
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Unlock' }).click();
  // [ and ] change the playback speed.
  await page.keyboard.press(']');
  await expect(page.getByTestId('speed')).toHaveAttribute('data-rate', '1.5');
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await expect(page.getByTestId('speed')).toHaveAttribute('data-rate', '0.5');
  await page.locator('body').press('Delete');
  await expect(objects(page).getByRole('listitem')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(objects(page).getByRole('listitem')).toHaveCount(1);
});
