import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../core/types.js';
import { MAX_FILE_BYTES, parseYamlText, readYamlFile } from './yaml-source.js';

function problems(text: string): string[] {
  return parseYamlText('f.yaml', text).problems.map(formatProblem);
}

describe('safe YAML', () => {
  it('reports a syntax error with its line and column and gives no data', () => {
    const read = parseYamlText('f.yaml', 'week: 2026-10-12\nverse: "He has shown you\nrequests: []\n');
    expect(read.source).toBeUndefined();
    // At the quote left open, not where the parser noticed (the next line).
    expect(read.problems.map(formatProblem)).toEqual(['f.yaml:2:8: YAML syntax: Missing closing "quote']);
  });

  it('reports every syntax error of a file, not only the first', () => {
    expect(problems('a: [1, 2\nb: 3\nc: "x" y\n').length).toBeGreaterThanOrEqual(2);
    expect(problems('a: [1, 2\nb: 3\nc: "x" y\nd: ok\ne: \'it\'\'s\n')).toEqual([
      'f.yaml:1:4: YAML syntax: this [ has no closing ]',
      'f.yaml:3:8: YAML syntax: text after the closing quote: put all of the value inside the quotes',
      "f.yaml:5:4: YAML syntax: Missing closing 'quote",
    ]);
  });

  it('points at the innermost bracket left open', () => {
    expect(problems('a: [1, {b: 2\nc: 3\n')).toEqual(['f.yaml:1:8: YAML syntax: this { has no closing }']);
  });

  it('names the value, not the indentation, when a value needs quotes', () => {
    expect(problems('reference: Micah: 6:8\n')).toEqual(['f.yaml:1:12: YAML syntax: ": " inside a value: put the value in quotes']);
    expect(problems('name: @office\n')).toEqual(['f.yaml:1:7: YAML syntax: a value cannot start with @: put it in quotes']);
    expect(problems('text: "C:\\q"\n')).toEqual([
      'f.yaml:1:10: YAML syntax: unknown escape sequence \\q in double quotes (write \\\\ for a backslash)',
    ]);
  });

  it('says a tab in the indentation is one', () => {
    expect(problems('a:\n\tb: 1\n')).toEqual(['f.yaml:2:1: YAML syntax: a tab in the indentation: indent with spaces only']);
  });

  it('counts lines the same with Windows line ends', () => {
    expect(problems('a: 1\r\nb: !!binary aGVsbG8=\r\n')).toEqual([
      'f.yaml:2:4: tag !!binary is not allowed: only plain YAML (maps, lists, text, numbers, true/false)',
    ]);
  });

  it('reports a duplicate key at the second one', () => {
    expect(problems('week: 2026-10-12\nnotes: a\nweek: 2026-10-19\n')).toEqual([
      'f.yaml:3:1: duplicate key "week": each key may appear once in a map',
    ]);
  });

  it('refuses custom and non-core tags', () => {
    expect(problems('a: !!js/function "function () {}"\nb: !!binary aGVsbG8=\nc: !!set { x }\nd: !custom x\n')).toEqual([
      'f.yaml:1:4: tag !!js/function is not allowed: only plain YAML (maps, lists, text, numbers, true/false)',
      'f.yaml:2:4: tag !!binary is not allowed: only plain YAML (maps, lists, text, numbers, true/false)',
      'f.yaml:3:4: tag !!set is not allowed: only plain YAML (maps, lists, text, numbers, true/false)',
      'f.yaml:4:4: tag !custom is not allowed: only plain YAML (maps, lists, text, numbers, true/false)',
    ]);
  });

  it('allows the core tags and keeps dates and long numbers as written', () => {
    const read = parseYamlText('f.yaml', 'a: !!str 12\nb: 2026-10-12\nc: yes\n');
    expect(read.problems).toEqual([]);
    expect(read.source?.data).toEqual({ a: '12', b: '2026-10-12', c: 'yes' });
  });

  it('stops an alias expansion bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']] as const) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(problems(`${lines.join('\n')}\n`)).toEqual([
      'f.yaml:2:8: aliases expand too much (more than 100 expansions): write the values out',
    ]);
  });

  it('refuses more than 20 aliases, even small ones', () => {
    const lines = ['role: &r "1"', ...Array.from({ length: 21 }, (_, i) => `k${i}: *r`)];
    expect(problems(`${lines.join('\n')}\n`)).toEqual(['f.yaml:22:6: more than 20 aliases (*name) in one file: write the values out']);
  });

  it('refuses an alias without its anchor, and one inside its own anchor', () => {
    expect(problems('a: *nope\nb: &loop [1, *loop]\n')).toEqual([
      'f.yaml:1:4: alias *nope has no anchor &nope before it',
      'f.yaml:2:14: alias *loop is inside its own anchor &loop: it would never end',
    ]);
  });

  it('refuses maps and lists nested more than 10 deep', () => {
    // The file's own map is the first level.
    expect(problems(`a: ${'['.repeat(10)}1${']'.repeat(10)}\n`)).toEqual([
      'f.yaml:1:14: maps and lists are nested more than 10 levels deep: write them flatter',
    ]);
    expect(parseYamlText('f.yaml', `a: ${'['.repeat(9)}1${']'.repeat(9)}\n`).problems).toEqual([]);
  });

  it('allows a few aliases', () => {
    const read = parseYamlText('f.yaml', 'a: &roles ["1", "2"]\nb: *roles\n');
    expect(read.source?.data).toEqual({ a: ['1', '2'], b: ['1', '2'] });
  });

  it('refuses a key that is a list or a map', () => {
    expect(problems('? [a, b]\n: 1\n')).toEqual(['f.yaml:1:3: a key must be plain text, not a list or a map']);
  });

  it('refuses several documents in one file', () => {
    expect(problems('a: 1\n---\nb: 2\n')).toEqual([
      'f.yaml:2:1: YAML syntax: Source contains multiple documents; a file holds one ("---" starts another)',
    ]);
  });

  describe('files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'prayerbot-yaml-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('refuses a file over 1 MiB before parsing it', async () => {
      const file = join(dir, 'big.yaml');
      await writeFile(file, `notes: "${'x'.repeat(MAX_FILE_BYTES)}"\n`);
      const read = await readYamlFile(file);
      expect(read.source).toBeUndefined();
      expect(read.problems.map(formatProblem)).toEqual([`${file}:1:1: file is 1,048,586 bytes; the limit is 1 MiB (1,048,576 bytes)`]);
    });

    it('says when a file is missing or a folder', async () => {
      expect((await readYamlFile(join(dir, 'none.yaml'))).problems.map(formatProblem)).toEqual([`${join(dir, 'none.yaml')}:1:1: file not found`]);
      expect((await readYamlFile(dir)).problems.map(formatProblem)).toEqual([`${dir}:1:1: is a folder, not a YAML file`]);
    });
  });
});
