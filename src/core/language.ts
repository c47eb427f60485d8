// Which language the bot writes in, where, and what a week's translations give that
// language. A channel's `language`, else the config's, else English; a staff report
// channel's likewise. Region names and a week's verse and requests are chosen by BCP 47
// lookup among their translations and the organisation's own language (config `language`):
// a channel whose language a week lacks gets the original text.
import { DEFAULT_LANGUAGE, localeFor, type Locale } from '../i18n/index.js';
import type { ChannelConfig, Config, PrayerRequest, Region, StaffReportTarget, Verse } from './types.js';

export type { Locale };

/** The organisation's language: the one its config and week files are written in. */
export function originalLanguage(config: Pick<Config, 'language'>): string {
  return config.language ?? DEFAULT_LANGUAGE;
}

/** The locale of what the bot writes in `channel` (posts, /pray answers, refusals). */
export function channelLocale(config: Pick<Config, 'language'>, channel: Pick<ChannelConfig, 'language'>): Locale {
  return localeFor(channel.language ?? originalLanguage(config), originalLanguage(config));
}

/** The locale of the digest and alerts sent to a staff report channel. */
export function reportLocale(config: Pick<Config, 'language'>, target: Pick<StaffReportTarget, 'language'>): Locale {
  return localeFor(target.language ?? originalLanguage(config), originalLanguage(config));
}

/** A region's name in the locale's language (`regions[].names`), else its name. */
export function regionNameIn(locale: Locale, region: Region): string {
  return locale.pick(region.names) ?? region.name;
}

/** A request's text and title in the locale's language, and whether that is a translation. */
export function requestIn(locale: Locale, request: Pick<PrayerRequest, 'text' | 'title' | 'translations'>): { text: string; title?: string; translated: boolean } {
  const translation = locale.pick(request.translations);
  if (!translation) return { text: request.text, ...(request.title !== undefined ? { title: request.title } : {}), translated: false };
  const title = translation.title ?? request.title;
  return { text: translation.text, ...(title !== undefined ? { title } : {}), translated: true };
}

/** The verse in the locale's language, else the original. */
export function verseIn(locale: Locale, verse: Verse): { text: string; reference: string } {
  const translation = locale.pick(verse.translations);
  return translation ? { text: translation.text, reference: translation.reference } : { text: verse.text, reference: verse.reference };
}

/**
 * Whether a channel reading `locale` gets this text untranslated: its language is not the
 * original's and the week gives no translation for it. `preview` and `check` say so.
 */
export function isUntranslated(locale: Locale, translations: Readonly<Record<string, unknown>> | undefined): boolean {
  return !locale.readsOriginal && locale.pick(translations) === undefined;
}
