// Starting and stopping the gateway client.
import { afterEach, expect, test } from 'vitest';
import type { DiscordPlatform } from '../../src/platforms/discord/index.js';
import { RecordingInbound, platformFor, startWorld, waitFor, type World } from './helpers.js';

let world: World | undefined;
let platform: DiscordPlatform | undefined;
afterEach(async () => {
  await platform?.stop();
  await world?.discord.stop();
  platform = undefined;
  world = undefined;
});

test('a refused token fails start with a clear error that does not contain the token', async () => {
  world = await startWorld();
  platform = platformFor(world, { token: 'not-the-right-token-123456' });
  const error = await platform.start(new RecordingInbound()).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/DISCORD_TOKEN/) });
  expect(String((error as Error).message)).not.toContain('not-the-right-token-123456');
  expect(platform.ready()).toBe(false);
});

test('stop closes the gateway connection', async () => {
  world = await startWorld();
  platform = platformFor(world);
  await platform.start(new RecordingInbound());
  expect(platform.ready()).toBe(true);
  expect(world.discord.gateway.connected()).toHaveLength(1);
  await platform.stop();
  expect(platform.ready()).toBe(false);
  await waitFor('the socket to close', () => world!.discord.gateway.connected().length === 0);
});
