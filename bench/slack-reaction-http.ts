// slack_reaction_http_per_s: signed `reaction_added` events over HTTP to the bot's Slack
// receiver (built CLI, Slack HTTP mode, fake Web API), each one durable before its "200"
// (processBeforeResponse: the listener's write is committed first). 50 concurrent, the client
// in its own process; the figure is timed events per second. Afterwards the bot's SQLite file
// must hold every event id it acknowledged.
import Database from 'better-sqlite3';
import { runLoadClient } from './lib/children.js';
import { round, runMain, say, type MeasureReport } from './lib/report.js';
import { STAFF_CHANNEL, startSlackBot } from './lib/slack-bot.js';

const CONCURRENCY = 50;
const WARMUP = 500;
const COUNT = 10_000;
const TIME_LIMIT_MS = 60_000;

runMain(async (): Promise<MeasureReport[]> => {
  const bot = await startSlackBot();
  let stopped = false;
  try {
    const r = await runLoadClient({
      url: bot.eventsUrl,
      signingSecret: bot.slack.signingSecret,
      kind: 'reaction',
      concurrency: CONCURRENCY,
      warmup: WARMUP,
      count: COUNT,
      timeLimitMs: TIME_LIMIT_MS,
      channelId: STAFF_CHANNEL,
      messageTs: bot.postTs,
    });
    say(`reactions: ${Math.round(r.rate)}/s, p50 ${round(r.p50)} ms, p99 ${round(r.p99)} ms, ${r.timed} timed, ${r.failures} failed`);
    if (r.failures > 0) throw new Error(`${r.failures} events failed, e.g. ${r.failureSamples.join(' | ')}`);
    await bot.bot.stop();
    stopped = true;
    const db = new Database(bot.database, { readonly: true });
    // Each acknowledged event is one person's 🙏: its reaction row carries the event's id.
    const events = (db.prepare('SELECT count(*) AS n FROM reactions WHERE last_event_id IS NOT NULL').get() as { n: number }).n;
    const held = (db.prepare('SELECT count(DISTINCT person_hash) AS n FROM reactions WHERE present = 1').get() as { n: number }).n;
    db.close();
    say(`on disk: ${events} event ids, ${held} people holding 🙏`);
    if (events !== r.sent - r.failures) throw new Error(`${r.sent - r.failures} events acknowledged but ${events} event ids on disk`);
    const notes = [`${r.timed} events after ${WARMUP} warm-up, ${CONCURRENCY} concurrent; p50 ${round(r.p50)} ms, p99 ${round(r.p99)} ms; every acknowledged event id found in the SQLite file`];
    if (r.timed < COUNT) notes.push(`stopped by the ${TIME_LIMIT_MS / 1000} s limit`);
    return [
      {
        name: 'slack_reaction_http_per_s',
        measure: { value: Math.round(r.rate), unit: 'events/s', goal: 'report', baseline: null },
        pass: null,
        notes,
      },
    ];
  } finally {
    if (!stopped) await bot.bot.stop();
    await bot.stop();
  }
});
