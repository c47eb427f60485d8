import { describe, expect, it } from 'vitest';
import { REGIONS, australiaDayWeek } from '../../test/fixtures/australia-day-week.js';
import { treesPerTest } from '../../test/fixtures/config/files.js';
import { preview, type PreviewOptions } from './preview.js';

// A New York staff channel and Sydney volunteers who skip Australia's public holidays, in the
// week of Monday 2027-01-25 (Tuesday the 26th is Australia Day).

function configYaml(opts: { post?: string; channels: string[] }): string {
  return [
    'timezone: America/New_York',
    `schedule: { post: "${opts.post ?? '0 9 * * 1-5'}", digest: "0 16 * * 5" }`,
    `rotation: [${REGIONS.join(', ')}]`,
    'regions:',
    ...REGIONS.flatMap((id) => [`  - id: ${id}`, `    name: ${id.replace('-', ' ')}`]),
    'channels:',
    ...opts.channels.map((c) => `  - ${c}`),
    'staff_report:',
    '  - { platform: slack, id: "C0COORD01" }',
    '',
  ].join('\n');
}

const WEEK_FILE = australiaDayWeek();

const newTree = treesPerTest();

async function run(config: string, opts: PreviewOptions) {
  const tree = await newTree({ config, weeks: { '2027-01-25.yaml': WEEK_FILE } });
  const out: string[] = [];
  const err: string[] = [];
  const code = await preview({ config: tree.config, prompts: tree.prompts }, { week: '2027-01-25', ...opts }, { out: (t) => out.push(t), err: (t) => err.push(t), clock: { now: () => new Date('2027-01-20T12:00:00Z') } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface JsonChannel { channelId: string; timezone: string; posting: boolean; postAt: string | null; nothing: string | null; parts: Array<{ ledgerKey: string; postAt: string; timezone: string; requestKeys: string[]; notes: string[] }> }
interface JsonDay { date: string; posting: boolean; postAt: string | null; channels: JsonChannel[] }

const SYDNEY = '{ platform: discord, id: "445566778899001122", audience: volunteers, timezone: Australia/Sydney, holidays: AU }';
const NEW_YORK = '{ platform: slack, id: "C0STAFF01", audience: staff }';

describe('preview with a Sydney channel that has holidays: AU', () => {
  it('says why Sydney has no post on Australia Day, and where the dated request moved', async () => {
    const { code, out, err } = await run(configYaml({ channels: [NEW_YORK, SYDNEY] }), {});
    expect(code).toBe(0);
    expect(out).toContain(
      '→ discord 445566778899001122 (volunteers, Australia/Sydney, AU holidays): no post — Australia Day (AU public holiday); 2027-01-25/rally moves to Wednesday, January 27',
    );
    expect(out).toContain('note: 2027-01-25/rally is dated Tuesday, January 26, Australia Day (AU public holiday) here: moved to this day');
    // New York posts the dated request on its date, at 09:00 EST.
    expect(out).toContain('→ slack C0STAFF01 (staff) · 09:00 EST = Tue Jan 26 14:00 UTC · ledger slack:C0STAFF01:2027-01-26:0');
    expect(err).toContain('warning: for discord 445566778899001122 (Australia/Sydney, AU holidays): global office has no posting day this week');
  });

  it('in JSON: each channel its own day, zone and reason; the moved request only in Sydney', async () => {
    const { data } = await run(configYaml({ channels: [NEW_YORK, SYDNEY] }), { format: 'json' }).then((r) => ({ ...r, data: JSON.parse(r.out) as { days: JsonDay[] } }));
    const tuesday = data.days.find((d) => d.date === '2027-01-26')!;
    expect(tuesday).toMatchObject({ posting: true, postAt: '2027-01-26T14:00:00.000Z' });
    const [nyc, syd] = tuesday.channels;
    expect(nyc).toMatchObject({ timezone: 'America/New_York', posting: true, nothing: null });
    expect(nyc!.parts[0]!.requestKeys).toEqual(['2027-01-25/latin-america-1', '2027-01-25/rally']);
    expect(syd).toMatchObject({ timezone: 'Australia/Sydney', posting: false, postAt: null, parts: [] });
    expect(syd!.nothing).toMatch(/^Australia Day \(AU public holiday\)/);
    const sydWednesday = data.days.find((d) => d.date === '2027-01-27')!.channels[1]!;
    expect(sydWednesday.parts.map((p) => [p.ledgerKey, p.postAt, p.timezone, p.requestKeys])).toEqual([
      ['discord:445566778899001122:2027-01-27:0', '2027-01-26T22:00:00.000Z', 'Australia/Sydney', ['2027-01-25/latin-america-1', '2027-01-25/rally']],
    ]);
  });

  it('with --channel, the header and the day-level fields follow that channel', async () => {
    const { out } = await run(configYaml({ channels: [NEW_YORK, SYDNEY] }), { channel: '445566778899001122' });
    expect(out).toContain('Times in Australia/Sydney.');
    expect(out).toContain('━━ Tuesday, January 26, 2027 ━');
    expect(out).toContain('Nothing posted — Australia Day (AU public holiday); 2027-01-25/rally moves to Wednesday, January 27.');
  });
});

describe("preview and the organisation's digest", () => {
  it("notes a Friday post further west that goes out after Friday's 16:00 digest in New York", async () => {
    const losAngeles = '{ platform: slack, id: "C0LAX", audience: staff, timezone: America/Los_Angeles }';
    const { data } = await run(configYaml({ post: '0 14 * * 1-5', channels: [NEW_YORK, losAngeles] }), { format: 'json' }).then((r) => ({ ...r, data: JSON.parse(r.out) as { days: JsonDay[] } }));
    const friday = data.days.find((d) => d.date === '2027-01-29')!;
    const [nyc, lax] = friday.channels;
    expect(nyc!.parts[0]!.notes).toEqual([]);
    expect(lax!.parts[0]!.postAt).toBe('2027-01-29T22:00:00.000Z'); // 14:00 PST = 17:00 EST
    expect(lax!.parts[0]!.notes).toEqual(["goes out after the week's digest (Fri Jan 29 16:00 EST), which does not count it"]);
    // Thursday is before the digest everywhere.
    expect(data.days.find((d) => d.date === '2027-01-28')!.channels.flatMap((c) => c.parts.flatMap((p) => p.notes))).toEqual([]);
  });
});
