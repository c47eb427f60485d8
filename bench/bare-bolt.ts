// The /pray baseline: a bare Bolt app — HTTPReceiver with processBeforeResponse, one slash
// command listener acking a constant text — in its own process. Prints `{"port":N}` once
// listening; stops on SIGTERM.
//
//   node --import tsx bench/bare-bolt.ts <signing secret>
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const signingSecret = process.argv[2];
if (!signingSecret) throw new Error('usage: bare-bolt.ts <signing secret>');

const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', processBeforeResponse: true });
// Token and bot ids given: Bolt makes no Web API call at start or per request.
const app = new App({ token: 'xoxb-bench-baseline', botId: 'B0BASE', botUserId: 'U0BASE', receiver, logLevel: LogLevel.ERROR });
app.command('/pray', async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: 'Prayer for today: a constant answer from a bare Bolt app.' });
});
const server = await receiver.start({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => {
  void receiver.stop().finally(() => process.exit(0));
});
