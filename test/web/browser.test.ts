// A coordinator's week on the page, in real headless Chromium, against the real bot on the
// fake Slack: sign in with a link, import the sample update, see its warnings at their
// requests, fix an error shown at its field, save, see the plan change (on the page and in
// `prayerbot preview`), edit and restore versions, read the tally chart, retract and undo.
// The tests run in order and share one bot and one browser, as one coordinator's session.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './browser.js';
import { expectSecurityHeaders } from './http.js';
import { startWorld, STAFF, type World } from './world.js';

const WEEK = '2026-11-16';
const SAMPLE = readFileSync(join(process.cwd(), 'test', 'fixtures', 'samples', 'weekly-update-2026-11-16.txt'), 'utf8');

let world: World;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function activeId(p: Page): Promise<string> {
  return p.evaluate(() => document.activeElement?.id ?? '');
}

/** The element's text as shown (table cells apart), once it is there, white space collapsed. */
async function text(locator: Locator): Promise<string> {
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

async function h1(p: Page): Promise<string> {
  return text(p.locator('h1'));
}

/** Submits with `button` and waits for the next page to have loaded (its script has run). */
async function submit(p: Page, button: Locator): Promise<void> {
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

describe('the coordinator page in a browser', () => {
  beforeAll(async () => {
    // Chromium first: when it is missing, these tests fail at once and no bot is left running.
    browser = await launchChromium();
    world = await startWorld();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    // Fail with Playwright's own message (which step, what it waited for) before the test times out.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  it('signs in with a link from the bot: the link shows Continue, the button signs in', async () => {
    const link = await world.link();
    const opened = await page.goto(link);
    const headers = opened!.headers();
    expect(expectSecurityHeaders({ headers: { get: (name) => headers[name] ?? null } })).toEqual([]);
    expect(await h1(page)).toBe('Sign in to the coordinator page');
    await screenshot(page, 'sign-in');
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    expect(page.url()).toBe(`${world.base}/coordinator`);
    // The token is not in the address any more, and the page says who is signed in.
    expect(page.url()).not.toContain('token');
    expect(await text(page.locator('.signed-in-as'))).toBe(`Signed in as ${STAFF}`);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
  });

  it('imports the sample update and shows each warning and confirm item at its request', async () => {
    await submit(page, page.getByRole('link', { name: 'Import the update' }).first());
    await page.getByLabel('Weekly update').fill(SAMPLE);
    await page.getByLabel('Sent on').fill(WEEK);
    await screenshot(page, 'import');
    await submit(page, page.getByRole('button', { name: 'Read update' }));
    expect(await h1(page)).toBe('Check the imported week');
    expect(await page.getByLabel('Verse', { exact: true }).inputValue()).toMatch(/^Learn to do right; seek justice/);
    expect(await page.getByLabel('Reference').inputValue()).toBe('Isaiah 1:17');
    expect(await page.locator('fieldset.request').count()).toBe(5);

    // "Tomorrow" was read from the Sent on date: a warning and a confirm item, both at that request.
    const global = page.locator('#request-4');
    expect(await text(global.locator('legend'))).toBe('Request 5 of 5 (global-office-1)');
    expect(await text(global.locator('.notice-warning'))).toContain('Line 12 of the update: "Tomorrow" read as Tuesday, November 17');
    expect(await text(global.locator('.notice-check'))).toContain('confirm: "Tomorrow" read as Tuesday, November 17');
    expect(await global.getByLabel('Date (optional)').inputValue()).toBe('2026-11-17');
    expect(await text(page.locator('#request-2 .notice-check'))).toContain('"on Wednesday" read as Wednesday, November 18');
    // The others have nothing to check.
    expect(await page.locator('#request-0 .notice').count()).toBe(0);
    await screenshot(page, 'imported-request', { selector: '#request-4' });
  });

  it('shows a problem at its field, with "There is a problem" at the top linking to it, and saves nothing', async () => {
    await page.locator('#requests-0-date').fill('2026-11-30');
    await submit(page, page.getByRole('button', { name: 'Save week' }));
    expect(await text(page.locator('.error-summary h2'))).toBe('There is a problem');
    // The script moves focus to the summary, as GOV.UK pages do.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const item = page.locator('.error-summary a');
    expect(await item.count()).toBe(1);
    expect(await text(item)).toMatch(/^Request 1: Date: date 2026-11-30 is outside this week/);
    // Its field's path beside file:line:col, as `check` prints it.
    expect(await text(page.locator('.error-summary .where'))).toMatch(new RegExp(`^requests\\[0\\]\\.date · ${WEEK}\\.yaml:\\d+:\\d+$`));
    // The same error again at its field, which says it is invalid.
    expect(await text(page.locator('#requests-0-date-error'))).toContain('is outside this week');
    expect(await page.locator('#requests-0-date').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#request-0').getAttribute('class')).toContain('request-error');
    expect(await page.title()).toMatch(/^Error: /);
    await screenshot(page, 'problem');
    await screenshot(page, 'problem-at-field', { selector: '#request-0' });
    await item.click();
    expect(await activeId(page)).toBe('requests-0-date');
    expect(await world.bot.coordinator.store.weekVersions(WEEK)).toEqual([]);
  });

  it('saves the fixed week, and the page and `prayerbot preview` both show the plan with it', async () => {
    await page.locator('#requests-0-date').fill('');
    // Tick off the importer's note about Tuesday: it is left out of the saved week.
    await page.locator('#request-4').getByLabel('Checked: leave this note out of the saved week').check();
    await submit(page, page.getByRole('button', { name: 'Save week' }));
    expect(page.url()).toBe(`${world.base}/coordinator/weeks/${WEEK}?saved=1`);
    expect(await text(page.locator('.notice-success'))).toContain('Week saved as version 1');
    const saved = await world.bot.coordinator.store.weekVersions(WEEK);
    expect(saved.map((v) => [v.version, v.actor])).toEqual([[1, STAFF]]);
    expect(saved[0]!.yaml).toContain('confirm: "on Wednesday" read as Wednesday, November 18');
    expect(saved[0]!.yaml).not.toContain('"Tomorrow"');
    await screenshot(page, 'saved-week', { fullPage: true });

    // Monday's post goes out (it is 10:00 in New York, an hour after the post time).
    await world.bot.bot.sweep();
    expect(world.slack.messages('C0STAFF01')).toHaveLength(1);

    await submit(page, page.getByRole('link', { name: 'This week and next' }));
    const monday = page.locator(`section[aria-labelledby="day-${WEEK}"]`);
    expect(await text(monday.locator('h3'))).toBe('Monday, November 16, 2026 · 09:00 EST');
    expect(await text(monday.locator('tbody tr'))).toBe('Slack C0STAFF01 staff 09:00 EST = Mon Nov 16 14:00 UTC Africa & Europe Posted at 10:00 EST');
    const tuesday = page.locator('section[aria-labelledby="day-2026-11-17"]');
    expect(await text(tuesday.locator('.status'))).toBe('Due');
    await tuesday.getByText('Preview for staff channels').click();
    const slack = tuesday.locator('.slack');
    expect(await slack.isVisible()).toBe(true);
    expect(await text(slack.locator('.slack-header'))).toBe('Prayer for Tuesday, November 17, 2026');
    expect(await text(slack)).toContain('Global Office & Partners');
    expect(await text(slack)).toContain('On Tuesday, November 17, our global office hosts a day of prayer');
    const discord = tuesday.locator('.discord');
    expect(await text(discord.locator('.embed-title'))).toBe('Prayer for Tuesday, November 17, 2026');
    expect(await text(discord.locator('.embed-author'))).toBe('Latin America');
    expect(await text(discord.locator('.embed-footer'))).toBe('React 🙏 when you have prayed.');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'this-week', { fullPage: true });

    const cli = await promisify(execFile)(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'preview', '--week', WEEK, '--config', world.project.configPath, '--prompts', world.project.promptsDir], {
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: `sqlite:${world.project.dbPath}` },
    });
    expect(cli.stdout).toContain(`Week of Monday, November 16, 2026`);
    expect(cli.stdout).toContain('Praise God for a court in our region');
  });

  it('edits the week into a new version, shows its YAML and downloads it, and restores the first version', async () => {
    await page.goto(`${world.base}/coordinator/weeks/${WEEK}`);
    await submit(page, page.getByRole('link', { name: 'Edit the week' }));
    await page.locator('#requests-1-title').fill('A new study');
    // Add a request brings the form back with one more block, keeping what was typed.
    await submit(page, page.getByRole('button', { name: 'Add a request' }));
    expect(await page.locator('fieldset.request').count()).toBe(6);
    expect(await text(page.locator('#request-5 legend'))).toBe('Request 6 of 6 (new)');
    expect(await page.locator('#requests-1-title').inputValue()).toBe('A new study');
    await page.locator('#request-5').getByLabel('Remove this request when saving').check();
    await submit(page, page.getByRole('button', { name: 'Save week' }));
    expect(page.url()).toMatch(/saved=2$/);
    expect(await page.locator('tbody tr').filter({ hasText: 'Retract' }).count()).toBe(5);
    const versions = page.locator('table').filter({ hasText: 'Saved by' });
    expect(await versions.locator('tbody tr').count()).toBe(2);
    expect(await text(versions.locator('tbody tr'))).toMatch(new RegExp(`^Version 2 ${STAFF} Monday, November 16, 2026 at 10:00 EST Current version Download version 2$`));
    await screenshot(page, 'versions', { fullPage: true });

    await submit(page, page.getByRole('link', { name: 'View the YAML' }));
    expect(await page.locator('pre.yaml').textContent()).toContain('title: A new study');
    await screenshot(page, 'yaml');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Download ${WEEK}.yaml` }).click()]);
    expect(download.suggestedFilename()).toBe(`${WEEK}.yaml`);
    const downloaded = readFileSync((await download.path())!, 'utf8');
    expect(downloaded).toMatch(/^week: 2026-11-16\n/);
    expect(downloaded).toContain('title: A new study');

    await page.goto(`${world.base}/coordinator/weeks/${WEEK}`);
    await submit(page, page.getByRole('button', { name: 'Restore version 1' }));
    expect(page.url()).toMatch(/restored=3&from=1$/);
    expect(await text(page.locator('.notice-success'))).toContain('Version 1 restored as version 3');
    expect((await world.bot.coordinator.store.weekVersions(WEEK))[0]!.yaml).not.toContain('A new study');
  });

  it('reads the tally chart after people pray, with text labels, and downloads the counts as CSV', async () => {
    const ts = world.slack.messages('C0STAFF01')[0]!.ts;
    for (const person of ['U0VOL1', 'U0VOL2']) expect((await world.signer.event(world.slack.react('C0STAFF01', ts, person, 'pray'))).status).toBe(200);
    await world.bot.bot.drain();
    await submit(page, page.getByRole('link', { name: 'Tally' }));
    const byRegion = page.locator('#chart-region');
    expect(await byRegion.getAttribute('role')).toBe('img');
    const labels = await byRegion.locator('text').allTextContents();
    expect(labels.slice(0, 2)).toEqual(['Africa & Europe', '2']);
    expect(labels).toContain('Latin America');
    expect(await page.locator('#chart-platform text').allTextContents()).toEqual(['Slack', '2']);
    const weeks = await page.locator('#chart-week text').allTextContents();
    expect(weeks.slice(-2)).toEqual(['Week of Mon Nov 16', '2']);
    expect(weeks).toHaveLength(24);
    await screenshot(page, 'tally', { fullPage: true });
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the counts as CSV' }).click()]);
    const rows = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    expect(rows).toEqual(['week,date,platform,channel,part,regions,count', `${WEEK},${WEEK},slack,C0STAFF01,0,africa-europe,2`]);
  });

  it('retracts a request after saying what Undo can and cannot bring back, takes it down in Slack, and undoes it', async () => {
    await page.goto(`${world.base}/coordinator/weeks/${WEEK}`);
    await submit(page, page.getByRole('link', { name: 'Retract africa-europe-1' }));
    expect(await h1(page)).toBe('Retract request africa-europe-1 of the week of Monday, November 16, 2026?');
    expect(await text(page.locator('.notice-warning'))).toContain('Undo cannot bring back the posts taken down');
    expect(await text(page.locator('.notice-warning'))).toContain('reactions on a re-sent post count from then on');
    await screenshot(page, 'retract-confirm');
    await submit(page, page.getByRole('button', { name: 'Retract africa-europe-1' }));
    expect(await text(page.locator('.notice-success'))).toContain(`Retracted ${WEEK}/africa-europe-1`);
    expect(await text(page.locator('.notice-success'))).toContain('1 posted copy taken down');
    await screenshot(page, 'retracted');
    expect(world.slack.messages('C0STAFF01')).toHaveLength(0);
    await submit(page, page.getByRole('button', { name: 'Undo retraction of africa-europe-1' }));
    expect(await text(page.locator('.notice-success'))).toContain(`Retraction of ${WEEK}/africa-europe-1 undone`);
    expect(await page.getByRole('link', { name: 'Retract africa-europe-1' }).count()).toBe(1);

    // The whole week: the confirmation tells what Undo does to counting.
    await submit(page, page.getByRole('link', { name: 'Retract the whole week' }));
    expect(await text(page.locator('.notice-warning'))).toContain('counting starts again under a new key. The counts from before stay in the tally');
    await submit(page, page.getByRole('button', { name: 'Retract the whole week' }));
    expect(await text(page.locator('.notice-info'))).toContain('The whole week is retracted');
    await submit(page, page.getByRole('button', { name: 'Undo the retraction of the whole week' }));
    expect(await text(page.locator('.notice-success'))).toContain(`Retraction of ${WEEK} undone`);

    const audit = await world.bot.coordinator.store.listAudit(100);
    const mine = audit.filter((e) => e.actor === STAFF).map((e) => `${e.action} ${e.subject}`);
    for (const action of ['sign-in coordinator', `save-week ${WEEK}`, `week-restore ${WEEK}`, `retract ${WEEK}/africa-europe-1`, `retract-undo ${WEEK}/africa-europe-1`, `retract ${WEEK}`, `retract-undo ${WEEK}`]) {
      expect(mine).toContain(action);
    }
  });

  it('shows a request holding <script> and <img onerror> as text, and runs nothing', async () => {
    const evil = 'Latin America\nPray for the <script>window.__pwned = 1</script> team and <img src=x onerror="window.__pwned = 2"> their families.\n';
    await page.goto(`${world.base}/coordinator/import`);
    await page.getByLabel('Weekly update').fill(evil);
    await page.getByLabel('Sent on').fill('2026-11-23');
    await submit(page, page.getByRole('button', { name: 'Read update' }));
    expect(await page.locator('#requests-0-text').inputValue()).toContain('<script>window.__pwned = 1</script> team and <img src=x onerror="window.__pwned = 2">');
    await page.getByLabel('Verse', { exact: true }).fill('Seek justice.');
    await page.getByLabel('Reference').fill('Isaiah 1:17');
    await submit(page, page.getByRole('button', { name: 'Save week' }));
    expect(page.url()).toMatch(/\/coordinator\/weeks\/2026-11-23\?saved=1$/);
    await submit(page, page.getByRole('link', { name: 'This week and next' }));
    const day = page.locator('section[aria-labelledby="day-2026-11-24"]');
    await day.getByText('Preview for staff channels').click();
    expect(await text(day.locator('.slack-section').filter({ hasText: '<script>' }))).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(await day.locator('.embed-description').filter({ hasText: '<script>' }).count()).toBe(1);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('refuses a used link, an expired link, and a form posted without its CSRF token', async () => {
    const link = await world.link();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await submit(other, other.getByRole('button', { name: 'Continue' }));
    expect(other.url()).toBe(`${world.base}/coordinator`);
    const reused = await other.goto(link);
    expect(reused!.status()).toBe(403);
    expect(await h1(other)).toBe('This sign-in link has been used');
    await screenshot(other, 'link-used');
    const late = await world.link();
    world.clock.advance(16 * 60_000);
    expect((await other.goto(late))!.status()).toBe(403);
    expect(await h1(other)).toBe('This sign-in link has expired');
    await fresh.close();

    // The signed-in browser's own cookie, but no token: refused, nothing saved.
    const before = (await world.bot.coordinator.store.weekVersions(WEEK)).length;
    const forged = await page.request.post(`${world.base}/coordinator/weeks`, { form: { week: WEEK, 'verse.text': 'x', 'verse.reference': 'y', action: 'save' }, headers: { accept: 'text/html' } });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Nothing was changed');
    expect(await world.bot.coordinator.store.weekVersions(WEEK)).toHaveLength(before);
  });

  it('is readable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      [`/coordinator/weeks/${WEEK}/edit`, 'phone-edit'],
      ['/coordinator', 'phone-this-week'],
      ['/coordinator/tally', undefined],
    ] as const) {
      await page.goto(`${world.base}${path}`);
      // Nothing wider than the screen but the tables, which scroll inside their own box.
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(390);
      if (name) await screenshot(page, name);
    }
  });
});

