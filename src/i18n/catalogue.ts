// What a language ships: its messages, typed from the English catalogue, and the notes that
// keep its translations consistent.
import { english } from './catalogues/en.js';

/** Every message the bot writes, keyed as in the English catalogue, with its parameters. */
export type Messages = typeof english;
export type MessageKey = keyof Messages;

export interface Catalogue {
  /** The BCP 47 tag channels are matched against (`pt-BR` finds `pt`, `zh-TW` finds `zh-Hant`). */
  tag: string;
  /** The language's name in English and in itself, for docs and `check`. */
  name: string;
  nativeName: string;
  /**
   * Whether a native speaker has reviewed the catalogue: `source` for English (every other
   * catalogue is translated from it), `false` until a native speaker has (none has yet; the
   * docs say so), then who and when.
   */
  reviewed: 'source' | false | { by: string; on: string };
  /**
   * The words and register every message keeps to (e.g. Spanish "orar", not "rezar"; formal
   * address), so later edits stay consistent.
   */
  glossary: Readonly<Record<string, string>>;
  /** A missing message falls back to English. */
  messages: Partial<Messages>;
}

/** A language's messages with every gap filled from English, never with a key name. */
export function completeMessages(messages: Partial<Messages>): Messages {
  const present = Object.fromEntries(Object.entries(messages).filter(([key, message]) => message !== undefined && key in english));
  return { ...english, ...(present as Partial<Messages>) };
}
