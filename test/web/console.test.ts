// The page with no platform token: the console chat hands out the link (`/pray coordinator`)
// and the page signs in on the real store, even while the console replays a past week on a
// throw-away one.
import { describe, expect, it } from 'vitest';
import { throwawayBots } from '../e2e/throwaway-bots.js';
import { HTML, postForm, tokenOf } from './http.js';

const bots = throwawayBots();

describe('the coordinator page beside the console chat', () => {
  it('signs in with a link from /pray coordinator, on the real store while the console replays a past week', async () => {
    const { bot, input, printed } = await bots.console(bots.staffProject('2026-10-12'));
    expect(bot.shown?.kind).toBe('replay');
    input.write('/pray coordinator\n');
    for (let i = 0; i < 100 && !/\/coordinator\/sign-in\?token=/.test(printed()); i++) await new Promise((r) => setTimeout(r, 50));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/coordinator\/sign-in\?token=[A-Za-z0-9_-]+)/.exec(printed())?.[1];
    expect(link).toBeDefined();
    expect(link!.startsWith(`http://127.0.0.1:${bot.port}/`)).toBe(true);

    const world = { base: `http://127.0.0.1:${bot.port}` };
    expect((await fetch(link!, { headers: HTML })).status).toBe(200);
    const signedIn = await postForm(world, '/coordinator/sign-in', { token: tokenOf(link!) });
    expect(signedIn.status).toBe(303);
    const cookie = /prayerbot_session=[^;]+/.exec(signedIn.headers.get('set-cookie') ?? '')![0];
    const overview = await fetch(`${world.base}/coordinator`, { headers: { ...HTML, cookie } });
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain('Signed in as console');
    // The session and the audit entry live in the real store, not the replay's.
    const audit = await bot.coordinator.store.listAudit(20);
    expect(audit.map((e) => `${e.action} ${e.actor ?? ''}`)).toContain('sign-in console');
    expect(await bot.store.listAudit(20)).not.toContainEqual(expect.objectContaining({ action: 'sign-in' }));
  });
});
