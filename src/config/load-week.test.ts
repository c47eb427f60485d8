import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_WEEK, insertAfter, setLine, treesPerTest } from '../../test/fixtures/config/files.js';
import { formatProblem, type Config } from '../core/types.js';
import { loadConfig } from './load-config.js';
import { loadPrompts } from './load-prompts.js';
import { loadWeekFile, loadWeekText, readWeek, readWeekText } from './load-week.js';

const newTree = treesPerTest();

let config: Config;
beforeAll(async () => {
  const tree = await newTree();
  const loaded = await loadConfig(tree.config);
  if (!loaded.value) throw new Error('base config does not load');
  config = loaded.value;
});

/** Loads `text` as prompts/<name>; problems as `prompts/<name>:line:col: message`. */
async function load(text: string, name = '2026-10-12.yaml') {
  const tree = await newTree({ weeks: { [name]: text } });
  const loaded = await loadWeekFile(join(tree.prompts, name), config);
  return { ...loaded, lines: loaded.problems.map((p) => formatProblem(p).replace(`${tree.dir}/`, '')) };
}

describe('loadWeekFile', () => {
  it('reads a valid week: default ids and keys, default audience, text without the block newline', async () => {
    const { value, problems } = await load(BASE_WEEK);
    expect(problems).toEqual([]);
    expect(value?.week).toBe('2026-10-12');
    expect(value?.verse).toEqual({ text: 'Learn to do right; seek justice.', reference: 'Isaiah 1:17' });
    expect(value?.requests).toEqual([
      {
        key: '2026-10-12/africa-europe-1',
        week: '2026-10-12',
        id: 'africa-europe-1',
        region: 'africa-europe',
        text: 'Pray for the teams preparing for a fictional training day.',
        audience: 'staff',
      },
      {
        key: '2026-10-12/latin-america-1',
        week: '2026-10-12',
        id: 'latin-america-1',
        region: 'latin-america',
        text: 'Pray for the new investigators in a fictional partner city.',
        date: '2026-10-17',
        audience: 'staff',
      },
      {
        key: '2026-10-12/kiln',
        week: '2026-10-12',
        id: 'kiln',
        region: 'south-asia',
        text: 'Give thanks for a fictional release from a brick kiln.',
        audience: 'everyone',
      },
    ]);
  });

  it('numbers default ids per region, counting the region requests that have their own id', async () => {
    const text = `${BASE_WEEK.trimEnd()}\n  - region: south-asia\n    text: A second fictional request.\n    expires: 2026-10-30\n`;
    const { value } = await load(text);
    expect(value?.requests.map((r) => r.key)).toEqual([
      '2026-10-12/africa-europe-1',
      '2026-10-12/latin-america-1',
      '2026-10-12/kiln',
      '2026-10-12/south-asia-2',
    ]);
    expect(value?.requests[3]?.expires).toBe('2026-10-30');
  });

  it('reports an unknown field (regoin:) at its key, and the region it lacks at the request', async () => {
    const { value, lines } = await load(setLine(BASE_WEEK, 6, '  - regoin: africa-europe'));
    expect(value).toBeUndefined();
    expect(lines).toEqual([
      'prompts/2026-10-12.yaml:6:5: missing "region"',
      'prompts/2026-10-12.yaml:6:5: unknown field "regoin" (did you mean "region"?)',
    ]);
  });

  it('reports an unknown region with the closest id', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 6, '  - region: afrika-europe'));
    expect(lines).toEqual(['prompts/2026-10-12.yaml:6:13: unknown region "afrika-europe" (did you mean "africa-europe"?)']);
  });

  it('reports a region written by its alias or name, naming the id to use', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 9, '  - region: LATAM'));
    expect(lines).toEqual(['prompts/2026-10-12.yaml:9:13: unknown region "LATAM" (use the region id "latin-america")']);
  });

  it('reports an impossible date', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 11, '    date: 2026-10-32'));
    expect(lines).toEqual(['prompts/2026-10-12.yaml:11:11: 2026-10-32 is not a real date: October 2026 has 31 days']);
  });

  it('reports a date not written YYYY-MM-DD', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 11, '    date: October 17'));
    expect(lines).toEqual(['prompts/2026-10-12.yaml:11:11: expected a date written YYYY-MM-DD (e.g. 2026-10-12), not "October 17"']);
  });

  it('reports a week that is not a Monday, naming its Monday', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 1, 'week: 2026-10-13'), '2026-10-13.yaml');
    expect(lines).toEqual(['prompts/2026-10-13.yaml:1:7: week 2026-10-13 is a Tuesday; a week starts on a Monday (that week\'s is 2026-10-12)']);
  });

  it('reports a week that does not match the file name', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 1, 'week: 2026-10-19'));
    expect(lines[0]).toBe('prompts/2026-10-12.yaml:1:7: week 2026-10-19 does not match the file name 2026-10-12.yaml: rename the file or fix the date');
  });

  it('reports a date outside its week', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 11, '    date: 2026-10-19'));
    expect(lines).toEqual(['prompts/2026-10-12.yaml:11:11: date 2026-10-19 is outside this week (Monday 2026-10-12 to Sunday 2026-10-18)']);
  });

  it('reports duplicate explicit ids at the second one', async () => {
    const { lines } = await load(insertAfter(BASE_WEEK, 6, '    id: kiln'));
    expect(lines).toEqual([
      'prompts/2026-10-12.yaml:14:9: duplicate request id "kiln" (request 1 has it too): ids must be unique in a week',
    ]);
  });

  it('reports a default id that collides with an explicit one', async () => {
    const text = insertAfter(BASE_WEEK, 9, '    id: latin-america-2') + '  - region: latin-america\n    text: Another fictional request.\n';
    const { lines } = await load(text);
    expect(lines).toEqual([
      'prompts/2026-10-12.yaml:17:5: request 4 gets the default id "latin-america-2", which request 2 already has: give one of them another id',
    ]);
  });

  it('reports empty text', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 10, '    text: "  "'));
    expect(lines).toEqual(['prompts/2026-10-12.yaml:10:11: "text" is empty: write the request, or remove it']);
  });

  it('reports text over 2,800 characters and accepts exactly 2,800', async () => {
    const long = await load(setLine(BASE_WEEK, 10, `    text: ${'a'.repeat(2801)}`));
    expect(long.lines).toEqual([
      'prompts/2026-10-12.yaml:10:11: "text" is 2,801 characters; a request holds at most 2,800 so it fits one post section: split it into two requests',
    ]);
    const fits = await load(setLine(BASE_WEEK, 10, `    text: ${'a'.repeat(2800)}`));
    expect(fits.problems).toEqual([]);
  });

  it('reports a request id written as a number, and a bad audience', async () => {
    const { lines } = await load(setLine(setLine(BASE_WEEK, 15, '    audience: volunteers'), 13, '    id: 7'));
    expect(lines).toEqual([
      'prompts/2026-10-12.yaml:13:9: an id written as a number loses digits (this one reads as 7); quote it: id: "7"',
      'prompts/2026-10-12.yaml:15:15: "audience" must be staff or everyone, not "volunteers"',
    ]);
  });

  it('reports a missing verse reference at the verse', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 4));
    expect(lines).toEqual(['prompts/2026-10-12.yaml:3:3: missing "reference"']);
  });

  it('names the field of each problem, for a form to show it beside that field', async () => {
    const text = setLine(setLine(setLine(BASE_WEEK, 11, '    date: 2026-10-32'), 6, '  - region: afrika-europe'), 4);
    const { problems } = await load(text);
    expect(problems.map((p) => [`${p.line}:${p.col}`, p.path])).toEqual([
      ['3:3', 'verse.reference'], // missing: points at the verse, names the field
      ['10:11', 'requests[1].date'],
      ['5:13', 'requests[0].region'],
    ]);
  });

  it('points at the | of a text written as a block', async () => {
    const { lines } = await load(setLine(BASE_WEEK, 8, `      ${'a'.repeat(2801)}`));
    expect(lines).toEqual([
      'prompts/2026-10-12.yaml:7:11: "text" is 2,801 characters; a request holds at most 2,800 so it fits one post section: split it into two requests',
    ]);
  });

  it('checks a week held in a string exactly as the same file on disk', async () => {
    const broken = setLine(setLine(BASE_WEEK, 13, '    id: 7'), 1, 'week: 2026-10-19');
    const tree = await newTree({ weeks: { '2026-10-12.yaml': broken } });
    const file = join(tree.prompts, '2026-10-12.yaml');
    const fromFile = await readWeek(file, config.regions);
    const fromText = readWeekText(broken, file, config.regions);
    expect(fromText).toEqual(fromFile);
    expect(fromText.problems.map((p) => p.path)).toEqual(['requests[2].id', 'week', 'requests[1].date']);

    const good = readWeekText(BASE_WEEK, '2026-10-12.yaml', config.regions);
    expect(good.problems).toEqual([]);
    expect(good.value?.requests.map((r) => r.key)).toEqual(['2026-10-12/africa-europe-1', '2026-10-12/latin-america-1', '2026-10-12/kiln']);
    expect(readWeekText(BASE_WEEK, '2026-10-19.yaml', config.regions).problems.map(formatProblem)).toEqual([
      '2026-10-19.yaml:1:7: week 2026-10-12 does not match the file name 2026-10-19.yaml: rename the file or fix the date',
    ]);
  });

  it('checks text in memory the same way (for import)', () => {
    const loaded = loadWeekText('out.yaml', setLine(BASE_WEEK, 6, '  - region: afrika-europe'), config);
    expect(loaded.problems.map(formatProblem)).toEqual(['out.yaml:6:13: unknown region "afrika-europe" (did you mean "africa-europe"?)']);
  });
});

describe('loadPrompts', () => {
  it('reads only *.yaml directly in the folder, sorted by week, and reports badly named files', async () => {
    const week2 = setLine(BASE_WEEK, 1, 'week: 2026-10-19').replace('2026-10-17', '2026-10-24');
    const tree = await newTree({
      weeks: { '2026-10-19.yaml': week2, '2026-10-12.yaml': BASE_WEEK, 'notes.txt': 'not yaml', 'next week.yaml': BASE_WEEK },
    });
    await mkdir(join(tree.prompts, 'archive'));
    await writeFile(join(tree.prompts, 'archive', '2026-10-05.yaml'), 'week: [');
    const { weeks, problems } = await loadPrompts(tree.prompts, config);
    expect(weeks.map((w) => w.week)).toEqual(['2026-10-12', '2026-10-19']);
    expect(problems.map((p) => formatProblem(p).replace(`${tree.dir}/`, ''))).toEqual([
      'prompts/next week.yaml:1:1: a week file is named after its week\'s Monday, like 2026-10-12.yaml, not "next week.yaml"',
    ]);
  });
});
