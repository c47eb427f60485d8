// `prayerbot doctor`: checks the set-up end to end and says what to fix. The first thing a
// new operator runs. Exit 0 when everything is fine, 1 when something needs fixing.
import type { GlobalOptions } from '../cli.js';
import { checkPlan } from '../config/saved-weeks.js';
import { buildPlanState } from '../core/plan-state.js';
import { systemClock, type ChannelInspection, type ChatPlatform } from '../core/ports.js';
import { privacyVerdict, reportChannelVerdict, type GuardVerdict } from '../core/privacy.js';
import { formatInstantIn, mondayOf, todayIn } from '../core/time.js';
import { formatProblem, type ChannelConfig, type Config } from '../core/types.js';
import { datesAvailableIn } from '../i18n/index.js';
import { EnvError, loadDotEnv, readEnv, secretValues, type Env } from '../env.js';
import { createLogger, redact } from '../logger.js';
import { createPlatforms } from '../runtime/platforms.js';
import { openStore } from '../store/open-store.js';
import { savedWeeksOrWarn } from './saved-weeks.js';

interface Line {
  ok: boolean;
  text: string;
}

/** Platforms that can examine their own set-up (tokens, scopes, channels). */
interface SelfChecking {
  doctor(channels: ChannelConfig[], options?: { retire?: 'delete' | 'edit' }): Promise<Line[]>;
}

function selfChecking(platform: ChatPlatform): platform is ChatPlatform & SelfChecking {
  return typeof (platform as Partial<SelfChecking>).doctor === 'function';
}

/**
 * Each channel as the bot itself judges it (the core's privacy guard and the staff-channel
 * rules of staff_report), so doctor and the bot never disagree about what is refused.
 */
async function privacyLines(platforms: ChatPlatform[], config: Config): Promise<Line[]> {
  const lines: Line[] = [];
  const judge = async (platform: ChatPlatform, channelId: string, verdict: (facts: ChannelInspection) => GuardVerdict, ok: string, refused: string) => {
    const where = `${platform.name}:${channelId}`;
    try {
      const v = verdict(await platform.inspectChannel(channelId));
      lines.push(v.allowed ? { ok: true, text: `${where}: ${ok}` } : { ok: false, text: `${where}: ${refused}: ${v.reason}` });
    } catch (error) {
      lines.push({ ok: false, text: `${where}: could not be checked (${error instanceof Error ? error.message : String(error)})` });
    }
  };
  for (const platform of platforms) {
    for (const channel of config.channels.filter((c) => c.platform === platform.name)) {
      await judge(platform, channel.id, (facts) => privacyVerdict(channel, facts), `posts allowed (${channel.audience})`, 'posts will be refused');
    }
    for (const target of config.staffReport.filter((t) => t.platform === platform.name)) {
      await judge(platform, target.id, reportChannelVerdict, 'staff reports allowed (a private staff channel)', 'staff_report channel refused — digests and alerts are not sent there');
    }
  }
  return lines;
}

export async function doctorCommand(globals: GlobalOptions): Promise<number> {
  const lines: Array<Line & { section: string }> = [];
  const say = (section: string, ok: boolean, text: string) => lines.push({ section, ok, text });
  loadDotEnv();
  const secrets = secretValues();

  let env: Env | undefined;
  try {
    env = readEnv();
    say('environment', true, `platforms with tokens: ${[env.slack && `slack (${env.slack.appToken ? 'Socket Mode' : 'HTTP on PORT ' + env.port + ', POST /slack/events'})`, env.discord && 'discord'].filter(Boolean).join(', ') || 'none — `prayerbot run` starts the console chat'}`);
    if (env.discord && !env.discord.applicationId) say('environment', false, 'DISCORD_APPLICATION_ID is not set: deploy-commands needs it');
  } catch (error) {
    say('environment', false, error instanceof EnvError ? error.message : String(error));
  }

  // The plan includes the weeks saved on the coordinator page; an unreachable store is
  // reported under "store" below.
  const checked = await checkPlan(globals.config, globals.prompts, await savedWeeksOrWarn('doctor', () => undefined));
  const errors = checked.problems.filter((p) => p.severity === 'error');
  for (const p of checked.problems) say('plan', p.severity !== 'error', formatProblem(p));
  if (checked.config) {
    say('plan', errors.length === 0, `${checked.weeks.length} week(s) in ${globals.prompts} and saved on the coordinator page; ${errors.length} error(s)`);
    const config = checked.config;
    const now = systemClock.now();
    const today = todayIn(config.timezone, now);
    say('clock', true, `now ${formatInstantIn(now, config.timezone)} in ${config.timezone}`);
    const state = buildPlanState(config, checked.weeks);
    const next = state.days.find((d) => d.postAt > now && d.requests.length > 0);
    say('plan', next !== undefined, next ? `next post: ${formatInstantIn(next.postAt, config.timezone)} (${next.date})` : `no post is planned after today: add prompts/${mondayOf(today)}.yaml or a later week`);
    if (!checked.weeks.some((w) => w.week === mondayOf(today))) say('plan', false, `no plan for this week (prompts/${mondayOf(today)}.yaml): nothing is posted until it exists`);
    if (config.staffReport.length === 0) say('plan', false, 'staff_report is empty: alerts and tallies reach nobody');
    const languages = [...new Set([config.language ?? 'en', ...config.channels.map((c) => c.language ?? 'en'), ...config.staffReport.map((t) => t.language ?? 'en')])];
    const without = languages.filter((tag) => !datesAvailableIn(tag));
    say('languages', without.length === 0, without.length === 0
      ? `${languages.join(', ')}: dates from Node's ICU ${process.versions.icu ?? ''}`.trim()
      : `this Node has no ICU data for ${without.join(', ')}: dates there are written in English; run Node's official build (full ICU)`);
  }

  if (env) {
    try {
      const store = await openStore(env.databaseUrl);
      const weeks = await store.weeksWithKeys();
      say('store', true, `${store.kind} reachable and migrated (${weeks.length} week key(s) held)`);
      await store.close();
    } catch (error) {
      say('store', false, redact(error instanceof Error ? error.message : String(error), secrets));
    }
    const config = checked.config;
    if (config && (env.slack || env.discord)) {
      const log = await createLogger({ level: 'error', secrets, destination: process.stderr });
      try {
        const { platforms } = await createPlatforms(env, () => config, log, systemClock);
        for (const platform of platforms) {
          if (!selfChecking(platform)) continue;
          const channels = config.channels.filter((c) => c.platform === platform.name);
          const staff = config.staffReport.filter((t) => t.platform === platform.name).map((t) => ({ platform: t.platform, id: t.id, audience: 'staff' as const, allowPublic: false }));
          try {
            for (const line of await platform.doctor([...channels, ...staff.filter((s) => !channels.some((c) => c.id === s.id))], { retire: config.retire })) say(platform.name, line.ok, line.text);
          } catch (error) {
            say(platform.name, false, redact(error instanceof Error ? error.message : String(error), secrets));
          }
        }
        for (const line of await privacyLines(platforms, config)) say('privacy', line.ok, line.text);
      } catch (error) {
        say('platforms', false, redact(error instanceof Error ? error.message : String(error), secrets));
      }
    }
  }

  for (const section of new Set(lines.map((l) => l.section))) {
    console.log(`\n${section}`);
    for (const line of lines.filter((l) => l.section === section)) console.log(`  ${line.ok ? '✓' : '✗'} ${redact(line.text, secrets)}`);
  }
  const bad = lines.filter((l) => !l.ok).length;
  console.log(bad === 0 ? '\nAll good.' : `\n${bad} thing(s) to fix.`);
  return bad === 0 ? 0 : 1;
}
