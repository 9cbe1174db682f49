import type { Page } from '@playwright/test';
import { expect, frameInfo, jumpTo, waitForFrame } from './support';

/** The DVR clock panel (opened from "Read the DVR clock" under Frame). */
export function clockPanel(page: Page) {
  return page.getByRole('region', { name: 'DVR clock' });
}

export async function openClockPanel(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Read the DVR clock' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(clockPanel(page)).toBeVisible();
}

export interface ClockReading {
  /** The frame where the seconds digit changes (tick) or where the clock is read. */
  frame: number;
  tick: boolean;
  dvrTime: string;
  utcOffset: string;
  aheadSeconds?: number;
  measuredHow?: string;
}

/**
 * Calibrates the DVR clock as a person does: with the panel open, goes to the frame before
 * the tick, steps onto it with →, marks it, types what the clock shows and saves.
 */
export async function calibrateClock(page: Page, reading: ClockReading): Promise<void> {
  await openClockPanel(page);
  const panel = clockPanel(page);
  await jumpTo(page, Math.max(reading.frame - 1, 0));
  if (reading.frame > 0) {
    // Keyboard stepping works with the panel open (focus off any text field).
    await panel.getByRole('heading', { name: 'DVR clock' }).click();
    await page.keyboard.press('ArrowRight');
    await waitForFrame(page, reading.frame);
  }
  await panel
    .getByRole('button', {
      name: reading.tick ? 'The new second starts here' : 'Read here without a tick',
    })
    .click();
  await panel.getByRole('textbox', { name: 'DVR time shown' }).fill(reading.dvrTime);
  await panel.getByRole('textbox', { name: 'UTC offset' }).fill(reading.utcOffset);
  await panel
    .getByRole('spinbutton', { name: 'DVR ahead of real time by (s)' })
    .fill(String(reading.aheadSeconds ?? 0));
  await panel
    .getByRole('textbox', { name: 'How the offset was measured' })
    .fill(reading.measuredHow ?? '');
  await panel.getByRole('button', { name: 'Save clock calibration' }).click();
  await expect(panel.getByRole('status')).toContainText('Saved:');
  await expect(frameInfo(page)).not.toHaveAttribute('data-dvr-time', '');
}
