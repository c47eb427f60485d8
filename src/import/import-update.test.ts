import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { sampleConfig } from '../../test/import/config.js';
import { withoutTranslations } from '../../test/import/without-translations.js';
import { checkAll } from '../config/check.js';
import { importUpdate, mondayOnOrAfter, type ImportOptions, type ImportResult } from './import-update.js';

// Fictional samples of the weekly update, kept in the repository so a clone tests on its own.
const SAMPLES = join(import.meta.dirname, '../../test/fixtures/samples');
const FIXTURES = join(import.meta.dirname, '../../test/import/fixtures');
const PROMPTS = join(import.meta.dirname, '../../prompts');
const CONFIG_FILE = join(import.meta.dirname, '../../config/prayerbot.yaml');
const config = sampleConfig();
const TODAY = '2026-11-25';

async function sample(monday: string): Promise<string> {
  return readFile(join(SAMPLES, `weekly-update-${monday}.txt`), 'utf8');
}

function run(text: string, options: Partial<ImportOptions> = {}): Extract<ImportResult, { ok: true }> {
  const result = importUpdate(text, config, { today: TODAY, ...options });
  if (!result.ok) throw new Error(`import failed: ${result.error.message}`);
  return result;
}

/** What a written week file holds, as a YAML reader sees it. */
interface WeekData {
  week: string;
  verse: { text: string; reference: string };
  requests: Array<{ region: string; id: string; text: string; date?: string; audience: string }>;
  notes?: string;
}
function weekData(yaml: string): WeekData {
  return load(yaml) as WeekData;
}

function messages(result: ImportResult): string[] {
  return result.warnings.map((w) => (w.line === undefined ? w.message : `${w.line}: ${w.message}`));
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** `prayerbot check` over the real config and a prompts folder holding just this file. */
async function check(yaml: string, week: string) {
  const dir = await mkdtemp(join(tmpdir(), 'prayerbot-import-'));
  dirs.push(dir);
  await writeFile(join(dir, `${week}.yaml`), yaml);
  return (await checkAll(CONFIG_FILE, dir)).problems;
}

describe('the two samples', () => {
  for (const monday of ['2026-10-12', '2026-11-16']) {
    it(`${monday} with --sent ${monday} gives exactly prompts/${monday}.yaml, which passes check`, async () => {
      const result = run(await sample(monday), { sent: monday });
      // The sample week as written by import: its Spanish translations were added by hand.
      expect(result.yaml).toBe(withoutTranslations(await readFile(join(PROMPTS, `${monday}.yaml`), 'utf8')));
      expect(await check(result.yaml, monday)).toEqual([]);
    });
  }

  it('2026-10-12: the dated paragraphs get their dates, the relative one rewritten and confirmed, the fact to notes', async () => {
    const result = run(await sample('2026-10-12'), { sent: '2026-10-12' });
    const file = weekData(result.yaml);
    expect(file.week).toBe('2026-10-12');
    expect(file.verse.reference).toBe('Micah 6:8');
    expect(file.verse.text).toMatch(/^He has shown you, O mortal, .* walk humbly with your God\.$/);
    expect(file.requests.map((r: { id: string; date?: string }) => [r.id, r.date ?? null])).toEqual([
      ['africa-europe-1', '2026-10-18'],
      ['latin-america-1', null],
      ['south-asia-1', null],
      ['asia-pacific-1', null],
      ['global-office-1', '2026-10-17'],
    ]);
    expect(file.requests.every((r: { audience: string }) => r.audience === 'staff')).toBe(true);
    expect(file.requests[4]!.text).toMatch(/^On Saturday, October 17, our partner offices host prayer walks/);
    expect(result.yaml).toContain('    # confirm: "This Saturday" read as Saturday, October 17\n    text: |');
    expect(file.notes).toBe(
      'global-office: The global office is located in the United States. Partner offices work in Australia, Canada, Germany, South Korea and the United Kingdom.\n',
    );
    expect(result.yaml).not.toMatch(/updates we share|refrain/);
    expect(messages(result)).toEqual([
      `12: asks for nothing (no "pray", "praise", "thank" or "ask"): kept in notes, not posted`,
      '13: "This Saturday" read as Saturday, October 17 (sent 2026-10-12): rewritten and dated 2026-10-17; confirm it',
    ]);
  });

  it("2026-11-16: a relative date on the region's own day is rewritten and confirmed but stays undated", async () => {
    const result = run(await sample('2026-11-16'), { sent: '2026-11-16' });
    const file = weekData(result.yaml);
    const southAsia = file.requests.find((r: { id: string }) => r.id === 'south-asia-1');
    expect(southAsia!.date).toBeUndefined();
    expect(southAsia!.text).toContain('meet district officials on Wednesday, November 18. Pray');
    expect(result.yaml).toContain(`# confirm: "on Wednesday" read as Wednesday, November 18 (the region's own day)`);
    const global = file.requests.find((r: { id: string }) => r.id === 'global-office-1');
    expect(global!.date).toBe('2026-11-17');
    expect(global!.text).toMatch(/^On Tuesday, November 17, our global office hosts/);
    expect(messages(result)).toEqual([
      `8: "on Wednesday" is Wednesday, November 18, South Asia's own day: left undated, as it goes out that day anyway`,
      '12: "Tomorrow" read as Tuesday, November 17 (sent 2026-11-16): rewritten and dated 2026-11-17; confirm it',
    ]);
  });

  it('without --sent the relative dates stay as written, undated, each with a warning', async () => {
    const result = run(await sample('2026-11-16'), { week: '2026-11-16' });
    const file = weekData(result.yaml);
    expect(file.requests.filter((r: { date?: string }) => r.date !== undefined)).toEqual([]);
    expect(file.requests[4]!.text).toMatch(/^Tomorrow our global office/);
    expect(result.yaml).toContain('# confirm: "Tomorrow" not read: no --sent date');
    expect(messages(result)).toEqual([
      '8: "on Wednesday" is relative: give --sent DATE to read it; left as written and undated',
      '12: "Tomorrow" is relative: give --sent DATE to read it; left as written and undated',
    ]);
    expect(await check(result.yaml, '2026-11-16')).toEqual([]);
  });
});

describe('fictional variants', () => {
  const cases = [
    { name: 'variant-crlf-2026-10-19', options: { sent: '2026-10-16' } },
    { name: 'variant-plain-2026-11-16', options: { week: '2026-11-16' } },
  ];
  for (const { name, options } of cases) {
    it(`${name} gives its expected week file, which passes check`, async () => {
      const result = run(await readFile(join(FIXTURES, `${name}.txt`), 'utf8'), options);
      expect(result.yaml).toBe(await readFile(join(FIXTURES, `${name}.expected.yaml`), 'utf8'));
      const problems = await check(result.yaml, result.week.week);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    });
  }

  it('CRLF, an em-dash reference, "LatAm", "India", "Southeast Asia", wrapped lines, dates in and out of the week', async () => {
    const result = run(await readFile(join(FIXTURES, 'variant-crlf-2026-10-19.txt'), 'utf8'), { sent: '2026-10-16' });
    const file = weekData(result.yaml);
    expect(file.week).toBe('2026-10-19'); // the Monday after --sent
    expect(file.verse).toEqual({
      text: 'Speak up for those who cannot speak for themselves, for the rights of all who are destitute.',
      reference: 'Proverbs 31:8',
    });
    const summary = file.requests.map((r: { id: string; date?: string; text: string }) => [r.id, r.date ?? null, r.text.slice(0, 30)]);
    expect(summary).toEqual([
      ['africa-europe-1', null, 'Please pray for the caseworker'],
      ['latin-america-1', '2026-10-19', 'Pray for the families in two p'],
      ['asia-pacific-1', null, 'Pray for the hotline staff who'],
      ['south-asia-1', '2026-10-22', 'Ask God to guide the district '],
      ['global-office-1', '2026-10-24', 'Thank God for the supporters w'],
    ]);
    // Two undated paragraphs of one section are one request; the out-of-week date stays in its text.
    expect(file.requests[0]!.text).toContain('after the holidays.\n\nOn October 30 our team joins');
    expect(result.yaml).toContain('# check: "October 30" is outside the week; left undated');
    expect(result.yaml).toContain('# confirm: "Tomorrow" read as Saturday, October 17 (outside the week)');
    expect(file.requests[2]!.text).toContain('On Saturday, October 17, they begin a week of extra training');
    expect(file.requests[1]!.text).toContain('cases. On Monday, October 19, our lawyers file the first appeal');
    expect(file.notes).toBe(
      '(before the first heading): Dear friends,\nglobal-office: Our partner offices now share one newsletter, sent on the first of each month.\n',
    );
    expect(messages(result)).toEqual([
      '1: text before the first region heading: kept in notes, not posted',
      '12: "October 30" is Friday, October 30, outside the week 2026-10-19 to 2026-10-25: left undated; it goes out with Africa & Europe on Monday, October 19',
      '17: "Next Monday" read as Monday, October 19 (sent 2026-10-16): rewritten and dated 2026-10-19; confirm it',
      '23: "Tomorrow" is Saturday, October 17, outside the week 2026-10-19 to 2026-10-25: left undated; it goes out with Asia Pacific on Thursday, October 22',
      '28: "on Thursday" read as Thursday, October 22 (sent 2026-10-16): rewritten and dated 2026-10-22; confirm it',
      '33: asks for nothing (no "pray", "praise", "thank" or "ask"): kept in notes, not posted',
    ]);
  });

  it('an unknown heading, a title line and a missing region are all warned about', async () => {
    const result = run(await readFile(join(FIXTURES, 'variant-plain-2026-11-16.txt'), 'utf8'), { week: '2026-11-16' });
    expect(messages(result)).toEqual([
      '1: text before the first region heading: kept in notes, not posted',
      '5: "Middle East" looks like a heading but names no region in the config: kept in notes, and the text after it stays under Africa & Europe (if it is a region, add it or an alias to the config\'s regions)',
      '6: "on Wednesday" is relative: give --sent DATE to read it; left as written and undated',
      '8: "Tomorrow" is relative: give --sent DATE to read it; left as written and undated',
      'the update has no section for South Asia: it has no request this week',
    ]);
  });
});

describe('dates and the week', () => {
  const update = (body: string) => `"Seek justice." – Isaiah 1:17\n${body}`;

  it('--week defaults to the Monday on or after --sent, else on or after today', () => {
    expect(mondayOnOrAfter('2026-10-12')).toBe('2026-10-12');
    expect(mondayOnOrAfter('2026-10-10')).toBe('2026-10-12');
    expect(run(update('South Asia\nPray.'), { sent: '2026-10-13' }).week.week).toBe('2026-10-19');
    expect(run(update('South Asia\nPray.')).week.week).toBe('2026-11-30'); // today is Wednesday 2026-11-25
  });

  it('refuses a --week that is not a Monday and dates that are not dates', () => {
    const notMonday = importUpdate(update('South Asia\nPray.'), config, { today: TODAY, week: '2026-10-13' });
    expect(notMonday).toMatchObject({ ok: false, error: { code: 'not-monday' } });
    expect(!notMonday.ok && notMonday.error.message).toBe("--week 2026-10-13 is a Tuesday; give the week's Monday (2026-10-12)");
    const badSent = importUpdate(update('South Asia\nPray.'), config, { today: TODAY, sent: '2026-02-30' });
    expect(badSent).toMatchObject({ ok: false, error: { code: 'bad-date' } });
  });

  it('fails with no region section at all', () => {
    const result = importUpdate('Dear friends,\nPlease pray for us all this week.\n', config, { today: TODAY });
    expect(result).toMatchObject({ ok: false, error: { code: 'no-sections' } });
  });

  it('a date on a skip day stays undated (check would refuse it)', async () => {
    // Week of 2026-12-21: Friday the 25th is a skip date, so Global Office joins Thursday.
    const result = run(update('Latin America\nOn December 25 our teams pause. Pray for rest.\nGlobal Office\nPray for the year ahead.'), {
      week: '2026-12-21',
    });
    expect(result.week.requests.map((r) => [r.id, r.date ?? null])).toEqual([
      ['latin-america-1', null],
      ['global-office-1', null],
    ]);
    expect(messages(result)[0]).toMatch(/"December 25" is Friday, December 25, a skip date in the config/);
    expect((await check(result.yaml, '2026-12-21')).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it("a holiday week: a region without a rotation day has its own day on the week's last posting day", () => {
    // Week of 2026-12-28: Friday 2027-01-01 is skipped, so Global Office joins Thursday the 31st.
    const result = run(update('Global Office\nOn December 31 we give thanks for the year.'), { week: '2026-12-28' });
    expect(result.week.requests[0]?.date).toBeUndefined();
    expect(messages(result)).toContain(
      '3: "December 31" is Thursday, December 31, Global Office & Partners\' own day: left undated, as it goes out that day anyway',
    );
  });

  it('a paragraph naming two dates stays undated, with a warning', () => {
    const result = run(update('Asia Pacific\nPray for the hearings on October 14 and October 16.'), { week: '2026-10-12' });
    expect(result.week.requests[0]?.date).toBeUndefined();
    expect(messages(result)[0]).toMatch(/names 2 dates \("October 14", "October 16"\): left undated/);
  });

  it('"next Monday", "on Wednesday" and "tomorrow evening" are rewritten against --sent', () => {
    const result = run(
      update(
        'Africa\nNext Monday our team meets the ministry. Pray for favour.\nLatin America\nPray for the hearing on Wednesday.\nSouth Asia\nTomorrow evening we gather to pray.',
      ),
      { sent: '2026-10-09', week: '2026-10-12' },
    );
    expect(result.week.requests.map((r) => [r.id, r.date ?? null, r.text])).toEqual([
      ['africa-europe-1', null, 'On Monday, October 12, our team meets the ministry. Pray for favour.'],
      ['latin-america-1', '2026-10-14', 'Pray for the hearing on Wednesday, October 14.'],
      ['south-asia-1', null, 'On Saturday evening, October 10, we gather to pray.'],
    ]);
    expect(result.week.requests.map((r) => r.comments)).toEqual([
      [`confirm: "Next Monday" read as Monday, October 12 (the region's own day)`],
      ['confirm: "on Wednesday" read as Wednesday, October 14'],
      ['confirm: "Tomorrow evening" read as Saturday, October 10 (outside the week)'],
    ]);
  });

  it('a relative date in a paragraph that goes to notes is left alone', () => {
    const result = run(update('South Asia\nPray for A.\nTomorrow the office is closed.'), { sent: '2026-10-12' });
    expect(result.week.notes).toEqual(['south-asia: Tomorrow the office is closed.']);
  });
});

describe('what the file holds', () => {
  const update = (body: string) => `"Seek justice." – Isaiah 1:17\n${body}`;

  it('a section too long for one request is split between paragraphs, never inside one', () => {
    const paragraph = (n: number) => `Pray for team ${n}. ${'We ask for courage and wisdom. '.repeat(30).trim()}`;
    const body = ['Latin America', ...[1, 2, 3, 4, 5, 6].map(paragraph)].join('\n');
    const result = run(update(body), { week: '2026-10-12' });
    expect(result.week.requests.length).toBeGreaterThan(1);
    for (const r of result.week.requests) expect([...r.text].length).toBeLessThanOrEqual(2800);
    expect(result.week.requests.map((r) => r.id)).toEqual(result.week.requests.map((_, i) => `latin-america-${i + 1}`));
    expect(result.week.requests.map((r) => r.text).join('\n\n')).toBe([1, 2, 3, 4, 5, 6].map(paragraph).join('\n\n'));
  });

  it('a single paragraph too long for a request is kept whole and warned about; an empty section too', () => {
    const long = `On October 14 pray for the hearing. ${'We ask for courage and wisdom. '.repeat(100).trim()}`;
    const result = run(update(`Latin America\n${long}\nSouth Asia\n`), { week: '2026-10-12' });
    expect(result.week.requests.map((r) => [r.id, r.date])).toEqual([['latin-america-1', '2026-10-14']]);
    expect(messages(result)).toContain(`3: paragraph of ${long.length} characters, over the 2800 a request may hold: shorten or split it by hand`);
    expect(messages(result)).toContain('the section for South Asia is empty: it has no request this week');
  });

  it('a verse with quotes and backslashes inside, and odd characters in text, read back unchanged', () => {
    const text = '“He said, "Go" \\ and ‘see’: #1 – it is \t well.”\n— Psalm 82:3–4 (NIV)\nSouth Asia\nPray: "now" #2 | > & * ! % @ ` {x} [y]';
    const result = run(text, { week: '2026-10-12' });
    const file = weekData(result.yaml);
    expect(file.verse).toEqual({ text: 'He said, "Go" \\ and ‘see’: #1 – it is   well.', reference: 'Psalm 82:3–4 (NIV)' });
    expect(file.requests[0]!.text).toBe('Pray: "now" #2 | > & * ! % @ ` {x} [y]\n');
  });

  it('no verse: warned, written empty for a human to fill in', () => {
    const result = run('South Asia\nPray for A.', { week: '2026-10-12' });
    expect(weekData(result.yaml).verse).toEqual({ text: '', reference: '' });
    expect(messages(result)[0]).toMatch(/^no verse found/);
  });
});
