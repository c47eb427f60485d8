// Languages: what the bot itself writes (titles, dates, footers, /pray answers, digests,
// alerts) in each channel's language. Platform-neutral; the core imports it.
export { completeMessages, type Catalogue, type MessageKey, type Messages } from './catalogue.js';
export { CATALOGUES, ENGLISH } from './catalogues/index.js';
export { canonicalTag, lookupTag } from './lookup.js';
export { catalogueFor, datesAvailableIn, DEFAULT_LANGUAGE, ENGLISH_LOCALE, localeFor, localeOfCatalogue, type Locale } from './locale.js';
