// Which channels will read a week partly or wholly in the original language: `check` and
// `preview` warn, so a coordinator can add the translations or accept the original. Nothing is
// ever machine-translated.
import { channelLocale, isUntranslated, type Locale } from './language.js';
import { channelMayCarry } from './plan/channel-posts.js';
import type { ChannelConfig, Config, PlanIssue, WeekPlan } from './types.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** `es (Spanish)`, for messages. */
export function describeLanguage(tag: string): string {
  const name = languageNames.of(tag);
  return name && name !== tag ? `${tag} (${name})` : tag;
}

/** Request ids of `week` a channel of this language will show in the original, and the verse. */
export function untranslatedIn(locale: Locale, week: WeekPlan, channels: ChannelConfig[]): { verse: boolean; requests: number[] } {
  const carried = week.requests
    .map((request, i) => ({ request, i }))
    .filter(({ request }) => channels.some((c) => channelMayCarry(c, request)));
  if (carried.length === 0) return { verse: false, requests: [] };
  return {
    verse: isUntranslated(locale, week.verse.translations),
    requests: carried.filter(({ request }) => isUntranslated(locale, request.translations)).map(({ i }) => i),
  };
}

/**
 * One warning per channel language a week does not fully cover (only what those channels
 * would carry counts), at the first untranslated item.
 */
export function translationIssues(config: Config, week: WeekPlan): PlanIssue[] {
  const byTag = new Map<string, { locale: Locale; channels: ChannelConfig[] }>();
  for (const channel of config.channels) {
    const locale = channelLocale(config, channel);
    if (locale.readsOriginal) continue;
    const group = byTag.get(locale.tag) ?? { locale, channels: [] };
    group.channels.push(channel);
    byTag.set(locale.tag, group);
  }
  const issues: PlanIssue[] = [];
  for (const [tag, { locale, channels }] of byTag) {
    const missing = untranslatedIn(locale, week, channels);
    if (!missing.verse && missing.requests.length === 0) continue;
    const ids = missing.requests.map((i) => week.requests[i]!.id);
    const carried = week.requests.filter((r) => channels.some((c) => channelMayCarry(c, r))).length;
    const what = [
      ...(missing.verse ? ['the verse'] : []),
      ...(ids.length === 0 ? [] : ids.length === carried ? [carried === 1 ? 'its request' : `all ${carried} requests`] : [`${ids.length === 1 ? 'request' : 'requests'} ${ids.join(', ')}`]),
    ].join(' and ');
    const where = channels.map((c) => `${c.platform} ${c.id}`).join(', ');
    const them = missing.verse && ids.length === 0 ? 'it' : 'them';
    issues.push({
      severity: 'warning',
      file: 'week',
      path: missing.verse ? ['verse'] : ['requests', missing.requests[0]!],
      message: `no ${describeLanguage(tag)} translation of ${what}: ${where} (language ${tag}) will show ${them} in the original; add translations.${tag} or leave it so`,
    });
  }
  return issues;
}
