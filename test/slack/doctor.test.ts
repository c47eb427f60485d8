// `prayerbot doctor`'s Slack lines: what works, what does not, what to do, and no secrets.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import type { ChannelConfig } from '../../src/core/types.js';
import { REQUIRED_SCOPES } from '../../src/platforms/slack/index.js';
import { ALL_BOT_SCOPES } from '../fakes/slack-api.js';
import { harnessPerTest, type Harness } from './harness.js';

const harness = harnessPerTest();

const channels: ChannelConfig[] = [
  { platform: 'slack', id: 'C0STAFF01', audience: 'staff', allowPublic: false },
  { platform: 'slack', id: 'C0PUBLIC1', audience: 'volunteers', allowPublic: true },
  { platform: 'slack', id: 'C0NOTIN01', audience: 'staff', allowPublic: false },
  { platform: 'discord', id: '112233445566778899', audience: 'volunteers', allowPublic: false },
];

function secretsIn(lines: Array<{ text: string }>, h: Harness): string[] {
  const all = lines.map((l) => l.text).join('\n');
  return [h.slack.botToken, h.slack.appToken, h.slack.signingSecret].filter((s) => all.includes(s));
}

describe('doctor', () => {
  it('says what works: token, scopes, mode, and each Slack channel with its privacy facts', async () => {
    const h = await harness({ start: false });
    h.slack.addChannel({ id: 'C0PUBLIC1', name: 'volunteers', isPrivate: false });
    h.slack.addChannel({ id: 'C0NOTIN01', isMember: false });

    const lines = await h.platform.doctor(channels);

    expect(lines).toEqual([
      { ok: true, text: 'Slack: bot token works: @prayerbot (U0PRAYBOT) in Fictional Org (T0FAKE001)' },
      { ok: true, text: expect.stringMatching(/^Slack: scopes granted: chat:write, reactions:read/) },
      { ok: true, text: expect.stringContaining('HTTP mode') },
      { ok: true, text: 'Slack channel C0STAFF01: reachable; #prayer-staff: private, not shared outside the organisation' },
      { ok: true, text: 'Slack channel C0STAFF01: history readable (lost answers can be recovered)' },
      { ok: true, text: 'Slack channel C0PUBLIC1: reachable; #volunteers: public, not shared outside the organisation' },
      { ok: true, text: 'Slack channel C0PUBLIC1: history readable (lost answers can be recovered)' },
      { ok: false, text: expect.stringMatching(/^Slack channel C0NOTIN01: not found: .*\/invite/) },
    ]);
    expect(secretsIn(lines, h)).toEqual([]);
  });

  it('names the missing scopes and what they are for', async () => {
    const h = await harness({ start: false, fake: { scopes: ['chat:write', 'commands', 'groups:read', 'reactions:read', 'reactions:write'] } });
    const lines = await h.platform.doctor([channels[0]!]);

    expect(lines[1]).toEqual({
      ok: false,
      text: expect.stringMatching(/^Slack: missing scopes: channels:read .*, channels:history .*, groups:history .*reinstall/),
    });
    expect(lines.at(-1)).toEqual({ ok: false, text: expect.stringMatching(/C0STAFF01: history not readable \(missing_scope\)/) });
  });

  it('stops at a refused token and says which variable to check, without printing it', async () => {
    const h = await harness({ start: false, platform: { botToken: 'xoxb-not-the-right-one' } });
    const lines = await h.platform.doctor(channels);
    expect(lines).toEqual([{ ok: false, text: expect.stringMatching(/auth\.test failed \(invalid_auth\): check SLACK_BOT_TOKEN/) }]);
    expect(lines[0]!.text).not.toContain('xoxb-not-the-right-one');
  });

  it('checks the app-level token in Socket Mode', async () => {
    const h = await harness({ mode: 'socket', start: false });
    expect((await h.platform.doctor([]))[2]).toEqual({ ok: true, text: expect.stringContaining('Socket Mode: the app-level token opens connections') });
    h.slack.failNext('apps.connections.open', { kind: 'error', error: 'invalid_auth' });
    const lines = await h.platform.doctor([]);
    expect(lines[2]).toEqual({ ok: false, text: expect.stringContaining('check SLACK_APP_TOKEN') });
    expect(secretsIn(lines, h)).toEqual([]);
  });

  it('reports an archived channel', async () => {
    const h = await harness({ start: false });
    h.slack.updateChannel('C0STAFF01', { isArchived: true });
    expect((await h.platform.doctor([channels[0]!])).at(-1)).toEqual({ ok: false, text: expect.stringContaining('C0STAFF01: archived') });
  });
});

describe('the app manifest', () => {
  it('asks for exactly the scopes doctor checks and the fake grants, and the two reaction events', async () => {
    const manifest = load(await readFile(new URL('../../deploy/slack-app-manifest.yaml', import.meta.url), 'utf8')) as {
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { bot_events: string[]; request_url: string }; socket_mode_enabled: boolean };
      features: { slash_commands: Array<{ command: string; url: string }> };
    };
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(REQUIRED_SCOPES).sort());
    expect([...ALL_BOT_SCOPES].sort()).toEqual(Object.keys(REQUIRED_SCOPES).sort());
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['reaction_added', 'reaction_removed']);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://YOUR-HOST/slack/events');
    expect(manifest.features.slash_commands).toMatchObject([{ command: '/pray', url: 'https://YOUR-HOST/slack/events' }]);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('turns interactivity on, on the same URL, so presses of the "I prayed" button arrive', async () => {
    const manifest = load(await readFile(new URL('../../deploy/slack-app-manifest.yaml', import.meta.url), 'utf8')) as {
      settings: { interactivity: { is_enabled: boolean; request_url: string } };
    };
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' });
  });
});
