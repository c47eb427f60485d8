// `prayerbot coordinator-link` through the real binary: one URL on stdout under PUBLIC_URL,
// single-use and stored only as a hash (actor `cli`, audited); a usage error (exit 2) when
// the link could not name the bot's address.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/core/coordinator/secrets.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

const CLI = join(process.cwd(), 'dist', 'cli.js');
let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prayerbot-link-'));
  dbPath = join(dir, 'data', 'prayerbot.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function link(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'coordinator-link'], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: `sqlite:${dbPath}`, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('prayerbot coordinator-link', () => {
  it('prints one single-use sign-in link under PUBLIC_URL, stored only as its hash', async () => {
    const { code, stdout } = await link({ PUBLIC_URL: 'https://prayer.example.org' });
    expect(code).toBe(0);
    const match = /^https:\/\/prayer\.example\.org\/coordinator\/sign-in\?token=([A-Za-z0-9_-]{43})\n$/.exec(stdout);
    expect(match).not.toBeNull();
    const token = match![1]!;

    const db = new Database(dbPath, { readonly: true });
    const stored = JSON.stringify(db.prepare('SELECT * FROM sign_in_tokens').all());
    db.close();
    expect(stored).not.toContain(token);

    const store = SqliteStore.open(dbPath);
    try {
      expect(await store.signInTokenState(hashSecret(token), new Date())).toBe('valid');
      expect(await store.signInTokenState(hashSecret(token), new Date(Date.now() + 15 * 60_000 + 1_000))).toBe('expired');
      expect(await store.redeemSignInToken(hashSecret(token), new Date())).toBe('cli');
      expect(await store.redeemSignInToken(hashSecret(token), new Date())).toBeUndefined();
      expect((await store.listAudit(5)).map((e) => [e.action, e.actor])).toEqual([['sign-in-link', 'cli']]);
    } finally {
      await store.close();
    }
  });

  it('builds the link from PORT on 127.0.0.1 without PUBLIC_URL, a new token each time', async () => {
    const first = await link({ PORT: '3456' });
    const second = await link({ PORT: '3456' });
    expect(first.stdout).toMatch(/^http:\/\/127\.0\.0\.1:3456\/coordinator\/sign-in\?token=[A-Za-z0-9_-]{43}\n$/);
    expect(second.stdout).not.toBe(first.stdout);
  });

  it('exits 2 and says why when PORT=0 and there is no PUBLIC_URL', async () => {
    const { code, stdout, stderr } = await link({ PORT: '0' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('PORT=0');
    expect(stderr).toContain('Set PUBLIC_URL');
  });

  it('exits 2 for a PUBLIC_URL that is not an origin', async () => {
    const { code, stdout, stderr } = await link({ PUBLIC_URL: 'https://prayer.example.org/bot?x=1' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('PUBLIC_URL must be an origin only (like https://prayer.example.org)');
  });
});
