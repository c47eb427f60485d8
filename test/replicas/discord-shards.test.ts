// Discord shards across replicas: each gateway shard is held by exactly one replica at a time
// (a lease in the store), so every 🙏 and every /pray reaches one process and is answered once;
// a replica that dies loses its shards to another within the lease; a clean stop hands them
// over at once. Real `prayerbot run` processes on one PostgreSQL schema against the fake
// Discord asking for 2 shards; and in this process: the default single-shard path, and a
// replica that cannot renew stopping its gateway before anyone could take the shard.
import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ShardedDiscord } from '../../src/platforms/discord/sharded-discord.js';
import { shardLeaseName } from '../../src/runtime/shard-leases.js';
import { addDays, mondayOf, todayIn } from '../../src/core/time.js';
import type { Clock } from '../../src/core/ports.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/core/store.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-rest.js';
import type { FakeChannel, FakeGuild } from '../fakes/discord-state.js';
import { RecordingInbound, platformFor } from '../discord/helpers.js';
import { configYaml, tempProject, weekYaml, type Project } from '../e2e/project.js';
import { CLI, freshSchema, ownerPid, sleep, waitFor, type Schema } from './replicas.js';

const quiet = pino({ level: 'silent' });
const SHARD_LEASE_SECONDS = 3;

let discord: FakeDiscord | undefined;
let db: Schema | undefined;
const projects: Project[] = [];
const children: ChildProcess[] = [];
const stops: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  await discord?.stop();
  await db?.drop();
  for (const p of projects.splice(0)) p.remove();
  discord = undefined;
  db = undefined;
});

interface Server {
  guild: FakeGuild;
  channel: FakeChannel;
}

/** The fake Discord with one server on each shard (shard = guild_id >> 22 % count). */
async function world(shards: number): Promise<{ discord: FakeDiscord; servers: Server[]; report: FakeChannel }> {
  discord = await startFakeDiscord({ shards });
  const { state } = discord;
  const servers = Array.from({ length: shards }, (_, shard) => {
    const guild = state.addGuild({ id: String((1n << 22n) * BigInt(1000 + shard)), name: `Volunteers ${shard}` });
    return { guild, channel: state.addChannel(guild.id, { name: 'prayer' }) };
  });
  const report = state.addChannel(servers[0]!.guild.id, { name: 'coordinators' });
  return { discord, servers, report };
}

/** A project posting daily at 00:00 UTC with a 24 h catch-up: today's post is due at start. */
function discordProject(servers: Server[], report: FakeChannel): Project {
  const project = tempProject(
    configYaml({
      timezone: 'UTC',
      post: '0 0 * * *',
      catchUp: 24,
      channels: servers.map((s) => `  - { platform: discord, id: "${s.channel.id}", audience: volunteers }`).join('\n'),
      staffReport: `  - { platform: discord, id: "${report.id}" }`,
    }),
  );
  const today = todayIn('UTC', new Date());
  const monday = mondayOf(today);
  project.writeWeek(
    monday,
    weekYaml(monday, `  - region: latin-america\n    id: open-day\n    audience: everyone\n    text: Pray for the volunteers welcoming families at the open day.\n    date: ${today}\n    expires: ${addDays(today, 3)}\n`),
  );
  projects.push(project);
  return project;
}

/** The day's posts by channel, as the fake shows them (the bot's messages with an embed). */
function postIn(channelId: string) {
  const d = discord!;
  return d.state.messages(channelId).filter((m) => m.author.id === d.state.bot.id && m.embeds.length > 0);
}

function identifiesOf(shard: number): number {
  return discord!.gateway.identifies.filter((i) => i.shard[0] === shard).length;
}

function sessionsOf(shard: number): number {
  return discord!.gateway.connected().filter((s) => s.shard[0] === shard).length;
}

/** Interaction callback POSTs (every answer attempt, the refused second one included). */
function answersTo(interactionId: string): number {
  return discord!.callsTo('POST', new RegExp(`^/interactions/${interactionId}/`)).length;
}

/** A /pray on a server's channel; resolves once answered, with the number of answers seen a moment later. */
async function pray(server: Server, userId: string): Promise<number> {
  const interaction = discord!.gateway.command({ name: 'pray', guildId: server.guild.id, channelId: server.channel.id, userId, options: [] });
  await waitFor('the /pray answer', () => answersTo(interaction.id) > 0, 20_000);
  await sleep(500); // a second session would answer within this
  return answersTo(interaction.id);
}

async function tallyOf(store: Store, channelId: string): Promise<number> {
  const rows = await store.tally({});
  return rows.find((r) => r.post.platform === 'discord' && r.post.channelId === channelId)?.count ?? 0;
}

// ---- real processes ------------------------------------------------------------------------

interface Replica {
  child: ChildProcess;
  pid: number;
  output(): string;
  ready: Promise<void>;
  exited: Promise<void>;
}

function startReplica(project: Project, databaseUrl: string, leaseSeconds?: number): Replica {
  const d = discord!;
  const child = spawn(process.execPath, [CLI, 'run', '--config', project.configPath, '--prompts', project.promptsDir], {
    cwd: project.dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      DISCORD_TOKEN: d.state.token,
      DISCORD_API_URL: d.apiUrl,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...(leaseSeconds !== undefined ? { PRAYERBOT_SHARD_LEASE_SECONDS: String(leaseSeconds) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let gone = false;
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  const ready = waitFor('prayerbot ready', () => /prayerbot ready/.test(out) || gone, 30_000).then(() => {
    if (!/prayerbot ready/.test(out)) throw new Error(`prayerbot exited before it was ready:\n${out}`);
  });
  ready.catch(() => undefined);
  return { child, pid: child.pid!, output: () => out, ready, exited };
}

/** Shard → pid of the replica whose lease holds it. */
async function holders(schema: Schema, count: number): Promise<Map<number, number | undefined>> {
  const rows = await schema.query<{ name: string; owner: string }>("SELECT name, owner FROM leases WHERE name LIKE 'discord-shard:%'");
  const map = new Map<number, number | undefined>();
  for (let id = 0; id < count; id++) map.set(id, ownerPid(rows.find((r) => r.name === shardLeaseName(id, count))?.owner ?? null));
  return map;
}

describe('two replicas, Discord asking for two shards', () => {
  it('each shard is held once: reactions from both servers tallied, each /pray answered once; killing the holder hands its shards over', async () => {
    const { servers, report } = await world(2);
    db = await freshSchema('pb_shards');
    const project = discordProject(servers, report);
    const store = await openStore(db.url);
    stops.push(() => store.close());

    // Both start at once: they race for the leases.
    const replicas = [startReplica(project, db.url, SHARD_LEASE_SECONDS), startReplica(project, db.url, SHARD_LEASE_SECONDS)];
    await Promise.all(replicas.map((r) => r.ready));

    // Each shard identified by exactly one replica, and each server's post sent once.
    expect([identifiesOf(0), identifiesOf(1)]).toEqual([1, 1]);
    expect([sessionsOf(0), sessionsOf(1)]).toEqual([1, 1]);
    await waitFor('both posts in the ledger', async () => (await store.listPosts({ platform: 'discord', states: ['sent'] })).length === 2);
    for (const s of servers) expect(postIn(s.channel.id)).toHaveLength(1);
    const before = await holders(db, 2);
    const pids = replicas.map((r) => r.pid);
    expect([...before.values()].every((pid) => pid !== undefined && pids.includes(pid))).toBe(true);

    // A 🙏 on each server's post reaches whichever replica holds its shard, and counts.
    const { state } = discord!;
    const first = state.addUser({ username: 'volunteer-one' });
    for (const s of servers) {
      state.addMember(s.guild.id, { id: first.id });
      state.addReaction(s.channel.id, postIn(s.channel.id)[0]!.id, first.id, '🙏');
    }
    await waitFor('both reactions tallied', async () => (await tallyOf(store, servers[0]!.channel.id)) === 1 && (await tallyOf(store, servers[1]!.channel.id)) === 1);

    // /pray on each shard: one answer each (a second session would be refused with 40060).
    for (const s of servers) expect(await pray(s, first.id)).toBe(1);

    // SIGKILL the replica holding shard 0 (maybe both shards), like a machine going away.
    const victimPid = before.get(0)!;
    const victim = replicas.find((r) => r.pid === victimPid)!;
    const survivor = replicas.find((r) => r.pid !== victimPid)!;
    const lostShards = [...before].filter(([, pid]) => pid === victimPid).map(([id]) => id);
    const identified = [identifiesOf(0), identifiesOf(1)];
    victim.child.kill('SIGKILL');
    await victim.exited;

    // While nobody listens to those shards, someone else prays: the new holder's resync counts it.
    const second = state.addUser({ username: 'volunteer-two' });
    for (const s of servers) {
      state.addMember(s.guild.id, { id: second.id });
      state.addReaction(s.channel.id, postIn(s.channel.id)[0]!.id, second.id, '🙏');
    }

    // Within a minute the survivor identifies the dead replica's shards.
    await waitFor('the survivor to take the shards over', () => lostShards.every((id) => identifiesOf(id) > identified[id]!) && sessionsOf(0) === 1 && sessionsOf(1) === 1, 60_000);
    const after = await holders(db, 2);
    expect([after.get(0), after.get(1)]).toEqual([survivor.pid, survivor.pid]);
    await waitFor('both people tallied on each post', async () => (await tallyOf(store, servers[0]!.channel.id)) === 2 && (await tallyOf(store, servers[1]!.channel.id)) === 2, 20_000);
    for (const s of servers) expect(await pray(s, second.id)).toBe(1);
    // The killed replica's posts were never sent again.
    for (const s of servers) expect(postIn(s.channel.id)).toHaveLength(1);
  });

  it('a clean stop releases the shards: a standby takes them over without waiting for the lease', async () => {
    const { servers, report } = await world(2);
    db = await freshSchema('pb_shards');
    const project = discordProject(servers, report);
    // The default 30 s lease: only a release explains a takeover much sooner.
    const holder = startReplica(project, db.url);
    await holder.ready;
    expect(await holders(db, 2)).toEqual(new Map([[0, holder.pid], [1, holder.pid]]));
    const standby = startReplica(project, db.url);
    await standby.ready;
    expect([identifiesOf(0), identifiesOf(1)]).toEqual([1, 1]);

    holder.child.kill('SIGTERM');
    await holder.exited;
    await waitFor('the standby to identify both shards', () => identifiesOf(0) === 2 && identifiesOf(1) === 2 && sessionsOf(0) === 1 && sessionsOf(1) === 1, 20_000);
    expect(await holders(db, 2)).toEqual(new Map([[0, standby.pid], [1, standby.pid]]));
    expect(await pray(servers[1]!, state().addUser({ username: 'caller' }).id)).toBe(1);
  });
});

function state() {
  return discord!.state;
}

// ---- in this process ------------------------------------------------------------------------

/** Discards log lines (the bot logs JSON to a stream). */
const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe('one replica, Discord asking for one shard (the default)', () => {
  it('logs in shard 0 of 1 under a lease, posts, tallies, answers /pray once, and releases the lease on stop', async () => {
    const { servers, report } = await world(1);
    const project = discordProject(servers, report);
    const d = discord!;
    const bot: RunningBot = await startBot({
      configPath: project.configPath,
      promptsDir: project.promptsDir,
      env: { discord: { token: d.state.token, apiUrl: d.apiUrl }, databaseUrl: `sqlite:${project.dbPath}`, port: 0, logLevel: 'info' },
      secrets: [d.state.token],
      logDestination: sink(),
      owner: 'test-host:1:solo',
    });
    let running = true;
    stops.push(async () => {
      if (running) await bot.stop();
    });

    expect(d.gateway.identifies.map((i) => i.shard)).toEqual([[0, 1]]);
    const channel = servers[0]!.channel;
    expect(postIn(channel.id)).toHaveLength(1);
    const now = () => new Date();
    expect(await bot.store.acquireLease(shardLeaseName(0, 1), 'someone-else', now(), 1_000)).toBe(false);

    const user = d.state.addMember(servers[0]!.guild.id).user;
    d.state.addReaction(channel.id, postIn(channel.id)[0]!.id, user.id, '🙏');
    await waitFor('the reaction tallied', async () => (await tallyOf(bot.store, channel.id)) === 1);
    expect(await pray(servers[0]!, user.id)).toBe(1);

    await bot.stop();
    running = false;
    await waitFor('the session to close', () => sessionsOf(0) === 0);
    const store = await openStore(`sqlite:${project.dbPath}`);
    try {
      expect(await store.acquireLease(shardLeaseName(0, 1), 'someone-else', now(), 1_000)).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('a replica that cannot renew its lease', () => {
  /** A ShardedDiscord on the fake, as `prayerbot run` builds it. */
  function sharded(store: Pick<Store, 'acquireLease' | 'releaseLease'>, owner: string, clock: Clock, leaseMs: number): ShardedDiscord {
    const w = { discord: discord! };
    const platform = new ShardedDiscord({
      rest: platformFor(w),
      gateway: (shards, shardCount) => platformFor(w, { shards, shardCount }),
      store,
      owner,
      clock,
      leaseMs,
      log: quiet,
    });
    stops.push(() => platform.stop());
    return platform;
  }

  it('stops listening at once when another replica took its shard (its renewal is refused)', async () => {
    const { servers } = await world(2);
    const store = await openStore('sqlite::memory:');
    stops.push(() => store.close());
    const a = sharded(store, 'host:1:a', { now: () => new Date() }, 3_000);
    const inboundA = new RecordingInbound();
    await a.start(inboundA);
    expect(a.shards()).toEqual({ held: [0, 1], count: 2 });

    // B's clock runs ahead of A's by more than the lease (A looks paused to B): B takes both.
    const b = sharded(store, 'host:2:b', { now: () => new Date(Date.now() + 10_000) }, 3_000);
    const inboundB = new RecordingInbound();
    await b.start(inboundB);
    expect(b.shards().held).toEqual([0, 1]);

    // A's next renewal is refused: it drops both shards and its gateway sessions close.
    await waitFor('A to let go', () => a.shards().held.length === 0 && sessionsOf(0) === 1 && sessionsOf(1) === 1, 10_000);
    expect(a.ready()).toBe(true); // REST alone still posts
    const caller = discord!.state.addUser({ username: 'caller' });
    for (const s of servers) expect(await pray(s, caller.id)).toBe(1);
    expect(inboundA.commands).toHaveLength(0);
    expect(inboundB.commands).toHaveLength(2);
    // A still posts over REST for every server.
    await a.sendStaffText(servers[1]!.channel.id, 'hello from a replica without shards');
    expect(discord!.state.messages(servers[1]!.channel.id).at(-1)?.content).toBe('hello from a replica without shards');
  });

  it('a replica whose gateway cannot start gives the shards back for another to take', async () => {
    await world(2);
    const store = await openStore('sqlite::memory:');
    stops.push(() => store.close());
    const a = sharded(store, 'host:1:a', { now: () => new Date() }, 3_000);
    await a.start(new RecordingInbound());
    // B posts over REST but cannot reach the gateway (a closed port): it stands by at first.
    let attempts = 0;
    const b = new ShardedDiscord({
      rest: platformFor({ discord: discord! }),
      gateway: (shards, shardCount) => {
        attempts++;
        return platformFor({ discord: discord! }, { shards, shardCount, apiUrl: 'http://127.0.0.1:1/api', restTimeoutMs: 200, startTimeoutMs: 1_000 });
      },
      store,
      owner: 'host:2:b',
      clock: { now: () => new Date() },
      leaseMs: 3_000,
      log: quiet,
    });
    stops.push(() => b.stop());
    await b.start(new RecordingInbound());
    expect(b.shards().held).toEqual([]);

    await a.stop(); // releases: B takes both at its next round, fails to log in, and lets go
    await waitFor('B to try and give up', () => attempts > 0 && b.shards().held.length === 0, 10_000);
    const c = sharded(store, 'host:3:c', { now: () => new Date() }, 3_000);
    await c.start(new RecordingInbound());
    expect(c.shards().held).toEqual([0, 1]);
    expect([sessionsOf(0), sessionsOf(1)]).toEqual([1, 1]);
    expect(b.ready()).toBe(true);
  });

  it('a replica seeing another shard count holds nothing until the others are gone (their shards would overlap)', async () => {
    await world(2);
    const store = await openStore('sqlite::memory:');
    stops.push(() => store.close());
    const a = sharded(store, 'host:1:a', { now: () => new Date() }, 3_000);
    await a.start(new RecordingInbound());
    discord!.state.shardCount = 1; // Discord now recommends another count: B starts with it
    const b = sharded(store, 'host:2:b', { now: () => new Date() }, 3_000);
    await b.start(new RecordingInbound());
    expect(b.shards()).toEqual({ held: [], count: 1 });
    await sleep(1_500); // B's rounds go by: still nothing
    expect(b.shards().held).toEqual([]);
    expect(discord!.gateway.connected().map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    await a.stop();
    await waitFor('B to take the single shard', () => b.shards().held.length === 1, 15_000);
    await waitFor('only B listening', () => discord!.gateway.connected().length === 1);
    expect(discord!.gateway.connected()[0]!.shard).toEqual([0, 1]);
  });

  it('stops its gateway before the lease could run out when the store stops answering', async () => {
    await world(2);
    const real = await openStore('sqlite::memory:');
    stops.push(() => real.close());
    let broken = false;
    const flaky: Pick<Store, 'acquireLease' | 'releaseLease'> = {
      acquireLease: (...args) => (broken ? Promise.reject(new Error('connection refused')) : real.acquireLease(...args)),
      releaseLease: (...args) => (broken ? Promise.reject(new Error('connection refused')) : real.releaseLease(...args)),
    };
    // A 6 s lease: renewed every 2 s, dropped 1 s before it could run out.
    const a = sharded(flaky, 'host:1:a', { now: () => new Date() }, 6_000);
    await a.start(new RecordingInbound());
    expect(sessionsOf(0) + sessionsOf(1)).toBe(2);

    broken = true;
    await waitFor('the gateway to stop', () => sessionsOf(0) + sessionsOf(1) === 0, 10_000);
    // Nobody else could have taken the shards yet: the leases had not run out.
    expect(await real.acquireLease(shardLeaseName(0, 2), 'host:2:b', new Date(), 6_000)).toBe(false);
    expect(await real.acquireLease(shardLeaseName(1, 2), 'host:2:b', new Date(), 6_000)).toBe(false);
    expect(a.shards().held).toEqual([]);

    // The store answers again, and the leases are free: A takes its shards back.
    broken = false;
    await waitFor('A to hold its shards again', () => a.shards().held.length === 2 && sessionsOf(0) + sessionsOf(1) === 2, 15_000);
  });
});
