// Loads config/prayerbot.yaml into a typed Config, reporting every mistake as file:line:col.
import type { ChannelConfig, Config, Loaded, Problem, Region } from '../core/types.js';
import { canonicalTag, DEFAULT_LANGUAGE } from '../i18n/index.js';
import { configSchema, type RawConfig } from './config-schema.js';
import { languageChecks } from './language-checks.js';
import { rememberSource } from './locations.js';
import { isRecord, listAt, textAt } from './raw.js';
import { didYouMean, normalizeName } from './suggest.js';
import { problemAt, readYamlFile, type PathIssue, type YamlSource } from './yaml-source.js';
import { issuesFromZod } from './zod-issues.js';

export interface ConfigLoad extends Loaded<Config> {
  /**
   * The regions that could be read even when the config has errors, so week files can
   * still be checked against them in the same run.
   */
  regions?: Region[];
}

/** Loads and validates the config file. `value` is present when it has no errors. */
export async function loadConfig(path: string): Promise<Loaded<Config>> {
  const { value, problems } = await readConfig(path);
  return value ? { value, problems } : { problems };
}

/** `loadConfig` plus the regions read from a config that has errors elsewhere. */
export async function readConfig(path: string): Promise<ConfigLoad> {
  const read = await readYamlFile(path, ' (name another with --config FILE)');
  if (!read.source) return { problems: read.problems };
  const checked = validateConfig(read.source);
  return { ...checked, problems: [...read.problems, ...checked.problems] };
}

function validateConfig(source: YamlSource): ConfigLoad {
  const data = source.data;
  if (!isRecord(data)) {
    const what = data === null || data === undefined ? 'the file is empty' : 'the file is not a map of settings';
    return { problems: [problemAt(source, { path: [], message: `${what}; expected timezone, schedule, rotation, regions, channels…`, severity: 'error' })] };
  }
  const issues: PathIssue[] = [];
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error, configSchema, data, (p) => source.sourceText(p)));
  const regions = readableRegions(data);
  issues.push(...crossChecks(data, regions));

  const problems: Problem[] = issues.map((issue) => problemAt(source, issue));
  if (!parsed.success || problems.some((p) => p.severity === 'error')) return { problems, regions };
  const value = toConfig(parsed.data, source.file);
  rememberSource(value, source);
  return { value, problems, regions };
}

/** Regions with at least a valid-looking id, from data that may be wrong elsewhere. */
function readableRegions(data: Record<string, unknown>): Region[] {
  const regions: Region[] = [];
  for (const entry of listAt(data, 'regions')) {
    const id = textAt(entry, 'id');
    if (id === undefined) continue;
    const aliases = listAt(entry, 'aliases').filter((a): a is string => typeof a === 'string');
    const written = isRecord(entry) ? entry['names'] : undefined;
    const names = isRecord(written) ? Object.fromEntries(Object.entries(written).filter((e): e is [string, string] => typeof e[1] === 'string')) : undefined;
    regions.push({ id, name: textAt(entry, 'name') ?? id, aliases, ...(names ? { names } : {}) });
  }
  return regions;
}

function crossChecks(data: Record<string, unknown>, regions: Region[]): PathIssue[] {
  const issues: PathIssue[] = [];
  const error = (path: PathIssue['path'], message: string) => issues.push({ path, message, severity: 'error' });
  const warning = (path: PathIssue['path'], message: string) => issues.push({ path, message, severity: 'warning' });

  // Region ids are unique, and no name or alias names two regions.
  const idAt = new Map<string, number>();
  const nameOwner = new Map<string, string>();
  listAt(data, 'regions').forEach((entry, i) => {
    const id = textAt(entry, 'id');
    if (id === undefined) return;
    if (idAt.has(id)) {
      error(['regions', i, 'id'], `region id "${id}" is used twice (also regions entry ${idAt.get(id)! + 1})`);
      return;
    }
    idAt.set(id, i);
  });
  // Ids and names first, so the alias is the one reported when an alias repeats a name.
  const claim = (id: string, label: string, path: PathIssue['path']) => {
    const key = normalizeName(label);
    if (key === '') return;
    const owner = nameOwner.get(key);
    if (owner !== undefined && owner !== id) {
      error(path, `"${label}" already names region "${owner}": /pray could not tell them apart`);
    } else {
      nameOwner.set(key, id);
    }
  };
  listAt(data, 'regions').forEach((entry, i) => {
    const id = textAt(entry, 'id');
    if (id === undefined) return;
    claim(id, id, ['regions', i, 'id']);
    const name = textAt(entry, 'name');
    if (name !== undefined) claim(id, name, ['regions', i, 'name']);
  });
  listAt(data, 'regions').forEach((entry, i) => {
    const id = textAt(entry, 'id');
    if (id === undefined) return;
    listAt(entry, 'aliases').forEach((alias, j) => {
      if (typeof alias === 'string') claim(id, alias, ['regions', i, 'aliases', j]);
    });
  });
  // Names in other languages match in /pray too, so they may not name another region either.
  listAt(data, 'regions').forEach((entry, i) => {
    const id = textAt(entry, 'id');
    const names = isRecord(entry) ? entry['names'] : undefined;
    if (id === undefined || !isRecord(names)) return;
    for (const [tag, name] of Object.entries(names)) {
      if (typeof name === 'string') claim(id, name, ['regions', i, 'names', tag]);
    }
  });

  // Rotation entries are region ids; every region is normally in the rotation.
  const inRotation = new Set<string>();
  listAt(data, 'rotation').forEach((entry, i) => {
    if (typeof entry !== 'string') return;
    inRotation.add(entry);
    if (regions.length === 0 || idAt.has(entry)) return;
    error(['rotation', i], `rotation names "${entry}", which is not a region id${regionHint(entry, regions)}`);
  });
  if (Array.isArray(data['rotation'])) {
    listAt(data, 'regions').forEach((entry, i) => {
      const id = textAt(entry, 'id');
      if (id !== undefined && !inRotation.has(id)) {
        warning(['regions', i, 'id'], `region "${id}" is not in the rotation: its undated requests join the last posting day of the week`);
      }
    });
  }

  // Channels: one entry per channel, ids that look like the platform's.
  const seen = new Map<string, number>();
  listAt(data, 'channels').forEach((entry, i) => {
    const platform = textAt(entry, 'platform');
    const id = textAt(entry, 'id');
    if (platform === undefined || id === undefined) return;
    const key = `${platform}:${id}`;
    if (seen.has(key)) error(['channels', i, 'id'], `channel ${platform} "${id}" is listed twice (also channels entry ${seen.get(key)! + 1})`);
    else seen.set(key, i);
    const problem = channelIdProblem(platform, id);
    if (problem) error(['channels', i, 'id'], problem);
  });
  listAt(data, 'staff_report').forEach((entry, i) => {
    const platform = textAt(entry, 'platform');
    const id = textAt(entry, 'id');
    if (platform === undefined || id === undefined) return;
    const problem = channelIdProblem(platform, id);
    if (problem) error(['staff_report', i, 'id'], problem);
  });
  if (!('staff_report' in data) || listAt(data, 'staff_report').length === 0) {
    warning('staff_report' in data ? ['staff_report'] : [], 'no staff_report channel: digests and alerts reach nobody');
  }

  issues.push(...languageChecks(data));

  // Staff lists hold ids of the right kind.
  const staff = data['staff'];
  if (isRecord(staff)) {
    listAt(staff, 'slack_users').forEach((entry, i) => {
      if (typeof entry === 'string' && !/^[UW][A-Z0-9]+$/.test(entry)) {
        error(['staff', 'slack_users', i], `"${entry}" is not a Slack user id (they look like "U0123ABCD": profile → ⋯ → Copy member ID)`);
      }
    });
    for (const list of ['discord_roles', 'discord_viewer_roles']) {
      listAt(staff, list).forEach((entry, i) => {
        if (typeof entry === 'string' && !/^\d+$/.test(entry)) {
          error(['staff', list, i], `"${entry}" is not a Discord role id (a long number, quoted: Server Settings → Roles → ⋯ → Copy Role ID)`);
        }
      });
    }
  }
  return issues;
}

/** Why `id` cannot be a channel id on `platform`. */
function channelIdProblem(platform: string, id: string): string | undefined {
  if (id.trim() === '') return 'channel id is empty';
  if (platform === 'slack' && !/^[A-Z0-9]+$/.test(id)) {
    return `"${id}" is not a Slack channel id (they look like "C0123ABCD": channel details → About, at the bottom)`;
  }
  if (platform === 'discord' && !/^\d+$/.test(id)) {
    return `"${id}" is not a Discord channel id (a long number, quoted: right-click the channel → Copy Channel ID)`;
  }
  return undefined;
}

/** `; did you mean "x"?` for a region written by a near-miss, its name or one of its aliases. */
export function regionHint(written: string, regions: Region[]): string {
  const key = normalizeName(written);
  for (const region of regions) {
    const names = [region.name, ...region.aliases, ...Object.values(region.names ?? {})];
    if (names.some((n) => normalizeName(n) === key)) {
      return ` (use the region id "${region.id}")`;
    }
  }
  return didYouMean(written, regions.map((r) => r.id));
}

function toConfig(raw: RawConfig, source: string): Config {
  // Tags in their canonical spelling (`zh-hant` → `zh-Hant`); a channel or report channel
  // without its own language has the organisation's. A config that names no language at all
  // leaves them unset (English, as `channelLocale` reads an absent tag).
  const tag = (value: string) => canonicalTag(value) ?? value;
  const language = tag(raw.language ?? DEFAULT_LANGUAGE);
  const own = (written: string | undefined) =>
    written !== undefined ? { language: tag(written) } : raw.language !== undefined ? { language } : {};
  const channels: ChannelConfig[] = raw.channels.map((c) => ({
    platform: c.platform,
    id: c.id,
    audience: c.audience,
    allowPublic: c.allow_public,
    ...own(c.language),
    ...(c.timezone !== undefined ? { timezone: c.timezone } : {}),
    ...(c.skip !== undefined ? { skip: [...c.skip] } : {}),
    ...(c.holidays !== undefined ? { holidays: c.holidays } : {}),
    // Only when set: a config without the button keeps its plan hash.
    ...(c.prayed_button ? { prayedButton: true } : {}),
  }));
  return {
    source,
    timezone: raw.timezone,
    language,
    schedule: { post: raw.schedule.post.trim(), digest: raw.schedule.digest.trim(), catchUpHours: raw.schedule.catch_up_hours },
    skip: [...raw.skip],
    ...(raw.holidays !== undefined ? { holidays: raw.holidays } : {}),
    rotation: [...raw.rotation],
    regions: raw.regions.map((r) => ({
      id: r.id,
      name: r.name.trim(),
      aliases: r.aliases.map((a) => a.trim()),
      ...(r.names !== undefined ? { names: Object.fromEntries(Object.entries(r.names).map(([key, name]) => [tag(key), name.trim()])) } : {}),
    })),
    retentionDays: raw.retention_days,
    retire: raw.retire,
    reaction: raw.reaction.trim(),
    channels,
    staffReport: raw.staff_report.map((t) => ({ platform: t.platform, id: t.id, ...own(t.language) })),
    staff: {
      slackUsers: [...raw.staff.slack_users],
      discordRoles: [...raw.staff.discord_roles],
      discordViewerRoles: [...(raw.staff.discord_viewer_roles ?? raw.staff.discord_roles)],
    },
  };
}
