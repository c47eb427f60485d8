import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCTOBER_WEEK_REGIONS } from '../core/plan/testing.js';
import { preview, type PreviewOptions } from './preview.js';

// The repository's own sample config and (fictional) week files.
const globals = { config: 'config/prayerbot.yaml', prompts: 'prompts/' };

async function run(opts: PreviewOptions, now = '2026-10-14T15:00:00Z', g = globals) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await preview(g, opts, { out: (t) => out.push(t), err: (t) => err.push(t), clock: { now: () => new Date(now) } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface JsonPart { ledgerKey: string; regions: string[]; requestKeys: string[]; postAt: string; expiresAt: string; document: { title: string } }
interface JsonDay { date: string; posting: boolean; nothing: string | null; channels: Array<{ channelId: string; parts: JsonPart[] }> }

async function json(opts: PreviewOptions, now?: string) {
  const result = await run({ ...opts, format: 'json' }, now);
  return { ...result, data: JSON.parse(result.out) as { week: string; days: JsonDay[] } };
}

/** date → regions posted to the staff channel that day. */
function staffRegions(days: JsonDay[]): Record<string, string[]> {
  return Object.fromEntries(
    days.map((d) => [d.date, d.channels.find((c) => c.channelId === 'C0STAFF01')?.parts.flatMap((p) => p.regions) ?? []]),
  );
}

describe('prayerbot preview', () => {
  it('shows the week of 2026-10-12: rotation Tuesday to Thursday, the dated weekend, nothing on Monday and Friday', async () => {
    const { code, data } = await json({ week: '2026-10-12' });
    expect(code).toBe(0);
    expect(staffRegions(data.days)).toEqual(OCTOBER_WEEK_REGIONS);
    const tuesday = data.days[1]!.channels[0]!.parts[0]!;
    expect(tuesday).toMatchObject({
      ledgerKey: 'slack:C0STAFF01:2026-10-13:0',
      requestKeys: ['2026-10-12/latin-america-1'],
      postAt: '2026-10-13T13:00:00.000Z',
      expiresAt: '2026-10-27T04:00:00.000Z',
      document: { title: 'Prayer for Tuesday, October 13, 2026' },
    });
    // Every request is staff-only: the volunteers' Discord channel gets nothing all week.
    expect(data.days.flatMap((d) => d.channels.filter((c) => c.channelId !== 'C0STAFF01').flatMap((c) => c.parts))).toEqual([]);
  });

  it('reads like the posts in text, and says which days post nothing and why', async () => {
    const { code, out } = await run({ week: '2026-10-12' });
    expect(code).toBe(0);
    expect(out).toContain('Posts on 5 days: Tue Oct 13, Wed Oct 14, Thu Oct 15, Sat Oct 17, Sun Oct 18.');
    expect(out).toContain(
      '━━ Monday, October 12, 2026 · 09:00 EDT',
    );
    expect(out).toContain('Nothing posted — rotation day of Africa & Europe, whose request is posted on Sunday, October 18.');
    expect(out).toContain(
      'Nothing posted — rotation day of Global Office & Partners, whose request is posted on Saturday, October 17.',
    );
    expect(out).toContain('Prayer for Sunday, October 18, 2026');
    expect(out).toContain('AFRICA & EUROPE');
    expect(out).toContain('React 🙏 when you have prayed.');
  });

  it('shows the week of 2026-11-16: Monday to Thursday by rotation, the day of prayer on Tuesday', async () => {
    const { data } = await json({ week: '2026-11-16' });
    expect(staffRegions(data.days)).toEqual({
      '2026-11-16': ['africa-europe'],
      '2026-11-17': ['latin-america', 'global-office'],
      '2026-11-18': ['south-asia'],
      '2026-11-19': ['asia-pacific'],
      '2026-11-20': [],
      '2026-11-21': [],
      '2026-11-22': [],
    });
    expect(data.days[5]).toMatchObject({ posting: false, nothing: 'not a posting day' });
  });

  it('shows only the channel asked for, and refuses one that is not in the config', async () => {
    const { data } = await json({ week: '2026-11-16', channel: '112233445566778899' });
    expect(new Set(data.days.flatMap((d) => d.channels.map((c) => c.channelId)))).toEqual(new Set(['112233445566778899']));
    const unknown = await run({ week: '2026-11-16', channel: 'C0NOPE' });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no channel "C0NOPE"');
  });

  it('defaults to this week in the config zone, or the newest week with a note when this week has no file', async () => {
    // Monday 2026-11-16 at 03:00 UTC is still Sunday the 15th in New York: the week of 11-09, which has no file.
    const early = await json({}, '2026-11-16T03:00:00Z');
    expect(early.data.week).toBe('2026-11-16');
    expect(early.err).toContain('no week file for this week (2026-11-09.yaml)');
    const current = await json({}, '2026-10-14T15:00:00Z');
    expect(current.data.week).toBe('2026-10-12');
    expect(current.err).toBe('');
  });

  it('says so when the week asked for has no file, and rejects a malformed date', async () => {
    expect(await run({ week: '2026-12-21' })).toMatchObject({ code: 1, err: expect.stringContaining('no week file for the week of 2026-12-21') });
    expect((await run({ week: '21/12/2026' })).code).toBe(2);
  });
});

describe('prayerbot preview with planning errors', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'prayerbot-preview-'));
    await copyFile('config/prayerbot.yaml', join(dir, 'prayerbot.yaml'));
    await writeFile(
      join(dir, '2026-12-21.yaml'),
      [
        'week: 2026-12-21',
        'verse: { text: "Seek justice.", reference: Isaiah 1:17 }',
        'requests:',
        '  - region: latin-america',
        '    text: Pray for the new shelter team.',
        '    date: 2026-12-25',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a date on a skip date at its file:line:col and exits 1', async () => {
    const result = await run({ week: '2026-12-21' }, undefined, { config: join(dir, 'prayerbot.yaml'), prompts: dir });
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${join(dir, '2026-12-21.yaml')}:6:11: 2026-12-25 is a skip date in the config`);
    expect(result.out).toContain('Friday, December 25, 2026');
    expect(result.out).toContain('Nothing posted — a skip date in the config.');
  });
});
