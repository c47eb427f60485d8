// The whole bot (startBot) on a throwaway project, as the end-to-end, page, replay and shutdown
// tests start it, and the clean-up after each test: bots stopped first, then projects removed.
import { PassThrough } from 'node:stream';
import { afterEach } from 'vitest';
import { startBot, type RunningBot, type StartOptions } from '../../src/main.js';
import { configYaml, tempProject, weekYaml, type Project } from './project.js';

/** One staff channel on Slack, reporting to the coordinators' channel. */
export const STAFF_CHANNELS = {
  channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }',
  staffReport: '  - { platform: slack, id: "C0COORD01" }',
} as const;

export interface ConsoleRun {
  bot: RunningBot;
  /** The console chat's keyboard. */
  input: PassThrough;
  /** All the console chat has shown so far (alerts print `[to staff]`). */
  printed(): string;
}

export interface ConsoleOptions extends Partial<Omit<StartOptions, 'input' | 'output' | 'env'>> {
  /** Default: the project's own SQLite file. */
  databaseUrl?: string;
}

/** Registers the clean-up of this test file; returns how to make what it cleans up. */
export function throwawayBots() {
  let bots: RunningBot[] = [];
  let projects: Project[] = [];
  afterEach(async () => {
    for (const bot of bots) await bot.stop();
    for (const project of projects) project.remove();
    bots = [];
    projects = [];
  });

  /** A project with the given config; removed after the test. */
  function project(config: string): Project {
    const made = tempProject(config);
    projects.push(made);
    return made;
  }

  /** startBot, stopped after the test. */
  async function start(options: StartOptions): Promise<RunningBot> {
    const bot = await startBot(options);
    bots.push(bot);
    return bot;
  }

  return {
    project,
    start,
    /** A project with STAFF_CHANNELS and the sample week of `monday` in its prompts. */
    staffProject(monday: string): Project {
      const made = project(configYaml(STAFF_CHANNELS));
      made.writeWeek(monday, weekYaml(monday));
      return made;
    },
    /** The bot on the console chat of `on`. */
    async console(on: Project, options: ConsoleOptions = {}): Promise<ConsoleRun> {
      const { databaseUrl, ...rest } = options;
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = '';
      output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const bot = await start({
        configPath: on.configPath,
        promptsDir: on.promptsDir,
        env: { databaseUrl: databaseUrl ?? `sqlite:${on.dbPath}`, port: 0, logLevel: 'silent' },
        secrets: [],
        input,
        output,
        ...rest,
      });
      return { bot, input, printed: () => printed };
    },
  };
}
