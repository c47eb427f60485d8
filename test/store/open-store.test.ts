// openStore: DATABASE_URL to the right store, folders created, unknown schemes refused
// without ever printing a password.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { DEFAULT_DATABASE_URL, openStore } from '../../src/store/open-store.js';

const folder = mkdtempSync(join(tmpdir(), 'prayerbot-open-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const now = new Date('2026-10-12T13:00:00Z');

describe('openStore', () => {
  it('defaults to the SQLite file data/prayerbot.db', () => {
    expect(DEFAULT_DATABASE_URL).toBe('sqlite:data/prayerbot.db');
  });

  it('opens a SQLite file, creating its folder, and keeps data across opens', async () => {
    const file = join(folder, 'nested', 'deeper', 'prayerbot.db');
    const store = await openStore(`sqlite:${file}`);
    expect(store.kind).toBe('sqlite');
    await store.addRetraction('2026-10-12', now);
    await store.close();
    expect(existsSync(file)).toBe(true);
    const again = await openStore(`sqlite://${file}`);
    expect(await again.retractions()).toEqual(['2026-10-12']);
    await again.close();
  });

  it('opens separate in-memory SQLite stores for sqlite::memory:', async () => {
    const a = await openStore('sqlite::memory:');
    const b = await openStore('sqlite::memory:');
    await a.addRetraction('2026-10-12', now);
    expect(await a.retractions()).toEqual(['2026-10-12']);
    expect(await b.retractions()).toEqual([]);
    expect(existsSync(':memory:')).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses an unknown scheme with a clear message that hides the password', async () => {
    const error = await openStore('mysql://bob:hunter2@db.example.org/prayer').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'bad_url' });
    const message = (error as Error).message;
    expect(message).not.toContain('hunter2');
    expect(message).toContain('mysql://bob:***@db.example.org/prayer');
    expect(message).toContain('sqlite:');
    expect(message).toContain('postgres://');
  });

  it('hides the password even in a URL that does not parse', async () => {
    const error = await openStore('oracle://scott:tiger pw@[bad/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad_url' });
    expect((error as Error).message).not.toContain('tiger');
  });

  it('refuses sqlite: without a file', async () => {
    await expect(openStore('sqlite:')).rejects.toMatchObject({ code: 'bad_url' });
  });
});
