#!/usr/bin/env -S node --max-semi-space-size=1 --max-old-space-size=256
// The `prayerbot` command line.
//
// The node flags above keep a long-running bot small: a 1 MiB young generation and a 256 MiB
// old-space cap hold it near 105 MiB resident when idle with Slack and Discord connected
// (about 150 MiB with node's defaults), far from what it needs. `npm start` passes the same. Each command lives in src/cli/<command>.ts and returns an
// exit code: 0 ok, 1 problems found, 2 usage error.
import { Command, CommanderError, Option } from 'commander';

export interface GlobalOptions {
  config: string;
  prompts: string;
}

const program = new Command('prayerbot')
  .description('Weekly prayer requests into Slack and Discord team channels.')
  .option('--config <file>', 'settings file', 'config/prayerbot.yaml')
  .option('--prompts <dir>', 'folder of week files (<monday>.yaml)', 'prompts/')
  .showHelpAfterError()
  .exitOverride();

function globals(): GlobalOptions {
  return program.opts<GlobalOptions>();
}

let exitCode = 0;
function run<A extends unknown[]>(load: () => Promise<(g: GlobalOptions, ...args: A) => Promise<number>>) {
  return async (...args: A) => {
    const command = await load();
    exitCode = await command(globals(), ...args);
  };
}

/** A subcommand whose module is loaded only when it runs; options may be chained after it. */
function command<A extends unknown[]>(name: string, description: string, load: () => Promise<(g: GlobalOptions, ...args: A) => Promise<number>>): Command {
  return program.command(name).description(description).action(run(load));
}

command('run', 'start the bot (all platforms with tokens; console chat when none)', async () => (await import('./cli/run.js')).runCommand);

command('check', 'validate config and prompts; exit 1 with file:line:col: message lines', async () => (await import('./cli/check.js')).checkCommand);

command('preview', "each day's post per channel, as it will read", async () => (await import('./cli/preview.js')).previewCommand)
  .option('--week <date>', "the week's Monday (default: this week)")
  .option('--channel <id>', 'only this channel')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));

command('import', 'weekly update text to a week file', async () => (await import('./cli/import.js')).importCommand)
  .argument('<file>', 'the plain-text weekly update')
  .option('--week <date>', "the week's Monday (default: the Monday on or after --sent)")
  .option('--sent <date>', 'the date the update was sent; resolves "tomorrow", "this Saturday"…')
  .option('-o, --output <file>', 'write the week file here instead of standard output')
  .option('--force', 'replace the -o file if it already exists');

command('post', "send (or catch up) a day's post now", async () => (await import('./cli/post.js')).postCommand)
  .option('--date <date>', 'the day (default: today)')
  .option('--dry-run', 'say what would be sent, send nothing');

command('tally', 'the tally', async () => (await import('./cli/tally.js')).tallyCommand)
  .option('--week <date>', "the week's Monday (default: this week)")
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'));

command('retire', 'retire what has expired, now', async () => (await import('./cli/retire.js')).retireCommand)
  .option('--dry-run', 'say what would be retired, change nothing');

command('retract', 'take posted copies down everywhere, now', async () => (await import('./cli/retract.js')).retractCommand)
  .option('--week <date>', 'every request of this week')
  .option('--request <week/id>', 'one request')
  .option('--undo', 'allow it to be posted again')
  .option('--dry-run', 'say what would be taken down, change nothing');

command('doctor', 'check the set-up end to end', async () => (await import('./cli/doctor.js')).doctorCommand);

command('coordinator-link', 'print a single-use sign-in link to the coordinator page (valid 15 minutes)', async () => (await import('./cli/coordinator-link.js')).coordinatorLinkCommand);

command('deploy-commands', 'register the Discord slash commands (once, not on every start)', async () => (await import('./cli/deploy-commands.js')).deployCommandsCommand)
  .option('--guild <id>', 'register in one server only (instant; global takes up to an hour)');

try {
  await program.parseAsync(process.argv);
  process.exitCode = exitCode;
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every other parse failure is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
