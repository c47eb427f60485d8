// The privacy guard beyond the daily post, end to end on Slack (startBot, the real Bolt app,
// the fake Web API): /pray in a staff channel that is no longer private, staff reports to a
// report channel made public, and a send by hand after a channel was made public.
import { describe, expect, it } from 'vitest';
import { NOT_PRIVATE_NOTE, UNCHECKED_NOTE } from '../../src/core/pray-privacy.js';
import { startFakeSlack } from '../fakes/slack-api.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { FOR_EVERYONE, SLACK_SECRET, STAFF_ONLY, startSlackBot, weekWithEveryoneRequest, worldPerTest, type SlackWorld } from './bots.js';
import { configYaml, tempProject } from './project.js';

const WEEK = '2026-10-12';

const keep = worldPerTest<SlackWorld>((w) => w.slack);

async function start(at: string): Promise<SlackWorld> {
  const clock = new FakeClock(new Date(at));
  const slack = await startFakeSlack({ now: () => clock.now().getTime(), signingSecret: SLACK_SECRET, channels: [{ id: 'C0STAFF01' }, { id: 'C0COORD01' }, { id: 'C0COORD02' }] });
  const project = tempProject(
    configYaml({
      channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }',
      staffReport: '  - { platform: slack, id: "C0COORD01" }\n  - { platform: slack, id: "C0COORD02" }',
    }),
  );
  project.writeWeek(WEEK, weekWithEveryoneRequest(WEEK));
  return keep({ slack, clock, project, ...(await startSlackBot(slack, project, clock)) });
}

/** /pray in the staff channel, by a volunteer: the answer as Slack received it. */
async function pray(w: SlackWorld, text: string): Promise<string> {
  const answer = await w.signer.command({ command: '/pray', text, user_id: 'U0VOL1', channel_id: 'C0STAFF01' });
  expect(answer.status).toBe(200);
  return JSON.stringify(answer.json);
}

/** Ten minutes on, the minute sweep has checked the channel again. */
async function tenMinutesLater(w: SlackWorld): Promise<void> {
  w.clock.advance(10 * 60_000);
  await w.bot.bot.sweep();
  await w.bot.bot.ctx.inspections.get(w.bot.bot.ctx.platforms.get('slack')!, 'C0STAFF01');
}

describe('privacy, closed further, on Slack', () => {
  it('/pray in a staff channel made public, or shared outside, shows only everyone-requests, with a note', async () => {
    const w = await start('2026-10-13T13:00:30Z');
    expect(await pray(w, 'africa')).toContain(STAFF_ONLY); // private, checked at start

    w.slack.updateChannel('C0STAFF01', { isPrivate: false });
    await tenMinutesLater(w);
    const refused = await pray(w, 'africa');
    expect(refused).not.toContain(STAFF_ONLY);
    expect(refused).toContain(NOT_PRIVATE_NOTE);
    const region = await pray(w, 'latin america');
    expect(region).toContain(FOR_EVERYONE);
    expect(region).toContain(NOT_PRIVATE_NOTE);
    const week = await pray(w, 'week');
    expect(week).toContain('Latin America');
    expect(week).not.toContain('Africa');

    w.slack.updateChannel('C0STAFF01', { isPrivate: true, isExtShared: true });
    await tenMinutesLater(w);
    expect(await pray(w, 'africa')).not.toContain(STAFF_ONLY);
    const today = await pray(w, '');
    expect(today).toContain(FOR_EVERYONE);
    expect(today).toContain(NOT_PRIVATE_NOTE);
  });

  it('/pray with nothing checked answers as volunteers at once, even while Slack does not answer the check', async () => {
    const w = await start('2026-10-13T13:00:30Z');
    w.bot.bot.ctx.inspections.clear();
    w.slack.failNext('conversations.info', { kind: 'stall' });
    const answer = await pray(w, 'africa');
    expect(answer).not.toContain(STAFF_ONLY);
    expect(answer).toContain(UNCHECKED_NOTE);
    const region = await pray(w, 'latam');
    expect(region).toContain(FOR_EVERYONE);
    expect(w.slack.callsTo('conversations.info').filter((c) => c.answer === 'stalled')).toHaveLength(1);
  });

  it('a digest is not sent to a report channel made public; the other report channel is told, without the report', async () => {
    const w = await start('2026-10-13T13:00:30Z');
    w.slack.updateChannel('C0COORD01', { isPrivate: false });
    w.clock.set('2026-10-16T20:00:30Z');
    const before = w.slack.messages('C0COORD01').length;
    expect(await w.bot.bot.digest()).toBe(true);
    expect(w.slack.messages('C0COORD01')).toHaveLength(before);
    const other = w.slack.messages('C0COORD02').map((m) => m.text);
    expect(other.filter((t) => t.includes('Prayer tally for the week of 2026-10-12'))).toHaveLength(1);
    const notice = other.filter((t) => t.includes('slack:C0COORD01'));
    expect(notice).toHaveLength(1);
    expect(notice[0]).toContain('the channel is public');
    expect(notice[0]).not.toContain('Prayer tally');
  });

  it('`post --date` after the channel was made public is refused, though the cached facts said private', async () => {
    const w = await start('2026-10-13T13:00:30Z'); // Monday was more than 6 h late: skipped
    expect(w.slack.messages('C0STAFF01')).toHaveLength(1);
    w.slack.updateChannel('C0STAFF01', { isPrivate: false });
    w.clock.advance(60_000);
    const results = await w.bot.bot.postDay(WEEK, { manual: true });
    expect(results.map((r) => r.outcome)).toEqual(['refused']);
    expect(w.slack.messages('C0STAFF01')).toHaveLength(1);
  });
});
