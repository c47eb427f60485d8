// `prayerbot run`: start the bot and keep it running until SIGINT/SIGTERM.
import type { GlobalOptions } from '../cli.js';
import { EnvError, loadDotEnv, readEnv, secretValues } from '../env.js';
import { startBot, StartError, type RunningBot } from '../main.js';
import { installProcessGuards } from '../runtime/process-guards.js';
import { redact } from '../logger.js';

export async function runCommand(globals: GlobalOptions): Promise<number> {
  loadDotEnv();
  const secrets = secretValues();
  let env;
  try {
    env = readEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`prayerbot: ${error.message}`);
      return 2;
    }
    throw error;
  }
  let running: RunningBot | undefined;
  // From here on an error nobody caught is logged (never its message) and handled by policy:
  // src/runtime/process-guards.ts says which and why.
  const unguard = installProcessGuards({
    log: () => running?.log,
    stop: () => running?.stop(),
    exit: (code) => process.exit(code),
  });
  try {
    running = await startBot({ configPath: globals.config, promptsDir: globals.prompts, env, secrets, ...(env.leaseMs ? { leaseMs: env.leaseMs } : {}) });
  } catch (error) {
    unguard();
    const message = error instanceof Error ? error.message : String(error);
    console.error(`prayerbot could not start: ${redact(message, secrets)}`);
    return error instanceof StartError ? 1 : 1;
  }
  const bot = running;
  await new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      bot.log.info({ signal }, 'stopping: finishing in-flight work');
      void bot.stop().finally(resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  unguard();
  return 0;
}
