import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Teardown } from './teardown.js';

const quiet = pino({ level: 'silent' });

describe('Teardown', () => {
  it('stops inbound, drains, stops platforms (newest first), then metrics, then the store, whatever the order they started in', async () => {
    const done: string[] = [];
    const teardown = new Teardown(quiet);
    // Registered in start-up order: the store first, the scheduler last.
    teardown.add('store', 'store', () => done.push('store'));
    teardown.add('drain', 'reaction batches', () => done.push('reaction batches'));
    teardown.add('inbound', 'http server', () => done.push('http server'));
    teardown.add('observe', 'metrics', () => done.push('metrics'));
    teardown.add('platforms', 'slack', () => done.push('slack'));
    teardown.add('platforms', 'discord', () => done.push('discord'));
    teardown.add('drain', 'scheduler', () => done.push('scheduler'));
    await teardown.stop();
    expect(done).toEqual(['http server', 'scheduler', 'reaction batches', 'discord', 'slack', 'metrics', 'store']);
  });

  it('closes inbound within the stop() call itself: nothing is admitted once stopping has begun', () => {
    const teardown = new Teardown(quiet);
    let open = true;
    teardown.add('inbound', 'gate', () => (open = false));
    void teardown.stop();
    expect(open).toBe(false);
  });

  it('runs every step once: a second stop returns the same promise, even after the first has finished', async () => {
    let stops = 0;
    const teardown = new Teardown(quiet);
    teardown.add('store', 'store', () => (stops += 1));
    const first = teardown.stop();
    expect(teardown.stop()).toBe(first);
    await first;
    await teardown.stop();
    expect(stops).toBe(1);
  });

  it('a failing step is logged by name and code, and the later steps still run', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const done: string[] = [];
    const teardown = new Teardown(log);
    teardown.add('store', 'store', () => done.push('store'));
    teardown.add('platforms', 'slack', () => {
      throw Object.assign(new Error('socket for C0STAFF01 refused'), { code: 'unavailable' });
    });
    await teardown.stop();
    expect(done).toEqual(['store']);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'shutdown step failed', phase: 'platforms', step: 'slack', error: 'Error', code: 'unavailable' });
    // The message may quote a channel or a person: it is not logged.
    expect(lines[0]).not.toContain('C0STAFF01');
  });
});
