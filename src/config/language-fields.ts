// Language tags in the config and week files: `language:` (top level, per channel, per staff
// report channel), the keys of `regions[].names` and of a week's `translations`.
import * as z from 'zod';
import { canonicalTag, catalogueFor, CATALOGUES } from '../i18n/index.js';
import { normalizeName } from './suggest.js';

const SHIPPED = CATALOGUES.map((c) => c.tag).join(', ');

/** `(use "es")` when `written` is the name of a shipped language ("Spanish", "español"). */
function nameHint(written: string): string {
  const key = normalizeName(written);
  const named = CATALOGUES.find((c) => normalizeName(c.name) === key || normalizeName(c.nativeName) === key);
  return named ? ` (use "${named.tag}")` : '';
}

/** Why `value` is not a BCP 47 language tag, or undefined when it is one. */
export function languageProblem(value: string): string | undefined {
  if (canonicalTag(value) !== undefined) return undefined;
  const hyphen = value.includes('_') ? `; tags use "-", not "_" (${JSON.stringify(value.replaceAll('_', '-'))})` : '';
  return `${JSON.stringify(value)} is not a BCP 47 language tag${nameHint(value)}${hyphen}; write one such as "en", "es", "pt-BR" or "zh-Hant"`;
}

/**
 * A warning for a valid tag the bot has no messages for: what the bot writes there is
 * English (region names and week translations under that tag are still used).
 */
export function unshippedLanguageWarning(value: string): string | undefined {
  const tag = canonicalTag(value);
  if (tag === undefined || catalogueFor(tag).tag !== 'en' || new Intl.Locale(tag).language === 'en') return undefined;
  return `the bot has no messages in "${value}"${nameHint(value)}: what it writes there is in English (it has ${SHIPPED}); region names and week translations for "${value}" are still used`;
}

/** A BCP 47 language tag (`es`, `pt-BR`, `zh-Hant`). */
export const languageTag = z.string().superRefine((value, ctx) => {
  const message = languageProblem(value);
  if (message) ctx.addIssue({ code: 'custom', message });
});
