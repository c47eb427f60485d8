// A channel's language, resolved once: its messages (English filling any gap), its date
// format, and the choice among a config's or a week's translations. Resolved once per tag and
// kept, so the /pray hot path only looks a tag up in a map.
import { completeMessages, type Catalogue, type Messages } from './catalogue.js';
import { CATALOGUES, ENGLISH } from './catalogues/index.js';
import { canonicalTag, lookupTag } from './lookup.js';

export const DEFAULT_LANGUAGE = 'en';

export interface Locale {
  /** The tag as configured (canonical spelling), e.g. `pt-BR`: dates are written for it. */
  readonly tag: string;
  /** The language the organisation writes its config and week files in (config `language`). */
  readonly original: string;
  /** True when this language reads the original text as it is (`en-GB` reads `en`). */
  readonly readsOriginal: boolean;
  /** The catalogue its messages come from, e.g. `pt` (English when none matches). */
  readonly catalogue: Catalogue;
  readonly messages: Messages;
  /** A `YYYY-MM-DD` calendar date in full: "lunes, 16 de noviembre de 2026". */
  formatDate(date: string): string;
  /** Region names joined as a list. */
  list(items: readonly string[]): string;
  /**
   * The entry of `byTag` (e.g. `regions[].names`, a request's `translations`) written for this
   * language, found by BCP 47 lookup among those tags and the original's; undefined when the
   * original text is the better match or nothing matches (then the original is shown).
   */
  pick<T>(byTag: Readonly<Record<string, T>> | undefined): T | undefined;
}

/** The shipped catalogue a tag finds (English when none matches, or the tag is not one). */
export function catalogueFor(tag: string): Catalogue {
  const found = lookupTag(tag, CATALOGUES.map((c) => c.tag));
  return CATALOGUES.find((c) => c.tag === found) ?? ENGLISH;
}

class ResolvedLocale implements Locale {
  readonly messages: Messages;
  readonly readsOriginal: boolean;
  private readonly dates: Intl.DateTimeFormat;
  /** Per translations object (config and weeks are replaced whole on reload): the key chosen. */
  private readonly picked = new WeakMap<object, string | null>();

  constructor(
    readonly tag: string,
    readonly catalogue: Catalogue,
    readonly original: string,
  ) {
    this.messages = completeMessages(catalogue.messages);
    this.readsOriginal = lookupTag(tag, [original]) !== undefined;
    // A calendar date is written as that date's midnight in UTC, so no zone can move it.
    this.dates = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeZone: 'UTC' });
  }

  formatDate(date: string): string {
    const [year, month, day] = date.split('-').map(Number);
    return this.dates.format(new Date(Date.UTC(year!, month! - 1, day!)));
  }

  list(items: readonly string[]): string {
    return items.join(this.messages.listSeparator);
  }

  pick<T>(byTag: Readonly<Record<string, T>> | undefined): T | undefined {
    if (byTag === undefined) return undefined;
    let key = this.picked.get(byTag);
    if (key === undefined) {
      const keys = Object.keys(byTag);
      // The original takes part in the lookup: a zh-TW channel of an organisation writing in
      // zh-Hant keeps the original rather than a `zh` (Simplified) translation.
      const found = lookupTag(this.tag, [...keys, this.original]);
      key = found !== undefined && keys.includes(found) ? found : null;
      this.picked.set(byTag, key);
    }
    return key === null ? undefined : byTag[key];
  }
}

const resolved = new Map<string, Locale>();

/**
 * The locale of a BCP 47 tag for an organisation writing in `original`, resolved once per
 * process (a config names a handful). A tag that is not valid BCP 47 reads as English;
 * `check` reports it.
 */
export function localeFor(tag: string = DEFAULT_LANGUAGE, original: string = DEFAULT_LANGUAGE): Locale {
  const key = `${tag}\n${original}`;
  let locale = resolved.get(key);
  if (!locale) {
    const canonical = canonicalTag(tag) ?? DEFAULT_LANGUAGE;
    locale = new ResolvedLocale(canonical, catalogueFor(canonical), canonicalTag(original) ?? DEFAULT_LANGUAGE);
    resolved.set(key, locale);
  }
  return locale;
}

/** A locale reading from `catalogue` (tests, and checking a catalogue before it ships). */
export function localeOfCatalogue(catalogue: Catalogue, tag: string = catalogue.tag, original: string = DEFAULT_LANGUAGE): Locale {
  return new ResolvedLocale(tag, catalogue, original);
}

export const ENGLISH_LOCALE: Locale = localeFor(DEFAULT_LANGUAGE);

/**
 * Whether this Node can write dates in `tag`'s language. Node's official builds carry full
 * ICU; a build with English-only ICU would write every date in English (`doctor` says so).
 */
export function datesAvailableIn(tag: string): boolean {
  const canonical = canonicalTag(tag);
  return canonical !== undefined && Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0;
}
