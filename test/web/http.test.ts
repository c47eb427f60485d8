// The coordinator page over plain HTTP, on the real bot: headers, sign-in, sessions, CSRF,
// rate limits, logs. (test/web/browser.test.ts drives the same page in Chromium.)
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/core/coordinator/secrets.js';
import { configYaml } from '../e2e/project.js';
import { expectSecurityHeaders, get, HTML, postForm, signIn, tokenOf, type Session } from './http.js';
import { startWorld, STAFF, type World } from './world.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

describe('the coordinator page over HTTP', () => {
  it('puts the security headers on every response: pages, errors, redirects and static files', async () => {
    const session = await signIn(world);
    const responses = [
      await get(world, '/coordinator/sign-in'),
      await get(world, '/coordinator/sign-in?token=not-a-real-token'),
      await get(world, '/coordinator', undefined, { accept: 'application/json' }),
      await get(world, '/coordinator'),
      await get(world, '/coordinator/static/page.css'),
      await get(world, '/coordinator', session),
      await get(world, '/coordinator/no-such-page', session),
      await postForm(world, '/coordinator/import', { update: 'x' }, { cookie: session.cookie }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 403, 401, 303, 200, 200, 404, 403]);
    for (const response of responses) expect(expectSecurityHeaders(response), response.url).toEqual([]);
    // Each page has its own nonce: a nonce seen once is no use later.
    const nonces = responses.map((r) => /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy')!)![1]);
    expect(new Set(nonces).size).toBe(nonces.length);
    // The page's one script carries the nonce; there is no inline script or style.
    const html = await (await get(world, '/coordinator', session)).text();
    expect(html).toMatch(/<script nonce="[^"]+" src="\/coordinator\/static\/page\.js" defer><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*src=)/);
    expect(html).not.toMatch(/<style|style="/);
  });

  it('sends browsers without a session to a page saying how to get a link, and answers others 401', async () => {
    const browser = await get(world, '/coordinator/weeks');
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/coordinator/sign-in');
    const explained = await (await get(world, '/coordinator/sign-in')).text();
    for (const way of ['/pray coordinator', '/pray-staff coordinator', 'prayerbot coordinator-link']) expect(explained).toContain(way);

    const api = await get(world, '/coordinator/tally.csv', undefined, { accept: '*/*' });
    expect(api.status).toBe(401);
    const post = await fetch(`${world.base}/coordinator/weeks`, { method: 'POST', body: 'week=2026-11-16' });
    expect(post.status).toBe(401);
    // The rest of the server is untouched by the page.
    expect((await fetch(`${world.base}/healthz`)).status).toBe(200);
  });

  it('signs in once per link: the GET only shows Continue, the POST starts a 12-hour session; used, unknown and expired links get 403', async () => {
    const link = await world.link();
    const token = tokenOf(link);
    // Opening the link (a link preview, a mail scanner) uses nothing up.
    for (let i = 0; i < 2; i++) {
      const opened = await fetch(link, { headers: HTML });
      expect(opened.status).toBe(200);
      expect(opened.headers.get('set-cookie')).toBeNull();
      expect(await opened.text()).toContain('>Continue</button>');
    }
    expect(await world.bot.coordinator.store.signInTokenState(hashSecret(token), world.clock.now())).toBe('valid');

    const redeemed = await postForm(world, '/coordinator/sign-in', { token });
    expect(redeemed.status).toBe(303);
    expect(redeemed.headers.get('location')).toBe('/coordinator');
    const cookie = redeemed.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^prayerbot_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('Max-Age=43200');
    expect(cookie).toContain('Path=/coordinator');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure'); // PUBLIC_URL is http://127.0.0.1 here
    const raw = /prayerbot_session=([^;]+)/.exec(cookie)![1]!;
    const session = await world.bot.coordinator.store.getSession(hashSecret(raw), world.clock.now());
    expect(session?.actor).toBe(STAFF);
    expect(session!.expiresAt.getTime() - world.clock.now().getTime()).toBe(12 * 3_600_000);

    const again = await postForm(world, '/coordinator/sign-in', { token });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('This sign-in link has been used');
    expect((await fetch(link, { headers: HTML })).status).toBe(403);

    const unknown = await postForm(world, '/coordinator/sign-in', { token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.status).toBe(403);
    expect(await unknown.text()).toContain('This sign-in link does not work');

    const late = await world.link();
    world.clock.advance(16 * 60_000);
    const expiredGet = await fetch(late, { headers: HTML });
    expect(expiredGet.status).toBe(403);
    expect(await expiredGet.text()).toContain('This sign-in link has expired');
    const expiredPost = await postForm(world, '/coordinator/sign-in', { token: tokenOf(late) });
    expect(expiredPost.status).toBe(403);
    expect(expiredPost.headers.get('set-cookie')).toBeNull();
  });

  it("needs the session's CSRF token on every POST, and refuses forms posted from another site", async () => {
    const session = await signIn(world);
    const other = await signIn(world);
    const update = { update: 'Latin America\nPray for the team.', sent: '' };
    const headers = { cookie: session.cookie };
    expect((await postForm(world, '/coordinator/import', update, headers)).status).toBe(403);
    expect((await postForm(world, '/coordinator/import', { ...update, csrf: 'forged' }, headers)).status).toBe(403);
    // Another session's token does not fit this session.
    expect((await postForm(world, '/coordinator/import', { ...update, csrf: other.csrf }, headers)).status).toBe(403);
    const refused = await postForm(world, '/coordinator/sign-out', {}, headers);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Nothing was changed');
    const crossSite = await postForm(world, '/coordinator/import', { ...update, csrf: session.csrf }, { ...headers, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const foreignOrigin = await postForm(world, '/coordinator/import', { ...update, csrf: session.csrf }, { ...headers, origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);

    const accepted = await postForm(world, '/coordinator/import', { ...update, csrf: session.csrf }, headers);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('Check the imported week');
  });

  it('never saves a week with errors; a week with only warnings is saved and its page shows them', async () => {
    const session = await signIn(world);
    const week = { week: '2026-11-30', 'verse.text': 'Seek justice.', 'verse.reference': 'Isaiah 1:17', action: 'save', csrf: session.csrf };
    const refused = await postForm(world, '/coordinator/weeks', { ...week, 'requests[0].region': 'atlantis', 'requests[0].text': 'Pray.' }, { cookie: session.cookie });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain('href="#requests-0-region">Request 1: Region: unknown region &quot;atlantis&quot;');
    expect(await world.bot.coordinator.store.weekVersions('2026-11-30')).toEqual([]);

    const saved = await postForm(world, '/coordinator/weeks', week, { cookie: session.cookie });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/coordinator/weeks/2026-11-30?saved=1');
    const shown = await (await get(world, '/coordinator/weeks/2026-11-30', session)).text();
    expect(shown).toContain('The check warns about this week');
    expect(shown).toContain('no requests: nothing is posted this week');
  });

  it('signs out: the session ends in the store, its cookie no longer works, and the audit log says who', async () => {
    const session = await signIn(world);
    const out = await postForm(world, '/coordinator/sign-out', { csrf: session.csrf }, { cookie: session.cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/coordinator/signed-out');
    expect(out.headers.get('set-cookie')).toMatch(/prayerbot_session=;.*Max-Age=0/);
    expect(await world.bot.coordinator.store.getSession(hashSecret(session.raw), world.clock.now())).toBeUndefined();
    expect((await get(world, '/coordinator', session)).status).toBe(303);
    const audit = await world.bot.coordinator.store.listAudit(50);
    expect(audit.find((e) => e.action === 'sign-out')).toMatchObject({ actor: STAFF, subject: 'coordinator' });
    expect(audit.find((e) => e.action === 'sign-in')).toMatchObject({ actor: STAFF });
  });

  it('ends a session after 12 hours', async () => {
    const session = await signIn(world);
    expect((await get(world, '/coordinator', session)).status).toBe(200);
    world.clock.advance(12 * 3_600_000);
    expect((await get(world, '/coordinator', session)).status).toBe(303);
  });

  it('keeps no token or session id in any log line, and logs paths without their query string', async () => {
    const link = await world.link();
    await fetch(link, { headers: HTML });
    const session = await signIn(world);
    await get(world, '/coordinator/weeks?secret=1', session);
    const logs = world.logs();
    expect(logs).toContain('"path":"/coordinator/sign-in"');
    expect(logs).toContain('"path":"/coordinator/weeks"');
    expect(logs).not.toContain('secret=1');
    expect(logs).not.toContain(tokenOf(link));
    expect(logs).not.toContain(session.raw);
    expect(logs).not.toContain(hashSecret(session.raw));
    expect(logs).not.toContain(session.csrf);
  });

  it('ends the session of someone no longer on the staff list as soon as the config changes', async () => {
    const session = await signIn(world);
    expect((await get(world, '/coordinator', session)).status).toBe(200);
    writeFileSync(
      world.project.configPath,
      configYaml({
        channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }',
        staffReport: '  - { platform: slack, id: "C0COORD01" }',
        staff: '  slack_users: ["U0SOMEONE"]\n  discord_roles: ["900000000000000001"]',
      }),
    );
    for (let i = 0; i < 100 && world.bot.coordinator.plan().config.staff.slackUsers.includes('U0COORD1'); i++) await new Promise((r) => setTimeout(r, 100));
    const ended = await get(world, '/coordinator', session);
    expect(ended.status).toBe(403);
    expect(await ended.text()).toContain('no longer list you as staff');
    expect(await world.bot.coordinator.store.getSession(hashSecret(session.raw), world.clock.now())).toBeUndefined();
    // Nor can a link issued before the change sign them in again.
    const refused = await postForm(world, '/coordinator/sign-in', { token: tokenOf(await world.link()) });
    expect(refused.status).toBe(403);
  });

  // Last in this file: it spends the global budget of failed redemptions.
  it('limits failed redemptions globally: after 30 failures even a good link waits', async () => {
    const good = tokenOf(await world.link('cli'));
    for (let i = 0; i < 30; i++) expect((await postForm(world, '/coordinator/sign-in', { token: `bad-${i}` })).status).toBe(403);
    const blocked = await postForm(world, '/coordinator/sign-in', { token: good });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many sign-in attempts');
    // The link itself is not used up by the refusal.
    expect(await world.bot.coordinator.store.signInTokenState(hashSecret(good), world.clock.now())).toBe('valid');
    world.clock.advance(61_000);
    expect((await postForm(world, '/coordinator/sign-in', { token: good })).status).toBe(303);
  });
});

describe('the coordinator page behind an https proxy (PUBLIC_URL, TRUSTED_PROXY)', () => {
  let proxied: World;
  beforeAll(async () => {
    proxied = await startWorld({ env: { publicUrl: 'https://prayer.example.org', trustedProxies: ['127.0.0.1'] } });
  });
  afterAll(async () => proxied?.stop());

  it('marks the session cookie Secure and builds links from PUBLIC_URL, never from Host', async () => {
    const link = await proxied.link();
    expect(link).toMatch(/^https:\/\/prayer\.example\.org\/coordinator\/sign-in\?token=/);
    const response = await postForm(proxied, '/coordinator/sign-in', { token: tokenOf(link) }, { host: 'evil.example', origin: 'https://prayer.example.org' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/coordinator');
    expect(response.headers.getSetCookie()[0]).toContain('Secure');
  });

  it('limits failed redemptions per client address as the trusted proxy reports it', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': `198.51.100.1, ${address}` });
    for (let i = 0; i < 5; i++) expect((await postForm(proxied, '/coordinator/sign-in', { token: `bad-${i}` }, from('203.0.113.5'))).status).toBe(403);
    expect((await postForm(proxied, '/coordinator/sign-in', { token: tokenOf(await proxied.link()) }, from('203.0.113.5'))).status).toBe(429);
    // Another address behind the same proxy is not held up by the first one's failures.
    expect((await postForm(proxied, '/coordinator/sign-in', { token: tokenOf(await proxied.link()) }, from('203.0.113.9'))).status).toBe(303);
  });
});

export type { Session };
