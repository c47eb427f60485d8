// A week saved on the coordinator page of one replica reaches the others: the saving replica
// uses it at once, another within its sweep (here every second), and the save counts as the
// newest plan, so no replica is told it runs an outdated plan. One replica runs in this
// process (startBot, to save through its coordinator side), the other as `prayerbot run`.
import { afterEach, describe, expect, it } from 'vitest';
import { saveWeekText } from '../../src/core/coordinator/save-week.js';
import { mondayOf, todayIn } from '../../src/core/time.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { createSlackSigner } from '../fakes/slack-signer.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { configYaml, tempProject, weekYaml, type Project } from '../e2e/project.js';
import { freshSchema, startReplica, waitFor, type Replica, type Schema } from './replicas.js';

const SECRET = 'saved-week-signing-secret-not-real';
const COORD = 'C0COORD01';

let slack: FakeSlack | undefined;
let db: Schema | undefined;
let project: Project | undefined;
let inProcess: RunningBot | undefined;
let child: Replica | undefined;

afterEach(async () => {
  await child?.kill();
  await inProcess?.stop();
  await slack?.stop();
  await db?.drop();
  project?.remove();
  slack = db = project = inProcess = child = undefined;
});

describe('a week saved on one replica', () => {
  it('is used by the saving replica at once and by another within its sweep, as the newest plan', async () => {
    slack = await startFakeSlack({ signingSecret: SECRET, channels: [{ id: 'C0STAFF01' }, { id: COORD }] });
    db = await freshSchema('pb_saved');
    project = tempProject(
      configYaml({ timezone: 'UTC', post: '0 0 * * 1-5', catchUp: 1, channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: `  - { platform: slack, id: "${COORD}" }` }),
    );
    const week = mondayOf(todayIn('UTC', new Date()));
    const fromFile = 'Pray for the latin-america team (from the file)';
    const fromPage = 'Pray for the latin-america team (saved on the page)';
    project.writeWeek(week, weekYaml(week).replace('Pray for the latin-america team', fromFile));

    inProcess = await startBot({
      configPath: project.configPath,
      promptsDir: project.promptsDir,
      env: { slack: { botToken: slack.botToken, signingSecret: SECRET, apiUrl: slack.url }, databaseUrl: db.url, port: 0, logLevel: 'silent' },
      secrets: [slack.botToken, SECRET],
    });
    child = startReplica({ project, slack, secret: SECRET, databaseUrl: db.url, env: { PRAYERBOT_SWEEP_SECONDS: '1' } });
    await child.ready;
    const other = createSlackSigner({ url: `http://127.0.0.1:${child.port()}/slack/events`, signingSecret: SECRET });
    const askOther = async () => JSON.stringify((await other.command({ command: '/pray', text: 'latam', user_id: 'U0VOL1', channel_id: 'C0STAFF01' })).json);
    expect(await askOther()).toContain(fromFile);

    const { coordinator } = inProcess;
    const result = await saveWeekText({
      store: coordinator.store,
      clock: coordinator.clock,
      config: coordinator.plan().config,
      yaml: weekYaml(week).replace('Pray for the latin-america team', fromPage),
      actor: 'slack:U0COORD1',
      weeks: coordinator.weeks,
    });
    expect(result).toMatchObject({ saved: { week, version: 1 } });
    // At once in the process that saved it.
    expect(inProcess.bot.ctx.plan().weeks.flatMap((w) => w.requests).some((r) => r.text.startsWith(fromPage))).toBe(true);

    // Within the other replica's sweep.
    await waitFor('the other replica to use the saved week', async () => (await askOther()).includes(fromPage), 20_000);
    expect(child.output()).toContain('plan reloaded');
    // Both now record the same plan, and nobody was told a replica runs an older plan.
    await waitFor('both replicas to record the saved plan', async () => new Set((await db!.query<{ hash: string }>('SELECT hash FROM plan_hashes')).map((r) => r.hash)).size === 1);
    expect((await db.query('SELECT owner FROM plan_hashes')).length).toBe(2);
    expect(slack.messages(COORD).filter((m) => m.text.includes('older plan'))).toEqual([]);
  });
});
