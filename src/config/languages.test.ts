// The language settings of the config and the translations of a week file, as `check`
// reports them: every problem at its file:line:col.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_CONFIG, BASE_WEEK, insertAfter, setLine, writeTree, type Tree } from '../../test/fixtures/config/files.js';
import { formatProblem } from '../core/types.js';
import { checkAll } from './check.js';

const trees: Tree[] = [];
afterEach(async () => {
  await Promise.all(trees.splice(0).map((t) => rm(t.dir, { recursive: true, force: true })));
});

async function check(options: Parameters<typeof writeTree>[0]) {
  const t = await writeTree(options);
  trees.push(t);
  const result = await checkAll(t.config, t.prompts);
  const lines = result.problems.map((p) => formatProblem(p).replace(`${t.dir}/`, ''));
  return { ...result, lines, configLines: lines.filter((l) => l.startsWith('config/')) };
}

/** BASE_CONFIG with its Slack staff channel (line 21) in `language`. */
const staffIn = (language: string) => setLine(BASE_CONFIG, 21, `  - { platform: slack, id: "C0STAFF01", audience: staff, language: ${language} }`);

describe('language settings in the config', () => {
  it('reads the organisation, channel and report languages, and region names, in canonical spelling', async () => {
    let config = setLine(BASE_CONFIG, 24, '  - { platform: slack, id: "C0COORD01", language: PT-br }');
    config = insertAfter(staffIn('es'), 12, '    names: { es: América Latina, zh-hant: 拉丁美洲 }');
    config = setLine(config, 25, '  - { platform: slack, id: "C0COORD01", language: PT-br }');
    config = insertAfter(config, 1, 'language: en');
    const { config: value, configLines } = await check({ config });
    expect(configLines).toEqual([]);
    expect(value?.language).toBe('en');
    expect(value?.channels.map((c) => c.language)).toEqual(['es', 'en']);
    expect(value?.staffReport[0]?.language).toBe('pt-BR');
    expect(value?.regions[1]?.names).toEqual({ es: 'América Latina', 'zh-Hant': '拉丁美洲' });
    expect(value?.regions[0]).toEqual({ id: 'africa-europe', name: 'Africa & Europe', aliases: [] });
  });

  it('reports a language that is not a BCP 47 tag at its value, and names it when it is a language name', async () => {
    const { lines } = await check({ config: staffIn('es_MX') });
    expect(lines).toEqual([
      'config/prayerbot.yaml:21:68: "es_MX" is not a BCP 47 language tag; tags use "-", not "_" ("es-MX"); write one such as "en", "es", "pt-BR" or "zh-Hant"',
    ]);
    const named = await check({ config: insertAfter(BASE_CONFIG, 1, 'language: Español!') });
    expect(named.lines).toEqual([
      'config/prayerbot.yaml:2:11: "Español!" is not a BCP 47 language tag (use "es"); write one such as "en", "es", "pt-BR" or "zh-Hant"',
    ]);
  });

  it('warns when the bot has no messages in a language: it writes English there', async () => {
    const { config, configLines } = await check({ config: insertAfter(staffIn('spanish'), 1, 'language: ca') });
    expect(config).toBeDefined();
    expect(configLines).toEqual([
      'config/prayerbot.yaml:2:11: warning: the bot has no messages in "ca": what it writes there is in English (it has en, es, pt, fr, de, nl, ko, zh-Hant); region names and week translations for "ca" are still used',
      'config/prayerbot.yaml:22:68: warning: the bot has no messages in "spanish" (use "es"): what it writes there is in English (it has en, es, pt, fr, de, nl, ko, zh-Hant); region names and week translations for "spanish" are still used',
    ]);
  });

  it('reports a bad tag in regions[].names at the key, and a translated name that names another region', async () => {
    const { lines } = await check({ config: insertAfter(BASE_CONFIG, 12, '    names: { es_419: América Latina, fr: South Asia }') });
    expect(lines).toEqual([
      'config/prayerbot.yaml:13:14: names: "es_419" is not a BCP 47 language tag; tags use "-", not "_" ("es-419"); write one such as "en", "es", "pt-BR" or "zh-Hant"',
      'config/prayerbot.yaml:13:42: "South Asia" already names region "south-asia": /pray could not tell them apart',
    ]);
  });
});

describe('translations in a week file', () => {
  const translatedWeek = insertAfter(
    insertAfter(BASE_WEEK, 4, '  translations:', '    ES: { text: "Aprendan a hacer el bien; busquen la justicia.", reference: Isaías 1:17 }'),
    10,
    '    translations:',
    '      es:',
    '        text: |',
    '          Oren por los equipos que preparan una jornada de formación ficticia.',
  );

  it('reads the verse and request translations, trimmed, under canonical tags', async () => {
    const { weeks, lines } = await check({ config: staffIn('es'), weeks: { '2026-10-12.yaml': translatedWeek } });
    expect(lines).toEqual([]);
    expect(weeks[0]?.verse.translations).toEqual({ es: { text: 'Aprendan a hacer el bien; busquen la justicia.', reference: 'Isaías 1:17' } });
    expect(weeks[0]?.requests[0]?.translations).toEqual({ es: { text: 'Oren por los equipos que preparan una jornada de formación ficticia.' } });
    expect(weeks[0]?.requests[1]?.translations).toBeUndefined();
  });

  it('holds every translation to 2,800 characters, reported at its text', async () => {
    const long = insertAfter(BASE_WEEK, 11, '    translations:', '      es:', `        text: "${'palabra '.repeat(351).trim()}"`);
    const { lines } = await check({ weeks: { '2026-10-12.yaml': long } });
    expect(lines).toEqual([
      'prompts/2026-10-12.yaml:14:15: "text" is 2,807 characters; a translation holds at most 2,800, like the request, so it fits one post section: shorten it',
    ]);
  });

  it('reports a bad translation tag at the key, and points out a translation without the title the original has', async () => {
    const week = insertAfter(setLine(BASE_WEEK, 9, '  - region: latin-america', '    title: Training'), 12, '    translations:', '      es_MX: { text: Oren por los investigadores. }', '      de: { text: Beten Sie für die Ermittler. }');
    const { lines } = await check({ weeks: { '2026-10-12.yaml': week } });
    expect(lines).toEqual([
      'prompts/2026-10-12.yaml:14:7: translations: "es_MX" is not a BCP 47 language tag; tags use "-", not "_" ("es-MX"); write one such as "en", "es", "pt-BR" or "zh-Hant"',
      'prompts/2026-10-12.yaml:15:7: warning: the "de" translation has no "title": "de" channels show the original title "Training" above it',
    ]);
  });

  it("warns at the verse when a channel's language is missing from a week, and not once the week gives it", async () => {
    const missing = await check({ config: staffIn('es') });
    expect(missing.lines).toEqual([
      'prompts/2026-10-12.yaml:3:3: warning: nothing in this week is translated into es (Spanish): slack C0STAFF01 (language es) will show the verse and all 3 of its requests in the original; add translations.es (see docs/week-file.md) or leave it so',
    ]);
    // A volunteers channel counts only the requests it would carry (here the one for everyone).
    const volunteers = await check({ config: setLine(BASE_CONFIG, 22, '  - { platform: discord, id: "112233445566778899", audience: volunteers, language: zh-TW }') });
    expect(volunteers.lines).toEqual([
      'prompts/2026-10-12.yaml:3:3: warning: nothing in this week is translated into zh-TW (Chinese (Taiwan)): discord 112233445566778899 (language zh-TW) will show the verse and its request in the original; add translations.zh-TW (see docs/week-file.md) or leave it so',
    ]);
    const partly = await check({ config: staffIn('es'), weeks: { '2026-10-12.yaml': translatedWeek } });
    expect(partly.lines).toEqual([]);
    // A channel in the organisation's own language (en-GB reads en) needs nothing.
    expect((await check({ config: staffIn('en-GB') })).lines).toEqual([]);
  });
});
