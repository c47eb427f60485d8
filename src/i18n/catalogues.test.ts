import { describe, expect, it } from 'vitest';
import { CATALOGUES, completeMessages, datesAvailableIn, ENGLISH, ENGLISH_LOCALE, localeFor, localeOfCatalogue, type Catalogue } from './index.js';

const englishKeys = Object.keys(ENGLISH.messages).sort();
const translated = CATALOGUES.filter((c) => c !== ENGLISH);

describe('the shipped catalogues', () => {
  it('are English, Spanish, Portuguese, French, German, Dutch, Korean and Traditional Chinese', () => {
    expect(CATALOGUES.map((c) => c.tag)).toEqual(['en', 'es', 'pt', 'fr', 'de', 'nl', 'ko', 'zh-Hant']);
  });

  it.each(translated.map((c) => [c.tag, c] as const))('%s has every message key of the English catalogue, and no other', (_tag, catalogue) => {
    expect(Object.keys(catalogue.messages).sort()).toEqual(englishKeys);
    for (const [key, message] of Object.entries(catalogue.messages)) {
      expect(typeof message, key).toBe(typeof ENGLISH.messages[key as keyof typeof ENGLISH.messages]);
    }
  });

  it.each(translated.map((c) => [c.tag, c] as const))('%s keeps a glossary and says it has not been reviewed by a native speaker', (_tag, catalogue) => {
    expect(Object.keys(catalogue.glossary)).toEqual(expect.arrayContaining(['pray', 'address']));
    expect(catalogue.reviewed).toBe(false);
  });

  it('keep Discord command descriptions within 100 characters', () => {
    for (const catalogue of CATALOGUES) {
      for (const [key, message] of Object.entries(catalogue.messages)) {
        if (key.startsWith('command') && typeof message === 'string') expect(message.length, `${catalogue.tag} ${key}`).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('a message missing from a language', () => {
  const { footer: _footer, postTitle: _postTitle, ...rest } = localeFor('es').catalogue.messages;
  const partial: Catalogue = { ...localeFor('es').catalogue, messages: rest };

  it('falls back to English, never to its key', () => {
    const locale = localeOfCatalogue(partial);
    expect(locale.messages.footer).toBe('React 🙏 when you have prayed.');
    expect(locale.messages.postTitle({ date: locale.formatDate('2026-11-16') })).toBe('Prayer for lunes, 16 de noviembre de 2026');
    expect(locale.messages.fallback({ regions: 'América Latina' })).toBe('Oración de hoy: América Latina');
    expect(Object.values(completeMessages({})).every((m) => m !== undefined)).toBe(true);
    expect(completeMessages({ footer: undefined }).footer).toBe(ENGLISH_LOCALE.messages.footer);
  });
});

describe('a locale', () => {
  it('writes dates with Intl for its own tag (pt-BR reads the pt catalogue)', () => {
    const brazil = localeFor('pt-BR');
    expect(brazil.catalogue.tag).toBe('pt');
    expect(brazil.formatDate('2027-01-26')).toBe('terça-feira, 26 de janeiro de 2027');
    expect(localeFor('en-GB').formatDate('2027-01-26')).toBe('Tuesday, 26 January 2027');
    expect(ENGLISH_LOCALE.formatDate('2026-10-13')).toBe('Tuesday, October 13, 2026');
    // This Node has full ICU, as its official builds do (doctor says when one does not).
    for (const catalogue of CATALOGUES) expect(datesAvailableIn(catalogue.tag), catalogue.tag).toBe(true);
    expect(datesAvailableIn('es_MX')).toBe(false);
  });

  it('picks a translation by lookup, and the original when the organisation writes in that language', () => {
    const names = { es: 'América Latina', zh: '拉丁美洲 (简体)' };
    expect(localeFor('es-419').pick(names)).toBe('América Latina');
    expect(localeFor('de').pick(names)).toBeUndefined();
    expect(localeFor('zh-TW', 'zh-Hant').pick(names)).toBeUndefined(); // the original, not Simplified
    expect(localeFor('en-GB').readsOriginal).toBe(true);
    expect(localeFor('es').readsOriginal).toBe(false);
  });
});
