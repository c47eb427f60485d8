// The fan-out baseline: a bare @discordjs/rest loop making the same 2,000 calls as a day's
// post to 1,000 channels (create a message, then add 🙏 to it), every channel side by side,
// in its own process. Prints `{"startedAt":ms,"failed":n}` (wall clock) when done.
//
//   node --import tsx bench/fanout-baseline.ts '<json { apiUrl, token, channelIds }>'
// discord.js re-exports @discordjs/rest's REST and the API routes: the same client, no Client.
import { REST, Routes, type APIMessage } from 'discord.js';

const { apiUrl, token, channelIds } = JSON.parse(process.argv[2]!) as { apiUrl: string; token: string; channelIds: string[] };
const rest = new REST({ api: apiUrl, version: '10' }).setToken(token);
const body = {
  content: "Today's prayer: Latin America",
  embeds: [
    { title: 'Prayer for today', description: 'Please pray for the Latin America team as they meet partners this week, and for wisdom in every conversation.' },
    { description: '*Seek justice, defend the oppressed.*\n— Isaiah 1:17', footer: { text: 'React 🙏 when you have prayed.' } },
  ],
  allowed_mentions: { parse: [] },
};
let failed = 0;
const startedAt = Date.now();
await Promise.all(
  channelIds.map(async (id) => {
    try {
      const message = (await rest.post(Routes.channelMessages(id), { body })) as APIMessage;
      await rest.put(Routes.channelMessageOwnReaction(id, message.id, encodeURIComponent('🙏')));
    } catch (error) {
      failed += 1;
      process.stderr.write(`  baseline: ${id} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }),
);
process.stdout.write(`${JSON.stringify({ startedAt, failed })}\n`);
process.exit(0);
