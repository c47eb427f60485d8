// One-shot commands (post, retire, retract, doctor) talk REST only: they never open a Discord
// gateway session or a Slack Socket Mode connection, so a running bot's shards and sockets are
// never disturbed — yet they post and take posts down. The real commands run in-process
// against the fake Discord and the fake Slack.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor.js';
import { postCommand } from '../../src/cli/post.js';
import { retireCommand } from '../../src/cli/retire.js';
import { retractCommand } from '../../src/cli/retract.js';
import { mondayOf, todayIn } from '../../src/core/time.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-rest.js';
import { P, overwrite } from '../fakes/discord-state.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { configYaml, tempProject, weekYaml, type Project } from './project.js';

const ENV_NAMES = ['DISCORD_TOKEN', 'DISCORD_API_URL', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'DATABASE_URL', 'LOG_LEVEL'];
const saved = new Map(ENV_NAMES.map((n) => [n, process.env[n]]));

let discord: FakeDiscord | undefined;
let slack: FakeSlack | undefined;
let project: Project | undefined;

let printed: string[] = [];
beforeAll(() => {
  // The commands print what they did: kept here, out of the test output.
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
});
afterAll(() => {
  vi.restoreAllMocks();
});
afterEach(async () => {
  printed = [];
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await discord?.stop();
  await slack?.stop();
  project?.remove();
  discord = undefined;
  slack = undefined;
  project = undefined;
});

/** Today (UTC) has a dated request, so `post --date today` has something to send. */
function projectFor(channels: string, staffReport: string, staff?: string): { p: Project; today: string; monday: string } {
  const today = todayIn('UTC', new Date());
  const monday = mondayOf(today);
  const p = tempProject(configYaml({ timezone: 'UTC', post: '0 0 * * *', channels, staffReport, ...(staff ? { staff } : {}) }));
  p.writeWeek(monday, weekYaml(monday, `  - region: latin-america\n    id: today\n    text: Pray for the families at the hearing today.\n    date: ${today}\n`));
  return { p, today, monday };
}

describe('one-shot commands stay off the gateway', () => {
  it('Discord: post, retract, retire and doctor post and take down over REST, with no gateway connection', async () => {
    discord = await startFakeDiscord();
    const { state } = discord;
    const guild = state.addGuild({ name: 'Fictional Fellowship' });
    const staffRole = state.addRole(guild.id, { name: 'Staff' });
    const channel = state.addChannel(guild.id, {
      name: 'staff-prayer',
      overwrites: [overwrite(guild.id, 'role', 0n, P.ViewChannel), overwrite(staffRole.id, 'role', P.ViewChannel), overwrite(state.botRole(guild.id).id, 'role', P.ViewChannel)],
    }).id;
    const { p, today, monday } = projectFor(`  - { platform: discord, id: "${channel}", audience: staff }`, `  - { platform: discord, id: "${channel}" }`, `  discord_roles: ["${staffRole.id}"]`);
    project = p;
    Object.assign(process.env, { DISCORD_TOKEN: state.token, DISCORD_API_URL: discord.apiUrl, DATABASE_URL: `sqlite:${p.dbPath}`, LOG_LEVEL: 'silent' });
    const globals = { config: p.configPath, prompts: p.promptsDir };
    const posts = () => state.messages(channel).filter((m) => (m.embeds?.length ?? 0) > 0);

    expect(await postCommand(globals, { date: today })).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(posts()[0]!.embeds)).toContain('hearing today');

    expect(await retractCommand(globals, { week: monday })).toBe(0);
    expect(posts()).toHaveLength(0);
    expect(await retireCommand(globals, {})).toBe(0);
    await doctorCommand(globals);

    expect(discord.gateway.identifies).toEqual([]);
    expect(discord.gateway.opened).toBe(0);
  });

  it('Slack in Socket Mode: post and retract open no socket', async () => {
    slack = await startFakeSlack();
    const { p, today, monday } = projectFor('  - { platform: slack, id: "C0STAFF01", audience: staff }', '  - { platform: slack, id: "C0COORD01" }');
    project = p;
    Object.assign(process.env, { SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.url, DATABASE_URL: `sqlite:${p.dbPath}`, LOG_LEVEL: 'silent' });
    const globals = { config: p.configPath, prompts: p.promptsDir };

    expect(await postCommand(globals, { date: today })).toBe(0);
    expect(slack.messages('C0STAFF01')).toHaveLength(1);
    expect(await retractCommand(globals, { week: monday })).toBe(0);
    expect(slack.messages('C0STAFF01')).toHaveLength(0);
    expect(slack.callsTo('apps.connections.open')).toEqual([]);
  });
});

describe('doctor and the staff-channel rules', () => {
  it('names a staff_report channel that reports will not reach, and why', async () => {
    slack = await startFakeSlack({ channels: [{ id: 'C0STAFF01' }, { id: 'C0COORD01' }, { id: 'C0COORD02', isExtShared: true }] });
    const { p } = projectFor('  - { platform: slack, id: "C0STAFF01", audience: staff }', '  - { platform: slack, id: "C0COORD01" }\n  - { platform: slack, id: "C0COORD02" }');
    project = p;
    Object.assign(process.env, { SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.url, DATABASE_URL: `sqlite:${p.dbPath}`, LOG_LEVEL: 'silent' });
    expect(await doctorCommand({ config: p.configPath, prompts: p.promptsDir })).toBe(1);
    const out = printed.join('\n');
    expect(out).toContain('✓ slack:C0COORD01: staff reports allowed');
    expect(out).toContain('✗ slack:C0COORD02: staff_report channel refused — digests and alerts are not sent there: the channel is shared with another organisation');
    expect(out).toContain('✓ slack:C0STAFF01: posts allowed (staff)');
  });
});
