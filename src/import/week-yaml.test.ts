import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_SCHEMA, load, YAML11_SCHEMA } from 'js-yaml';
import { BASE_WEEK, insertAfter } from '../../test/fixtures/config/files.js';
import { readWeekText } from '../config/load-week.js';
import { doubleQuoted, scalar, weekFileYaml, weekPlanYaml, writeWeekYaml } from './week-yaml.js';

describe('scalars', () => {
  const awkward = [
    'Micah 6:8',
    '1 John 3:18',
    'Psalm 82:3–4 (NIV)',
    'yes',
    'No',
    '2026-10-12',
    '12:30',
    '1e3',
    'a: b',
    'x #y',
    '#x',
    '- x',
    '[x]',
    'x,y',
    'ends with colon:',
    ' padded ',
    '"quoted"',
    "it's",
    '',
    'tab\there',
    'line\nbreak',
  ];
  it.each(awkward)('%j reads back as the same string in YAML 1.2 and 1.1 readers', (text) => {
    for (const written of [scalar(text), doubleQuoted(text)]) {
      expect(load(`v: ${written}`, { schema: CORE_SCHEMA })).toEqual({ v: text });
      expect(load(`v: ${written}`, { schema: YAML11_SCHEMA })).toEqual({ v: text });
    }
  });

  it('writes plain what needs no quotes', () => {
    expect(scalar('Micah 6:8')).toBe('Micah 6:8');
    expect(scalar('africa-europe-1')).toBe('africa-europe-1');
    expect(scalar('yes')).toBe('"yes"');
  });
});

describe('the week file', () => {
  it('keeps comments above text, blank lines between paragraphs, and reads back exactly', () => {
    const yaml = writeWeekYaml({
      week: '2026-10-12',
      verse: { text: 'Seek "justice".', reference: 'Isaiah 1:17' },
      requests: [
        {
          region: 'south-asia',
          id: 'south-asia-1',
          text: 'Pray for A.\n\n# Not a comment: part of the text.',
          audience: 'staff',
          comments: ['confirm: "Tomorrow" read as Tuesday, October 13'],
        },
      ],
      notes: ['south-asia: The office moved.', '(before the first heading): Dear friends,'],
    });
    expect(yaml).toBe(
      [
        'week: 2026-10-12',
        'verse:',
        '  text: "Seek \\"justice\\"."',
        '  reference: Isaiah 1:17',
        'requests:',
        '  - region: south-asia',
        '    id: south-asia-1',
        '    # confirm: "Tomorrow" read as Tuesday, October 13',
        '    text: |',
        '      Pray for A.',
        '',
        '      # Not a comment: part of the text.',
        '    audience: staff',
        'notes: |',
        '  south-asia: The office moved.',
        '  (before the first heading): Dear friends,',
        '',
      ].join('\n'),
    );
  });
});

describe('a loaded week, written back', () => {
  it('reads back as the same week: default ids written out, titles, expiry dates and notes kept', () => {
    const source = insertAfter(insertAfter(BASE_WEEK, 14, '    expires: 2026-10-20'), 12, '    title: "A \\"kiln\\": #1"') + 'notes: |\n  First line.\n\n  Second: line.\n';
    const loaded = readWeekText(source, '2026-10-12.yaml', undefined);
    expect(loaded.problems).toEqual([]);
    const week = loaded.value!;
    expect(week.requests[2]).toMatchObject({ id: 'kiln', title: 'A "kiln": #1', expires: '2026-10-20' });
    const again = readWeekText(weekPlanYaml(week), '2026-10-12.yaml', undefined);
    expect(again.problems).toEqual([]);
    expect(again.value).toEqual(week);
  });

  it('writes the repository weeks back as they are', () => {
    for (const monday of ['2026-10-12', '2026-11-16']) {
      const file = `${monday}.yaml`;
      const week = readWeekText(readFileSync(join(import.meta.dirname, '../../prompts', file), 'utf8'), file, undefined).value!;
      expect(readWeekText(weekPlanYaml(week), file, undefined).value).toEqual(week);
    }
  });

  it('quotes a text a | block could not hold, and it still reads back exactly', () => {
    const text = weekFileYaml({
      week: '2026-10-12',
      verse: { text: 'v', reference: '' },
      requests: [{ region: 'south-asia', title: 'yes', text: '  indented\nand trailing  ', audience: 'staff', date: 'Friday' }],
      notes: 'ends with a newline\n',
    });
    expect(text).toBe(
      [
        'week: 2026-10-12',
        'verse:',
        '  text: "v"',
        '  reference: ""',
        'requests:',
        '  - region: south-asia',
        '    title: "yes"',
        '    text: "  indented\\nand trailing  "',
        '    date: Friday',
        '    audience: staff',
        'notes: "ends with a newline\\n"',
        '',
      ].join('\n'),
    );
  });
});
