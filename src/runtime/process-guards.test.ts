// An error nobody caught: a rejection is logged and the bot keeps running; an exception
// stops the bot in order and exits 1. Neither logs the error's message.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Log } from '../core/ports.js';
import { installProcessGuards } from './process-guards.js';

const SECRET = 'xoxb-1234-5678-secret while posting "Pray for a fictional family"';

function recordingLog() {
  const lines: Array<{ level: string; fields: object; msg?: string }> = [];
  const log: Log = {
    debug: (fields, msg) => void lines.push({ level: 'debug', fields, msg }),
    info: (fields, msg) => void lines.push({ level: 'info', fields, msg }),
    warn: (fields, msg) => void lines.push({ level: 'warn', fields, msg }),
    error: (fields, msg) => void lines.push({ level: 'error', fields, msg }),
  };
  return { log, lines };
}

function setUp(options: { stop?: () => Promise<void>; started?: boolean; stopTimeoutMs?: number } = {}) {
  const target = new EventEmitter();
  const { log, lines } = recordingLog();
  const exits: number[] = [];
  const stops: string[] = [];
  const stderr = new PassThrough();
  let printed = '';
  stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const uninstall = installProcessGuards({
    target,
    stderr,
    log: () => (options.started === false ? undefined : log),
    stop: () => {
      if (options.started === false) return undefined;
      stops.push('stop');
      return options.stop?.() ?? Promise.resolve();
    },
    exit: (code) => void exits.push(code),
    ...(options.stopTimeoutMs !== undefined ? { stopTimeoutMs: options.stopTimeoutMs } : {}),
  });
  return { target, lines, exits, stops, uninstall, printed: () => printed };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('installProcessGuards', () => {
  it('logs an unhandled rejection by name and code, never its message, and keeps running', async () => {
    const g = setUp();
    const error = Object.assign(new TypeError(SECRET), { code: 'E_FICTIONAL' });
    g.target.emit('unhandledRejection', error, Promise.resolve());
    g.target.emit('unhandledRejection', 'a bare string with xoxb-secret', Promise.resolve());
    await settle();
    expect(g.lines).toEqual([
      { level: 'error', fields: { error: 'TypeError', code: 'E_FICTIONAL' }, msg: 'unhandled promise rejection; the bot keeps running' },
      { level: 'error', fields: { error: 'string' }, msg: 'unhandled promise rejection; the bot keeps running' },
    ]);
    expect(JSON.stringify(g.lines)).not.toContain('secret');
    expect(g.exits).toEqual([]);
    expect(g.stops).toEqual([]);
  });

  it('before the bot has a logger, says it on stderr, still without the message', async () => {
    const g = setUp({ started: false });
    g.target.emit('unhandledRejection', Object.assign(new Error(SECRET), { code: 'ECONNRESET' }), Promise.resolve());
    await settle();
    expect(g.printed()).toBe('prayerbot: unhandled promise rejection; the bot keeps running (Error ECONNRESET)\n');
  });

  it('stops the bot in order after an uncaught exception and exits 1, once', async () => {
    let finishStop!: () => void;
    const g = setUp({ stop: () => new Promise<void>((resolve) => (finishStop = resolve)) });
    g.target.emit('uncaughtException', new RangeError(SECRET));
    g.target.emit('uncaughtException', new RangeError(SECRET));
    await settle();
    expect(g.stops).toEqual(['stop']);
    expect(g.exits).toEqual([]); // not before the stop has finished
    finishStop();
    await settle();
    expect(g.exits).toEqual([1]);
    expect(g.lines.map((l) => l.fields)).toEqual([{ error: 'RangeError' }, { error: 'RangeError' }]);
    expect(JSON.stringify(g.lines)).not.toContain('secret');
  });

  it('exits 1 anyway when the stop hangs past its deadline, or fails', async () => {
    const hung = setUp({ stop: () => new Promise<void>(() => {}), stopTimeoutMs: 30 });
    hung.target.emit('uncaughtException', new Error('boom'));
    await new Promise((r) => setTimeout(r, 80));
    expect(hung.exits).toEqual([1]);

    const failing = setUp({ stop: () => Promise.reject(Object.assign(new Error(SECRET), { code: 'SQLITE_BUSY' })) });
    failing.target.emit('uncaughtException', new Error('boom'));
    await settle();
    expect(failing.exits).toEqual([1]);
    expect(failing.lines.at(-1)).toEqual({ level: 'error', fields: { error: 'Error', code: 'SQLITE_BUSY' }, msg: 'stopping after an uncaught exception failed' });
  });

  it('removes its handlers when uninstalled', () => {
    const g = setUp();
    expect(g.target.listenerCount('unhandledRejection')).toBe(1);
    g.uninstall();
    expect(g.target.listenerCount('unhandledRejection')).toBe(0);
    expect(g.target.listenerCount('uncaughtException')).toBe(0);
  });
});
