import type { Page } from '@playwright/test';
import {
  drawSavedBox,
  expect,
  jumpTo,
  openFixture,
  openSampleForDrawing,
  reopenCase,
  SAMPLE_FRAME,
  test,
} from './support';

/** The page is exactly the window: nothing below it to scroll to, and nothing scrolled. */
async function expectNoPageScroll(page: Page) {
  const page_ = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight,
    scrollWidth: document.scrollingElement!.scrollWidth,
    scrollY: window.scrollY,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  expect(page_.scrollHeight, 'page height').toBeLessThanOrEqual(page_.innerHeight);
  expect(page_.scrollWidth, 'page width').toBeLessThanOrEqual(page_.innerWidth);
  expect(page_.scrollY).toBe(0);
}

/** The top bar is on screen, at the very top. */
async function expectTopBarInView(page: Page) {
  const bar = page.locator('header.topbar');
  await expect(bar).toBeInViewport({ ratio: 1 });
  expect((await bar.boundingBox())!.y).toBe(0);
}

async function addNote(page: Page, frame: number, text: string) {
  await jumpTo(page, frame);
  await page.getByRole('textbox', { name: 'Note text' }).fill(text);
  await page.getByRole('button', { name: 'Add note' }).click();
}

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1400, height: 860 }, // the tests' default
];

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the page never scrolls, the frame stays large, new notes and citations show`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    await page.goto('/');
    await expectNoPageScroll(page);

    await openSampleForDrawing(page);
    await expectNoPageScroll(page);
    // The frame (fitted to the stage) keeps at least 55 % of the window's width.
    const stage = (await page.getByTestId('stage').boundingBox())!;
    expect(stage.width / size.width).toBeGreaterThanOrEqual(0.55);
    const scale = Math.min(stage.width / SAMPLE_FRAME.width, stage.height / SAMPLE_FRAME.height);
    expect((SAMPLE_FRAME.width * scale) / size.width).toBeGreaterThanOrEqual(0.55);

    // An object: its lane on the timeline is labelled with its title, at the lane's left.
    await drawSavedBox(page, 10);
    const timeline = page.getByTestId('timeline');
    await expect(timeline).toHaveAttribute('data-lane-count', '1');
    const lane = page.getByTestId('timeline-lane').first();
    await expect(lane).toHaveText('officer #1');
    await expect(lane).toBeInViewport({ ratio: 1 });
    expect((await lane.boundingBox())!.x).toBeLessThan((await timeline.boundingBox())!.x);

    // Enough notes to fill the panel; each new one is scrolled into sight, wherever the list
    // (in frame order) puts it.
    const notes = page.getByRole('list', { name: 'Notes' });
    for (const frame of [150, 130, 110, 90, 80, 70]) {
      await addNote(page, frame, `note on ${frame}`);
      await expect(
        notes.getByRole('listitem').filter({ hasText: `note on ${frame}` }),
      ).toBeInViewport();
    }
    await addNote(page, 190, 'the last note');
    await expect(notes.getByRole('listitem').filter({ hasText: 'the last note' })).toBeInViewport();
    await addNote(page, 5, 'the first note');
    await expect(
      notes.getByRole('listitem').filter({ hasText: 'the first note' }),
    ).toBeInViewport();

    await jumpTo(page, 60);
    await page.getByRole('textbox', { name: 'Citation caption' }).fill('the car turns');
    await page.getByRole('button', { name: 'Cite this one' }).click();
    const cited = page.getByRole('list', { name: 'Cited frames' });
    await expect(cited.getByRole('listitem').filter({ hasText: 'the car turns' })).toBeInViewport();

    // Marks on the timeline for the notes and the citation; the sample has no gaps.
    await expect(timeline).toHaveAttribute('data-note-count', '8');
    await expect(timeline).toHaveAttribute('data-citation-count', '1');
    await expect(timeline).toHaveAttribute('data-gap-count', '0');
    await expect(page.getByTestId('save-state')).toHaveText('Saved');
    await expectNoPageScroll(page);
    await expectTopBarInView(page);

    // Reopened, with its notes: the page still fits, and bringing the last note into view
    // scrolls only the panel, never the page (the top bar stays).
    await page.reload();
    await reopenCase(page, 'framewise-sample.mp4');
    await expect(page.locator('[data-testid=frame-info][data-ready=true]')).toBeVisible();
    await expect(notes.getByRole('listitem')).toHaveCount(8);
    await expectNoPageScroll(page);
    await expectTopBarInView(page);
    await notes.getByRole('listitem').last().scrollIntoViewIfNeeded();
    await page.getByRole('list', { name: 'Cited frames' }).scrollIntoViewIfNeeded();
    await page.getByTestId('video-facts').scrollIntoViewIfNeeded();
    await expectNoPageScroll(page);
    await expectTopBarInView(page);
    // The contract's numbers stay on show.
    await expect(page.getByTestId('frame-info')).toBeInViewport();
    await expect(page.getByTestId('video-facts')).toBeVisible();
    await jumpTo(page, 10);
    await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toBeVisible();
    await expectNoPageScroll(page);
  });
}

test('the side panel sections close and open, and stay as left after a reload', async ({
  page,
}) => {
  await openSampleForDrawing(page);
  await page.getByRole('textbox', { name: 'Note text' }).fill('kept while closed');
  const toggle = page.getByRole('button', { name: 'Notes', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('textbox', { name: 'Note text' })).toBeHidden();
  // Closed, the heading still says how many there are, and the text typed is kept.
  await toggle.click();
  await expect(page.getByRole('textbox', { name: 'Note text' })).toHaveValue('kept while closed');
  await page.getByRole('button', { name: 'Add note' }).click();
  await toggle.click();
  await expect(page.locator('[data-section=notes] .count')).toHaveText('1');

  // Storage starts closed; opened, it shows the browser's storage.
  const storage = page.getByRole('button', { name: 'Storage', exact: true });
  await expect(storage).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('storage-health')).toBeHidden();
  await storage.click();
  await expect(page.getByTestId('storage-health')).toBeVisible();

  await page.reload();
  await page.getByRole('button', { name: 'Open sample footage' }).click();
  await expect(page.getByRole('button', { name: 'Notes', exact: true })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await expect(page.getByRole('button', { name: 'Storage', exact: true })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
});

test('gaps in the recording are marked on the timeline and named in the video facts', async ({
  page,
}) => {
  await page.goto('/');
  // A phone recording whose frames are 0.3 s apart after frame 39 and 0.1 s after 97,
  // against a usual 1/30 s (see its oracle).
  await openFixture(page, 'corpus/phone-vfr-rotated.mp4');
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-gap-count', '2');
  const gaps = page.getByTestId('recording-gaps');
  await expect(gaps).toHaveAttribute('data-count', '2');
  await expect(gaps).toContainText('after 39 (0.300 s)');
  await expect(gaps).toContainText('after 97 (0.100 s)');
  await expectNoPageScroll(page);

  // Pointing at the frame after the first gap says so (drawn by the pointer, and as a tooltip).
  const timeline = page.getByTestId('timeline');
  const box = (await timeline.boundingBox())!;
  const last = Number(await timeline.getAttribute('data-last-visible'));
  const first = Number(await timeline.getAttribute('data-first-visible'));
  await page.mouse.move(box.x + ((40 - first + 0.5) * box.width) / (last - first + 1), box.y + 30);
  await expect(timeline).toHaveAttribute('title', '0.300 s gap before');
  await page.mouse.move(box.x + ((60 - first + 0.5) * box.width) / (last - first + 1), box.y + 30);
  await expect(timeline).not.toHaveAttribute('title', /gap/);
});

test('on a short window the first screen scrolls inside itself, and the page does not', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 420 });
  await page.goto('/');
  const verify = page.getByRole('button', { name: 'Verify…' });
  // Below the fold at first; reachable by scrolling the first screen, not the page.
  await expect(verify).not.toBeInViewport();
  await verify.scrollIntoViewIfNeeded();
  await expect(verify).toBeInViewport();
  await expectNoPageScroll(page);
  await expectTopBarInView(page);
  await verify.click();
  await expect(
    page.getByRole('heading', { name: 'Verify an export against its video' }),
  ).toBeVisible();
  await expectNoPageScroll(page);
});
