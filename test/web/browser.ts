// Headless Chromium for the page tests: Debian's /usr/bin/chromium driven by playwright-core
// (no browser download). The flags keep it from reaching for the network at every start;
// playwright gives each launch a fresh temporary profile (its own --user-data-dir).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PRAYERBOT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // the tests run as root in CI
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A missing Chromium fails the page tests, never skips them: CI installs it (.ci/run), and a
 * silent skip would hide a broken install.
 */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's chromium package, or set PRAYERBOT_CHROMIUM to its path`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * PRAYERBOT_SCREENSHOTS=1 writes the screenshots of docs/coordinator.md from the same tests
 * (fictional data only): `PRAYERBOT_SCREENSHOTS=1 npx vitest run test/web`.
 */
const SHOTS = process.env['PRAYERBOT_SCREENSHOTS'] === '1';
const SHOT_DIR = join(process.cwd(), 'docs', 'coordinator');

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean; selector?: string } = {}): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  const path = join(SHOT_DIR, `${name}.png`);
  if (opts.selector) await page.locator(opts.selector).first().screenshot({ path });
  else await page.screenshot({ path, fullPage: opts.fullPage ?? false });
}
