// Which channels will read a week in the original language because the week has nothing in
// theirs: `check` and `preview` warn, at the verse, so a coordinator can add translations or
// accept the original. A week translated in part is not warned about: `preview` marks each
// request it leaves in the original ("untranslated: es"). Nothing is ever machine-translated.
import { channelLocale, isUntranslated, type Locale } from './language.js';
import { channelMayCarry } from './plan/channel-posts.js';
import type { ChannelConfig, Config, PlanIssue, WeekPlan } from './types.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** `es (Spanish)`, for messages. */
export function describeLanguage(tag: string): string {
  const name = languageNames.of(tag);
  return name && name !== tag ? `${tag} (${name})` : tag;
}

/** One warning per channel language that a week does not translate at all (what those channels carry). */
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
    const carried = week.requests.filter((r) => channels.some((c) => channelMayCarry(c, r)));
    // A channel that receives nothing this week reads nothing in the original.
    if (carried.length === 0) continue;
    const missing = isUntranslated(locale, week.verse.translations) && carried.every((r) => isUntranslated(locale, r.translations));
    if (!missing) continue;
    const where = channels.map((c) => `${c.platform} ${c.id}`).join(', ');
    const requests = carried.length === 1 ? 'its request' : `all ${carried.length} of its requests`;
    issues.push({
      severity: 'warning',
      file: 'week',
      path: ['verse'],
      message: `nothing in this week is translated into ${describeLanguage(tag)}: ${where} (language ${tag}) will show the verse and ${requests} in the original; add translations.${tag} (see docs/week-file.md) or leave it so`,
    });
  }
  return issues;
}
