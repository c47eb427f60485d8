// The environment: secrets and deployment settings. `.env` is read if present; variables
// already set in the real environment win. Nothing here is ever logged with its value.
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseEnv } from 'node:util';
import { CodedError } from './core/errors.js';

export interface Env {
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  discord?: { token: string; applicationId?: string; apiUrl?: string };
  databaseUrl: string;
  port: number;
  /** PUBLIC_URL: the origin of the links the bot hands out (coordinator sign-in); see publicUrlOf. */
  publicUrl?: string;
  metricsPort?: number;
  /** PRAYERBOT_LEASE_SECONDS: the ledger claim lease (default 120 s); for tests and trials. */
  leaseMs?: number;
  /** PRAYERBOT_SHARD_LEASE_SECONDS: a Discord shard's lease between replicas (default 30 s); for tests and trials. */
  shardLeaseMs?: number;
  /** PRAYERBOT_SWEEP_SECONDS: how often the sweep runs (default 60 s); for tests and trials. */
  sweepMs?: number;
  /** Unset: info, or warn in the console chat. */
  logLevel?: string;
  /**
   * TRUSTED_PROXY: addresses of the reverse proxies in front of the bot. Only requests from
   * them have their X-Forwarded-For believed (per-address limits on the coordinator page).
   */
  trustedProxies?: string[];
}

export class EnvError extends CodedError<'bad_env'> {
  constructor(message: string) {
    super('bad_env', message);
  }
}

/** Adds `.env` (if any) under the real environment, which wins. */
export function loadDotEnv(path = '.env', into: NodeJS.ProcessEnv = process.env): void {
  if (!existsSync(path)) return;
  const parsed = parseEnv(readFileSync(path, 'utf8'));
  for (const [key, value] of Object.entries(parsed)) {
    if (into[key] === undefined) into[key] = value;
  }
}

function port(name: string, raw: string | undefined, fallback: number | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new EnvError(`${name} must be a port number from 0 to 65535, not "${raw}"`);
  return n;
}

/** A number of seconds from 1 to 600 (the lease and sweep settings), in milliseconds. */
function seconds(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 1 || n > 600) throw new EnvError(`${name} must be a number of seconds from 1 to 600, not "${raw}"`);
  return Math.round(n * 1000);
}

/**
 * PUBLIC_URL as an origin (`https://prayer.example.org`): http or https, a host, maybe a port,
 * nothing else. Links are built from it alone, never from a request's Host header, so a path,
 * query or credentials in it would be a mistake worth stopping for.
 */
function origin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvError(`PUBLIC_URL must be an origin like https://prayer.example.org, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EnvError(`PUBLIC_URL must start with https:// (or http://), not "${url.protocol}"`);
  }
  if (url.username || url.password) throw new EnvError('PUBLIC_URL must not carry a user name or password');
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new EnvError(`PUBLIC_URL must be an origin only (like ${url.origin}), without a path, query or #fragment`);
  }
  return url.origin;
}

/** The base of the links the bot hands out: PUBLIC_URL, else http://127.0.0.1:<port>. */
export function publicUrlOf(env: Pick<Env, 'publicUrl'>, port: number): string {
  return env.publicUrl ?? `http://127.0.0.1:${port}`;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const get = (name: string) => {
    const value = source[name]?.trim();
    return value ? value : undefined;
  };
  const env: Env = {
    databaseUrl: get('DATABASE_URL') ?? 'sqlite:data/prayerbot.db',
    port: port('PORT', get('PORT'), 3000)!,
  };
  const publicUrl = get('PUBLIC_URL');
  if (publicUrl !== undefined) env.publicUrl = origin(publicUrl);
  const leaseMs = seconds('PRAYERBOT_LEASE_SECONDS', get('PRAYERBOT_LEASE_SECONDS'));
  if (leaseMs !== undefined) env.leaseMs = leaseMs;
  const shardLeaseMs = seconds('PRAYERBOT_SHARD_LEASE_SECONDS', get('PRAYERBOT_SHARD_LEASE_SECONDS'));
  if (shardLeaseMs !== undefined) env.shardLeaseMs = shardLeaseMs;
  const sweepMs = seconds('PRAYERBOT_SWEEP_SECONDS', get('PRAYERBOT_SWEEP_SECONDS'));
  if (sweepMs !== undefined) env.sweepMs = sweepMs;
  const logLevel = get('LOG_LEVEL');
  if (logLevel) env.logLevel = logLevel;
  if (env.logLevel && !LEVELS.includes(env.logLevel)) throw new EnvError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, not "${env.logLevel}"`);
  const metricsPort = port('METRICS_PORT', get('METRICS_PORT'), undefined);
  if (metricsPort !== undefined) env.metricsPort = metricsPort;
  const proxies = get('TRUSTED_PROXY');
  if (proxies !== undefined) env.trustedProxies = proxyAddresses(proxies);

  const botToken = get('SLACK_BOT_TOKEN');
  const signingSecret = get('SLACK_SIGNING_SECRET');
  const appToken = get('SLACK_APP_TOKEN');
  if (botToken) {
    if (!signingSecret && !appToken) {
      throw new EnvError('SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP) nor SLACK_APP_TOKEN (Socket Mode) is: set one of them');
    }
    env.slack = { botToken };
    if (signingSecret) env.slack.signingSecret = signingSecret;
    if (appToken) env.slack.appToken = appToken;
    const apiUrl = get('SLACK_API_URL');
    if (apiUrl) env.slack.apiUrl = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  } else if (signingSecret || appToken) {
    throw new EnvError('SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: Slack needs the bot token');
  }

  const discordToken = get('DISCORD_TOKEN');
  if (discordToken) {
    env.discord = { token: discordToken };
    const applicationId = get('DISCORD_APPLICATION_ID');
    if (applicationId) env.discord.applicationId = applicationId;
    const apiUrl = get('DISCORD_API_URL');
    if (apiUrl) env.discord.apiUrl = apiUrl.replace(/\/+$/, '');
  }
  return env;
}

/** TRUSTED_PROXY: comma-separated IP addresses. */
function proxyAddresses(raw: string): string[] {
  const list = raw.split(',').map((a) => a.trim()).filter((a) => a !== '');
  for (const address of list) {
    if (isIP(address) === 0) throw new EnvError(`TRUSTED_PROXY must list IP addresses separated by commas, and "${address}" is not one`);
  }
  return list;
}

/** Every secret value in the environment, for redaction from logs and errors. */
export function secretValues(source: NodeJS.ProcessEnv = process.env): string[] {
  const names = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN'];
  const values = names.map((n) => source[n]?.trim()).filter((v): v is string => !!v && v.length >= 6);
  const db = source['DATABASE_URL'];
  if (db) {
    try {
      const url = new URL(db);
      if (url.password) values.push(decodeURIComponent(url.password), url.password);
    } catch {
      // not a URL (sqlite:path): nothing secret in it
    }
  }
  return values;
}
