// Bolt's (and the WebClient's, and Socket Mode's) logs, through pino — at info at most:
// library debug output carries request bodies (prayer text, user ids), so it never shows,
// whatever LOG_LEVEL says. Tokens and the signing secret are scrubbed from every line.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';

const ORDER: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

const TOKEN_PATTERN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;

/** Replaces Slack tokens and the given secrets with `[redacted]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN_PATTERN, '[redacted]');
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[redacted]');
  return out;
}

function stricter(a: string, b: string): string {
  return (ORDER[a] ?? 30) >= (ORDER[b] ?? 30) ? a : b;
}

function toBoltLevel(level: string): LogLevel {
  if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
  if (level === 'info') return LogLevel.INFO;
  if (level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

export function createBoltLogger(base: PinoLogger, secrets: readonly string[]): BoltLogger {
  const floor = stricter(base.level, 'info');
  const log = base.child({ lib: 'slack-bolt' });
  log.level = floor;
  let name = 'bolt';
  const line = (parts: unknown[]) => scrubSecrets(parts.map(describe).join(' '), secrets);
  return {
    debug: (...parts: unknown[]) => {
      if (log.isLevelEnabled('debug')) log.debug({ component: name }, line(parts));
    },
    info: (...parts: unknown[]) => {
      if (log.isLevelEnabled('info')) log.info({ component: name }, line(parts));
    },
    warn: (...parts: unknown[]) => {
      if (log.isLevelEnabled('warn')) log.warn({ component: name }, line(parts));
    },
    error: (...parts: unknown[]) => {
      if (log.isLevelEnabled('error')) log.error({ component: name }, line(parts));
    },
    // Bolt asks for a level (INFO by default, DEBUG in developer mode): never below the floor.
    setLevel: (level: LogLevel) => {
      log.level = stricter(level, floor);
    },
    getLevel: () => toBoltLevel(log.level),
    setName: (n: string) => {
      name = n;
    },
  };
}
