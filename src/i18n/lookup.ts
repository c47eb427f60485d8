// BCP 47 language tags and RFC 4647 lookup, shared by the catalogues, `regions[].names` and
// a week's `translations`, so a channel finds the same language in all three.
//
// Lookup alone drops subtags from the end (`pt-BR` → `pt`, `es-419` → `es`), which never turns
// `zh-TW` or `zh-HK` into `zh-Hant`: the script is implied by the region. So a tag is looked
// up twice, as written and with its likely subtags added (`zh-TW` → `zh-Hant-TW`, through
// CLDR's likely-subtags data in Node's ICU), and the more specific of the two matches wins;
// on a tie, the tag as written. @formatjs/intl-localematcher's own "best fit" does find
// zh-Hant, but it is not lookup: it also answers Spanish for Catalan or Basque and French
// for Breton, where a channel should get the organisation's default instead.
import { match } from '@formatjs/intl-localematcher';

/** The canonical spelling of a BCP 47 tag (`zh-hant-tw` → `zh-Hant-TW`), or undefined when it is not one. */
export function canonicalTag(tag: string): string | undefined {
  if (tag.trim() !== tag || tag === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** Never a real tag's answer: what `match` returns when nothing matched. */
const NONE = 'und-x-none';

function subtagCount(tag: string): number {
  return tag.split('-').length;
}

/**
 * The key of `available` that `requested` finds by RFC 4647 lookup (with the likely script
 * added, see above), or undefined. Keys may be written in any case; the key is returned as
 * written.
 */
export function lookupTag(requested: string, available: readonly string[]): string | undefined {
  const wanted = canonicalTag(requested);
  if (wanted === undefined || available.length === 0) return undefined;
  const byCanonical = new Map<string, string>();
  for (const key of available) {
    const canonical = canonicalTag(key);
    if (canonical !== undefined && !byCanonical.has(canonical)) byCanonical.set(canonical, key);
  }
  const keys = [...byCanonical.keys()];
  if (keys.length === 0) return undefined;
  const find = (tag: string): string | undefined => {
    const found = match([tag], keys, NONE, { algorithm: 'lookup' });
    return found === NONE ? undefined : byCanonical.get(found);
  };
  const asWritten = find(wanted);
  const likely = new Intl.Locale(wanted).maximize().baseName;
  const withScript = likely === wanted ? undefined : find(likely);
  if (withScript !== undefined && (asWritten === undefined || subtagCount(withScript) > subtagCount(asWritten))) return withScript;
  return asWritten;
}
