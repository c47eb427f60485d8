// What happens to an error nobody caught. Installed by `prayerbot run` only: tests, the
// one-shot commands and anyone using the modules as a library keep node's own behaviour.
//
// - An unhandled promise rejection is logged and the bot keeps running. Node's default is to
//   crash, but every job here (sweeps, retention, reloads, inbound events) catches its own
//   errors, so a stray rejection is a library's fire-and-forget promise or one path's bug:
//   crashing for it would stop every platform and the scheduler over one lost call, whose
//   work the next sweep retries anyway.
// - An uncaught exception is logged, then the bot stops in order (as on SIGTERM: inbound
//   first, work under way finished, the store closed; at most `stopTimeoutMs`) and the
//   process exits 1. A synchronous throw out of an event callback can leave state half
//   changed (node's documentation: not safe to resume), while a supervisor (systemd
//   `Restart=`, a container restart policy) starting a clean process is safe: the ledger in
//   the store means a restart never posts a day twice.
//
// Either way the log line has the error's name and code only (`errorLogFields`): its
// message and stack can carry a token, a URL with credentials or a request's text.
import { errorLogFields } from '../core/errors.js';
import type { Log } from '../core/ports.js';

/** How long an orderly stop after an uncaught exception may take before the process exits anyway. */
export const CRASH_STOP_MS = 15_000;

export interface ProcessGuardOptions {
  /** The bot's logger once it has one; before that, a line goes to stderr. */
  log: () => Log | undefined;
  /** Stops the bot in order (undefined while it is starting). */
  stop: () => Promise<void> | undefined;
  exit: (code: number) => void;
  stopTimeoutMs?: number;
  /** The process whose events are handled (default `process`). */
  target?: NodeJS.EventEmitter;
  stderr?: NodeJS.WritableStream;
}

/** Installs the handlers; returns a function that removes them. */
export function installProcessGuards(options: ProcessGuardOptions): () => void {
  const target = options.target ?? process;
  const stderr = options.stderr ?? process.stderr;
  let crashing = false;

  const report = (error: unknown, msg: string) => {
    const fields = errorLogFields(error);
    const log = options.log();
    if (log) log.error(fields, msg);
    else stderr.write(`prayerbot: ${msg} (${fields.code ? `${fields.error} ${fields.code}` : fields.error})\n`);
  };

  const onRejection = (reason: unknown) => {
    report(reason, 'unhandled promise rejection; the bot keeps running');
  };

  const onException = (error: unknown) => {
    report(error, 'uncaught exception; stopping (restart prayerbot, or let its supervisor do it)');
    if (crashing) return;
    crashing = true;
    const deadline = setTimeout(() => options.exit(1), options.stopTimeoutMs ?? CRASH_STOP_MS);
    Promise.resolve()
      .then(() => options.stop())
      .catch((stopError: unknown) => report(stopError, 'stopping after an uncaught exception failed'))
      .finally(() => {
        clearTimeout(deadline);
        options.exit(1);
      });
  };

  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
