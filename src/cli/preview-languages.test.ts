// `preview` of a channel in another language: the posts as that channel will read them, each
// part's `language`, and what stays in the original for want of a translation.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preview } from './preview.js';

let dir: string;
beforeAll(async () => {
  // The repository's sample config, with its Spanish channel reading staff requests, and the
  // sample week that translates its verse and some requests into Spanish.
  dir = await mkdtemp(join(tmpdir(), 'prayerbot-preview-lang-'));
  await mkdir(join(dir, 'prompts'));
  const config = await readFile('config/prayerbot.yaml', 'utf8');
  const staff = config.replace('id: "223344556677889900", audience: volunteers, language: es', 'id: "223344556677889900", audience: staff, language: es');
  expect(staff).not.toBe(config);
  await writeFile(join(dir, 'prayerbot.yaml'), staff);
  await copyFile('prompts/2026-11-16.yaml', join(dir, 'prompts', '2026-11-16.yaml'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(format: 'text' | 'json') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await preview({ config: join(dir, 'prayerbot.yaml'), prompts: join(dir, 'prompts') }, { week: '2026-11-16', format }, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    clock: { now: () => new Date('2026-11-16T12:00:00Z') },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface JsonPart { ledgerKey: string; language: string; untranslated: string[]; document: { title: string; sections: Array<{ heading: string; items: Array<{ text: string }> }>; footer: string } }
interface JsonDay { date: string; channels: Array<{ channelId: string; parts: JsonPart[] }> }

describe('preview of a channel in Spanish', () => {
  it('gives each part its language, and lists what the week leaves untranslated', async () => {
    const { code, out, err } = await run('json');
    expect(code).toBe(0);
    expect(err).toBe('');
    const days = (JSON.parse(out) as { days: JsonDay[] }).days;
    const parts = (channel: string) => days.flatMap((d) => d.channels.filter((c) => c.channelId === channel).flatMap((c) => c.parts));
    expect(parts('C0STAFF01').map((p) => [p.language, p.untranslated])).toEqual([
      ['en', []],
      ['en', []],
      ['en', []],
      ['en', []],
    ]);
    const spanish = parts('223344556677889900');
    expect(spanish.map((p) => [p.ledgerKey, p.language, p.untranslated])).toEqual([
      ['discord:223344556677889900:2026-11-16:0', 'es', []],
      ['discord:223344556677889900:2026-11-17:0', 'es', []],
      ['discord:223344556677889900:2026-11-18:0', 'es', ['2026-11-16/south-asia-1']],
      ['discord:223344556677889900:2026-11-19:0', 'es', ['2026-11-16/asia-pacific-1']],
    ]);
    expect(spanish[0]!.document.title).toBe('Oración para el lunes, 16 de noviembre de 2026');
    expect(spanish[0]!.document.sections[0]!.heading).toBe('África y Europa');
    expect(spanish[0]!.document.sections[0]!.items[0]!.text).toMatch(/^Alabemos a Dios/);
    expect(spanish[2]!.document.sections[0]!.items[0]!.text).toMatch(/^Ask for God's wisdom/);
    expect(spanish[3]!.document.footer).toBe('Reaccione con 🙏 cuando haya orado.');
  });

  it('marks the untranslated request in text, above the post as the channel will read it', async () => {
    const { code, out } = await run('text');
    expect(code).toBe(0);
    expect(out).toContain(
      'Channels: slack C0STAFF01 (staff); discord 112233445566778899 (volunteers); discord 223344556677889900 (staff, es); discord 445566778899001122 (volunteers, Australia/Sydney, AU holidays).',
    );
    expect(out).toContain(
      [
        '   → discord 223344556677889900 (staff, es) · 09:00 EST = Wed Nov 18 14:00 UTC · ledger discord:223344556677889900:2026-11-18:0',
        '     requests: 2026-11-16/south-asia-1 · expire Wed Dec 2 00:00 EST',
        '     untranslated: es — 2026-11-16/south-asia-1 (shown in the original)',
        '',
        '     Oración para el miércoles, 18 de noviembre de 2026',
      ].join('\n'),
    );
  });
});
