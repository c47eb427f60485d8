import { describe, expect, it } from 'vitest';
import { EnvError, publicUrlOf, readEnv } from './env.js';

describe('PUBLIC_URL', () => {
  it('is an origin: scheme, host and port, normalised', () => {
    expect(readEnv({ PUBLIC_URL: 'https://Prayer.Example.org/' }).publicUrl).toBe('https://prayer.example.org');
    expect(readEnv({ PUBLIC_URL: 'http://10.0.0.5:8080' }).publicUrl).toBe('http://10.0.0.5:8080');
  });

  it('defaults to http://127.0.0.1:<port>', () => {
    const env = readEnv({ PORT: '3100' });
    expect(env.publicUrl).toBeUndefined();
    expect(publicUrlOf(env, env.port)).toBe('http://127.0.0.1:3100');
    expect(publicUrlOf(readEnv({ PUBLIC_URL: 'https://prayer.example.org' }), 3100)).toBe('https://prayer.example.org');
  });

  it.each([
    ['prayer.example.org', 'must be an origin like'],
    ['ftp://prayer.example.org', 'must start with https://'],
    ['https://prayer.example.org/coordinator', 'without a path'],
    ['https://prayer.example.org?next=/x', 'without a path, query'],
    ['https://prayer.example.org/#top', 'without a path, query or #fragment'],
    ['https://admin:pw@prayer.example.org', 'user name or password'],
  ])('refuses %s', (value, says) => {
    expect(() => readEnv({ PUBLIC_URL: value })).toThrow(EnvError);
    expect(() => readEnv({ PUBLIC_URL: value })).toThrow(says);
  });
});
