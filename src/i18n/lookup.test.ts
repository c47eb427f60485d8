import { describe, expect, it } from 'vitest';
import { canonicalTag, catalogueFor, lookupTag } from './index.js';

describe('BCP 47 lookup of a channel language among the shipped catalogues', () => {
  const table: Array<[string, string]> = [
    ['pt-BR', 'pt'],
    ['es-419', 'es'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['de-CH', 'de'],
    ['fr-CA', 'fr'],
    ['ko-KR', 'ko'],
    ['nl-BE', 'nl'],
    ['xx', 'en'],
    ['en-GB', 'en'],
    ['zh-hant-tw', 'zh-Hant'],
    ['ES', 'es'],
    // Simplified Chinese is not shipped: those channels read English, not Traditional.
    ['zh', 'en'],
    ['zh-CN', 'en'],
    // Lookup, not "best fit": Catalan is not answered with Spanish.
    ['ca', 'en'],
    ['es_MX', 'en'], // not a tag at all
  ];
  it.each(table)('%s → %s', (tag, catalogue) => {
    expect(catalogueFor(tag).tag).toBe(catalogue);
  });
});

describe('lookupTag, shared by region names and week translations', () => {
  it('prefers the more specific of the tag as written and the tag with its likely script', () => {
    expect(lookupTag('zh-TW', ['zh', 'zh-Hant'])).toBe('zh-Hant');
    expect(lookupTag('zh-TW', ['zh', 'zh-TW'])).toBe('zh-TW');
    expect(lookupTag('pt-BR', ['pt', 'pt-BR'])).toBe('pt-BR');
    expect(lookupTag('pt-PT', ['pt', 'pt-BR'])).toBe('pt');
    expect(lookupTag('es-419', ['es'])).toBe('es');
  });

  it('matches keys written in any case and gives them back as written', () => {
    expect(lookupTag('zh-TW', ['zh-hant'])).toBe('zh-hant');
    expect(lookupTag('es', ['ES'])).toBe('ES');
  });

  it('finds nothing for another language or a tag that is not one', () => {
    expect(lookupTag('de', ['es', 'fr'])).toBeUndefined();
    expect(lookupTag('es', ['es-MX'])).toBeUndefined(); // lookup never widens what was asked
    expect(lookupTag('en_US', ['en'])).toBeUndefined();
    expect(lookupTag('es', ['not a tag'])).toBeUndefined();
  });

  it('spells tags canonically', () => {
    expect(canonicalTag('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(canonicalTag('EN-gb')).toBe('en-GB');
    expect(canonicalTag('en_US')).toBeUndefined();
    expect(canonicalTag(' es')).toBeUndefined();
  });
});
