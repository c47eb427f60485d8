// Slash commands through the real discord.js client: /pray with autocomplete, each
// /pray-staff form, ephemeral answers (deferred when the core is slow), and registering the
// commands with the real `deploy-commands` CLI function against the fake REST.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { deployCommandsCommand } from '../../src/cli/deploy-commands.js';
import type { FakeInteraction } from '../fakes/discord-state.js';
import { livePerTest, sampleDoc, waitFor } from './helpers.js';

const live = livePerTest();
afterEach(() => {
  vi.restoreAllMocks();
});

const started = live.started;

const answered = (i: FakeInteraction) => waitFor('the answer', () => (i.original && !(i.original.flags & 128) ? i.original : undefined));

describe('/pray', () => {
  test('with a region: the core hears who asked where, with their roles; the answer is ephemeral, mentions off', async () => {
    const { world, inbound, gateway, state } = await started();
    const member = state.addMember(world.guild.id, { roles: [world.volunteerRole.id] });
    const i = gateway.command({
      name: 'pray',
      options: [{ type: 3, name: 'region', value: ' latam ' }],
      guildId: world.guild.id,
      channelId: world.volunteerChannel.id,
      userId: member.user.id,
      roles: [world.volunteerRole.id],
    });
    const reply = await answered(i);
    expect(inbound.commands).toEqual([
      { platform: 'discord', channelId: world.volunteerChannel.id, userId: member.user.id, roleIds: [world.volunteerRole.id], text: 'latam' },
    ]);
    expect(i.callbacks[0]).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(reply.content).toBe('answer to "latam"');
  });

  test('without a region the core gets empty text; a post answer arrives as embeds', async () => {
    const { world, inbound, gateway } = await started();
    inbound.answer = () => ({ kind: 'post', doc: sampleDoc() });
    const i = gateway.command({ name: 'pray', guildId: world.guild.id, channelId: world.volunteerChannel.id, userId: world.discord.state.addMember(world.guild.id).user.id });
    const reply = await answered(i);
    expect(inbound.commands[0]!.text).toBe('');
    expect((reply.embeds[0] as { title?: string }).title).toBe('Prayer for Monday, October 12, 2026');
    expect(reply.embeds).toHaveLength(4);
    expect(reply.flags & 64).toBe(64);
  });

  test('autocomplete answers with the core’s region choices', async () => {
    const { world, inbound, gateway } = await started();
    const i = gateway.autocomplete({
      name: 'pray',
      options: [{ type: 3, name: 'region', value: 'a', focused: true }],
      guildId: world.guild.id,
      channelId: world.volunteerChannel.id,
      userId: world.discord.state.addMember(world.guild.id).user.id,
    });
    await waitFor('the choices', () => i.callbacks.length === 1);
    expect(inbound.typed).toEqual(['a']);
    expect(i.callbacks[0]).toEqual({
      type: 8,
      data: { choices: [{ name: 'Asia Pacific', value: 'asia-pacific' }, { name: 'Africa & Europe', value: 'africa-europe' }] },
    });
  });

  test('a slow core: the reply is deferred (ephemeral) and then edited with the answer', async () => {
    const { world, inbound, gateway } = await started({ deferAfterMs: 100 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    inbound.answer = async () => {
      await gate;
      return { kind: 'text', text: 'Region      prayed\nLatin Am.   ███ 3', monospace: true };
    };
    const i = gateway.command({ name: 'pray', guildId: world.guild.id, channelId: world.volunteerChannel.id, userId: world.discord.state.addMember(world.guild.id).user.id });
    await waitFor('the deferral', () => i.callbacks.length === 1);
    expect(i.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
    release();
    const reply = await answered(i);
    expect(reply.content).toBe('```\nRegion      prayed\nLatin Am.   ███ 3\n```');
    expect(reply.flags & 64).toBe(64);
  });

  test('when the core fails the caller gets an apology and the bot keeps serving', async () => {
    const { world, inbound, gateway } = await started();
    inbound.answer = () => Promise.reject(new Error('store down'));
    const userId = world.discord.state.addMember(world.guild.id).user.id;
    const first = gateway.command({ name: 'pray', guildId: world.guild.id, channelId: world.volunteerChannel.id, userId });
    expect((await answered(first)).content).toMatch(/sorry/i);
    inbound.answer = () => ({ kind: 'text', text: 'fine again' });
    const second = gateway.command({ name: 'pray', guildId: world.guild.id, channelId: world.volunteerChannel.id, userId });
    expect((await answered(second)).content).toBe('fine again');
  });

  test('a core failure is logged by error name and code, never by its message (it may quote the request)', async () => {
    const logs: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
    const { world, inbound, gateway } = await started({ logger });
    const secret = 'for the team in Valderra';
    inbound.answer = () => Promise.reject(Object.assign(new Error(`could not save "${secret}"`), { code: 'store_down' }));
    const i = gateway.command({ name: 'pray', guildId: world.guild.id, channelId: world.volunteerChannel.id, userId: world.discord.state.addMember(world.guild.id).user.id });
    expect((await answered(i)).content).toMatch(/sorry/i);
    const failure = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === '/pray failed in the core');
    expect(failure).toMatchObject({ error: 'Error', code: 'store_down', command: 'pray' });
    expect(logs.join('\n')).not.toContain(secret);
  });

  test('in a DM the core gets no roles', async () => {
    const { world, inbound, gateway } = await started();
    const i = gateway.command({ name: 'pray', options: [{ type: 3, name: 'region', value: 'asia' }], channelId: '1200000000000000001', userId: world.discord.state.addMember(world.guild.id).user.id });
    await answered(i);
    expect(inbound.commands[0]).toMatchObject({ channelId: '1200000000000000001', roleIds: [], text: 'asia' });
  });
});

describe('/pray-staff', () => {
  test.each([
    [[{ type: 1, name: 'stats' }], 'stats'],
    [[{ type: 1, name: 'week' }], 'week'],
    [[{ type: 1, name: 'help' }], 'help'],
    [[{ type: 1, name: 'retract', options: [{ type: 3, name: 'id', value: '2026-10-12/eu-day' }] }], 'retract 2026-10-12/eu-day'],
  ])('%j reaches the core as "%s", answered ephemerally', async (options, text) => {
    const { world, inbound, gateway } = await started();
    const staff = world.discord.state.addMember(world.guild.id, { roles: [world.staffRole.id] });
    const i = gateway.command({ name: 'pray-staff', options, guildId: world.guild.id, channelId: world.staffChannel.id, userId: staff.user.id, roles: [world.staffRole.id] });
    const reply = await answered(i);
    expect(inbound.commands).toEqual([{ platform: 'discord', channelId: world.staffChannel.id, userId: staff.user.id, roleIds: [world.staffRole.id], text }]);
    expect(reply.content).toBe(`answer to "${text}"`);
    expect(reply.flags & 64).toBe(64);
  });
});

describe('deploy-commands', () => {
  function withEnv(vars: Record<string, string | undefined>) {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    return () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    };
  }

  test('registers both commands globally, and in one server with --guild', async () => {
    const lone = await live.fake();
    const guild = lone.state.addGuild({ name: 'Fellowship' });
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const restore = withEnv({ DISCORD_TOKEN: lone.state.token, DISCORD_APPLICATION_ID: lone.state.applicationId, DISCORD_API_URL: lone.apiUrl });
    try {
      expect(await deployCommandsCommand({ config: '', prompts: '' }, {})).toBe(0);
      expect(await deployCommandsCommand({ config: '', prompts: '' }, { guild: guild.id })).toBe(0);
    } finally {
      restore();
    }
    const global = lone.state.commands.get('global')!;
    expect(global.map((c) => c.name)).toEqual(['pray', 'pray-staff']);
    expect(lone.state.commands.get(guild.id)!.map((c) => c.name)).toEqual(['pray', 'pray-staff']);
    const pray = global[0] as { options: Array<{ name: string; autocomplete: boolean; required: boolean }> };
    expect(pray.options[0]).toMatchObject({ name: 'region', autocomplete: true, required: false });
    const staff = global[1] as { default_member_permissions: string; options: Array<{ name: string }> };
    expect(staff.default_member_permissions).toBe('32');
    expect(staff.options.map((o) => o.name)).toEqual(['stats', 'week', 'retract', 'coordinator', 'help']);
    expect(lone.calls.filter((c) => c.method === 'PUT').every((c) => c.authorized)).toBe(true);
    expect(out.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/Registered \/pray, \/pray-staff globally[\s\S]*in server/);
  });

  test('a wrong token is refused with a clear message, and the token is not printed', async () => {
    const lone = await live.fake();
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const restore = withEnv({ DISCORD_TOKEN: 'not-the-token-abcdef', DISCORD_APPLICATION_ID: lone.state.applicationId, DISCORD_API_URL: lone.apiUrl });
    try {
      expect(await deployCommandsCommand({ config: '', prompts: '' }, {})).toBe(1);
    } finally {
      restore();
    }
    const text = err.mock.calls.map((c) => String(c[0])).join('\n');
    expect(text).toMatch(/refused DISCORD_TOKEN/);
    expect(text).not.toContain('not-the-token-abcdef');
  });

  test('the CLI without DISCORD_TOKEN says what is missing and exits 1', async () => {
    const env = { ...process.env };
    delete env.DISCORD_TOKEN;
    delete env.DISCORD_APPLICATION_ID;
    const run = promisify(execFile);
    const result = await run('node', ['dist/cli.js', 'deploy-commands'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID not set/);
  });
});
