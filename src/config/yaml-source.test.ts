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
    expect(read.problems.map(formatProblem)).toEqual(['f.yaml:4:1: YAML syntax: Missing closing "quote']);
  });

  it('reports every syntax error of a file, not only the first', () => {
    expect(problems('a: [1, 2\nb: 3\nc: "x" y\n').length).toBeGreaterThanOrEqual(2);
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

  it('allows a few aliases', () => {
    const read = parseYamlText('f.yaml', 'a: &roles ["1", "2"]\nb: *roles\n');
    expect(read.source?.data).toEqual({ a: ['1', '2'], b: ['1', '2'] });
  });

  it('refuses a key that is a list or a map', () => {
    expect(problems('? [a, b]\n: 1\n')).toEqual(['f.yaml:1:3: a key must be plain text, not a list or a map']);
  });

  it('refuses several documents in one file', () => {
    expect(problems('a: 1\n---\nb: 2\n')).toEqual([
      'f.yaml:2:1: YAML syntax: Source contains multiple documents; please use YAML.parseAllDocuments()',
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
