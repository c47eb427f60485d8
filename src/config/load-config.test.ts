import { describe, expect, it } from 'vitest';
import { baseConfigRead } from '../../test/fixtures/config/base-read.js';
import { BASE_CONFIG, configLoaderPerTest, insertAfter, setLine } from '../../test/fixtures/config/files.js';
import { formatProblem } from '../core/types.js';
import { loadConfig } from './load-config.js';

const load = configLoaderPerTest();

describe('loadConfig', () => {
  it('reads a valid config into camelCase fields with the documented defaults', async () => {
    const { value, problems } = await load(BASE_CONFIG);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ ...baseConfigRead(), skip: ['2026-12-25'] });
    expect(value?.regions[0]).toEqual({ id: 'africa-europe', name: 'Africa & Europe', aliases: [] });
    expect(value?.regions[1]?.aliases).toEqual(['latam']);
  });

  it('puts the "I prayed" button only on channels that ask for it, and reports a value that is not true or false', async () => {
    const { value, problems } = await load(setLine(BASE_CONFIG, 21, '  - { platform: slack, id: "C0STAFF01", audience: staff, prayed_button: true }'));
    expect(problems).toEqual([]);
    expect(value?.channels.map((c) => c.prayedButton === true)).toEqual([true, false]);

    const { value: bad, lines } = await load(setLine(BASE_CONFIG, 21, '  - { platform: slack, id: "C0STAFF01", audience: staff, prayed_button: "yes" }'));
    expect(bad).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^config\/prayerbot\.yaml:21:\d+: .*prayed_button|boolean/);
  });

  it('reports an unknown time zone at its value, with the closest real one', async () => {
    const { value, lines } = await load(setLine(BASE_CONFIG, 1, 'timezone: America/New_Yrok'));
    expect(value).toBeUndefined();
    expect(lines).toEqual([
      'config/prayerbot.yaml:1:11: unknown time zone "America/New_Yrok" (did you mean "America/New_York"?); use an IANA name such as "America/New_York"',
    ]);
  });

  it('reports a reaction other than the one both platforms map', async () => {
    const { value, lines } = await load(insertAfter(BASE_CONFIG, 1, 'reaction: thumbsup'));
    expect(value).toBeUndefined();
    expect(lines).toEqual(['config/prayerbot.yaml:2:11: reaction must be "pray" (Slack :pray:, Discord 🙏, every skin tone); no other reaction is supported']);
  });

  it('reports a cron with a missing field', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 3, '  post: "0 9 * *"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^config\/prayerbot\.yaml:3:9: "0 9 \* \*" has 4 fields; a cron has 5/);
  });

  it('reports a cron with an out-of-range value', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 4, '  digest: "0 25 * * 5"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^config\/prayerbot\.yaml:4:11: "0 25 \* \* 5" is not a valid cron: /);
  });

  it('reports an impossible skip date with the length of the month', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 5, 'skip: [2026-12-25, 2026-02-30]'));
    expect(lines).toEqual(['config/prayerbot.yaml:5:20: 2026-02-30 is not a real date: February 2026 has 28 days']);
  });

  it('reports an unknown field at its key with a did-you-mean', async () => {
    const { lines } = await load(insertAfter(BASE_CONFIG, 18, 'retention_dayz: 10'));
    expect(lines).toEqual(['config/prayerbot.yaml:19:1: unknown field "retention_dayz" (did you mean "retention_days"?)']);
  });

  it('reports a channel id written as a number and says how to quote it', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 22, '  - { platform: discord, id: 112233445566778899, audience: volunteers }'));
    expect(lines).toEqual([
      'config/prayerbot.yaml:22:30: an id written as a number loses digits (this one reads as 112233445566778900); quote it: id: "112233445566778899"',
    ]);
  });

  it('names the field of each problem: channels[1].id, staff.slack_users[0], the missing field', async () => {
    const text = setLine(setLine(setLine(BASE_CONFIG, 26, '  slack_users: ["coordinator"]'), 22, '  - { platform: discord, id: 112233445566778899, audience: volunteers }'), 4);
    const { problems } = await load(text);
    expect(problems.map((p) => [`${p.line}:${p.col}`, p.path])).toEqual([
      ['3:3', 'schedule.digest'],
      ['21:30', 'channels[1].id'],
      ['25:17', 'staff.slack_users[0]'],
    ]);
  });

  it('reports a channel without an audience at the channel', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 21, '  - { platform: slack, id: "C0STAFF01" }'));
    expect(lines).toEqual(['config/prayerbot.yaml:21:5: missing "audience": staff or volunteers']);
  });

  it('reports a channel without a platform', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 21, '  - { id: "C0STAFF01", audience: staff }'));
    expect(lines).toEqual(['config/prayerbot.yaml:21:5: missing "platform": slack, discord or console']);
  });

  it('reports a bad enum value with the allowed ones', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 19, 'retire: edti'));
    expect(lines).toEqual(['config/prayerbot.yaml:19:9: "retire" must be delete or edit, not "edti" (did you mean "edit"?)']);
  });

  it('reports a rotation entry that is not a region id, suggesting the id for an alias', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 6, 'rotation: [africa-europe, latam, south-asia, asia-pacifc, global-office]'));
    expect(lines).toEqual([
      'config/prayerbot.yaml:6:27: rotation names "latam", which is not a region id (use the region id "latin-america")',
      'config/prayerbot.yaml:6:46: rotation names "asia-pacifc", which is not a region id (did you mean "asia-pacific"?)',
      'config/prayerbot.yaml:10:9: warning: region "latin-america" is not in the rotation: its undated requests join the last posting day of the week',
      'config/prayerbot.yaml:15:9: warning: region "asia-pacific" is not in the rotation: its undated requests join the last posting day of the week',
    ]);
  });

  it('keeps the value when there are only warnings', async () => {
    const { value, lines } = await load(setLine(BASE_CONFIG, 6, 'rotation: [africa-europe, latin-america, south-asia, asia-pacific]'));
    expect(lines).toEqual([
      'config/prayerbot.yaml:17:9: warning: region "global-office" is not in the rotation: its undated requests join the last posting day of the week',
    ]);
    expect(value?.rotation).toEqual(['africa-europe', 'latin-america', 'south-asia', 'asia-pacific']);
  });

  it('reports a missing required field at the map that should hold it', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 4));
    expect(lines).toEqual(['config/prayerbot.yaml:3:3: missing "digest"']);
  });

  it('reports a name or alias that names two regions', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 12, '    aliases: [latam, "south asia"]'));
    expect(lines).toEqual(['config/prayerbot.yaml:12:22: "south asia" already names region "south-asia": /pray could not tell them apart']);
  });

  it('reports a Slack channel written by name instead of id', async () => {
    const { lines } = await load(setLine(BASE_CONFIG, 24, '  - { platform: slack, id: "#coordinators" }'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^config\/prayerbot\.yaml:24:28: "#coordinators" is not a Slack channel id/);
  });

  it('defaults discord_viewer_roles to discord_roles, but keeps its own when given', async () => {
    const { value } = await load(insertAfter(BASE_CONFIG, 27, '  discord_viewer_roles: ["111111111111111111"]'));
    expect(value?.staff.discordViewerRoles).toEqual(['111111111111111111']);
  });

  it('reports a number where text is expected, and a count out of range, in one run', async () => {
    const text = insertAfter(setLine(BASE_CONFIG, 9, '    name: 2026'), 4, '  catch_up_hours: -1');
    const { lines } = await load(text);
    expect(lines).toEqual([
      'config/prayerbot.yaml:5:19: "catch_up_hours" must be at least 0, not -1',
      'config/prayerbot.yaml:10:11: "name" must be text, not a number; quote it: name: "2026"',
    ]);
  });

  it('says so when the file is missing', async () => {
    const loaded = await loadConfig('/nonexistent/prayerbot.yaml');
    expect(loaded.problems.map(formatProblem)).toEqual([
      '/nonexistent/prayerbot.yaml:1:1: file not found (name another with --config FILE)',
    ]);
  });
});
