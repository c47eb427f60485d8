// A throwaway prayerbot project on disk (config/ + prompts/ + data/) for end-to-end tests.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Project {
  dir: string;
  configPath: string;
  promptsDir: string;
  dbPath: string;
  writeWeek(monday: string, yaml: string): void;
  writeConfig(yaml: string): void;
  remove(): void;
}

export function tempProject(config: string): Project {
  const dir = mkdtempSync(join(tmpdir(), 'prayerbot-e2e-'));
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'prompts'));
  const project: Project = {
    dir,
    configPath: join(dir, 'config', 'prayerbot.yaml'),
    promptsDir: join(dir, 'prompts'),
    dbPath: join(dir, 'data', 'prayerbot.db'),
    writeWeek: (monday, yaml) => writeFileSync(join(dir, 'prompts', `${monday}.yaml`), yaml),
    writeConfig: (yaml) => writeFileSync(join(dir, 'config', 'prayerbot.yaml'), yaml),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  project.writeConfig(config);
  return project;
}

/** A config like the repository's, with the given channels block. */
export function configYaml(opts: { timezone?: string; post?: string; catchUp?: number; channels: string; staffReport: string; staff?: string }): string {
  return `timezone: ${opts.timezone ?? 'America/New_York'}
schedule:
  post: "${opts.post ?? '0 9 * * 1-5'}"
  digest: "0 16 * * 5"
  catch_up_hours: ${opts.catchUp ?? 6}
rotation: [africa-europe, latin-america, south-asia, asia-pacific, global-office]
regions:
  - { id: africa-europe, name: Africa & Europe, aliases: [africa, europe] }
  - { id: latin-america, name: Latin America, aliases: [latam, "south america"] }
  - { id: south-asia, name: South Asia }
  - { id: asia-pacific, name: Asia Pacific, aliases: [apac] }
  - { id: global-office, name: Global Office & Partners, aliases: [global] }
retention_days: 14
channels:
${opts.channels}
staff_report:
${opts.staffReport}
staff:
${opts.staff ?? '  slack_users: ["U0COORD1"]\n  discord_roles: ["900000000000000001"]'}
`;
}

/** A fictional week: one request per region, the given extra lines appended to the list. */
export function weekYaml(monday: string, extra = ''): string {
  const regions = ['africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office'];
  return `week: ${monday}
verse:
  text: "Seek justice, defend the oppressed."
  reference: Isaiah 1:17
requests:
${regions.map((r) => `  - region: ${r}\n    text: Pray for the ${r} team as they serve families this week. <!channel> should stay silent.`).join('\n')}
${extra}`;
}
