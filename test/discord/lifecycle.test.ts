// Starting and stopping the gateway client.
import { expect, test } from 'vitest';
import { RecordingInbound, livePerTest, waitFor } from './helpers.js';

const live = livePerTest();

test('a refused token fails start with a clear error that does not contain the token', async () => {
  const { world, platform } = await live.setUp({ token: 'not-the-right-token-123456' });
  const error = await platform.start(new RecordingInbound()).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/DISCORD_TOKEN/) });
  expect(String((error as Error).message)).not.toContain('not-the-right-token-123456');
  expect(platform.ready()).toBe(false);
});

test('stop closes the gateway connection', async () => {
  const { world, platform } = await live.setUp();
  await platform.start(new RecordingInbound());
  expect(platform.ready()).toBe(true);
  expect(world.discord.gateway.connected()).toHaveLength(1);
  await platform.stop();
  expect(platform.ready()).toBe(false);
  await waitFor('the socket to close', () => world!.discord.gateway.connected().length === 0);
});
