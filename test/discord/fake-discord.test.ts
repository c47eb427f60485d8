// The fake Discord itself behaves like Discord where benchmarks and other tests rely on it:
// the global token bucket, rate-limit headers, 204s, auth, and Create Message validation.
import { REST, Routes } from 'discord.js';
import { afterEach, expect, test } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-rest.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function raw(path: string, init: RequestInit & { auth?: boolean } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.auth !== false) headers.authorization = `Bot ${fake!.state.token}`;
  return fetch(`${fake!.apiUrl}/v10${path}`, { ...init, headers });
}

test('a global token bucket answers 429 global with Retry-After; a real REST client still delivers every message once', async () => {
  fake = await startFakeDiscord({ globalRate: { perSecond: 20, burst: 20 } });
  const g = fake.state.addGuild();
  const channels = Array.from({ length: 30 }, (_, i) => fake!.state.addChannel(g.id, { name: `c${i}` }));
  // The client's own limiter allows 50/s, more than the fake's 20/s: the fake must push back.
  const rest = new REST({ api: fake.apiUrl, timeout: 5_000 }).setToken(fake.state.token);
  await Promise.all(channels.map((c) => rest.post(Routes.channelMessages(c.id), { body: { content: 'hello' } })));
  expect(fake.rateLimited.global).toBeGreaterThan(0);
  expect(channels.every((c) => fake!.state.messages(c.id).length === 1)).toBe(true);
  const limited = fake.calls.find((c) => c.status === 429);
  expect(limited).toBeDefined();
});

test('answers carry rate-limit headers; a 204 has no content-type; a bad token is 401', async () => {
  fake = await startFakeDiscord();
  const g = fake.state.addGuild();
  const c = fake.state.addChannel(g.id, { name: 'prayer' });
  const created = await raw(`/channels/${c.id}/messages`, { method: 'POST', body: JSON.stringify({ content: 'x' }) });
  expect(created.status).toBe(200);
  for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-bucket']) {
    expect(created.headers.get(h)).not.toBeNull();
  }
  const { id } = (await created.json()) as { id: string };
  const deleted = await raw(`/channels/${c.id}/messages/${id}`, { method: 'DELETE' });
  expect(deleted.status).toBe(204);
  expect(deleted.headers.get('content-type')).toBeNull();
  expect((await raw('/users/@me', { auth: false })).status).toBe(401);
});

test('Create Message enforces Discord’s limits and the nonce rules', async () => {
  fake = await startFakeDiscord();
  const g = fake.state.addGuild();
  const c = fake.state.addChannel(g.id, { name: 'prayer' });
  const post = (body: unknown) => raw(`/channels/${c.id}/messages`, { method: 'POST', body: JSON.stringify(body) });
  expect((await post({ embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) })).status).toBe(400);
  expect((await post({ embeds: [{ description: 'x'.repeat(4_000) }, { description: 'x'.repeat(2_001) }] })).status).toBe(400);
  expect((await post({ content: 'x', nonce: 'n'.repeat(26) })).status).toBe(400);
  expect((await post({})).status).toBe(400);

  const first = (await (await post({ content: 'a', nonce: 'same', enforce_nonce: true })).json()) as { id: string; nonce: string };
  const again = (await (await post({ content: 'a', nonce: 'same', enforce_nonce: true })).json()) as { id: string };
  const loose = (await (await post({ content: 'a', nonce: 'same' })).json()) as { id: string };
  expect(first.nonce).toBe('same');
  expect(again.id).toBe(first.id);
  expect(loose.id).not.toBe(first.id);
  // Listing never shows the nonce, as on Discord.
  const listed = (await (await raw(`/channels/${c.id}/messages`)).json()) as Array<{ nonce?: string }>;
  expect(listed.every((m) => m.nonce === undefined)).toBe(true);
});
