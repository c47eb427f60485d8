// One part of a day's post as a platform-neutral document. Adapters render it as Block Kit,
// embeds or terminal text. The title names the date, so every message can be recognised as
// that day's post; the fallback (notifications, lock screens) names only regions — never a
// request's words. Everything the bot writes itself is in the channel's language (`locale`);
// requests and the verse come in that language where the week translates them.
import { ENGLISH_LOCALE, localeFor, type Locale } from '../i18n/index.js';
import { regionNameIn, requestIn, verseIn } from './language.js';
import type { PostDocument } from './ports.js';
import type { PostPart } from './types.js';

export const REACT_FOOTER = ENGLISH_LOCALE.messages.footer;

/** " (2 of 3)" for a part of a split post, "" for a whole one. */
export function partSuffix(part: Pick<PostPart, 'part' | 'partCount'>, locale: Locale = ENGLISH_LOCALE): string {
  return part.partCount > 1 ? locale.messages.partOf({ part: part.part + 1, count: part.partCount }) : '';
}

/** "Prayer for Tuesday, October 13, 2026", plus " (2 of 3)" for a part. */
export function postTitle(part: Pick<PostPart, 'date' | 'part' | 'partCount'>, locale: Locale = ENGLISH_LOCALE): string {
  return `${locale.messages.postTitle({ date: locale.formatDate(part.date) })}${partSuffix(part, locale)}`;
}

/**
 * "Today's prayer: Latin America"; several regions are joined with ", " (region names may
 * themselves hold "&", as in "Africa & Europe").
 */
export function postFallback(part: Pick<PostPart, 'sections' | 'part' | 'partCount'>, locale: Locale = ENGLISH_LOCALE): string {
  const names = part.sections.map((s) => regionNameIn(locale, s.region));
  return `${locale.messages.fallback({ regions: locale.list(names) })}${partSuffix(part, locale)}`;
}

/** The document of a part in its channel's `language` tag (the core uses `postDocumentIn`). */
export function postDocument(part: PostPart): PostDocument {
  return postDocumentIn(localeFor(part.channel.language), part);
}

/** The document of a part in `locale`: the core passes the channel's (`channelLocale`). */
export function postDocumentIn(locale: Locale, part: PostPart): PostDocument {
  const verse = verseIn(locale, part.verse);
  return {
    title: postTitle(part, locale),
    fallback: postFallback(part, locale),
    sections: part.sections.map((section) => ({
      heading: regionNameIn(locale, section.region),
      items: section.requests.map((r) => {
        const shown = requestIn(locale, r);
        const text = shown.text.trim();
        const title = shown.title?.trim();
        return title ? { title, text } : { text };
      }),
    })),
    verse: { text: verse.text.trim(), reference: verse.reference.trim() },
    footer: locale.messages.footer,
    ...(part.channel.prayedButton ? { prayedButton: { label: locale.messages.prayedButtonLabel, postKey: part.ledgerKey } } : {}),
  };
}
