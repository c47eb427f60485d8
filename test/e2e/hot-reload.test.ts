// Edits to prompts/ and config/ apply without a restart; a broken edit keeps the last good
// plan running and staff get the file:line:col error.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/main.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { configYaml, tempProject, weekYaml, type Project } from './project.js';

let project: Project | undefined;
let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.stop();
  project?.remove();
});

function until(check: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() - started > ms ? reject(new Error('timed out')) : setTimeout(tick, 50));
    tick();
  });
}

describe('hot reload', () => {
  it('applies a good edit, and keeps the last good plan on a broken one while telling staff where', async () => {
    project = tempProject(configYaml({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }));
    project.writeWeek('2026-10-12', weekYaml('2026-10-12'));
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    bot = await startBot({
      configPath: project.configPath,
      promptsDir: project.promptsDir,
      env: { databaseUrl: 'sqlite::memory:', port: 0, logLevel: 'silent' },
      secrets: [],
      clock: new FakeClock(new Date('2026-10-13T14:00:00Z')),
      input: new PassThrough(),
      output,
    });
    const ask = async (text: string) => {
      const answer = await bot!.bot.pray({ platform: 'console', channelId: 'console', userId: 'me', roleIds: [], text });
      return answer.kind === 'text' ? answer.text : JSON.stringify(answer.doc);
    };
    expect(await ask('latam')).toContain('Pray for the latin-america team');

    // A good edit is picked up.
    project.writeWeek('2026-10-12', weekYaml('2026-10-12').replace('Pray for the latin-america team', 'Pray for the edited latin-america team'));
    await until(() => bot!.bot.ctx.plan().weeks[0]!.requests.some((r) => r.text.includes('edited')));
    expect(await ask('latam')).toContain('Pray for the edited latin-america team');

    // A broken edit: an unknown region on line 8. The edited plan keeps running.
    project.writeWeek('2026-10-12', weekYaml('2026-10-12').replace('region: latin-america', 'region: latin-amerika'));
    await until(() => printed.includes('An edit to the plan has errors'));
    expect(printed).toMatch(/2026-10-12\.yaml:8:13: unknown region "latin-amerika"/);
    expect(await ask('latam')).toContain('Pray for the edited latin-america team');
  });
});
